// Storage in trouble (issue 13, items 4 and 5): a read-only folder or file is not damage, a full
// disk neither stops the app from starting nor turns a save into "internal".
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { AppContext } from '../src-main/app/context';
import { dataPaths } from '../src-main/app/paths';
import { DatabaseTooNewError, migratorFor, pendingMigrations, SCHEMA_VERSION } from '../src-main/db/migrate';
import { openStore, storageProblem } from '../src-main/db/open';
import { createPerson } from '../src-main/retirees/persons';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { freshContext, person, router, tempDir } from './helpers';
import {
  bindReadOnly,
  fillDisk,
  mountTmpfs,
  readOnlyFolderMethod,
  remount,
  unmountAll,
  whyNoMount,
} from './storageFixtures';
import { entryCommand } from './bundles';

const open: AppContext[] = [];
const undo: (() => void)[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
  for (const f of undo.splice(0).reverse()) f();
  unmountAll();
});

async function start(dbPath: string): Promise<AppContext> {
  const ctx = await AppContext.start({ dbPath });
  open.push(ctx);
  return ctx;
}

const count = (ctx: AppContext) =>
  (ctx.store.raw.prepare('select count(*) as n from persons').get() as { n: number }).n;

/** Every file under `dir` with a hash of its bytes: what "nothing changed" means. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(e.parentPath, e.name);
    if (e.isFile())
      out[path.relative(dir, file)] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

async function databaseWithOnePerson(dbPath: string): Promise<void> {
  const ctx = await AppContext.start({ dbPath });
  saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
  createPerson(ctx.store, person(), { acceptWarnings: false });
  ctx.close();
}

describe('errors are classified in one place', () => {
  test.each([
    ['SQLITE_CORRUPT', 'damaged'],
    ['SQLITE_NOTADB', 'damaged'],
    ['SQLITE_CANTOPEN', 'read_only'],
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_READONLY_DIRECTORY', 'read_only'],
    ['EACCES', 'read_only'],
    ['EROFS', 'read_only'],
    ['SQLITE_FULL', 'disk_full'],
    ['ENOSPC', 'disk_full'],
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_LOCKED', 'busy'],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', null],
    ['ENOENT', null],
  ])('%s → %s', (code, kind) => {
    expect(storageProblem(Object.assign(new Error('x'), { code }))).toBe(kind);
  });
});

describe('a read-only folder or file is not taken for damage (item 4)', () => {
  test('a read-only folder: the app does not start, says the folder is read-only, and changes nothing', async (t) => {
    const how = readOnlyFolderMethod();
    if ('skip' in how) t.skip(how.skip);
    const dir = tempDir();
    if ('method' in how && how.method === 'mount') mountTmpfs(dir, 16 * 1024);
    const dbPath = path.join(dir, 'office.sqlite');
    await databaseWithOnePerson(dbPath);
    const before = snapshot(dir);
    if ('method' in how && how.method === 'mount') remount(dir, 'ro');
    else {
      fs.chmodSync(dir, 0o555);
      undo.push(() => fs.chmodSync(dir, 0o755));
    }

    const failure = await AppContext.start({ dbPath }).then(
      (ctx) => (ctx.close(), null),
      (e: Error) => e,
    );
    expect(failure?.message).toMatch(/文件夹是只读的/);
    expect(failure?.message).toContain(dir);
    expect(failure?.message).not.toMatch(/EACCES|EROFS|SQLITE|损坏/);
    expect(snapshot(dir)).toEqual(before);

    if ('method' in how && how.method === 'mount') remount(dir, 'rw');
    else fs.chmodSync(dir, 0o755);
    const ctx = await start(dbPath);
    expect(ctx.notices).toEqual(expect.not.arrayContaining([expect.stringMatching(/损坏/)]));
    expect(count(ctx)).toBe(1);
  });

  test('a read-only database file in a writable folder: refused the same way, nothing changes', async (t) => {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    const why = root ? whyNoMount() : null;
    if (why) t.skip(`running as root, which ignores chmod, and ${why}`);
    const dir = tempDir();
    const dbPath = path.join(dir, 'office.sqlite');
    await databaseWithOnePerson(dbPath);
    const before = snapshot(dir);
    if (root) bindReadOnly(dbPath);
    else {
      fs.chmodSync(dbPath, 0o444);
      undo.push(() => fs.chmodSync(dbPath, 0o644));
    }

    const failure = await AppContext.start({ dbPath }).then(
      (ctx) => (ctx.close(), null),
      (e: Error) => e,
    );
    expect(failure?.message).toMatch(/数据库文件是只读的/);
    expect(failure?.message).not.toMatch(/EACCES|EROFS|SQLITE|损坏/);
    expect(fs.existsSync(dataPaths(dbPath).keptAsideDir)).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a full disk (item 5)', () => {
  test('when the start-up backup cannot be written the app starts anyway, and the renderer is told', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    // Something that is not a folder where the backups go: the automatic backup fails.
    fs.writeFileSync(dataPaths(dbPath).backupsDir, 'not a folder');
    const ctx = await start(dbPath);
    expect(ctx.notices).toHaveLength(1);
    expect(ctx.notices[0]).toMatch(/^未能完成今天的自动备份（.+）/);
    const info = await router(() => ctx).call<{ notices: string[] }>('app.info', {});
    expect(info.notices).toEqual(ctx.notices);
  });

  test('start-up with the backups on a full disk (a tiny tmpfs): starts, warns that the disk is full', async (t) => {
    const why = whyNoMount();
    if (why) t.skip(why);
    const dbPath = path.join(tempDir(), 'office.sqlite');
    await databaseWithOnePerson(dbPath);
    const { backupsDir } = dataPaths(dbPath);
    fs.rmSync(backupsDir, { recursive: true, force: true });
    mountTmpfs(backupsDir, 64);
    fillDisk(backupsDir);
    const ctx = await start(dbPath);
    expect(count(ctx)).toBe(1);
    expect(ctx.notices).toHaveLength(1);
    expect(ctx.notices[0]).toMatch(/^未能完成今天的自动备份（磁盘已满）/);
    expect(fs.readdirSync(backupsDir).filter((f) => f !== 'filler.bin')).toEqual([]);
    const info = await router(() => ctx).call<{ notices: string[] }>('app.info', {});
    expect(info.notices).toEqual(ctx.notices);
  });

  test('an upgrade whose backup cannot be written is not run: a Chinese message, the database as it was', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const old = openStore(dbPath);
    const { error } = await migratorFor(old).migrateTo('0001-core');
    if (error) throw error;
    old.close();
    fs.writeFileSync(dataPaths(dbPath).backupsDir, 'not a folder');
    await expect(AppContext.start({ dbPath })).rejects.toThrow(
      /^升级数据库前未能备份（.+），数据库未升级，也未作任何改动/,
    );
    const again = openStore(dbPath);
    expect((await pendingMigrations(again)).length).toBeGreaterThan(0);
    again.close();
  });

  test('a save on a full disk says the disk is full, through the router, and changes nothing', async () => {
    const ctx = await freshContext();
    open.push(ctx);
    const rpc = router(() => ctx);
    // The database may not grow any more: SQLite answers as it does on a full disk (SQLITE_FULL).
    const pages = ctx.store.raw.pragma('page_count', { simple: true }) as number;
    ctx.store.raw.pragma(`max_page_count = ${pages}`);
    let refusal = null;
    for (let i = 0; i < 2000 && !refusal; i++) {
      const before = count(ctx);
      refusal = await rpc
        .refusal('retirees.create', { person: { name: `测试${i}`, category: '退休' }, acceptWarnings: true })
        .catch(() => null);
      if (refusal) expect(count(ctx)).toBe(before);
    }
    expect(refusal).not.toBeNull();
    expect(refusal!.code).toBe('disk_full');
    expect(refusal!.message).toMatch(/^磁盘已满，未能保存/);
    expect(ctx.store.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    ctx.store.raw.pragma('max_page_count = 1073741823');
    await rpc.call('retirees.create', { person: { name: '赵淑珍', category: '退休' }, acceptWarnings: true });
  });
});

describe('a database from a newer version of the program (issue 16)', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const REFUSAL = /^数据库来自更新版本的程序（第 (\d+) 版），.*数据库未作任何改动。请安装新版本后再打开$/;

  /** A database as a newer program leaves it: two migrations this one has never heard of, and what they made. */
  async function newerDatabase(): Promise<{ dir: string; dbPath: string }> {
    const dir = tempDir();
    const dbPath = path.join(dir, 'office.sqlite');
    await databaseWithOnePerson(dbPath);
    const store = openStore(dbPath);
    const next = (n: number) => String(SCHEMA_VERSION + n).padStart(4, '0');
    store.raw.exec(`
      alter table persons add column wechat text;
      create table volunteer_hours (id integer primary key autoincrement, person_id integer not null references persons (id), hours integer not null);
      insert into kysely_migration (name, timestamp) values ('${next(1)}-volunteers', '2031-01-01T00:00:00.000Z'), ('${next(2)}-wechat', '2031-02-01T00:00:00.000Z');
    `);
    store.close();
    return { dir, dbPath };
  }

  test('the app does not start: a Chinese message naming its version, and nothing written (no backup, no migration)', async () => {
    const { dir, dbPath } = await newerDatabase();
    const before = snapshot(dir);
    const failure = await AppContext.start({ dbPath }).then(
      (ctx) => (ctx.close(), null),
      (e: Error) => e,
    );
    expect(failure).toBeInstanceOf(DatabaseTooNewError);
    expect(failure?.message).toMatch(REFUSAL);
    expect(REFUSAL.exec(failure!.message)?.[1]).toBe(String(SCHEMA_VERSION + 2));
    expect(failure?.message).toContain(dbPath);
    expect(failure?.message).not.toMatch(/corrupted|migration/i);
    expect(snapshot(dir)).toEqual(before);
  });

  test('the CLI refuses with exit code 4 and the same message, and runs nothing', async () => {
    const { dir, dbPath } = await newerDatabase();
    const before = snapshot(dir);
    const r = spawnSync(...entryCommand('cli', ['backup', '--db', dbPath]), {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(REFUSAL);
    expect(snapshot(dir)).toEqual(before);
  });

  test('the browser harness says it on stderr, without a stack trace, and exits', async () => {
    const { dir, dbPath } = await newerDatabase();
    const before = snapshot(dir);
    const r = spawnSync(...entryCommand('web', ['--db', dbPath]), {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('http://');
    expect(r.stderr.trim()).toMatch(
      /^离退休服务管理无法启动：数据库来自更新版本的程序（第 \d+ 版）.*请安装新版本后再打开$/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(dir)).toEqual(before);
  });
});
