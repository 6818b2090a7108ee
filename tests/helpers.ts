// Real SQLite files in a fresh temporary folder for each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RpcError } from '../src-main/shared/errors';
import type { InputOf } from '../src-main/contract';
import type { ClaimsReport } from '../src-main/contract/claims';
import { PersonInput } from '../src-main/contract/retirees';
import { dispatch } from '../src-main/router';
import { AppContext } from '../src-main/app/context';
import { periodOf } from '../src-main/claims/reports';
import type { Store } from '../src-main/db/store';
import type { ProcessLauncher } from '../src-main/jobs/launcher';
import { saveOfficeSettings } from '../src-main/settings/settings';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'retiree-test-'));
}

export async function freshContext(
  options: { configured?: boolean; launcher?: ProcessLauncher } = {},
): Promise<AppContext> {
  const ctx = await AppContext.start({ dbPath: path.join(tempDir(), 'office.sqlite'), launcher: options.launcher });
  if (options.configured !== false)
    saveOfficeSettings(ctx.store, { orgName: '测试集团离退休管理办公室', operatorName: '王干事' });
  return ctx;
}

export function person(fields: Partial<InputOf<'retirees.create'>['person']> = {}): PersonInput {
  return PersonInput.parse({ name: '张桂兰', category: '退休', ...fields });
}

/** The router, as every IPC call reaches it: the value of a call, or the refusal it gives. */
export function router(ctx: () => AppContext) {
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      const r = await dispatch(ctx(), method, input, () => {});
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
    async refusal(method: string, input: unknown): Promise<RpcError> {
      const r = await dispatch(ctx(), method, input, () => {});
      if (r.ok) throw new Error(`${method} was not refused`);
      return r.error;
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
