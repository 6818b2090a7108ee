// The fixed tables sent upward (issue 19 items 3, 4 and 8), on a small office built by hand through
// the router on a real SQLite file: people retiring, dying, moving away and changing category across
// 2025 and 2026, with ranks, staff types, work start dates, party membership and care; claims,
// visits and death payments in both years. Every cell of every table for 2026 is written out below,
// counted from the people as the comments beside them say.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import type { ClaimFile } from '../src-main/contract/claims';
import type { PrintableView } from '../src-main/contract/common';
import type { UpwardTable } from '../src-main/contract/statistics';
import { workPeriod } from '../src-main/statistics/upward';
import { CLI_ENV, cliArgs, fileHistory, freshContext, router, signInAs, tempDir } from './helpers';
import { entryCommand } from './bundles';

let ctx: AppContext;
const { call, refusal } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => {
  vi.useRealTimers();
  ctx.close();
});

const { add, update, died, settle } = fileHistory(call);

const visit = (personId: number, kind: string, date: string, money: string) =>
  call('visits.create', { personId, kind, date, money, visitors: null, items: null, note: null });

const paid = (personId: number, task: string, doneOn: string, amount: string) =>
  call('deaths.task', { personId, task, doneOn, amount, note: null });

/** A hardship aid of `amount` yuan granted, and paid by hand on `paidOn` (null: granted, not paid). */
async function aidPaid(personId: number, amount: string, appliedOn: string, paidOn: string | null) {
  const reasons = await call<{ id: number; name: string }[]>('aid.reasons', {});
  const a = await call<{ id: number; version: number }>('aid.apply', {
    personId,
    reasonId: reasons.find((r) => r.name === '大病')!.id,
    appliedOn,
    story: '住院',
    asked: amount,
  });
  const d = await call<{ id: number; version: number }>('aid.decide', {
    id: a.id,
    version: a.version,
    decision: '批准',
    granted: amount,
    decidedOn: appliedOn,
    decidedBy: '赵主任',
    body: '工会',
  });
  if (paidOn) await call('aid.pay', { id: d.id, version: d.version, paidOn, paidBy: '李明' });
}

/** Every line reimbursed whole: no deductible, 100%, no cap, so that 药费 is the amounts below. */
const WHOLE = {
  deductibleFen: 0,
  capFen: null,
  ratioBp: { 门诊: 10000, 住院: 10000, 特殊病种: 10000, 药店: 10000 },
  ageBands: [],
};

let invoice = 0;
/** A claim of one 门诊 line of `amount` yuan, approved on `approvedOn` (the clock set to that day). */
async function claimApproved(personId: number, amount: string, approvedOn: string): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${approvedOn}T10:00:00`));
  const c = await call<ClaimFile>('claims.create', {
    personId,
    receivedDate: approvedOn,
    lines: [
      {
        invoiceNo: `F${++invoice}`,
        hospital: '市中心医院',
        visitDate: `${approvedOn.slice(0, 4)}-01-15`,
        kind: '门诊',
        total: amount,
        fund: '0',
        account: '0',
        self: amount,
      },
    ],
  });
  const checked = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '审核' });
  await call<ClaimFile>('claims.move', { id: checked.id, version: checked.version, to: '批准' });
  vi.useRealTimers();
  // The clerk's last use was on the day set above: back to today, it is today's.
  ctx.session.touch();
}

/** The office. 离休 people are 甲…癸 with 离; 退休 with 退; 退职 with 职. */
async function office() {
  const cadre = { staffType: '干部' as const };
  const ids = {
    // 离休 ------------------------------------------------------------------------------------
    L1: await add('离一', {
      category: '离休',
      retirementDate: '1985-06',
      birthDate: '1930-03-01', // 96 on 2026-12-31
      politicalStatus: '中共党员',
      careDisability: '失能',
      workStartDate: '1938-05-01', // 1937-07-07 – 1942-12-31
    }),
    L2: await add('离二', {
      category: '离休',
      retirementDate: '1988',
      birthDate: '1956-12-31', // 70 on 2026-12-31
      politicalStatus: '群众',
      careDisability: '半失能', // not 生活不能自理
      workStartDate: '1937-07', // straddles 1937-07-06/07: 待定
    }),
    L3: await add('离三', { category: '离休', retirementDate: '1990', birthDate: '1925', workStartDate: '1945' }), // dies 2026-03-03
    L4: await add('离四', {
      category: '退休', // was 离休 all along: corrected in 2026
      retirementDate: '1992',
      birthDate: '1940-12-31', // 86
      politicalStatus: '中共预备党员',
      workStartDate: '1949-10-15', // after 1949-09-30: not in a period
    }),
    L5: await add('离五', { category: '离休', retirementDate: '1986', workStartDate: '1930-01-01', counted: false }),
    L6: await add('离六', { category: '离休', retirementDate: '1986' }), // moves away 2026-06-01
    L7: await add('离七', {
      category: '离休',
      retirementDate: '1987',
      birthDate: '1946-01-01', // 80
      politicalStatus: '中共党员',
      workStartDate: '1943', // 1943-01-01 – 1945-09-02 all year
    }),
    L8: await add('离八', {
      category: '离休',
      retirementDate: '1989',
      birthDate: '1947-12-31',
      workStartDate: '1927-08-01',
    }), // 79
    L9: await add('离九', {
      category: '离休',
      retirementDate: '2026-05-01',
      birthDate: '1930-07',
      workStartDate: '1946-02',
    }), // new in 2026, 96
    L10: await add('离十', {
      category: '离休',
      retirementDate: '1984',
      birthDate: '1920-05-05',
      workStartDate: '1927-07',
    }), // 106; July 1927 is before 07-31
    // 退休 ------------------------------------------------------------------------------------
    T1: await add('退一', {
      category: '退休',
      ...cadre,
      rank: '正厅局级',
      retirementDate: '2010-03',
      birthDate: '1950-05-05', // 76
      politicalStatus: '中共党员',
      careDisability: '失能',
    }),
    T2: await add('退二', { category: '退休', ...cadre, rank: '正县处级', retirementDate: '2008', birthDate: '1945' }), // dies 2026-05-10
    T3: await add('退三', {
      category: '退休',
      ...cadre,
      rank: '正县处级',
      retirementDate: '2026-04', // new in 2026
      birthDate: '1966-04-01', // 60
      politicalStatus: '中共党员',
    }),
    T4: await add('退四', { category: '退休', ...cadre, retirementDate: '2000', birthDate: '1940-02-02' }), // no rank; 86
    T5: await add('退五', { category: '退休', staffType: '工人', retirementDate: '2005', birthDate: '1950' }), // not a cadre
    T6: await add('退六', { category: '退休', retirementDate: '2012', birthDate: '1944' }), // no staff type; 82
    T7: await add('退七', {
      category: '退职', // 退职 → 退休 on 2026-03-01
      ...cadre,
      rank: '科员办事员及其他',
      retirementDate: '1998',
      birthDate: '1955-01-01', // 71
    }),
    T8: await add('退八', {
      category: '退休',
      ...cadre,
      rank: '科员办事员及其他',
      retirementDate: '2015-09-30',
      counted: false,
    }),
    T9: await add('退九', { category: '退休', ...cadre, rank: '副县处级', retirementDate: '2026-02' }), // new, dies 2026-10-15
    T10: await add('退十', { category: '退休', ...cadre, rank: '正县处级', retirementDate: '2001' }), // died 2025-11-20
    // 退职 ------------------------------------------------------------------------------------
    Z1: await add('职一', { category: '退职', retirementDate: '1998' }),
  };
  await died(ids.L3, '2026-03-03');
  await update(ids.L4, { category: '离休' });
  await settle(ids.L4, 'category', '更正', '2026-11-30');
  await update(ids.L6, { status: '迁出', statusDate: '2026-06-01' });
  await died(ids.T2, '2026-05-10');
  await update(ids.T7, { category: '退休' });
  await settle(ids.T7, 'category', '变动', '2026-03-01');
  await died(ids.T9, '2026-10-15');
  await died(ids.T10, '2025-11-20');

  // Money. Claims: 离一 1,200 and 退一 800, 退五 300, 职一 150 approved in 2026; 退一 100 approved in
  // 2025; 退八 (not counted) 700 in 2026.
  for (const category of ['离休', '退休', '退职'] as const)
    for (const year of [2025, 2026]) await call('claims.savePolicy', { year, category, rules: WHOLE, note: null });
  await claimApproved(ids.T1, '100', '2025-10-10');
  await claimApproved(ids.L1, '1200', '2026-02-10');
  await claimApproved(ids.T1, '800', '2026-03-10');
  await claimApproved(ids.T5, '300', '2026-04-10');
  await claimApproved(ids.Z1, '150', '2026-05-10');
  await claimApproved(ids.T8, '700', '2026-05-11');
  // Visits: 离一 500 (节日); 退五 2,000 (困难帮扶: 帮扶); 退七 400 on 2026-02-01, still 退职 then;
  // 退一 300 in 2025; 退八 999 (not counted).
  await visit(ids.L1, '节日慰问', '2026-01-20', '500');
  await visit(ids.T5, '困难帮扶', '2026-03-03', '2000');
  await visit(ids.T7, '节日慰问', '2026-02-01', '400');
  await visit(ids.T1, '生日祝寿', '2025-12-30', '300');
  await visit(ids.T8, '节日慰问', '2026-02-02', '999');
  // Hardship aid (帮扶) as paid: 退一 1,500 on 2026-04-01; 退七 600 on 2026-02-05 (still 退职); 退四 800
  // granted, not paid; 退一 250 paid in 2025; 退八 999 (not counted).
  await aidPaid(ids.T1, '1500', '2026-03-20', '2026-04-01');
  await aidPaid(ids.T7, '600', '2026-02-01', '2026-02-05');
  await aidPaid(ids.T4, '800', '2026-03-01', null);
  await aidPaid(ids.T1, '250', '2025-12-01', '2025-12-20');
  await aidPaid(ids.T8, '999', '2026-03-01', '2026-03-02');
  // The pension fund's payments through the office: 退二 5,000 + 30,000; 离三 6,000; 退十 4,000 in 2025.
  await paid(ids.T2, '丧葬补助金', '2026-05-20', '5000');
  await paid(ids.T2, '一次性抚恤金', '2026-06-01', '30000');
  await paid(ids.L3, '丧葬补助金', '2026-03-10', '6000');
  await paid(ids.T10, '丧葬补助金', '2025-12-01', '4000');
  return ids;
}

const report = (name: string, year = 2026) => call<UpwardTable>('statistics.report', { report: name, year });
const cells = (t: UpwardTable) => Object.fromEntries(t.rows.map((r) => [r.label, r.cells]));
const names = (t: UpwardTable) => t.toSettle.map((s) => [s.reason, s.people.map((p) => p.name)]);

describe('the upward tables for 2026, every cell', () => {
  test('离休干部两年数字变化情况统计表, and the people behind its 差', async () => {
    const ids = await office();
    const t = await report('lixiu-change');
    expect(t.columns.map((c) => c.label)).toEqual([
      '上年12月底总数',
      '本年度内办理离休手续',
      '本年度内去世',
      '应有',
      '实有',
      '实有数与应有数之差',
    ]);
    // 上年末: 离一 二 三 四 (corrected: 离休 all along) 六 七 八 十 = 8 (离五 not counted, 离九 not yet).
    // 新办: 离九. 去世: 离三. 应有 8 + 1 − 1 = 8. 实有: 离一 二 四 七 八 九 十 = 7. 差 −1: 离六 moved away.
    expect(cells(t)).toEqual({ 离休干部: [8, 1, 1, 8, 7, -1] });
    expect(t.balance!.people.map((p) => [p.personId, p.effect])).toEqual([[ids.L6, { 离休: -1 }]]);
    expect(t.balance!.people[0].changes.join()).toContain('由“在册”改为“迁出”');
  });

  test('企业离休干部基本情况统计表: ages on 31 December, the five periods, 待定 apart and listed', async () => {
    const ids = await office();
    const t = await report('lixiu-basic');
    expect(t.columns.map((c) => [c.group, c.label])).toEqual([
      [null, '总数'],
      [null, '中共党员'],
      [null, '生活不能自理'],
      ['年龄', '70—79岁'],
      ['年龄', '80岁及以上'],
      ['参加革命工作时间', '1927年7月31日以前'],
      ['参加革命工作时间', '1927年8月1日至1937年7月6日'],
      ['参加革命工作时间', '1937年7月7日至1942年12月31日'],
      ['参加革命工作时间', '1943年1月1日至1945年9月2日'],
      ['参加革命工作时间', '1945年9月3日至1949年9月30日'],
      ['参加革命工作时间待核实', '待定（月份或年份跨时段）'],
      ['参加革命工作时间待核实', '未填或不在以上时段'],
    ]);
    // On the roll on 2026-12-31: 离一 二 四 七 八 九 十 = 7. 党员: 一, 四 (预备), 七 = 3. 失能: 一 (二 is 半失能).
    // 70–79: 二 (70), 八 (79). 80+: 一 (96), 四 (86), 七 (80), 九 (96), 十 (106).
    // Periods: 十 1927-07 → ≤1927-07-31; 八 1927-08-01; 一 1938-05-01; 七 1943; 九 1946-02.
    // 待定: 二 1937-07. 不在时段: 四 1949-10-15.
    expect(cells(t)).toEqual({ 企业离休干部: [7, 3, 1, 2, 5, 1, 1, 1, 1, 1, 1, 1] });
    expect(t.toSettle.map((s) => s.people.map((p) => [p.personId, p.detail]))).toEqual([
      [[ids.L2, '参加工作时间 1937-07']],
      [[ids.L4, '参加工作时间 1949-10-15，晚于1949年9月30日']],
    ]);
  });

  test('退休干部两年数字变化情况统计表 by rank: 职级未填 in its row, 身份未填 apart, 工人 not counted', async () => {
    const ids = await office();
    const t = await report('tuixiu-change');
    // 上年末 (退休 cadres on 2025-12-31): 退一 (正厅局级), 退二 (正县处级), 退四 (no rank). 退七 was 退职, 退十 had died.
    // 正县处级: 退二 died, 退三 new. 副县处级: 退九 new and died. 科员办事员及其他: 退七 came from 退职: 差 +1.
    expect(cells(t)).toEqual({
      合计: [3, 2, 2, 3, 4, 1],
      正省部级: [0, 0, 0, 0, 0, 0],
      副省部级: [0, 0, 0, 0, 0, 0],
      正厅局级: [1, 0, 0, 1, 1, 0],
      副厅局级: [0, 0, 0, 0, 0, 0],
      正县处级: [1, 1, 1, 1, 1, 0],
      副县处级: [0, 1, 1, 0, 0, 0],
      正乡科级: [0, 0, 0, 0, 0, 0],
      副乡科级: [0, 0, 0, 0, 0, 0],
      科员办事员及其他: [0, 0, 0, 0, 1, 1],
      职级未填: [1, 0, 0, 1, 1, 0],
      '身份未填（干部或工人未填，未计入合计）': [1, 0, 0, 1, 1, 0], // 退六
    });
    expect(t.rows.filter((r) => r.apart).map((r) => r.key)).toEqual(['noStaffType']);
    expect(t.columns[1].label).toBe('本年度内办理退休手续');
    expect(t.balance!.people.map((p) => [p.personId, p.effect])).toEqual([[ids.T7, { 退休: 1, 退职: -1 }]]);
    expect(t.balance!.people[0].changes.join()).toContain('人员类别由“退职”改为“退休”（变动，2026-03-01）');
    expect(names(t)).toEqual([
      ['退休干部未填职级，计入“职级未填”', ['退四']],
      ['退休人员未填干部或工人身份，单列为“身份未填”，未计入合计', ['退六']],
    ]);
  });

  test('退休干部基本情况统计表 by rank', async () => {
    await office();
    const t = await report('tuixiu-basic');
    expect(t.columns.map((c) => c.label)).toEqual(['总数', '中共党员', '生活不能自理', '70—79岁', '80岁及以上']);
    // On 2026-12-31, 退休 cadres: 退一 (正厅局级: 党员, 失能, 76), 退三 (正县处级: 党员, 60), 退四 (no rank, 86),
    // 退七 (科员办事员及其他, 71). Apart: 退六 (82). Not counted: 退五 (工人), 退八 (统计标志 否).
    expect(cells(t)).toEqual({
      合计: [4, 2, 1, 2, 1],
      正省部级: [0, 0, 0, 0, 0],
      副省部级: [0, 0, 0, 0, 0],
      正厅局级: [1, 1, 1, 1, 0],
      副厅局级: [0, 0, 0, 0, 0],
      正县处级: [1, 1, 0, 0, 0],
      副县处级: [0, 0, 0, 0, 0],
      正乡科级: [0, 0, 0, 0, 0],
      副乡科级: [0, 0, 0, 0, 0],
      科员办事员及其他: [1, 0, 0, 1, 0],
      职级未填: [1, 0, 0, 0, 1],
      '身份未填（干部或工人未填，未计入合计）': [1, 0, 0, 0, 1],
    });
  });

  test('离休、退休、退职人员数 with the enterprise spending beside it and the fund apart', async () => {
    await office();
    const t = await report('all-retirees');
    expect(t.columns.map((c) => [c.group, c.label])).toEqual([
      ['人数', '上年末'],
      ['人数', '本年新增'],
      ['人数', '本年去世'],
      ['人数', '本年末'],
      ['企业支出（元）', '药费'],
      ['企业支出（元）', '慰问'],
      ['企业支出（元）', '帮扶'],
      ['企业支出（元）', '小计'],
      ['统筹基金支付（经办，元）', '丧葬补助金'],
      ['统筹基金支付（经办，元）', '抚恤金'],
    ]);
    // 退休 上年末: 退一 二 四 五 六 = 5; 新增: 退三, 退九; 去世: 退二, 退九; 本年末: 退一 三 四 五 六 七 = 6.
    // 退职 上年末: 退七, 职一; 本年末: 职一. In fen: 药费 离 1,200; 退 800 + 300; 职 150. 慰问: 离 500; 职 400
    // (退七 still 退职 on 2026-02-01). 帮扶: the aid paid in the year, not 退五's 困难帮扶 visit: 退 1,500;
    // 职 600 (退七 still 退职 on 2026-02-05). 丧葬: 离 6,000, 退 5,000; 抚恤: 退 30,000.
    expect(cells(t)).toEqual({
      离休人员: [8, 1, 1, 7, 120000, 50000, 0, 170000, 600000, 0],
      退休人员: [5, 2, 2, 6, 110000, 0, 150000, 260000, 500000, 3000000],
      退职人员: [2, 0, 0, 1, 15000, 40000, 60000, 115000, 0, 0],
      合计: [15, 3, 3, 14, 245000, 90000, 210000, 545000, 1100000, 3000000],
    });
  });

  test('a year or month that straddles a bound is 待定, never guessed', () => {
    expect(workPeriod(19270700)).toBe('p1'); // July 1927 ends on the 31st, the bound
    expect(workPeriod(19370700)).toBe('pending');
    expect(workPeriod(19450900)).toBe('pending');
    expect(workPeriod(19450000)).toBe('pending');
    expect(workPeriod(19420000)).toBe('p3');
    expect(workPeriod(19490900)).toBe('p5'); // September 1949 has 30 days
    expect(workPeriod(19490000)).toBe('pending');
    expect(workPeriod(19500100)).toBe('missing');
    expect(workPeriod(null)).toBe('missing');
  });
});

describe('the row labels a provincial 表样 adds', () => {
  test('are the office’s, per row, and an empty one goes back to the default', async () => {
    await office();
    await call('statistics.saveReportLabels', { report: 'all-retirees', labels: { lixiu: '离休干部', tuizhi: '' } });
    const t = await report('all-retirees');
    expect(t.rows.map((r) => r.label)).toEqual(['离休干部', '退休人员', '退职人员', '合计']);
    const bad = await refusal('statistics.saveReportLabels', { report: 'all-retirees', labels: { nope: 'x' } });
    expect(bad.message).toBe('离休、退休、退职人员数没有“nope”这一行');
    expect((await refusal('statistics.report', { report: 'nope', year: 2026 })).message).toContain('没有这张报表');
  });
});

describe('on paper and as a workbook', () => {
  test('printed on A4 landscape with the form’s headings, 填报单位, 制表人 and 审核人, logged', async () => {
    await office();
    await signInAs(ctx, '李科长');
    const p = await call<PrintableView>('statistics.reportPrint', { report: 'lixiu-basic', year: 2026 });
    expect(p.css).toContain('size: 297mm 210mm');
    expect(p.body).toContain('<h1>企业离休干部基本情况统计表</h1>');
    expect(p.body).toContain('填报单位（盖章）：测试集团离退休管理办公室');
    expect(p.body).toContain('<th colspan="5">参加革命工作时间</th>');
    expect(p.body).toContain('<th rowspan="2">总数</th>');
    expect(p.body).toContain('制表人：李科长');
    expect(p.body).toContain('审核人：');
    expect(p.body).toMatch(/填报日期：\d{4}年\d{1,2}月\d{1,2}日/);
    const log = ctx.store.raw.prepare("SELECT operator, what, filter FROM access_log WHERE action = 'print'").all();
    expect(log).toEqual([
      { operator: '李科长', what: '打印上报报表', filter: JSON.stringify({ report: 'lixiu-basic', year: 2026 }) },
    ]);
    // The 差's people under the change table, for the 说明.
    const change = await call<PrintableView>('statistics.reportPrint', { report: 'lixiu-change', year: 2026 });
    expect(change.body).toContain('离六：');
  });

  test('the .xlsx read back: merged headings as the form has them, every cell', async () => {
    await office();
    const f = await call<{ fileName: string; dataBase64: string }>('statistics.reportExport', {
      report: 'all-retirees',
      year: 2026,
    });
    expect(f.fileName).toBe('离休、退休、退职人员数-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(1)[0]).toBe('离休、退休、退职人员数');
    expect(row(2)[0]).toBe('填报单位（盖章）：测试集团离退休管理办公室　　2026年度');
    expect(row(3)).toEqual([
      '类别',
      '人数',
      '人数',
      '人数',
      '人数',
      '企业支出（元）',
      '企业支出（元）',
      '企业支出（元）',
      '企业支出（元）',
      '统筹基金支付（经办，元）',
      '统筹基金支付（经办，元）',
    ]);
    expect(row(4)).toEqual([
      '类别',
      '上年末',
      '本年新增',
      '本年去世',
      '本年末',
      '药费',
      '慰问',
      '帮扶',
      '小计',
      '丧葬补助金',
      '抚恤金',
    ]);
    expect(ws.getCell('A3').isMerged && ws.getCell('A4').master.address).toBe('A3');
    expect(ws.getCell('C3').master.address).toBe('B3');
    expect(ws.getCell('I3').master.address).toBe('F3');
    expect(ws.getCell('K3').master.address).toBe('J3');
    expect(row(5)).toEqual(['离休人员', 8, 1, 1, 7, 1200, 500, 0, 1700, 6000, 0]);
    expect(row(6)).toEqual(['退休人员', 5, 2, 2, 6, 1100, 0, 1500, 2600, 5000, 30000]);
    expect(row(7)).toEqual(['退职人员', 2, 0, 0, 1, 150, 400, 600, 1150, 0, 0]);
    expect(row(8)).toEqual(['合计', 15, 3, 3, 14, 2450, 900, 2100, 5450, 11000, 30000]);
    expect(String(row(9)[0])).toMatch(/^制表人：王干事　　审核人：/);
  });
});

describe('cli report', () => {
  test('writes a table as .xlsx; a wrong name is refused in Chinese; --help lists the names', async () => {
    await office();
    const db = ctx.paths.dbPath;
    ctx.close();
    const out = path.join(tempDir(), '退休干部.xlsx');
    const cli = (args: string[]) =>
      spawnSync(...entryCommand('cli', args), {
        cwd: path.resolve(import.meta.dirname, '..'),
        encoding: 'utf8',
        env: CLI_ENV,
      });
    const made = cli(cliArgs(['report', 'tuixiu-change', '--db', db, '--year', '2026', '--out', out]));
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('退休干部两年数字变化情况统计表');
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual(['合计', 3, 2, 2, 3, 4, 1]);
    const wrong = cli(cliArgs(['report', 'tuixiu', '--db', db, '--year', '2026', '--out', out]));
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('没有名为“tuixiu”的报表');
    const help = cli(['report', '--help']);
    expect(help.status).toBe(0);
    for (const name of ['lixiu-change', 'lixiu-basic', 'tuixiu-change', 'tuixiu-basic', 'all-retirees'])
      expect(help.stdout).toContain(name);
    expect(fs.existsSync(out)).toBe(true);
    ctx = await freshContext();
    // Three runs of the CLI, each starting Node on its bundle (tests/bundles.ts).
  }, 200_000);
});
