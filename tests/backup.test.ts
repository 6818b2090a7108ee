// Backups verified and rotated, restore, and recovery of a damaged database, on real files.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AppContext } from '../src-main/app/context';
import { dataPaths } from '../src-main/app/paths';
import { automaticBackup, listBackups, verifyDatabaseFile, writeBackup } from '../src-main/db/backup';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { migrateToLatest, migratorFor, pendingMigrations } from '../src-main/db/migrate';
import { Store } from '../src-main/db/store';
import { openStore } from '../src-main/db/open';
import { addAttachment, readAttachment } from '../src-main/retirees/attachments';
import { createPerson, getPerson } from '../src-main/retirees/persons';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { router, tempDir, person, TEST_PASSWORD } from './helpers';
import { fillDisk, mountTmpfs, unmountAll, whyNoMount } from './storageFixtures';

const open: AppContext[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const c of open.splice(0)) c.close();
  unmountAll();
});

async function start(dbPath: string): Promise<AppContext> {
  const ctx = await AppContext.start({ dbPath });
  open.push(ctx);
  return ctx;
}

const count = (ctx: AppContext) =>
  (ctx.store.raw.prepare('select count(*) as n from persons').get() as { n: number }).n;

describe('backups', () => {
  test('the first start takes a verified daily and weekly backup, and not again the same day', async () => {
    const ctx = await start(path.join(tempDir(), 'office.sqlite'));
    const kinds = ctx
      .listBackups()
      .map((b) => b.kind)
      .sort();
    expect(kinds).toEqual(['daily', 'weekly']);
    for (const b of ctx.listBackups()) expect(verifyDatabaseFile(path.join(ctx.paths.backupsDir, b.name))).toBe('ok');
    expect(await ctx.automaticBackup()).toEqual([]);
    expect(fs.readdirSync(ctx.paths.backupsDir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  test('rotation keeps 7 daily and 4 weekly backups, and every manual one', async () => {
    const ctx = await start(path.join(tempDir(), 'office.sqlite'));
    const dir = path.join(tempDir(), 'rotating');
    for (let day = 0; day < 40; day++) {
      await automaticBackup(ctx.store, dir, new Date(2026, 0, 1 + day, 9, 0, 0));
    }
    await writeBackup(ctx.store, dir, 'manual', new Date(2026, 0, 2));
    const list = listBackups(dir);
    expect(list.filter((b) => b.kind === 'daily').map((b) => b.takenAt.slice(0, 10))).toEqual([
      '2026-02-09',
      '2026-02-08',
      '2026-02-07',
      '2026-02-06',
      '2026-02-05',
      '2026-02-04',
      '2026-02-03',
    ]);
    expect(list.filter((b) => b.kind === 'weekly').map((b) => b.takenAt.slice(0, 10))).toEqual([
      '2026-02-09',
      '2026-02-02',
      '2026-01-26',
      '2026-01-19',
    ]);
    expect(list.filter((b) => b.kind === 'manual')).toHaveLength(1);
  });

  test('attachments are in the backup', async () => {
    const ctx = await start(path.join(tempDir(), 'office.sqlite'));
    saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
    const p = createPerson(ctx.store, person(), { acceptWarnings: false });
    const a = addAttachment(ctx.store, {
      personId: p.id,
      fileName: '照片.jpg',
      mime: 'image/jpeg',
      data: Buffer.from([0xff, 0xd8, 1, 2, 3]),
      note: null,
    });
    const b = await ctx.backupNow();
    const copy = openStore(path.join(ctx.paths.backupsDir, b.name), { readonly: true });
    expect([...readAttachment(copy, a.id).data]).toEqual([0xff, 0xd8, 1, 2, 3]);
    copy.close();
  });

  test('restore puts the backup in place and keeps the current database aside', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const ctx = await start(dbPath);
    saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
    const p = createPerson(ctx.store, person({ address: '兴华街' }), { acceptWarnings: false });
    const backup = await ctx.backupNow();
    createPerson(ctx.store, person({ name: '李秀英' }), { acceptWarnings: false });
    expect(count(ctx)).toBe(2);

    const r = await ctx.restore(backup.name);
    expect(count(ctx)).toBe(1);
    expect(getPerson(ctx.store, p.id).address).toBe('兴华街');
    // The replaced database is kept, whole, with the person added after the backup.
    const aside = openStore(r.keptAsideAs, { readonly: true });
    expect((aside.raw.prepare('select count(*) as n from persons').get() as { n: number }).n).toBe(2);
    aside.close();
  });

  test('an unknown or damaged backup is refused and nothing changes', async () => {
    const ctx = await start(path.join(tempDir(), 'office.sqlite'));
    await expect(ctx.restore('manual-20260101-000000.sqlite')).rejects.toThrow('没有找到这个备份文件');
    const bad = path.join(ctx.paths.backupsDir, 'manual-20260101-000000.sqlite');
    fs.writeFileSync(bad, 'not a database');
    await expect(ctx.restore('manual-20260101-000000.sqlite')).rejects.toThrow('这个备份无法使用');
    expect(fs.existsSync(ctx.paths.keptAsideDir)).toBe(false);
    expect(count(ctx)).toBe(0);
  });

  test('a backup is taken before migrations run on an existing database', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const old = openStore(dbPath);
    const { error } = await migratorFor(old).migrateTo('0001-core');
    if (error) throw error;
    old.close();
    const ctx = await start(dbPath);
    const pre = ctx.listBackups().filter((b) => b.kind === 'pre-migration');
    expect(pre).toHaveLength(1);
    const copy = openStore(path.join(ctx.paths.backupsDir, pre[0].name), { readonly: true });
    expect(copy.raw.prepare("select 1 from sqlite_master where name = 'person_search'").get()).toBeUndefined();
    copy.close();
  });
});

const root = path.resolve(import.meta.dirname, '..');
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const setting = (ctx: AppContext, key: string) =>
  (ctx.store.raw.prepare('select value from settings where key = ?').get(key) as { value: string } | undefined)?.value;

/**
 * Another process (the CLI importing, say) in the middle of a write transaction on `dbPath`, until
 * `commit` is called.
 */
async function holdWriteLock(dbPath: string): Promise<{ commit(): Promise<void> }> {
  const script = `
    const Database = require(${JSON.stringify(path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers'))});
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    db.exec("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('written_by_other_process', 'yes')");
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
  `;
  const child = spawn(process.execPath, ['-e', script, dbPath], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the writing process exited early (${code})`)));
  });
  child.removeAllListeners('exit');
  return {
    commit: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.write('go\n');
      }),
  };
}

/** A configured database with one person, a manual backup of it, then a second person. */
async function withBackup(dbPath = path.join(tempDir(), 'office.sqlite')) {
  const ctx = await start(dbPath);
  await ctx.setup({ orgName: '单位', operatorName: '王干事', password: TEST_PASSWORD });
  createPerson(ctx.store, person({ address: '兴华街' }), { acceptWarnings: false });
  const backup = await ctx.backupNow();
  createPerson(ctx.store, person({ name: '李秀英' }), { acceptWarnings: false });
  return { ctx, dbPath, backup, backupFile: path.join(ctx.paths.backupsDir, backup.name) };
}

const keptAside = (ctx: AppContext) =>
  fs.existsSync(ctx.paths.keptAsideDir) ? fs.readdirSync(ctx.paths.keptAsideDir) : [];

describe('restore writes into the open database (issue 13, item 2)', () => {
  test('the file is not replaced: the same connection, and every other one, sees the backup at once', async () => {
    const { ctx, dbPath, backup } = await withBackup();
    const inode = fs.statSync(dbPath).ino;
    const storeBefore = ctx.store;
    // Another connection to the file, as the import worker or the CLI holds one.
    const other = openStore(dbPath);
    try {
      const r = await router(() => ctx).call<{ keptAsideAs: string }>('backups.restore', { name: backup.name });
      expect(ctx.store).toBe(storeBefore);
      expect(fs.statSync(dbPath).ino).toBe(inode);
      expect(count(ctx)).toBe(1);
      expect((other.raw.prepare('select count(*) as n from persons').get() as { n: number }).n).toBe(1);
      // The database as it was just before is kept, verified, with the person added after the backup.
      expect(verifyDatabaseFile(r.keptAsideAs)).toBe('ok');
      const aside = openStore(r.keptAsideAs, { readonly: true });
      expect((aside.raw.prepare('select count(*) as n from persons').get() as { n: number }).n).toBe(2);
      aside.close();
      // And the app goes on saving.
      createPerson(ctx.store, person({ name: '赵淑珍' }), { acceptWarnings: false });
      expect(count(ctx)).toBe(2);
      expect(ctx.store.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
  });

  test('while another process writes, restore is refused in Chinese, both databases stay as they were, the app answers', async () => {
    const { ctx, backup, backupFile } = await withBackup();
    const backupHash = sha(backupFile);
    const other = await holdWriteLock(ctx.paths.dbPath);
    try {
      const refusal = await router(() => ctx).refusal('backups.restore', { name: backup.name });
      expect(refusal.code).toBe('busy');
      expect(refusal.message).toMatch(/^另一个程序正在使用数据库（.+）/);
      expect(refusal.message).toContain('未作任何改动');
      // The app still answers while the other process holds its transaction.
      expect((await router(() => ctx).call<{ dbPath: string }>('app.info', {})).dbPath).toBe(ctx.paths.dbPath);
      expect(count(ctx)).toBe(2);
    } finally {
      await other.commit();
    }
    // The other process's work went into the database the app uses, not into a file moved aside.
    expect(setting(ctx, 'written_by_other_process')).toBe('yes');
    expect(count(ctx)).toBe(2);
    expect(keptAside(ctx)).toEqual([]);
    expect(sha(backupFile)).toBe(backupHash);
    createPerson(ctx.store, person({ name: '赵淑珍' }), { acceptWarnings: false });
    expect(count(ctx)).toBe(3);
  });

  test('a restore failing midway (an I/O error once the copy has begun) leaves everything as it was and the app working', async () => {
    const { ctx, backup, backupFile } = await withBackup();
    const backupHash = sha(backupFile);
    vi.spyOn(fs, 'fsyncSync').mockImplementation(() => {
      throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    });
    const refusal = await router(() => ctx).refusal('backups.restore', { name: backup.name });
    vi.restoreAllMocks();
    expect(refusal.code).toBe('restore_failed');
    expect(refusal.message).toMatch(/^恢复未完成（.+），当前数据未作任何改动/);
    expect(count(ctx)).toBe(2);
    expect(keptAside(ctx)).toEqual([]);
    expect(sha(backupFile)).toBe(backupHash);
    expect(fs.readdirSync(path.dirname(ctx.paths.dbPath)).filter((f) => /restor/.test(f))).toEqual([]);
    createPerson(ctx.store, person({ name: '赵淑珍' }), { acceptWarnings: false });
    expect(count(ctx)).toBe(3);
    // And the same restore works afterwards.
    await ctx.restore(backup.name);
    expect(count(ctx)).toBe(1);
  });

  test('a full disk midway (a tiny tmpfs) stops the restore with a Chinese message; nothing changes', async (t) => {
    const why = whyNoMount();
    if (why) t.skip(why);
    const dir = tempDir();
    mountTmpfs(dir, 6 * 1024);
    const dbPath = path.join(dir, 'office.sqlite');
    // Backups outside the small disk, so that only the database's own disk fills up.
    fs.symlinkSync(tempDir(), path.join(dir, 'office-backups'));
    const ctx = await start(dbPath);
    saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
    createPerson(ctx.store, person(), { acceptWarnings: false });
    ctx.store.raw.prepare("insert into settings (key, value) values ('padding', hex(randomblob(600000)))").run();
    const backup = await ctx.backupNow();
    ctx.store.raw.prepare("delete from settings where key = 'padding'").run();
    ctx.store.raw.pragma('wal_checkpoint(TRUNCATE)');
    ctx.store.raw.exec('VACUUM');
    ctx.store.raw.pragma('wal_checkpoint(TRUNCATE)');
    const live = fs.statSync(dbPath).size;
    // Room for the checked copy of the backup and for the copy of the current database, not for
    // writing the backup into the database.
    fillDisk(dir, backup.size + 2 * live + 96 * 1024);
    const refusal = await router(() => ctx).refusal('backups.restore', { name: backup.name });
    expect(refusal.code).toBe('disk_full');
    expect(refusal.message).toMatch(/^磁盘已满/);
    expect(refusal.message).toContain('当前数据未作任何改动');
    expect(count(ctx)).toBe(1);
    expect(setting(ctx, 'padding')).toBeUndefined();
    expect(keptAside(ctx)).toEqual([]);
    // The pages the failed copy wrote are given back.
    expect(fs.statSync(`${dbPath}-wal`).size).toBe(0);
    expect((await router(() => ctx).call<{ dbPath: string }>('app.info', {})).dbPath).toBe(dbPath);
    fs.rmSync(path.join(dir, 'filler.bin'));
    await ctx.restore(backup.name);
    expect(setting(ctx, 'padding')).toHaveLength(1_200_000);
  });

  test('a backup of an older schema is brought up to date on a copy; the backup file stays as it was', async () => {
    const ctx = await start(path.join(tempDir(), 'office.sqlite'));
    const name = 'pre-migration-20250101-090000.sqlite';
    const oldFile = path.join(ctx.paths.backupsDir, name);
    const old = openStore(oldFile);
    const { error } = await migratorFor(old).migrateTo('0001-core');
    if (error) throw error;
    old.raw.prepare("insert into settings (key, value) values ('from_old_backup', 'yes')").run();
    old.close();
    const hash = sha(oldFile);
    await ctx.restore(name);
    expect(sha(oldFile)).toBe(hash);
    expect(await pendingMigrations(ctx.store)).toEqual([]);
    expect(setting(ctx, 'from_old_backup')).toBe('yes');
  });

  test('a backup written by a newer version of the program is refused, and nothing changes', async () => {
    const { ctx, backup, backupFile } = await withBackup();
    const raw = openStore(backupFile);
    raw.raw
      .prepare("insert into kysely_migration (name, timestamp) values ('9999-future', '2030-01-01T00:00:00.000Z')")
      .run();
    raw.close();
    const refusal = await router(() => ctx).refusal('backups.restore', { name: backup.name });
    expect(refusal.code).toBe('bad_backup');
    expect(refusal.message).toMatch(/较新版本.*当前数据未作任何改动/);
    expect(count(ctx)).toBe(2);
    expect(keptAside(ctx)).toEqual([]);
  });

  test('a backup with another page size is restored', async () => {
    const ctx = await start(path.join(tempDir(), 'office.sqlite'));
    const name = 'manual-20250101-090000.sqlite';
    const file = path.join(ctx.paths.backupsDir, name);
    const raw = new BetterSqlite3(file);
    raw.pragma('page_size = 8192');
    raw.exec('VACUUM');
    const other = new Store(raw, file);
    await migrateToLatest(other);
    saveOfficeSettings(other, { orgName: '单位', operatorName: '王干事' });
    createPerson(other, person({ name: '钱文' }), { acceptWarnings: false });
    other.close();
    expect(ctx.store.raw.pragma('page_size', { simple: true })).toBe(4096);
    await ctx.restore(name);
    expect(count(ctx)).toBe(1);
    expect(ctx.store.raw.pragma('page_size', { simple: true })).toBe(4096);
  });
});

describe('a damaged database', () => {
  async function damagedWithBackup() {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const ctx = await AppContext.start({ dbPath });
    saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
    createPerson(ctx.store, person(), { acceptWarnings: false });
    await ctx.backupNow();
    createPerson(ctx.store, person({ name: '李秀英' }), { acceptWarnings: false });
    ctx.close();
    // Overwrite the middle of the file: pages of the b-trees are lost.
    const fd = fs.openSync(dbPath, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(size - 8192, 0x5a), 0, size - 8192, 4096);
    fs.closeSync(fd);
    return dbPath;
  }

  test('is moved aside and the newest good backup restored, saying from when', async () => {
    const dbPath = await damagedWithBackup();
    const damagedBytes = fs.readFileSync(dbPath);
    const ctx = await start(dbPath);
    expect(ctx.notices).toHaveLength(1);
    expect(ctx.notices[0]).toMatch(/数据库文件已损坏.*已从 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 的备份恢复/);
    expect(count(ctx)).toBe(1);
    const kept = fs
      .readdirSync(dataPaths(dbPath).keptAsideDir)
      .filter((f) => f.startsWith('damaged-') && f.endsWith('.sqlite'));
    expect(kept).toHaveLength(1);
    // Kept as it was, never overwritten.
    expect(fs.readFileSync(path.join(dataPaths(dbPath).keptAsideDir, kept[0])).equals(damagedBytes)).toBe(true);
  });

  test('without a good backup, a new database is started and the user told', async () => {
    const dbPath = await damagedWithBackup();
    fs.rmSync(dataPaths(dbPath).backupsDir, { recursive: true });
    const ctx = await start(dbPath);
    expect(ctx.notices[0]).toContain('没有可用的备份');
    expect(count(ctx)).toBe(0);
  });
});
