// Operators (issue 18, part 1) on real SQLite files, through the router as the app calls it: the
// first start sets up the administrator and shows a recovery code once; signing in, slowed after
// failures; an operator's own password; an administrator's operators; the idle lock; an office set
// up before operators existed; every audit row names the operator signed in.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { AppInfo, SetupResult } from '../src-main/contract/app';
import type { OperatorView, WithRecoveryCode } from '../src-main/contract/operators';
import type { ImportReport } from '../src-main/contract/imports';
import { AppContext } from '../src-main/app/context';
import { signIn, waitAfter } from '../src-main/operators/operators';
import { Session } from '../src-main/operators/session';
import { dispatch } from '../src-main/router';
import { actingAs, saveOfficeSettings } from '../src-main/settings/settings';
import { freshContext, person, tempDir, TEST_PASSWORD } from './helpers';

let ctx: AppContext;
afterEach(() => ctx?.close());

/** A call from `session`: its value, or throws the refusal's code and words. */
async function as<T>(session: Session, method: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, method, input, () => {}, session);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
const refused = (session: Session, method: string, input: unknown) =>
  as(session, method, input).then(
    () => {
      throw new Error(`${method} was not refused`);
    },
    (e: Error) => e.message,
  );
const count = (table: string) => (ctx.store.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function newOffice(): Promise<AppContext> {
  return AppContext.start({ dbPath: path.join(tempDir(), 'office.sqlite'), noAutomaticBackup: true });
}

describe('the first start', () => {
  test('asks for the administrator password twice, signs them in and shows a recovery code once', async () => {
    ctx = await newOffice();
    const desk = new Session();
    const office = { orgName: '红星机械厂离退休管理办公室', operatorName: '李明' };
    expect((await as<AppInfo>(desk, 'app.info', {})).configured).toBe(false);
    // Without a password, or typed differently twice: refused, nothing saved.
    expect(await refused(desk, 'app.setup', office)).toBe('invalid_input: 请设置管理员密码（输入两次）');
    expect(
      await refused(desk, 'app.setup', { ...office, password: 'hongxing-2026', password2: 'hongxing-2025' }),
    ).toContain('两次输入的密码不一致');
    expect(await refused(desk, 'app.setup', { ...office, password: 'short', password2: 'short' })).toContain(
      '密码至少 8 位',
    );
    expect((await as<AppInfo>(desk, 'app.info', {})).configured).toBe(false);
    expect(count('operators')).toBe(0);

    const done = await as<SetupResult>(desk, 'app.setup', {
      ...office,
      password: 'hongxing-2026',
      password2: 'hongxing-2026',
    });
    expect(done.operator).toMatchObject({ name: '李明', role: 'admin' });
    expect(done.recoveryCode).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
    expect(done.operatorName).toBe('李明');
    // The code is not shown again.
    expect(JSON.stringify(await as<AppInfo>(desk, 'app.info', {}))).not.toContain(done.recoveryCode!);

    // Neither the password nor the code is in the database file, only their scrypt hashes.
    const row = ctx.store.raw.prepare('SELECT password_hash FROM operators').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    ctx.store.raw.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(ctx.paths.dbPath).toString('latin1');
    expect(file).not.toContain('hongxing-2026');
    expect(file).not.toContain(done.recoveryCode!.replaceAll('-', ''));

    // Once set up, the form is an administrator's (renaming the office), not anyone's.
    expect(await refused(new Session(), 'app.setup', { orgName: '别的单位', operatorName: '张三' })).toBe(
      'forbidden: 请先登录（输入姓名和密码）后再操作',
    );
  });

  test('an office set up before operators existed asks for its operator’s administrator password', async () => {
    ctx = await newOffice();
    saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
    const desk = new Session();
    const info = await as<AppInfo>(desk, 'app.info', {});
    expect(info).toMatchObject({ configured: true, needsFirstPassword: true, operator: null });
    expect(await refused(desk, 'retirees.list', {})).toBe('forbidden: 请先登录（输入姓名和密码）后再操作');
    const first = await as<WithRecoveryCode>(desk, 'auth.firstPassword', {
      password: TEST_PASSWORD,
      password2: TEST_PASSWORD,
    });
    expect(first.info).toMatchObject({ needsFirstPassword: false, operator: { name: '王干事', role: 'admin' } });
    expect(first.recoveryCode).toMatch(/^[A-Z2-9-]{23}$/);
    // Only once.
    expect(
      await refused(new Session(), 'auth.firstPassword', { password: 'another-pass', password2: 'another-pass' }),
    ).toBe('forbidden: 已设置过管理员，请用姓名和密码登录');
  });
});

describe('signing in', () => {
  test('name and password; a wrong one is refused alike for an unknown name, and failures make the next try wait', async () => {
    ctx = await freshContext();
    const desk = new Session();
    expect(await refused(desk, 'auth.login', { name: '王干事', password: 'wrong-password' })).toBe(
      'forbidden: 姓名或密码不正确',
    );
    expect(await refused(desk, 'auth.login', { name: '没有这人', password: TEST_PASSWORD })).toBe(
      'forbidden: 姓名或密码不正确',
    );
    expect(await refused(desk, 'auth.login', { name: '王干事', password: 'wrong-again' })).toBe(
      'forbidden: 姓名或密码不正确',
    );
    // The third failure in a row: 30 seconds; even the right password waits for it.
    expect(await refused(desk, 'auth.login', { name: '王干事', password: 'wrong-third' })).toBe(
      'forbidden: 姓名或密码不正确。已连续输错多次，请在 30 秒后再试',
    );
    expect(await refused(desk, 'auth.login', { name: '王干事', password: TEST_PASSWORD })).toMatch(
      /^forbidden: 连续输错 3 次，为防止他人猜测密码，请在 \d+ 秒后再试$/,
    );
    expect(desk.operator).toBeNull();
    // The wait grows with each failure, to 15 minutes at most.
    expect([3, 4, 5, 6, 10, 20].map(waitAfter)).toEqual([30, 60, 120, 240, 900, 900]);
    // After the wait the right password signs in, and the count starts again.
    const later = new Date(Date.now() + 31_000);
    expect(await signIn(ctx.store, '王干事', TEST_PASSWORD, later)).toMatchObject({ name: '王干事', role: 'admin' });
    expect(ctx.store.raw.prepare('SELECT failed_attempts FROM operators').get()).toEqual({ failed_attempts: 0 });
  });

  test('the session locks after the idle time the office sets, and signing out locks it', async () => {
    ctx = await freshContext();
    const admin = ctx.session;
    expect((await as<AppInfo>(admin, 'app.info', {})).idleMinutes).toBe(10);
    await as(admin, 'settings.idleLock', { minutes: 5 });
    admin.touch(Date.now() - 4 * 60_000);
    await as(admin, 'retirees.list', {});
    admin.touch(Date.now() - 5 * 60_000 - 1000);
    expect(await refused(admin, 'retirees.list', {})).toBe(
      'forbidden: 已超过 5 分钟未操作，程序已自动锁定，请重新登录',
    );
    expect((await as<AppInfo>(admin, 'app.info', {})).operator).toBeNull();
    await as(admin, 'auth.login', { name: '王干事', password: TEST_PASSWORD });
    await as(admin, 'auth.logout', {});
    expect(await refused(admin, 'retirees.list', {})).toBe('forbidden: 请先登录（输入姓名和密码）后再操作');
  });
});

describe('operators and their passwords', () => {
  test('an administrator adds an operator, who signs in, changes their password, and is named in the audit rows', async () => {
    ctx = await freshContext();
    const admin = ctx.session;
    const made = await as<OperatorView>(admin, 'operators.create', {
      name: '张经办',
      role: 'clerk',
      password: 'zhang-2026-a',
      password2: 'zhang-2026-a',
    });
    expect(made).toMatchObject({ name: '张经办', role: 'clerk', roleLabel: '经办', active: true });
    expect(
      await refused(admin, 'operators.create', {
        name: '张经办',
        role: 'reader',
        password: 'x-12345678',
        password2: 'x-12345678',
      }),
    ).toContain('已有名为“张经办”的操作员');

    const clerk = new Session();
    await as(clerk, 'auth.login', { name: '张经办', password: 'zhang-2026-a' });
    const p = await as<{ id: number }>(clerk, 'retirees.create', { person: person(), acceptWarnings: false });
    const rows = ctx.store.raw.prepare('SELECT operator FROM audit_log WHERE person_id = ?').all(p.id);
    // The settings still name 王干事 (the first start's operator): the row names who is signed in.
    expect(rows).toEqual([{ operator: '张经办' }]);
    expect(await refused(clerk, 'operators.list', {})).toMatch(/^forbidden: 无权限：当前操作员的角色是“经办”/);

    expect(
      await refused(clerk, 'auth.changePassword', {
        current: 'not-mine-1',
        password: 'zhang-2026-b',
        password2: 'zhang-2026-b',
      }),
    ).toBe('forbidden: 原密码不正确');
    await as(clerk, 'auth.changePassword', {
      current: 'zhang-2026-a',
      password: 'zhang-2026-b',
      password2: 'zhang-2026-b',
    });
    expect(await refused(new Session(), 'auth.login', { name: '张经办', password: 'zhang-2026-a' })).toBe(
      'forbidden: 姓名或密码不正确',
    );
    await as(new Session(), 'auth.login', { name: '张经办', password: 'zhang-2026-b' });
    // The operator's changes are audited, never with the password.
    const operatorRows = ctx.store.raw
      .prepare("SELECT operator, action, after, reason FROM audit_log WHERE entity = 'operator' AND entity_id = ?")
      .all(made.id) as { operator: string; after: string; reason: string | null }[];
    expect(operatorRows.map((r) => [r.operator, r.reason])).toEqual([
      ['王干事', null],
      ['王干事', '设置密码'],
      ['张经办', '本人修改密码'],
    ]);
    expect(JSON.stringify(operatorRows)).not.toMatch(/zhang-2026|scrypt/);
  });

  test('an administrator resets a password, changes a role and deactivates an operator; the last administrator stays', async () => {
    ctx = await freshContext();
    const admin = ctx.session;
    const made = await as<OperatorView>(admin, 'operators.create', {
      name: '赵报销',
      role: 'claims',
      password: 'zhao-2026-aa',
      password2: 'zhao-2026-aa',
    });
    const other = new Session();
    await as(other, 'auth.login', { name: '赵报销', password: 'zhao-2026-aa' });
    expect(await refused(other, 'visits.create', {})).toMatch(/角色是“药费报销”/);

    await as(admin, 'operators.update', { id: made.id, role: 'reader' });
    // Their session holds the new role at its next call.
    expect(await refused(other, 'claims.create', {})).toMatch(/角色是“只读”/);

    await as(admin, 'operators.resetPassword', { id: made.id, password: 'zhao-reset-1', password2: 'zhao-reset-1' });
    await as(new Session(), 'auth.login', { name: '赵报销', password: 'zhao-reset-1' });

    await as(admin, 'operators.update', { id: made.id, active: false });
    expect(await refused(other, 'retirees.list', {})).toBe('forbidden: 请先登录（输入姓名和密码）后再操作');
    expect(await refused(new Session(), 'auth.login', { name: '赵报销', password: 'zhao-reset-1' })).toBe(
      'forbidden: 该操作员已停用，请联系管理员',
    );

    const me = (await as<OperatorView[]>(admin, 'operators.list', {})).find((o) => o.name === '王干事')!;
    expect(await refused(admin, 'operators.update', { id: me.id, role: 'clerk' })).toContain(
      '至少要保留一名启用的管理员',
    );
    expect(await refused(admin, 'operators.update', { id: me.id, active: false })).toContain(
      '至少要保留一名启用的管理员',
    );
  });

  test('the recovery code resets an administrator’s password once, and a new code is shown', async () => {
    ctx = await newOffice();
    const desk = new Session();
    const setup = await as<SetupResult>(desk, 'app.setup', {
      orgName: '单位',
      operatorName: '李明',
      password: 'forgotten-1',
      password2: 'forgotten-1',
    });
    await as(desk, 'auth.logout', {});
    const code = setup.recoveryCode!;
    expect(
      await refused(desk, 'auth.recover', {
        code: 'AAAAA-BBBBB-CCCCC-DDDDD',
        name: '李明',
        password: 'remembered-1',
        password2: 'remembered-1',
      }),
    ).toBe('forbidden: 恢复码或管理员姓名不正确');
    // Typed in lower case and without dashes, as it may be.
    const r = await as<WithRecoveryCode>(desk, 'auth.recover', {
      code: code.toLowerCase().replaceAll('-', ' '),
      name: '李明',
      password: 'remembered-1',
      password2: 'remembered-1',
    });
    expect(r.info.operator).toMatchObject({ name: '李明', role: 'admin' });
    expect(r.recoveryCode).not.toBe(code);
    await as(new Session(), 'auth.login', { name: '李明', password: 'remembered-1' });
    expect(
      await refused(new Session(), 'auth.recover', {
        code,
        name: '李明',
        password: 'again-12345',
        password2: 'again-12345',
      }),
    ).toBe('forbidden: 恢复码或管理员姓名不正确');
  });

  // An import's log of its rows is the audit of what it created (DESIGN): it names the operator.
  test('an import saved in its own process names the operator whose call it was', async () => {
    ctx = await freshContext();
    const csv = Buffer.from('姓名,身份证号,原单位\n孙秀英,,机修车间\n', 'utf8');
    const report = await actingAs('钱经办', () =>
      ctx.imports.importFile('名单.csv', csv, { dryRun: false, confirmNotRoster: true }),
    );
    expect((report as ImportReport).inserted).toBe(1);
    expect(ctx.store.raw.prepare("SELECT operator FROM imports WHERE kind = 'roster'").all()).toEqual([
      { operator: '钱经办' },
    ]);
  });
});
