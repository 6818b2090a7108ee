// Roles (issue 18, part 2): every method of the contract declares the permission it needs, and the
// router refuses, in Chinese and before anything runs, a call the signed-in operator's role does
// not hold. Walked over the whole contract with every role, and with nobody signed in.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contract, type MethodName } from '../src-main/contract';
import { Empty, method } from '../src-main/contract/common';
import type { AppContext } from '../src-main/app/context';
import { createOperator, signedInOperator } from '../src-main/operators/operators';
import { Session } from '../src-main/operators/session';
import { dispatch } from '../src-main/router';
import { mayUse, PERMISSIONS, ROLES, type Role } from '../src-main/shared/permissions';
import { freshContext, TEST_PASSWORD } from './helpers';

let ctx: AppContext;
const operators = {} as Record<Role, number>;
/** A session of an operator of `role`, new for each call (a call may sign its session out: auth.logout). */
function sessionOf(role: Role): Session {
  const s = new Session();
  s.signIn(signedInOperator(ctx.store, operators[role])!);
  return s;
}
const methods = Object.keys(contract) as MethodName[];

beforeAll(async () => {
  ctx = await freshContext();
  for (const role of ROLES) {
    const made = await createOperator(ctx.store, { name: `测试${role}`, role, password: TEST_PASSWORD });
    operators[role] = made.id;
  }
}, 60_000);
afterAll(() => ctx.close());

const count = (table: string) => (ctx.store.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('every method declares what it needs', () => {
  test('each names one of the permissions', () => {
    const undeclared = methods.filter((m) => !(PERMISSIONS as readonly string[]).includes(contract[m].needs));
    expect(undeclared).toEqual([]);
  });

  test('a method that declares nothing does not typecheck', () => {
    // @ts-expect-error: the permission is not optional (npm run typecheck fails without this line's error).
    const undeclared = method<number>()(Empty);
    expect(undeclared.needs).toBeUndefined();
  });

  test('only the app state, signing in and the first start are open without an operator', () => {
    expect(methods.filter((m) => contract[m].needs === 'open').sort()).toEqual(
      ['app.info', 'auth.firstPassword', 'auth.login', 'auth.logout', 'auth.recover'].sort(),
    );
  });
});

describe('the router checks it for every method and every role', () => {
  test.each(ROLES)('%s: every method it may not use is refused in Chinese, and nothing is written', async (role) => {
    const refused: string[] = [];
    const allowed: string[] = [];
    for (const m of methods) {
      const audit = count('audit_log');
      const r = await dispatch(ctx, m, {}, () => {}, sessionOf(role));
      const forbidden = !r.ok && r.error.code === 'forbidden';
      if (mayUse(role, contract[m].needs)) {
        // Let through: whatever it answers (an empty input is mostly refused by its schema), it is not a refusal of the role.
        if (forbidden) allowed.push(`${m}: ${r.error.message}`);
      } else if (!forbidden) refused.push(m);
      else {
        expect(r.error.message).toMatch(/^无权限：当前操作员的角色是“[\p{Script=Han}]+”，不能进行此项操作/u);
        expect(count('audit_log'), m).toBe(audit);
      }
    }
    expect(refused, 'methods the role may not use that were not refused').toEqual([]);
    expect(allowed, 'methods the role may use that were refused').toEqual([]);
  });

  test('nobody signed in: everything but the open methods asks to sign in first', async () => {
    const nobody = new Session();
    for (const m of methods) {
      const r = await dispatch(ctx, m, {}, () => {}, nobody);
      if (contract[m].needs === 'open') expect(r.ok || r.error.code !== 'forbidden', m).toBe(true);
      else
        expect(r.ok ? m : `${m} ${r.error.code} ${r.error.message}`).toBe(
          `${m} forbidden 请先登录（输入姓名和密码）后再操作`,
        );
    }
  });

  test('the roles as the office has them', () => {
    const may = (role: Role, m: MethodName) => mayUse(role, contract[m].needs);
    // 管理员: everything, settings, operators, restore and undo of imports among it.
    expect(methods.every((m) => may('admin', m))).toBe(true);
    for (const m of ['backups.restore', 'imports.undo', 'operators.create', 'settings.idleLock'] as const)
      expect(ROLES.filter((r) => may(r, m))).toEqual(['admin']);
    // 经办: files, visits, letters, petitions, organisation, activities; not claims.
    for (const m of [
      'retirees.update',
      'visits.create',
      'letters.saveTemplate',
      'petitions.advance',
      'org.merge',
      'activities.create',
      'imports.commit',
    ] as const)
      expect(
        ROLES.filter((r) => may(r, m)),
        m,
      ).toEqual(['admin', 'clerk']);
    // 药费报销: claims, policies, payment batches (and their lists with bank accounts).
    for (const m of ['claims.create', 'claims.savePolicy', 'batches.create', 'batches.export'] as const)
      expect(
        ROLES.filter((r) => may(r, m)),
        m,
      ).toEqual(['admin', 'claims']);
    // Every role views and prints: a file, a letter, the claims of a person.
    for (const m of ['retirees.get', 'retirees.list', 'letters.render', 'claims.list', 'org.contactSheet'] as const)
      expect(
        ROLES.filter((r) => may(r, m)),
        m,
      ).toEqual([...ROLES]);
    // A roster leaving the machine is not for 只读 nor 药费报销.
    expect(ROLES.filter((r) => may(r, 'retirees.export'))).toEqual(['admin', 'clerk']);
  });
});
