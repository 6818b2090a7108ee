// The statistics page's charts of the year's work (issue 19 item 1): claims by month and by
// category, visits by kind and by month, petitions by state, each bar's people; and every chart's
// table exported as .xlsx (read back) and printed. A small office built by hand, every figure
// counted out beside it.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import type { PrintableView } from '../src-main/contract/common';
import type { Petition } from '../src-main/contract/petitions';
import type { PersonFile } from '../src-main/contract/retirees';
import { CHART_KEYS, type ActivityCharts, type ActivityPeople, type ChartKey } from '../src-main/contract/statistics';
import { importLedger } from '../src-main/claims/ledger';
import { createPerson } from '../src-main/retirees/persons';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

function retiree(name: string, birth: string, category: '退休' | '退职'): PersonFile {
  const first17 = `210102${birth}123`;
  return createPerson(ctx.store, person({ name, category, idNumber: first17 + checkCharacter(first17) }), {
    acceptWarnings: false,
  });
}

const RULES = {
  deductibleFen: 20000,
  capFen: 1000000,
  ratioBp: { 门诊: 7000, 住院: 8500, 特殊病种: 9000, 药店: 6000 },
  ageBands: [],
};

async function ledger(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['姓名', '身份证号码', '就诊日期', '费用类别', '票据号', '符合报销金额', '实报金额']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const petition = (receivedOn: string, personId: number | null, petitioner: string) =>
  call<Petition>('petitions.create', {
    receivedOn,
    channel: '来访',
    personId,
    petitioner,
    relation: null,
    phone: null,
    subject: '反映医药费报销进度',
    content: '询问报销何时到账。',
    handler: '李明',
  });
const advance = (p: Petition, step: object) =>
  call<Petition>('petitions.advance', { id: p.id, version: p.version, step });

/**
 * 刘建国 and 王秀英 (退休), 赵德福 (退职). Claims of 2025 from a ledger (counted in the months of
 * their dates): January 刘 150 + 4000, 王 60; March 王 44, 赵 1800. Visits of 2025: 刘 and 王 节日慰问
 * in January (200 yuan each), 刘 生病住院慰问 in March (500), and 赵 节日慰问 in 2024 (another year).
 * Petitions of 2025: 刘 twice (one 待受理, one 已办结), 刘强 without a file 办理中, 王 不予受理; one of
 * 2024 (another year).
 */
async function office() {
  for (const category of ['退休', '退职'] as const)
    await call('claims.savePolicy', { year: 2025, category, rules: RULES, note: null });
  const liu = retiree('刘建国', '19500310', '退休');
  const wang = retiree('王秀英', '19480522', '退休');
  const zhao = retiree('赵德福', '19520101', '退职');
  const imported = await importLedger(
    ctx.store,
    await ledger([
      ['刘建国', liu.idNumber!, '2025-01-06', '门诊', 'L1', 300, 150],
      ['刘建国', liu.idNumber!, '2025-01-20', '住院', 'L2', 5000, 4000],
      ['王秀英', wang.idNumber!, '2025-01-21', '药店', 'L3', 120.5, 60],
      ['王秀英', wang.idNumber!, '2025-03-03', '门诊', 'L4', 88, 44],
      ['赵德福', zhao.idNumber!, '2025-03-14', '特殊病种', 'L5', 2000, 1800],
    ]),
    '2025年台账.xlsx',
  );
  expect(imported).toMatchObject({ inserted: 5, rejected: 0 });
  const visit = (personId: number, kind: string, date: string, money: string) =>
    call('visits.create', { personId, kind, date, visitors: '李明', money, items: null, note: null });
  await visit(liu.id, '节日慰问', '2025-01-25', '200');
  await visit(wang.id, '节日慰问', '2025-01-26', '200');
  await visit(liu.id, '生病住院慰问', '2025-03-10', '500');
  await visit(zhao.id, '节日慰问', '2024-12-30', '300');
  // Calls in May: 王 answered; 刘 not answered, 赵 a wrong number: recorded, but nobody was reached.
  const phoned = (personId: number, date: string, callOutcome: string) =>
    call('visits.create', { personId, kind: '电话问候', date, visitors: '李明', money: '0', callOutcome });
  await phoned(wang.id, '2025-05-06', '接通');
  await phoned(liu.id, '2025-05-07', '未接通');
  await phoned(zhao.id, '2025-05-08', '号码错误');

  await petition('2025-04-01', liu.id, '刘建国');
  const done = await petition('2025-04-02', liu.id, '刘建国');
  await advance(await advance(done, { step: 'accept', on: '2025-04-05' }), {
    step: 'conclude',
    on: '2025-04-20',
    result: '已答复',
    satisfaction: '满意',
  });
  await advance(await petition('2025-05-01', null, '刘强'), { step: 'accept', on: '2025-05-03' });
  await advance(await petition('2025-06-01', wang.id, '王秀英'), {
    step: 'reject',
    on: '2025-06-05',
    reason: '不属于本单位职责',
  });
  await petition('2024-11-01', wang.id, '王秀英');
  return { liu, wang, zhao };
}

const rowsOf = (charts: ActivityCharts, chart: ChartKey) =>
  Object.fromEntries(charts.charts.find((c) => c.chart === chart)!.rows.map((r) => [r.key, r.values]));
const names = (p: ActivityPeople) => p.people.map((x) => [x.name, x.count, x.amountFen]);

describe("the year's work as charts", () => {
  test('claims by month and category, visits by kind and month, petitions by state; each bar opens its people', async () => {
    const { liu } = await office();
    const charts = await call<ActivityCharts>('statistics.activity', { year: 2025 });

    // Claims, [报销金额, 符合报销金额, 票据数] in fen: January 150 + 4000 + 60 = 4210 yuan of 300 + 5000
    // + 120.50 = 5420.50 yuan, three lines; March 44 + 1800 = 1844 of 2088, two; the other months nothing.
    const months = rowsOf(charts, 'claimsByMonth');
    expect(Object.keys(months)).toHaveLength(12);
    expect(months['1月']).toEqual([421000, 542050, 3]);
    expect(months['3月']).toEqual([184400, 208800, 2]);
    expect(months['2月']).toEqual([0, 0, 0]);
    // By category, [报销金额, 人数]: 退休 刘 and 王, 4210 + 44; 退职 赵, 1800; no 离休.
    expect(rowsOf(charts, 'claimsByCategory')).toEqual({ 离休: [0, 0], 退休: [425400, 2], 退职: [180000, 1] });

    // Visits of 2025 by kind, [次数, 人数, 慰问金]: 节日慰问 twice (刘, 王), 生病住院慰问 once; 赵's is 2024's.
    const kinds = rowsOf(charts, 'visitsByKind');
    expect(kinds['节日慰问']).toEqual([2, 2, 40000]);
    expect(kinds['生病住院慰问']).toEqual([1, 1, 50000]);
    // Only the answered call is contact (shared/contact.ts): once, one person.
    expect(kinds['电话问候']).toEqual([1, 1, 0]);
    // By month, [次数, 人数]: January two, March one.
    const visitMonths = rowsOf(charts, 'visitsByMonth');
    expect([visitMonths['1月'], visitMonths['3月'], visitMonths['5月'], visitMonths['12月']]).toEqual([
      [2, 2],
      [1, 1],
      [1, 1],
      [0, 0],
    ]);

    // Petitions received in 2025 by state: one in each; the 2024 one is not counted.
    expect(rowsOf(charts, 'petitionsByState')).toEqual({ 待受理: [1], 办理中: [1], 已办结: [1], 不予受理: [1] });

    // The bars' people, by name as the lists sort (pinyin): each with their lines and amount.
    const people = (chart: string, key: string) =>
      call<ActivityPeople>('statistics.activityPeople', { year: 2025, chart, key });
    const january = await people('claimsByMonth', '1月');
    expect(january.total).toBe(2);
    expect(names(january)).toEqual([
      ['刘建国', 2, 415000],
      ['王秀英', 1, 6000],
    ]);
    expect(january.people[0]).toMatchObject({ id: liu.id, category: '退休' });
    expect(names(await people('claimsByMonth', '3月'))).toEqual([
      ['王秀英', 1, 4400],
      ['赵德福', 1, 180000],
    ]);
    expect((await people('claimsByMonth', '2月')).total).toBe(0);
    expect(names(await people('claimsByCategory', '退职'))).toEqual([['赵德福', 1, 180000]]);
    expect(names(await people('visitsByKind', '节日慰问'))).toEqual([
      ['刘建国', 1, 20000],
      ['王秀英', 1, 20000],
    ]);
    expect(names(await people('visitsByMonth', '3月'))).toEqual([['刘建国', 1, 50000]]);
    expect(names(await people('visitsByMonth', '5月'))).toEqual([['王秀英', 1, 0]]);
    expect(names(await people('visitsByKind', '电话问候'))).toEqual([['王秀英', 1, 0]]);
    // A petitioner without a file is listed by the name they gave, with no file to open.
    const handling = await people('petitionsByState', '办理中');
    expect(handling.people).toEqual([
      { id: null, name: '刘强', category: null, unit: null, count: 1, amountFen: null },
    ]);
    expect(names(await people('petitionsByState', '待受理'))).toEqual([['刘建国', 1, null]]);

    // A key that is no bar is refused in words, not answered with nobody.
    expect(
      (await refusal('statistics.activityPeople', { year: 2025, chart: 'claimsByMonth', key: '13月' })).message,
    ).toBe('“13月”不是月份');
    expect(
      (await refusal('statistics.activityPeople', { year: 2025, chart: 'petitionsByState', key: '已撤回' })).message,
    ).toBe('没有“已撤回”这一办理状态');
  });
});

async function readBack(dataBase64: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(dataBase64, 'base64') as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe("every chart's table, exported and printed", () => {
  test('the month of claims as .xlsx: its title, the office and the year, its rows; logged as an export', async () => {
    await office();
    const file = await call<{ fileName: string; count: number; dataBase64: string }>('statistics.chartExport', {
      chart: 'claimsByMonth',
      asOf: '2025-12-31',
      year: 2025,
    });
    expect(file.fileName).toBe('2025年药费报销（按月）-2025年度（按审批日期）.xlsx');
    expect(file.count).toBe(12);
    const rows = await readBack(file.dataBase64);
    expect(rows[0][0]).toBe('2025年药费报销（按月）');
    expect(String(rows[1][0])).toContain('2025年度（按审批日期）');
    const header = rows.findIndex((r) => r[0] === '月份');
    expect(rows[header]).toEqual(['月份', '报销金额（元）', '符合报销金额（元）', '票据数']);
    expect(rows[header + 1]).toEqual(['1月', 4210, 5420.5, 3]);
    expect(rows[header + 3]).toEqual(['3月', 1844, 2088, 2]);
    expect(rows.length - header - 1).toBe(12);

    const log = ctx.store.raw.prepare("SELECT action, what, rows FROM access_log WHERE action = 'export'").all();
    expect(log).toEqual([{ action: 'export', what: '导出统计图表', rows: 12 }]);
  });

  test('a roll chart as .xlsx: the people on the roll on the date, by category', async () => {
    retiree('刘建国', '19500310', '退休');
    retiree('赵德福', '19520101', '退职');
    const file = await call<{ dataBase64: string }>('statistics.chartExport', {
      chart: 'onRoll',
      asOf: '2025-12-31',
      year: 2025,
    });
    const rows = await readBack(file.dataBase64);
    expect(rows[0][0]).toBe('在册人数');
    expect(String(rows[1][0])).toContain('截至2025年12月31日');
    const header = rows.findIndex((r) => r[0] === '人员类别');
    expect(rows.slice(header)).toEqual([
      ['人员类别', '人数'],
      ['离休', 0],
      ['退休', 1],
      ['退职', 1],
    ]);
  });

  test('every chart prints: its title, its bars as SVG and its table; logged as printed', async () => {
    await office();
    for (const chart of CHART_KEYS) {
      const view = await call<PrintableView>('statistics.chartPrint', { chart, asOf: '2025-12-31', year: 2025 });
      expect(view.body, chart).toContain('<svg class="chart"');
      expect(view.body, chart).toContain('</table>');
      expect(view.count, chart).toBeGreaterThan(0);
    }
    const claims = await call<PrintableView>('statistics.chartPrint', {
      chart: 'claimsByMonth',
      asOf: '2025-12-31',
      year: 2025,
    });
    expect(claims.title).toBe('2025年药费报销（按月）');
    expect(claims.body).toContain(
      '<td>1月</td><td class="n">4,210.00</td><td class="n">5,420.50</td><td class="n">3</td>',
    );
    // Twelve bars, January's the longest.
    expect(claims.body.match(/<rect /g)).toHaveLength(12);
    const printed = ctx.store.raw.prepare("SELECT count(*) AS n FROM access_log WHERE action = 'print'").get() as {
      n: number;
    };
    expect(printed.n).toBe(CHART_KEYS.length + 1);
  });
});
