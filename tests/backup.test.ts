// Backups verified and rotated, restore, and recovery of a damaged database, on real files.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { AppContext } from '../src-main/app/context';
import { dataPaths } from '../src-main/app/paths';
import { automaticBackup, listBackups, verifyDatabaseFile, writeBackup } from '../src-main/db/backup';
import { migratorFor } from '../src-main/db/migrate';
import { openStore } from '../src-main/db/open';
import { addAttachment, readAttachment } from '../src-main/retirees/attachments';
import { createPerson, getPerson } from '../src-main/retirees/persons';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { tempDir, person } from './helpers';

const open: AppContext[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

async function start(dbPath: string): Promise<AppContext> {
  const ctx = await AppContext.start({ dbPath });
  open.push(ctx);
  return ctx;
}

const count = (ctx: AppContext) => (ctx.store.raw.prepare('select count(*) as n from persons').get() as { n: number }).n;

describe('backups', () => {
  test('the first start takes a verified daily and weekly backup, and not again the same day', async () => {
    const ctx = await start(path.join(tempDir(), 'office.sqlite'));
    const kinds = ctx.listBackups().map((b) => b.kind).sort();
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
      '2026-02-09', '2026-02-08', '2026-02-07', '2026-02-06', '2026-02-05', '2026-02-04', '2026-02-03',
    ]);
    expect(list.filter((b) => b.kind === 'weekly').map((b) => b.takenAt.slice(0, 10))).toEqual(['2026-02-09', '2026-02-02', '2026-01-26', '2026-01-19']);
    expect(list.filter((b) => b.kind === 'manual')).toHaveLength(1);
  });

  test('attachments are in the backup', async () => {
    const ctx = await start(path.join(tempDir(), 'office.sqlite'));
    saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
    const p = createPerson(ctx.store, person(), { acceptWarnings: false });
    const a = addAttachment(ctx.store, { personId: p.id, fileName: '照片.jpg', mime: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 1, 2, 3]), note: null });
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
    const kept = fs.readdirSync(dataPaths(dbPath).keptAsideDir).filter((f) => f.startsWith('damaged-') && f.endsWith('.sqlite'));
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
