// Forms take every date spelling the importer takes (issue 12, item 8): one parser for both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimFile } from '../src-main/contract/claims';
import type { PersonFile } from '../src-main/contract/retirees';
import type { Visit } from '../src-main/contract/visits';
import type { AppContext } from '../src-main/app/context';
import { parseDateCell } from '../src-main/spreadsheet/cells';
import { freshContext, router } from './helpers';

let ctx: AppContext;
const { call, refusal } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

const SPELLINGS = ['2026.11.10', '2026/11/10', '2026年11月10日', '20261110', '2026-11-10', ' 2026.11.10 '];

describe('a date typed into a form', () => {
  it.each(SPELLINGS)('%s is taken by a visit, a claim and a file, as the importer takes it', async (typed) => {
    expect(parseDateCell(typed, false)).toMatchObject({ value: '2026-11-10' });
    const p = await call<PersonFile>('retirees.create', {
      person: { name: '周玉兰', category: '退休', birthDate: '1944年3月', statusDate: null, retirementDate: typed },
    });
    expect(p.birthDate).toBe('1944-03');
    expect(p.retirementDate).toBe('2026-11-10');
    const v = await call<Visit>('visits.create', {
      personId: p.id,
      kind: '生日祝寿',
      date: typed,
      visitors: '王干事',
      followUpOn: null,
    });
    expect(v.date).toBe('2026-11-10');
    const c = await call<ClaimFile>('claims.create', {
      personId: p.id,
      receivedDate: typed,
      lines: [
        {
          invoiceNo: `N${SPELLINGS.indexOf(typed)}`,
          visitDate: typed,
          kind: '门诊',
          total: '10.00',
          fund: '0',
          account: '0',
          self: '10.00',
        },
      ],
    });
    expect(c.receivedDate).toBe('2026-11-10');
    expect(c.lines[0].visitDate).toBe('2026-11-10');
  });

  it('what is no date is refused in words, and nothing is saved', async () => {
    const p = await call<PersonFile>('retirees.create', { person: { name: '周玉兰', category: '退休' } });
    const e = await refusal('visits.create', {
      personId: p.id,
      kind: '生日祝寿',
      date: '2026.13.40',
      visitors: '王干事',
    });
    expect(e.message).toContain('应为有效日期');
    const partial = await refusal('visits.create', {
      personId: p.id,
      kind: '生日祝寿',
      date: '2026年11月',
      visitors: '王干事',
    });
    expect(partial.code).toBe('invalid_input');
    expect(await call<Visit[]>('visits.list', { personId: p.id })).toEqual([]);
  });
});
