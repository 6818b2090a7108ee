// The database encrypted at rest (issue 18, item 5), on real files: what a thief with a copy of the
// folder sees (sqlite3 and the bytes), what the office sees with its password, and the refusals.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { AppContext } from '../src-main/app/context';
import { AppDesk } from '../src-main/app/desk';
import type { AppInfo } from '../src-main/contract/app';
import { encryptDatabase, type EncryptionProgress } from '../src-main/app/encryption';
import { copyOffsite, installFromCopy, offsiteStatus } from '../src-main/app/offsite';
import { dataPaths } from '../src-main/app/paths';
import { listBackups, verifyDatabaseFile } from '../src-main/db/backup';
import {
  createKeyring,
  keyringFile,
  operatorLabel,
  readKeyring,
  RECOVERY_LABEL,
  removeSecret,
  setSecret,
  unlockKeyring,
} from '../src-main/db/keyring';
import { createPerson } from '../src-main/retirees/persons';
import { UserError } from '../src-main/shared/errors';
import { person, tempDir } from './helpers';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');
const NAME = '欧阳秀梅';
const PASSWORD = '王干事的密码2026';
const OPERATOR = { label: operatorLabel('王干事'), secret: PASSWORD };

const open: AppContext[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

async function start(dbPath: string, secret?: { secret: string; label?: string }): Promise<AppContext> {
  const ctx = await AppContext.start({ dbPath, secret });
  open.push(ctx);
  await ctx.integrityChecked;
  return ctx;
}

function close(ctx: AppContext): void {
  open.splice(open.indexOf(ctx), 1);
  ctx.close();
}

/** A plain office database (as offices were before encryption) with its administrator, one person of a known name, and its first backups. */
async function plainOffice(): Promise<string> {
  const dbPath = path.join(tempDir(), 'office.sqlite');
  const ctx = await start(dbPath);
  await ctx.setup({ orgName: '测试集团离退休管理办公室', operatorName: '王干事', password: PASSWORD });
  createPerson(ctx.store, person({ name: NAME, idNumber: '210102195403152571' }), { acceptWarnings: true });
  await ctx.backupNow();
  close(ctx);
  return dbPath;
}

/** What `sqlite3` (the command-line shell) says when asked for the people in the file. */
function sqlite3(file: string): { status: number | null; out: string } {
  const r = spawnSync('sqlite3', [file, 'select name from persons'], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function bytesHold(file: string, text: string): boolean {
  return fs.readFileSync(file).includes(Buffer.from(text, 'utf8'));
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const people = (ctx: AppContext) => ctx.store.raw.prepare('select name from persons').pluck().all() as string[];

/** Every database file in the data folder: the database and every backup. */
function databaseFiles(dbPath: string): string[] {
  const { backupsDir } = dataPaths(dbPath);
  return [dbPath, ...listBackups(backupsDir).map((b) => path.join(backupsDir, b.name))];
}

/** The CLI as a user runs it, the password in the environment. */
const cli = (args: string[], password?: string) =>
  spawnSync(...entryCommand('cli', args), {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, RETIREE_OFFICE_PASSWORD: password ?? '' },
  });

async function refusal(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  expect((e as UserError).message).toMatch(/[\u4e00-\u9fff]/);
  return e as UserError;
}

describe('the keyring', () => {
  test('each secret opens the same key; a wrong one is refused in Chinese; the key is nowhere in clear', () => {
    const code = 'ABCDE-FGHJK-MNPQR-STUVW';
    const { key, keyring } = createKeyring([OPERATOR, { label: RECOVERY_LABEL, secret: code }]);
    expect(unlockKeyring(keyring, PASSWORD, OPERATOR.label).equals(key)).toBe(true);
    expect(unlockKeyring(keyring, code).equals(key)).toBe(true);
    expect(() => unlockKeyring(keyring, 'not-the-password', OPERATOR.label)).toThrow(/密码不正确/);
    expect(() => unlockKeyring(keyring, PASSWORD, RECOVERY_LABEL)).toThrow(/恢复码不正确/);
    const text = JSON.stringify(keyring);
    for (const form of ['hex', 'base64'] as const) expect(text).not.toContain(key.toString(form));

    // Replacing a password: the old one no longer opens, the new one does, the recovery code still does.
    const replaced = setSecret(keyring, key, OPERATOR.label, '新的密码abc');
    expect(() => unlockKeyring(replaced, PASSWORD, OPERATOR.label)).toThrow(UserError);
    expect(unlockKeyring(replaced, '新的密码abc', OPERATOR.label).equals(key)).toBe(true);
    expect(unlockKeyring(replaced, code).equals(key)).toBe(true);
    // A second operator added; removed again; the last secret cannot be removed.
    const two = setSecret(replaced, key, operatorLabel('李会计'), '李会计的密码');
    expect(unlockKeyring(two, '李会计的密码', operatorLabel('李会计')).equals(key)).toBe(true);
    const one = removeSecret(removeSecret(two, operatorLabel('李会计')), RECOVERY_LABEL);
    expect(() => removeSecret(one, OPERATOR.label)).toThrow(/最后一个/);
    // A key from elsewhere cannot be wrapped into this keyring (it would lock the data out).
    expect(() => setSecret(keyring, crypto.randomBytes(32), operatorLabel('李会计'), '李会计的密码')).toThrow(
      /不属于这个数据库/,
    );
  });
});

describe('encrypting an existing database', () => {
  test('after a verified backup, the database and every backup are unreadable without the key, and read with it', async () => {
    const dbPath = await plainOffice();
    const { backupsDir } = dataPaths(dbPath);
    // The known name is there to find before, in the database and in the backups.
    expect(sqlite3(dbPath).out).toContain(NAME);
    expect(databaseFiles(dbPath).some((f) => bytesHold(f, NAME))).toBe(true);

    const steps: EncryptionProgress[] = [];
    const r = await encryptDatabase(dbPath, OPERATOR, { onProgress: (p) => steps.push(p) });
    expect(r.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(r.leftPlain).toEqual([]);
    expect(steps[0].step).toBe('正在备份数据库');
    expect(steps.at(-1)).toMatchObject({ step: '加密完成' });
    expect(steps.map((s) => s.step)).toContain('正在加密数据库');

    const backups = listBackups(backupsDir);
    expect(backups.map((b) => b.kind)).toContain('before-encryption');
    for (const file of databaseFiles(dbPath)) {
      const shell = sqlite3(file);
      expect(shell.status, file).not.toBe(0);
      expect(shell.out, file).toMatch(/file is not a database/);
      expect(bytesHold(file, NAME), file).toBe(false);
      expect(fs.existsSync(keyringFile(file)), file).toBe(true);
      expect(mode(file), file).toBe(0o600);
      expect(mode(keyringFile(file)), file).toBe(0o600);
      expect(verifyDatabaseFile(file, r.key), file).toBe('ok');
    }
    expect(mode(backupsDir)).toBe(0o700);
    expect(fs.readdirSync(path.dirname(dbPath)).filter((n) => n.includes('.encrypting'))).toEqual([]);

    // The office opens it with the operator's password, or with the recovery code, and works on.
    const ctx = await start(dbPath, OPERATOR);
    expect(people(ctx)).toEqual([NAME]);
    createPerson(ctx.store, person({ name: '司马桂芝' }), { acceptWarnings: true });
    // While the app runs, the -wal file holds the new record: encrypted too, and owner-only.
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(true);
    expect(bytesHold(`${dbPath}-wal`, '司马桂芝')).toBe(false);
    expect(mode(`${dbPath}-wal`)).toBe(0o600);
    // The backups the app takes from now on are encrypted and carry the keyring.
    const b = await ctx.backupNow();
    const file = path.join(backupsDir, b.name);
    expect(sqlite3(file).out).toMatch(/file is not a database/);
    expect(bytesHold(file, '司马桂芝')).toBe(false);
    expect(readKeyring(keyringFile(file))).toEqual(readKeyring(keyringFile(dbPath)));
    close(ctx);

    const byCode = await start(dbPath, { secret: r.recoveryCode! });
    expect(people(byCode).sort()).toEqual([NAME, '司马桂芝'].sort());
  });

  test('a wrong password, or none, is refused in Chinese and nothing is changed', async () => {
    const dbPath = await plainOffice();
    await encryptDatabase(dbPath, OPERATOR);
    const before = fs.readdirSync(path.dirname(dbPath)).sort();
    const hash = sha(dbPath);
    const wrong = await refusal(start(dbPath, { secret: '猜的密码123456', label: OPERATOR.label }));
    expect(wrong.code).toBe('wrong_password');
    expect(wrong.message).toContain('王干事');
    const none = await refusal(start(dbPath));
    expect(none.code).toBe('locked');
    expect(none.message).toMatch(/已加密/);
    expect(sha(dbPath)).toBe(hash);
    expect(fs.readdirSync(path.dirname(dbPath)).sort()).toEqual(before);
  });

  test('a changed database file is refused in Chinese, nothing changed; a changed page deep in it stops writes', async () => {
    const dbPath = await plainOffice();
    await encryptDatabase(dbPath, OPERATOR);
    const before = fs.readdirSync(path.dirname(dbPath)).sort();

    // One byte of the first page changed: Poly1305's tag no longer matches, the file does not open.
    const original = fs.readFileSync(dbPath);
    const tampered = Buffer.from(original);
    tampered[100] ^= 0x01;
    fs.writeFileSync(dbPath, tampered);
    const e = await refusal(start(dbPath, OPERATOR));
    expect(e.code).toBe('wrong_key');
    expect(e.message).toMatch(/已被改动、损坏。数据库未打开，也未作任何改动/);
    expect(fs.readFileSync(dbPath).equals(tampered)).toBe(true);
    expect(fs.readdirSync(path.dirname(dbPath)).sort()).toEqual(before);

    // One byte of a page in the middle changed: the database opens, the full check finds the page
    // whose tag does not match, writes stop (the page is never returned as data).
    const deep = Buffer.from(original);
    deep[Math.floor(deep.length / 4096 / 2) * 4096 + 100] ^= 0x01;
    fs.writeFileSync(dbPath, deep);
    const ctx = await start(dbPath, OPERATOR);
    expect(ctx.integrity.state).toBe('damaged');
    expect(ctx.store.writesRefused).toMatch(/已停止保存任何修改/);
    close(ctx);
    expect(fs.readFileSync(dbPath).equals(deep)).toBe(true);
  });

  test('a damaged database is refused before anything is encrypted', async () => {
    const dbPath = await plainOffice();
    const bytes = fs.readFileSync(dbPath);
    const damaged = Buffer.from(bytes);
    damaged.fill(0x5a, 4096, bytes.length - 4096);
    fs.writeFileSync(dbPath, damaged);
    const e = await refusal(encryptDatabase(dbPath, OPERATOR));
    expect(e.message).toMatch(/不能加密，未作任何改动/);
    expect(fs.readFileSync(dbPath).equals(damaged)).toBe(true);
    expect(fs.existsSync(keyringFile(dbPath))).toBe(false);
  });
});

describe('backups of an encrypted database', () => {
  test('a backup is restored with the key; one encrypted with another key is refused, nothing changed', async () => {
    const dbPath = await plainOffice();
    await encryptDatabase(dbPath, OPERATOR);
    const ctx = await start(dbPath, OPERATOR);
    const b = await ctx.backupNow();
    createPerson(ctx.store, person({ name: '司马桂芝' }), { acceptWarnings: true });

    // Another office's encrypted backup, copied in with its own keyring: not this database's key.
    const other = await plainOffice();
    await encryptDatabase(other, { label: OPERATOR.label, secret: '另一个办公室的密码' });
    const foreign = listBackups(dataPaths(other).backupsDir)[0];
    const into = path.join(ctx.paths.backupsDir, `manual-20200101-000000.sqlite`);
    fs.copyFileSync(path.join(dataPaths(other).backupsDir, foreign.name), into);
    fs.copyFileSync(keyringFile(path.join(dataPaths(other).backupsDir, foreign.name)), keyringFile(into));
    const refused = await refusal(ctx.restore('manual-20200101-000000.sqlite'));
    expect(refused.code).toBe('bad_backup');
    expect(refused.message).toMatch(/无法用这个密钥打开.*当前数据未作任何改动/);
    expect(people(ctx).sort()).toEqual([NAME, '司马桂芝'].sort());

    // Its own backup restores; the data replaced is kept aside, encrypted, with the keyring.
    const r = await ctx.restore(b.name);
    expect(people(ctx)).toEqual([NAME]);
    expect(sqlite3(r.keptAsideAs).out).toMatch(/file is not a database/);
    expect(bytesHold(r.keptAsideAs, '司马桂芝')).toBe(false);
    expect(verifyDatabaseFile(r.keptAsideAs, ctx.store.key)).toBe('ok');
    expect(fs.existsSync(keyringFile(r.keptAsideAs))).toBe(true);
  });

  test('a copied backup without the password opens nowhere: the CLI refuses it in Chinese', async () => {
    const dbPath = await plainOffice();
    await encryptDatabase(dbPath, OPERATOR);
    const { backupsDir } = dataPaths(dbPath);
    const copy = path.join(tempDir(), 'copied.sqlite');
    fs.copyFileSync(path.join(backupsDir, listBackups(backupsDir)[0].name), copy);
    const hash = sha(copy);
    // Without its keyring: it is no database to SQLite, and the CLI refuses it as damaged, changing nothing.
    const r = cli(['retirees', '--db', copy, '--json'], PASSWORD);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(r.stdout).not.toContain(NAME);
    expect(sha(copy)).toBe(hash);
  }, 120_000);
});

describe('the CLI', () => {
  test('encrypt prints the recovery code; commands then run with the password of the operator named', async () => {
    const dbPath = await plainOffice();
    const enc = cli(['encrypt', '--db', dbPath, '--operator', '王干事'], PASSWORD);
    expect(enc.status, enc.stderr).toBe(0);
    expect(enc.stderr).toContain('正在加密数据库');
    const code = /恢复码：(\S+)/.exec(enc.stdout)?.[1];
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(sqlite3(dbPath).out).toMatch(/file is not a database/);

    const listed = cli(['retirees', '--db', dbPath, '--operator', '王干事', '--json'], PASSWORD);
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).map((p: { name: string }) => p.name)).toEqual([NAME]);
    // The recovery code opens it too (the CLI takes it for install-copy; the app's log-in page for a reset).
    const byCode = await start(dbPath, { secret: code!, label: RECOVERY_LABEL });
    expect(people(byCode)).toEqual([NAME]);
    close(byCode);

    const wrong = cli(['retirees', '--db', dbPath, '--operator', '王干事', '--json'], 'wrong-password');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('姓名或密码不正确');
    const none = cli(['retirees', '--db', dbPath, '--operator', '王干事', '--json']);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/请用环境变量 RETIREE_OFFICE_PASSWORD 提供/);
  }, 240_000);
});

describe('backups that leave the machine', () => {
  test('换电脑: a verified copy on the stick, then a new installation from it with the recovery code', async () => {
    const dbPath = await plainOffice();
    const { recoveryCode } = await encryptDatabase(dbPath, OPERATOR);
    const stick = tempDir();
    const copied = cli(['offsite', '--db', dbPath, '--operator', '王干事', '--to', stick], PASSWORD);
    expect(copied.status, copied.stderr).toBe(0);
    expect(copied.stdout).toContain('已复制并校验');
    const onStick = fs.readdirSync(stick).sort();
    expect(onStick).toHaveLength(2);
    const copy = path.join(
      stick,
      onStick.find((n) => n.endsWith('.sqlite'))!,
    );
    expect(fs.existsSync(keyringFile(copy))).toBe(true);
    expect(sqlite3(copy).out).toMatch(/file is not a database/);
    expect(bytesHold(copy, NAME)).toBe(false);
    expect(offsiteStatus(dbPath)).toMatchObject({ folder: stick, lastOk: true, overdue: false });

    // The new computer: a wrong secret, or the copy without its keyring, makes nothing.
    const newPath = path.join(tempDir(), '新电脑', 'office.sqlite');
    const wrong = cli(['install-copy', copy, '--db', newPath], 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('恢复码不正确，数据库未打开');
    const bare = path.join(tempDir(), 'bare.sqlite');
    fs.copyFileSync(copy, bare);
    const noKeys = cli(['install-copy', bare, '--db', newPath], recoveryCode!);
    expect(noKeys.status).toBe(1);
    expect(noKeys.stderr).toContain('没有它的密钥文件');
    expect(fs.existsSync(path.dirname(newPath))).toBe(false);

    const made = cli(['install-copy', copy, '--db', newPath], recoveryCode!);
    expect(made.status, made.stderr).toBe(0);
    expect(mode(newPath)).toBe(0o600);
    expect(mode(path.dirname(newPath))).toBe(0o700);
    // The office's operator password opens it too: the keyring came with the copy.
    const listed = cli(['retirees', '--db', newPath, '--operator', '王干事', '--json'], PASSWORD);
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).map((p: { name: string }) => p.name)).toEqual([NAME]);
    // Nothing is ever written over a database that is there.
    const again = cli(['install-copy', copy, '--db', newPath], recoveryCode!);
    expect(again.stderr).toContain('这里已有数据库');
  }, 300_000);

  test('a start copies once a day to the folder chosen; a missing stick is said, and so is an overdue copy', async () => {
    const dbPath = await plainOffice();
    const stick = tempDir();
    const ctx = await start(dbPath);
    const { copyOffsite } = await import('../src-main/app/offsite');
    await copyOffsite(ctx.store, stick, new Date(2026, 0, 1, 9));
    close(ctx);
    fs.rmSync(stick, { recursive: true });
    // The next start: the stick is not there; the app starts and says so, with the last good date.
    const next = await AppContext.start({ dbPath });
    open.push(next);
    const notice = next.notices.find((n) => n.includes('异地备份副本'));
    expect(notice).toMatch(/这次未能写入.*找不到备份副本的文件夹.*上次成功是 2026-01-01/);
    expect(offsiteStatus(dbPath)).toMatchObject({ lastOk: false, overdue: true });
    close(next);
    // The stick is back: the next start copies, and nothing is said.
    fs.mkdirSync(stick);
    const later = await AppContext.start({ dbPath });
    open.push(later);
    expect(later.notices.filter((n) => n.includes('异地备份副本'))).toEqual([]);
    expect(listBackups(stick).map((b) => b.kind)).toEqual(['offsite']);
  });
});

describe('the key follows the operators (the desk: Electron window and browser harness)', () => {
  const desks: AppDesk[] = [];
  afterEach(() => {
    for (const d of desks.splice(0)) d.close();
  });
  async function desk(dbPath: string): Promise<AppDesk> {
    const d = await AppDesk.open({ dbPath, noAutomaticBackup: true });
    desks.push(d);
    await d.context?.integrityChecked;
    return d;
  }
  function shut(d: AppDesk): void {
    desks.splice(desks.indexOf(d), 1);
    d.close();
  }
  async function call<T = unknown>(d: AppDesk, method: string, input: unknown = {}): Promise<T> {
    const r = await d.dispatch(method, input, d.session, () => {});
    if (!r.ok) throw new UserError(r.error.code, r.error.message);
    return r.value as T;
  }
  async function refused(d: AppDesk, method: string, input: unknown): Promise<string> {
    const r = await d.dispatch(method, input, d.session, () => {});
    expect(r.ok).toBe(false);
    const message = r.ok ? '' : r.error.message;
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    return message;
  }
  const login = (d: AppDesk, name: string, password: string) => call<AppInfo>(d, 'auth.login', { name, password });
  const labels = (dbPath: string) =>
    readKeyring(keyringFile(dbPath))!
      .entries.map((e) => e.label)
      .sort();

  test('a new installation is encrypted from its first start; passwords set, changed, reset, recovered and deactivated open it or not', async () => {
    const dbPath = path.join(tempDir(), '数据', 'office.sqlite');
    // The first start: encrypted already, the key in memory until the administrator is set up.
    const first = await desk(dbPath);
    expect(first.context).not.toBeNull();
    expect(labels(dbPath)).toEqual([]);
    const setup = await call<{ recoveryCode: string }>(first, 'app.setup', {
      orgName: '测试集团离退休管理办公室',
      operatorName: '王干事',
      password: PASSWORD,
      password2: PASSWORD,
    });
    expect(labels(dbPath)).toEqual([operatorLabel('王干事'), RECOVERY_LABEL].sort());
    await call(first, 'retirees.create', {
      person: person({ name: NAME, idNumber: '210102195403152571' }),
      acceptWarnings: true,
    });
    const clerk = await call<{ id: number }>(first, 'operators.create', {
      name: '李会计',
      role: 'claims',
      password: '李会计的密码2026',
      password2: '李会计的密码2026',
    });
    expect(labels(dbPath)).toContain(operatorLabel('李会计'));
    const backup = await call<{ name: string }>(first, 'backups.create');
    // What a thief with a copy of the folder gets: no database, no name, in the file, its -wal and the backup.
    const backupFile = path.join(dataPaths(dbPath).backupsDir, backup.name);
    for (const file of [dbPath, `${dbPath}-wal`, backupFile]) {
      if (file !== `${dbPath}-wal`) expect(sqlite3(file).out, file).toMatch(/file is not a database/);
      expect(bytesHold(file, NAME), file).toBe(false);
    }
    shut(first);
    expect(sqlite3(dbPath).out).toMatch(/file is not a database/);
    expect(bytesHold(dbPath, NAME)).toBe(false);

    // The next start: closed until a log-in; the log-in screen is told so; nothing else is served.
    const second = await desk(dbPath);
    expect(second.context).toBeNull();
    expect(await call(second, 'app.info')).toMatchObject({ locked: true, operator: null, configured: true });
    expect(await refused(second, 'retirees.list', {})).toMatch(/数据库已加密，请先登录/);
    // The clerk changes their password in the app: the new one opens the database, the old one does not.
    await login(second, '李会计', '李会计的密码2026');
    await call(second, 'auth.changePassword', {
      current: '李会计的密码2026',
      password: '新的密码-李会计2026',
      password2: '新的密码-李会计2026',
    });
    shut(second);
    const hash = sha(dbPath);
    const third = await desk(dbPath);
    expect(await refused(third, 'auth.login', { name: '李会计', password: '李会计的密码2026' })).toBe(
      '姓名或密码不正确',
    );
    expect(third.context).toBeNull();
    expect(sha(dbPath)).toBe(hash);
    const info = await login(third, '李会计', '新的密码-李会计2026');
    expect(info).toMatchObject({ locked: false, operator: { name: '李会计' }, orgName: '测试集团离退休管理办公室' });
    expect((await call<{ rows: { name: string }[] }>(third, 'retirees.list', {})).rows.map((p) => p.name)).toEqual([
      NAME,
    ]);
    await call(third, 'auth.logout');

    // An administrator's reset: the clerk's new password opens it.
    await login(third, '王干事', PASSWORD);
    await call(third, 'operators.resetPassword', {
      id: clerk.id,
      password: '重设的密码-2026',
      password2: '重设的密码-2026',
    });
    shut(third);
    const fourth = await desk(dbPath);
    await login(fourth, '李会计', '重设的密码-2026');
    await call(fourth, 'auth.logout');
    // Deactivated: the clerk's entry is gone; their password opens nothing any more.
    await login(fourth, '王干事', PASSWORD);
    await call(fourth, 'operators.update', { id: clerk.id, active: false });
    expect(labels(dbPath)).not.toContain(operatorLabel('李会计'));
    shut(fourth);
    const fifth = await desk(dbPath);
    expect(await refused(fifth, 'auth.login', { name: '李会计', password: '重设的密码-2026' })).toBe(
      '姓名或密码不正确',
    );
    expect(fifth.context).toBeNull();

    // The recovery code (the administrator forgot the password): it opens the database, resets the
    // password and is replaced by a new one; the old code then opens nothing.
    const recovered = await call<{ recoveryCode: string }>(fifth, 'auth.recover', {
      code: setup.recoveryCode.toLowerCase(),
      name: '王干事',
      password: '恢复后的密码-2026',
      password2: '恢复后的密码-2026',
    });
    expect(recovered.recoveryCode).not.toBe(setup.recoveryCode);
    shut(fifth);
    const sixth = await desk(dbPath);
    expect(
      await refused(sixth, 'auth.recover', {
        code: setup.recoveryCode,
        name: '王干事',
        password: '再一次的密码-2026',
        password2: '再一次的密码-2026',
      }),
    ).toBe('恢复码或管理员姓名不正确');
    await refusal(Promise.resolve().then(() => login(sixth, '王干事', PASSWORD)));
    await login(sixth, '王干事', '恢复后的密码-2026');
    shut(sixth);

    // 换电脑: a copy on the stick, a new installation from it, then the log-in there.
    const stick = tempDir();
    const copier = await desk(dbPath);
    await login(copier, '王干事', '恢复后的密码-2026');
    const copied = await copyOffsite(copier.context!.store, stick);
    shut(copier);
    const newPath = path.join(tempDir(), '新电脑', 'office.sqlite');
    installFromCopy(path.join(stick, copied.name), newPath, { secret: recovered.recoveryCode, label: RECOVERY_LABEL });
    const moved = await desk(newPath);
    expect(moved.context).toBeNull();
    await login(moved, '王干事', '恢复后的密码-2026');
    expect((await call<{ rows: { name: string }[] }>(moved, 'retirees.list', {})).rows.map((p) => p.name)).toEqual([
      NAME,
    ]);
  }, 120_000);

  test('a restored backup brings back the passwords of its day, in the database and in the keyring alike', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const d = await desk(dbPath);
    await call(d, 'app.setup', {
      orgName: '测试办公室',
      operatorName: '王干事',
      password: PASSWORD,
      password2: PASSWORD,
    });
    const backup = await call<{ name: string }>(d, 'backups.create');
    await call(d, 'auth.changePassword', {
      current: PASSWORD,
      password: '备份之后的新密码2026',
      password2: '备份之后的新密码2026',
    });
    await call(d, 'backups.restore', { name: backup.name });
    shut(d);
    const next = await desk(dbPath);
    expect(await refused(next, 'auth.login', { name: '王干事', password: '备份之后的新密码2026' })).toBe(
      '姓名或密码不正确',
    );
    await login(next, '王干事', PASSWORD);
  }, 60_000);

  test('failed log-ins while the database is closed make the next wait, across a restart; nothing is changed', async () => {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const first = await desk(dbPath);
    await call(first, 'app.setup', {
      orgName: '测试办公室',
      operatorName: '王干事',
      password: PASSWORD,
      password2: PASSWORD,
    });
    shut(first);
    const hash = sha(dbPath);
    const d = await desk(dbPath);
    expect(await refused(d, 'auth.login', { name: '王干事', password: 'wrong-1-password' })).toBe('姓名或密码不正确');
    await refused(d, 'auth.login', { name: '王干事', password: 'wrong-2-password' });
    expect(await refused(d, 'auth.login', { name: '王干事', password: 'wrong-3-password' })).toMatch(
      /已连续输错多次，请在 30 秒后再试/,
    );
    shut(d);
    // Started again: the right password still waits.
    const again = await desk(dbPath);
    expect(await refused(again, 'auth.login', { name: '王干事', password: PASSWORD })).toMatch(/连续输错 3 次.*后再试/);
    expect(again.context).toBeNull();
    expect(sha(dbPath)).toBe(hash);
  }, 60_000);
});
