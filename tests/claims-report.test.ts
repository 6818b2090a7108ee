// The claims report reads figures kept with every approved line (issue 17, item 3): after each way
// a line comes, goes or changes (approval, reversal and its correction, an edit before approval,
// a category changed between approvals, a legacy ledger imported), every month's and every year's
// report equals the same report worked out from the lines themselves.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ClaimFile } from '../src-main/contract/claims';
import type { PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { importLedger } from '../src-main/claims/ledger';
import { claimsReport } from '../src-main/claims/reports';
import { createPerson } from '../src-main/retirees/persons';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person, reportFromLines, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call } = router(() => ctx);

/** Every year that has approved lines, whole and month by month: the report equals the lines. */
function expectReportsEqualLines(): number {
  const years = (
    ctx.store.raw
      .prepare('SELECT DISTINCT substr(approved_on, 1, 4) AS y FROM claim_lines WHERE approved_on IS NOT NULL')
      .all() as { y: string }[]
  ).map((r) => Number(r.y));
  let compared = 0;
  for (const year of years) {
    for (const month of [null, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
      const { byMonth, byCategory, byKind } = claimsReport(ctx.store, year, 90, month);
      expect({ byMonth, byCategory, byKind }, `${year} ${month ?? '全年'}`).toEqual(
        reportFromLines(ctx.store, year, month),
      );
      compared += byKind.length;
    }
  }
  return compared;
}

const RULES = {
  deductibleFen: 20000,
  capFen: 1000000,
  ratioBp: { 门诊: 7000, 住院: 8500, 特殊病种: 9000, 药店: 6000 },
  ageBands: [],
};

function retiree(name: string, birth: string, category: '退休' | '退职'): PersonFile {
  const first17 = `210102${birth}123`;
  return createPerson(ctx.store, person({ name, category, idNumber: first17 + checkCharacter(first17) }), {
    acceptWarnings: false,
  });
}

let invoice = 0;
const line = (visitDate: string, kind: string, amount: string) => ({
  invoiceNo: `F${++invoice}`,
  hospital: '市中心医院',
  visitDate,
  kind,
  total: amount,
  fund: '0',
  account: '0',
  self: amount,
});

async function registered(personId: number, lines: ReturnType<typeof line>[]): Promise<ClaimFile> {
  return call<ClaimFile>('claims.create', { personId, receivedDate: '2025-06-01', lines });
}

async function approve(c: ClaimFile): Promise<ClaimFile> {
  const checked = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '审核' });
  return call<ClaimFile>('claims.move', { id: checked.id, version: checked.version, to: '批准' });
}

async function ledgerFile(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['姓名', '身份证号码', '就诊日期', '费用类别', '票据号', '符合报销金额', '实报金额']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("the month's claims report", () => {
  test('equals the approved lines after approvals, reversals, corrections, edits, a category change and a legacy ledger', async () => {
    for (const category of ['退休', '退职'] as const)
      await call('claims.savePolicy', { year: 2025, category, rules: RULES, note: null });
    const liu = retiree('刘建国', '19500310', '退休');
    const wang = retiree('王秀英', '19480522', '退休');
    const zhao = retiree('赵德福', '19520101', '退职');

    // The legacy ledger: its lines count in the months of their dates.
    const ledger = await ledgerFile([
      ['刘建国', liu.idNumber!, '2025-01-06', '门诊', 'L1', 300, 150],
      ['刘建国', liu.idNumber!, '2025-01-20', '住院', 'L2', 5000, 4000],
      ['王秀英', wang.idNumber!, '2025-01-21', '药店', 'L3', 120.5, 60],
      ['王秀英', wang.idNumber!, '2025-02-03', '门诊', 'L4', 88, 44],
      ['赵德福', zhao.idNumber!, '2025-02-14', '特殊病种', 'L5', 2000, 1800],
    ]);
    const imported = await importLedger(ctx.store, ledger, '2025年台账.xlsx');
    expect(imported).toMatchObject({ inserted: 5, rejected: 0 });
    expect(expectReportsEqualLines()).toBeGreaterThan(0);
    expect(claimsReport(ctx.store, 2025, 90, 1).byCategory).toEqual([{ category: '退休', people: 2, payFen: 421000 }]);

    // Approvals through the workflow: counted on the day they are approved, not before.
    const first = await registered(liu.id, [
      line('2025-03-02', '门诊', '500.00'),
      line('2025-03-02', '住院', '1,000.00'),
    ]);
    const before = claimsReport(ctx.store, new Date().getFullYear());
    expectReportsEqualLines();
    const approved = await approve(first);
    expect(claimsReport(ctx.store, new Date().getFullYear())).not.toEqual(before);
    expectReportsEqualLines();
    await approve(await registered(zhao.id, [line('2025-04-01', '药店', '66.60')]));
    expectReportsEqualLines();

    // An edit before approval replaces the claim's lines: nothing counts until it is approved.
    const pending = await registered(wang.id, [line('2025-05-05', '门诊', '10.00')]);
    const edited = await call<ClaimFile>('claims.update', {
      id: pending.id,
      version: pending.version,
      changes: { lines: [line('2025-05-05', '住院', '900.00'), line('2025-05-06', '门诊', '30.00')] },
      base: {
        lines: pending.lines.map((l) => ({
          ...line(l.visitDate, l.kind, '10.00'),
          invoiceNo: l.invoiceNo,
          invoiceCode: null,
          eligible: '10.00',
          eligibleReason: null,
        })),
      },
    });
    expectReportsEqualLines();
    await approve(edited);
    expectReportsEqualLines();

    // A reversal takes the lines out (negative lines on its day), its correction puts them back when approved.
    const { correction } = await call<{ correction: ClaimFile }>('claims.reverse', {
      id: approved.id,
      version: approved.version,
      reason: '住院票据金额登记错误',
    });
    expectReportsEqualLines();
    await approve(correction);
    expectReportsEqualLines();

    // The same person under another category: counted once in each.
    const file = await call<PersonFile>('retirees.get', { id: liu.id });
    await call('retirees.update', {
      id: liu.id,
      version: file.version,
      changes: { category: '退职' },
      base: { category: '退休' },
      acceptWarnings: true,
    });
    await approve(await registered(liu.id, [line('2025-07-07', '门诊', '40.00')]));
    expect(expectReportsEqualLines()).toBeGreaterThan(0);
    const thisYear = claimsReport(ctx.store, new Date().getFullYear());
    expect(thisYear.byCategory.map((c) => [c.category, c.people])).toEqual([
      ['退休', 2],
      ['退职', 2],
    ]);
  });
});
