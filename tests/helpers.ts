// Real SQLite files in a fresh temporary folder for each test.
import path from 'node:path';
import type { RpcError } from '../src-main/shared/errors';
import type { InputOf } from '../src-main/contract';
import type { ClaimFile, ClaimsReport } from '../src-main/contract/claims';
import type { PersonFile } from '../src-main/contract/retirees';
import type { ChangeView } from '../src-main/contract/statistics';
import { PersonInput } from '../src-main/contract/retirees';
import { dispatch } from '../src-main/router';
import { AppContext } from '../src-main/app/context';
import { periodOf } from '../src-main/claims/reports';
import type { Store } from '../src-main/db/store';
import type { ProcessLauncher } from '../src-main/jobs/launcher';
import { createOperator, firstAdministrator, listOperators, signedInOperator } from '../src-main/operators/operators';
import type { Role } from '../src-main/shared/permissions';
import { getOfficeSettings } from '../src-main/settings/settings';

import { tempDir } from './tempDirs';

export { tempDir };

/** The password of the administrator the helpers set up (and sign in as). */
export const TEST_PASSWORD = 'ceshi-mima-2026';

/**
 * A new office, set up as its first start sets it up (the office's name, its administrator
 * 王干事 with a password), the administrator signed in on the context's own session.
 */
export async function freshContext(
  options: { configured?: boolean; launcher?: ProcessLauncher } = {},
): Promise<AppContext> {
  const ctx = await AppContext.start({ dbPath: path.join(tempDir(), 'office.sqlite'), launcher: options.launcher });
  if (options.configured !== false) {
    const { operator } = await ctx.setup({
      orgName: '测试集团离退休管理办公室',
      operatorName: '王干事',
      password: TEST_PASSWORD,
    });
    ctx.session.signIn(operator!);
  }
  return ctx;
}

/**
 * The tests' calls come from an administrator (issue 18): when nobody is signed in on the context's
 * session, its first active administrator is; an office set up before operators existed (its
 * operator's name in the settings) first gets that operator as its administrator, as its first
 * start would ask. An office not set up stays without one.
 */
export async function signInAdministrator(ctx: AppContext): Promise<void> {
  if (ctx.session.operator) return;
  let admin = listOperators(ctx.store).find((o) => o.role === 'admin' && o.active);
  if (!admin && getOfficeSettings(ctx.store).configured) {
    const made = await firstAdministrator(ctx.store, TEST_PASSWORD);
    admin = listOperators(ctx.store).find((o) => o.id === made.operator.id);
  }
  if (admin) ctx.session.signIn(signedInOperator(ctx.store, admin.id)!);
}

/**
 * A second clerk at the same office: the operator `name` (made with `role` the first time) signed in
 * on the context's session, so that what the router writes next is theirs.
 */
export async function signInAs(ctx: AppContext, name: string, role: Role = 'admin'): Promise<void> {
  const id =
    listOperators(ctx.store).find((o) => o.name === name)?.id ??
    (await createOperator(ctx.store, { name, role, password: TEST_PASSWORD })).id;
  ctx.session.signIn(signedInOperator(ctx.store, id)!);
}

/** The router as a signed-in administrator calls it (signInAdministrator). */
export async function dispatchAsAdministrator(ctx: AppContext, method: string, input: unknown) {
  await signInAdministrator(ctx);
  return dispatch(ctx, method, input, () => {});
}

export function person(fields: Partial<InputOf<'retirees.create'>['person']> = {}): PersonInput {
  return PersonInput.parse({ name: '张桂兰', category: '退休', ...fields });
}

/** The router, as every IPC call reaches it: the value of a call, or the refusal it gives. */
export function router(ctx: () => AppContext) {
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      const r = await dispatchAsAdministrator(ctx(), method, input);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
    async refusal(method: string, input: unknown): Promise<RpcError> {
      const r = await dispatchAsAdministrator(ctx(), method, input);
      if (r.ok) throw new Error(`${method} was not refused`);
      return r.error;
    },
  };
}

/** An invoice line paid wholly by the person (市中心医院, 2025-03-02), with any field changed. */
export const claimLine = (invoiceNo: string, kind: string, amount: string, extra: Record<string, unknown> = {}) => ({
  invoiceNo,
  hospital: '市中心医院',
  visitDate: '2025-03-02',
  kind,
  total: amount,
  fund: '0',
  account: '0',
  self: amount,
  ...extra,
});

/**
 * An approved claim of three lines (门诊 500.00, 住院 1,000.00, 药店 120.50 in March 2025) under the
 * 2025 退休 policy: 667.30 to pay, waiting for a payment batch.
 */
export async function approvedClaim(call: <T>(method: string, input: unknown) => Promise<T>, personId: number) {
  await call('claims.savePolicy', {
    year: 2025,
    category: '退休',
    rules: {
      deductibleFen: 80000,
      capFen: 1000000,
      ratioBp: { 门诊: 7000, 住院: 8500, 特殊病种: 9000, 药店: 6000 },
      ageBands: [],
    },
    note: null,
  });
  let c = await call<ClaimFile>('claims.create', {
    personId,
    receivedDate: '2025-03-10',
    lines: [
      claimLine('A001', '门诊', '500.00'),
      claimLine('A002', '住院', '1,000.00'),
      claimLine('A003', '药店', '120.50'),
    ],
  });
  c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '审核' });
  return call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '批准' });
}

/**
 * What a clerk does to files through the router, for tests that build an office's history: a file
 * made (the fields given, no ID number), some fields edited against what the file holds, a death
 * registered, and the change just recorded for a field settled (变动 or 更正, with its date).
 */
export function fileHistory(call: <T>(method: string, input: unknown) => Promise<T>) {
  return {
    async add(name: string, fields: Partial<PersonFile>): Promise<number> {
      return (await call<PersonFile>('retirees.create', { person: person({ name, idNumber: null, ...fields }) })).id;
    },
    async update(id: number, changes: Partial<PersonFile>): Promise<void> {
      const p = await call<PersonFile>('retirees.get', { id });
      const base = Object.fromEntries(Object.keys(changes).map((k) => [k, p[k as keyof PersonFile]]));
      await call('retirees.update', { id, version: p.version, changes, base });
    },
    died: (personId: number, diedOn: string) =>
      call('deaths.register', { personId, diedOn, reportedBy: '家属', note: null }),
    async settle(personId: number, field: 'status' | 'category', nature: '变动' | '更正', date: string) {
      const mine = await call<ChangeView[]>('statistics.changes', { personId });
      const change = mine.find((c) => c.field === field)!;
      return call<ChangeView>('statistics.confirmChange', { id: change.id, nature, effectiveDate: date });
    },
  };
}

/** The claims report's three tables as the approved lines give them: what the kept figures must equal. */
export function reportFromLines(
  store: Store,
  year: number,
  month: number | null,
): Pick<ClaimsReport, 'byMonth' | 'byCategory' | 'byKind'> {
  const [from, to] = periodOf(year, month);
  const q = (select: string, group: string) =>
    store.raw
      .prepare(
        `SELECT ${select} FROM claim_lines WHERE approved_on >= ? AND approved_on < ? GROUP BY ${group} ORDER BY ${group}`,
      )
      .all(from, to);
  return {
    byMonth: q(
      'substr(approved_on, 1, 7) AS month, count(*) AS lines, sum(eligible_fen) AS eligibleFen, sum(pay_fen) AS payFen',
      'month',
    ) as ClaimsReport['byMonth'],
    byCategory: q(
      'category, count(DISTINCT person_id) AS people, sum(pay_fen) AS payFen',
      'category',
    ) as ClaimsReport['byCategory'],
    byKind: q('kind, count(*) AS lines, sum(pay_fen) AS payFen', 'kind') as ClaimsReport['byKind'],
  };
}

/** The CLI's environment in the tests: the administrator's password, as a script gives it. */
export const CLI_ENV = { ...process.env, RETIREE_OFFICE_PASSWORD: TEST_PASSWORD };

/** A CLI command's arguments, run as `operator` (every command but init signs in). */
export const cliArgs = (args: string[], operator = '王干事') =>
  args[0] === 'init' ? args : [...args, '--operator', operator];
