// The annual pension adjustment check: the rule on worked examples, the agency's list imported and
// matched by ID number (unmatched and unreadable rows kept), differences flagged with both figures,
// check-off, recomputation, the differences workbook and the notices. A list longer than one
// INSERT statement (adjustments.ts insertRows: a hundred rows a statement) is kept row for row.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AdjustmentRowView, AdjustmentRunView } from '../src-main/contract/adjustments';
import type { PrintableView } from '../src-main/contract/common';
import type { PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import {
  emptyRule,
  expectedIncrease,
  increaseUnder,
  ruleProblems,
  type AdjustmentPerson,
} from '../src-main/shared/adjustment';
import { importAdjustments, runRows, saveRule } from '../src-main/adjustments/adjustments';
import { bookEvents } from '../src-main/spreadsheet/stream';
import { createPerson } from '../src-main/retirees/persons';
import type { Selectable } from 'kysely';
import type { AdjustmentRowsTable } from '../src-main/db/schema';
import { UserError } from '../src-main/shared/errors';
import { RULE_2026 } from './adjustmentRule';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person, router, tempDir } from './helpers';

// 定额 50 元; 挂钩 每满一年 2 元 + 1%; 倾斜 70/75/80 周岁 25/35/45 元, 80 岁后每岁再加 1 元; 艰苦边远 20 元 (tests/adjustmentRule.ts).
const RULE = RULE_2026;

const someone = (p: Partial<AdjustmentPerson> = {}): AdjustmentPerson => ({
  category: '退休',
  birthDate: '1950-03-15',
  retirementDate: '2010-03',
  contributionYears: 35,
  remoteArea: false,
  ...p,
});

describe('the rule, worked by hand', () => {
  test('76 years old, 35 years, 4,000.00 before: 50 + (35 × 2 + 40) + 35 = 195.00', () => {
    const r = expectedIncrease(RULE, someone(), 400000);
    expect(r.parts).toEqual({ fixed: 5000, tied: 7000 + 4000, tilt: 3500, remote: 0 });
    expect(r.expectedFen).toBe(19500);
    expect(r.lines).toEqual([
      '定额调整 50.00 元',
      '挂钩调整：缴费年限 35 年 × 2.00 元 = 70.00 元；调整前基本养老金 4,000.00 元 × 1% = 40.00 元',
      '倾斜调整：2026年12月31日年满 76 周岁，年满 75 周岁 35.00 元',
    ]);
  });

  test('86 years old in a remote area, 40 years, 3,333.33 before: 50 + (80 + 33.33) + (45 + 6 × 1) + 20 = 234.33', () => {
    const r = expectedIncrease(
      RULE,
      someone({ birthDate: '1940-12-31', contributionYears: 40, remoteArea: true }),
      333333,
    );
    // 3,333.33 × 1 % = 33.3333 → 33.33; 86 − 80 = 6 years over 80.
    expect(r.parts).toEqual({ fixed: 5000, tied: 8000 + 3333, tilt: 4500 + 600, remote: 2000 });
    expect(r.expectedFen).toBe(23433);
  });

  test('without the words (as the check computes 90,000 rows): the same figures, parts and gaps, no lines', () => {
    const people = [
      someone(),
      someone({ birthDate: '1940-12-31', contributionYears: 40, remoteArea: true }),
      someone({ category: '离休' }),
      someone({ retirementDate: '2026-03' }),
      someone({ contributionYears: null, birthDate: null }),
    ];
    const worded = increaseUnder(RULE);
    const bare = increaseUnder(RULE, { words: false });
    for (const p of people) {
      const { lines, ...figures } = worded(p, 333333);
      expect(lines.length).toBeGreaterThan(0);
      expect(bare(p, 333333)).toEqual({ ...figures, lines: [] });
    }
  });

  test('the percentage rounds half up to the fen: 1,234.50 × 1 % = 12.345 → 12.35', () => {
    const r = expectedIncrease({ ...RULE, fixedFen: 0, perYearFen: 0, ageBands: [], ageStep: null }, someone(), 123450);
    expect(r.expectedFen).toBe(1235);
  });

  test('the age counts on the rule date: 70 on 31 December gets the band, a day younger does not', () => {
    const tilt = (birthDate: string) => expectedIncrease(RULE, someone({ birthDate }), 0).parts.tilt;
    expect(tilt('1956-12-31')).toBe(2500);
    expect(tilt('1957-01-01')).toBe(0);
    // 80 exactly: the band, and no year over it yet.
    expect(tilt('1946-12-31')).toBe(4500);
  });

  test('outside the rule: 离休, or retired after the cut-off, get 0 and say why', () => {
    expect(expectedIncrease(RULE, someone({ category: '离休' }), 500000)).toMatchObject({
      expectedFen: 0,
      lines: ['人员类别为离休，不在本次调整范围内'],
    });
    expect(expectedIncrease(RULE, someone({ retirementDate: '2026-03' }), 300000)).toMatchObject({ expectedFen: 0 });
    expect(expectedIncrease(RULE, someone({ retirementDate: '2026-03' }), 300000).lines[0]).toContain(
      '2026年3月离退休，晚于2025年12月31日',
    );
    // Retired in December 2025 (the month is all the file has): covered.
    expect(expectedIncrease(RULE, someone({ retirementDate: '2025-12' }), 300000).expectedFen).toBeGreaterThan(0);
  });

  test('a file without contribution years or birth date gives no figure, and says what is missing', () => {
    const r = expectedIncrease(RULE, someone({ contributionYears: null, birthDate: null }), 300000);
    expect(r.expectedFen).toBeNull();
    expect(r.missing).toEqual(['缴费年限', '出生日期']);
  });
});

// --- through the router, with a real file ---------------------------------------------------------

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

function idNumber(birth: string, seq: string): string {
  const first = `110105${birth}${seq}`;
  return first + checkCharacter(first);
}

async function agencyList(
  rows: (string | number | null)[][],
  file = path.join(tempDir(), '2026年调资名单.xlsx'),
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('调资名单');
  ws.addRow(['2026年企业退休人员基本养老金调整明细表']);
  ws.mergeCells(1, 1, 1, 6);
  ws.addRow(['序号', '姓名', '公民身份号码', '调整前养老金', '调整后养老金', '调整额']);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

const upload = (file: string) => ({
  year: 2026,
  fileName: path.basename(file),
  dataBase64: fs.readFileSync(file).toString('base64'),
});

const zhangFacts = someone({ birthDate: '1950-03-15', contributionYears: 35 });
const liFacts = someone({ birthDate: '1940-12-31', contributionYears: 40, remoteArea: true });

/** 张桂兰 (the rule's 195.00, as the agency's) and 李建国 (the rule's 234.33, the agency's 224.33), imported under RULE. */
async function twoPeople() {
  const make = async (name: string, facts: AdjustmentPerson, seq: string) =>
    (
      await call<PersonFile>('retirees.create', {
        person: person({
          ...facts,
          category: '退休',
          name,
          idNumber: idNumber(facts.birthDate!.replaceAll('-', ''), seq),
        }),
      })
    ).id;
  const zhang = await make('张桂兰', zhangFacts, '002');
  const li = await make('李建国', liFacts, '013');
  await call('adjustments.saveRule', { rule: RULE, loaded: null });
  const run = await call<AdjustmentRunView>(
    'adjustments.import',
    upload(
      await agencyList([
        [1, '张桂兰', idNumber('19500315', '002'), 4000, 4195, 195],
        [2, '李建国', idNumber('19401231', '013'), 3333.33, 3557.66, 224.33],
      ]),
    ),
  );
  const rows = async (runId = run.id) =>
    (await call<{ rows: AdjustmentRowView[] }>('adjustments.rows', { runId, filter: 'all' })).rows;
  return { zhang, li, run, rows };
}

describe('the agency list', () => {
  test('matched by ID number; differences flagged with both figures; unmatched and unreadable rows kept; check-off; notices', async () => {
    const make = async (name: string, birth: string, seq: string, extra: object) =>
      (
        await call<PersonFile>('retirees.create', {
          person: person({ name, idNumber: idNumber(birth, seq), retirementDate: '2010-03', ...extra }),
        })
      ).id;
    const zhang = await make('张桂兰', '19500315', '002', { contributionYears: 35 });
    const li = await make('李建国', '19401231', '013', { contributionYears: 40, remoteArea: true });
    const wang = await make('王秀英', '19520601', '024', {}); // no contribution years on file
    const zhao = await make('赵德明', '19480808', '035', { contributionYears: 30 });
    const stranger = idNumber('19510101', '046');
    await call('adjustments.saveRule', { rule: RULE, loaded: null });
    const file = await agencyList([
      [1, '张桂兰', idNumber('19500315', '002'), 4000, 4195, 195],
      [2, '李建国', idNumber('19401231', '013'), 3333.33, 3557.66, 224.33], // the rule gives 234.33
      [3, '王秀英', idNumber('19520601', '024'), 3000, 3150, 150],
      [4, '孙立新', stranger, 2800, 2950, 150], // not on file
      [5, '赵德明', 110105194808080000, 3500, 3660, 160], // an 18-digit ID Excel stored as a number
      [],
      [6, '张桂兰', idNumber('19500315', '002'), 4000, 4195, 195], // twice
      ['合计：6人'],
    ]);
    const run = await call<AdjustmentRunView>('adjustments.import', upload(file));
    expect(run.counts).toEqual({
      dataRows: 6,
      matched: 3,
      unmatched: 1,
      rejected: 2,
      differs: 1,
      noExpected: 1,
      checked: 0,
      skipped: 2,
    });
    // The answer's counts are those of the rows kept (the list of runs counts them from the table),
    // and a trial of the same list answers the same run, keeping nothing.
    const { columns, ...kept } = run;
    expect(await call<AdjustmentRunView[]>('adjustments.runs', { year: 2026 })).toEqual([kept]);
    const trial = await call<AdjustmentRunView>('adjustments.import', { ...upload(file), dryRun: true });
    expect(trial).toEqual({ ...run, id: expect.any(Number), importedAt: expect.any(String) });
    expect(trial.columns).toEqual(columns);
    expect(await call<AdjustmentRunView[]>('adjustments.runs', { year: 2026 })).toEqual([kept]);

    const rows = async (filter: string) =>
      (await call<{ total: number; rows: AdjustmentRowView[] }>('adjustments.rows', { runId: run.id, filter })).rows;
    const [diff] = await rows('differs');
    expect(diff).toMatchObject({ personId: li, name: '李建国', agencyFen: 22433, expectedFen: 23433, diffFen: -1000 });
    expect(diff.breakdown).toContain('艰苦边远地区 20.00 元');
    const [unmatched] = await rows('unmatched');
    expect(unmatched).toMatchObject({ name: '孙立新', idNumber: stranger, personId: null, agencyFen: 15000 });
    expect(unmatched.raw).toMatchObject({ 姓名: '孙立新', 公民身份号码: stranger, 调整额: '150' });
    const rejected = await rows('rejected');
    expect(rejected.map((r) => r.issues[0].message)).toEqual([
      expect.stringContaining('身份证号已被 Excel 改成科学计数'),
      '与“调资名单”第 3 行的身份证号相同，同一人在名单中出现两次',
    ]);
    expect(rejected[0].raw['姓名']).toBe('赵德明');
    // The number Excel mangled is shown as the file has it, under whatever the column is called
    // (here 公民身份号码): the table shows it where the ID number goes.
    expect(rejected[0]).toMatchObject({ idNumber: null, idTyped: rejected[0].raw['公民身份号码'] });
    expect(rejected[0].idTyped).toBe('110105194808080000');
    expect(rejected[1]).toMatchObject({ idNumber: idNumber('19500315', '002'), idTyped: null });
    const [noFigure] = await rows('noExpected');
    expect(noFigure).toMatchObject({ personId: wang, expectedFen: null });
    expect(noFigure.issues.map((i) => i.message)).toContain('档案缺少缴费年限，无法计算应调金额');
    const [agrees] = (await rows('all')).filter((r) => r.personId === zhang);
    expect(agrees).toMatchObject({ expectedFen: 19500, agencyFen: 19500, diffFen: 0 });
    expect(zhao).toBeGreaterThan(0);

    // What still needs an operator (the home page lists it): the difference and the missing figure.
    expect((await rows('toCheck')).map((r) => r.name)).toEqual(['李建国', '王秀英']);
    // A difference is checked off only with a note saying what was done.
    expect((await refusal('adjustments.check', { id: diff.id, note: null })).message).toContain(
      '请在备注中写明处理情况',
    );
    const checked = await call<AdjustmentRowView>('adjustments.check', {
      id: diff.id,
      note: '经与社保中心核实，李建国艰苦边远地区认定未报，已补报',
    });
    expect(checked).toMatchObject({ checkedBy: '王干事', checkNote: expect.stringContaining('已补报') });
    expect((await refusal('adjustments.check', { id: diff.id, note: '再次' })).message).toContain('由王干事核对');
    const history = await call<{ what: string; operator: string; changes: { label: string; after: string }[] }[]>(
      'retirees.history',
      { id: li },
    );
    expect(history[0]).toMatchObject({ what: '修改调资核对', operator: '王干事' });
    expect(history[0].changes).toContainEqual({
      field: 'checkedBy',
      label: '核对人',
      before: '（空）',
      after: '王干事',
    });

    expect((await rows('toCheck')).map((r) => r.name)).toEqual(['王秀英']);
    // Notices: the agreeing and the checked; 王秀英 (no figure, unchecked) waits.
    const notices = await call<PrintableView>('adjustments.notices', { runId: run.id });
    expect(notices.count).toBe(2);
    expect(notices.missing).toEqual([{ personId: wang, name: '王秀英', why: '应调金额无法计算，尚未核对' }]);
    expect(notices.body).toContain('张桂兰同志：');
    expect(notices.body).toContain('本次每月增加：195.00 元（其中定额调整 50.00 元；');
    expect(notices.body).toContain('调整后月基本养老金：3,557.66 元。');

    // The file gains its contribution years; recomputing gives 王秀英 a figure.
    const w = await call<PersonFile>('retirees.get', { id: wang });
    await call('retirees.update', {
      id: wang,
      version: w.version,
      changes: { contributionYears: 32 },
      base: { contributionYears: w.contributionYears },
    });
    const again = await call<AdjustmentRunView>('adjustments.recompute', { runId: run.id });
    expect(again.counts.noExpected).toBe(0);
    // 3,000 before; 74 on 2026-12-31: 50 + 64 + 30 + 25 = 169.00, against the agency's 150.00.
    expect((await rows('differs')).find((r) => r.personId === wang)).toMatchObject({
      expectedFen: 16900,
      agencyFen: 15000,
    });
    // The checked row keeps the figures it was checked against.
    expect((await rows('checked'))[0]).toMatchObject({ id: diff.id, expectedFen: 23433 });

    // The differences workbook: every row that needs attention, IDs as text.
    const out = await call<{ fileName: string; rows: number; dataBase64: string }>('adjustments.exportDiffs', {
      runId: run.id,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(out.rows).toBe(5);
    const names = ws.getColumn(4).values.slice(3);
    expect(names).toEqual(['李建国', '王秀英', '孙立新', '赵德明', '张桂兰']);
    expect(ws.getRow(3).getCell(5).value).toBe(idNumber('19401231', '013'));
    expect(ws.getRow(3).getCell(10).value).toBe(-10);

    // The person's file lists the year's adjustment.
    const own = await call<{ year: number; agencyFen: number }[]>('adjustments.ofPerson', { personId: li });
    expect(own).toMatchObject([{ year: 2026, agencyFen: 22433 }]);
  });

  test('a corrected list for the same year keeps the checks of people whose figures did not change', async () => {
    const { zhang, li, run: first, rows: rowsOf } = await twoPeople();
    for (const r of await rowsOf(first.id))
      await call('adjustments.check', { id: r.id, note: r.personId === li ? '已报社保中心更正' : null });
    // The agency corrects 李建国's figure; 张桂兰's is the same.
    const second = await call<AdjustmentRunView>(
      'adjustments.import',
      upload(
        await agencyList([
          [1, '张桂兰', idNumber('19500315', '002'), 4000, 4195, 195],
          [2, '李建国', idNumber('19401231', '013'), 3333.33, 3567.66, 234.33],
        ]),
      ),
    );
    const rows = await rowsOf(second.id);
    expect(rows.find((r) => r.personId === zhang)).toMatchObject({
      checkedBy: '王干事',
      checkNote: `沿用第 ${first.id} 次导入的核对`,
    });
    expect(rows.find((r) => r.personId === li)).toMatchObject({ checkedOn: null, diffFen: 0 });
    expect(second.counts.checked).toBe(1);
    // A check taken back needs a reason, which the file's history keeps.
    const kept = rows.find((r) => r.personId === zhang)!;
    expect((await refusal('adjustments.uncheck', { id: kept.id, reason: ' ' })).message).toContain(
      '请填写撤销核对的原因',
    );
    expect(await call('adjustments.uncheck', { id: kept.id, reason: '社保中心来函更正' })).toMatchObject({
      checkedOn: null,
      checkNote: null,
    });
    const [last] = await call<{ reason: string | null }[]>('retirees.history', { id: zhang });
    expect(last.reason).toBe('社保中心来函更正');
    expect((await refusal('adjustments.uncheck', { id: kept.id, reason: '再撤' })).message).toBe('这条记录尚未核对');
  });

  test('no rule for the year, a broken file, a file without the columns: a clear message, nothing saved', async () => {
    const file = await agencyList([[1, '张桂兰', idNumber('19500315', '002'), 4000, 4195, 195]]);
    expect((await refusal('adjustments.import', upload(file))).message).toBe(
      '请先填写 2026 年的调资规则，再导入调资名单',
    );
    await call('adjustments.saveRule', { rule: RULE, loaded: null });
    const junk = path.join(tempDir(), 'junk.xlsx');
    fs.writeFileSync(junk, Buffer.from('这不是表格'.repeat(50)));
    expect((await refusal('adjustments.import', upload(junk))).code).not.toBe('internal');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['姓名', '电话']);
    const noHeader = path.join(tempDir(), 'other.xlsx');
    await wb.xlsx.writeFile(noHeader);
    expect((await refusal('adjustments.import', upload(noHeader))).message).toContain('没有找到调资名单的表头');
    expect(await call('adjustments.runs', { year: 2026 })).toEqual([]);
    // A rule with a band twice is refused.
    expect(
      (
        await refusal('adjustments.saveRule', {
          rule: {
            ...RULE,
            ageBands: [
              { fromAge: 70, fen: 1 },
              { fromAge: 70, fen: 2 },
            ],
          },
          loaded: null,
        })
      ).message,
    ).toContain('年龄段的起始年龄不能重复');
  });
});

describe('the lines a row shows (how its figure was reached)', () => {
  test('after the files and the rule change and the run is recomputed, a checked row keeps its lines, an unchecked one gets the new', async () => {
    const { zhang, li, run, rows } = await twoPeople();
    const zhangBefore = expectedIncrease(RULE, zhangFacts, 400000).lines;
    const [zhangRow] = (await rows()).filter((r) => r.personId === zhang);
    expect(zhangRow.breakdown).toEqual(zhangBefore);
    await call('adjustments.check', { id: zhangRow.id, note: null });

    // Both files gain a year of contribution; the rule's fixed part is corrected from 50 to 60 元.
    for (const id of [zhang, li]) {
      const f = await call<PersonFile>('retirees.get', { id });
      await call('retirees.update', {
        id,
        version: f.version,
        changes: { contributionYears: f.contributionYears! + 1 },
        base: { contributionYears: f.contributionYears },
      });
    }
    const corrected = { ...RULE, fixedFen: 6000 };
    await call('adjustments.saveRule', { rule: corrected, loaded: RULE });
    await call('adjustments.recompute', { runId: run.id });

    const liNow = expectedIncrease(corrected, { ...liFacts, contributionYears: 41 }, 333333);
    const after = await rows();
    expect(after.find((r) => r.personId === zhang)).toMatchObject({ expectedFen: 19500, breakdown: zhangBefore });
    expect(after.find((r) => r.personId === li)).toMatchObject({
      expectedFen: liNow.expectedFen,
      breakdown: liNow.lines,
    });
    expect(liNow.lines).toContain('定额调整 60.00 元');
    // The same on the person's file, and on the notice.
    const [own] = await call<AdjustmentRowView[]>('adjustments.ofPerson', { personId: zhang });
    expect(own.breakdown).toEqual(zhangBefore);
    const notices = await call<PrintableView>('adjustments.notices', { runId: run.id, rowIds: [zhangRow.id] });
    expect(notices.body).toContain(`（其中${zhangBefore.join('；')}）`);
    // Recomputed again, and after the check is taken back, it shows the lines of its figure still.
    await call('adjustments.recompute', { runId: run.id });
    expect(await call('adjustments.uncheck', { id: zhangRow.id, reason: '复核' })).toMatchObject({
      expectedFen: 19500,
      breakdown: zhangBefore,
    });
  });

  test('a row stored before the facts and the labels were kept once (its lines in words, its cells by label) still shows them', async () => {
    const { li, run, rows } = await twoPeople();
    // Last year's words, which this run's rule would not give, and its cells with their labels.
    const words = ['定额调整 45.00 元', '挂钩调整：缴费年限 40 年 × 1.50 元 = 60.00 元', '艰苦边远地区 15.00 元'];
    const cells = { 序号: '9', 姓名: '李建国', 调整额: '120' };
    ctx.store.raw
      .prepare(
        `INSERT INTO adjustment_rows (run_id, sheet, row, outcome, person_id, id_number, name, old_fen, new_fen, agency_fen, expected_fen, breakdown, differs, issues, raw)
         VALUES (?, '调资名单', 9, 'matched', ?, ?, '李建国', 333333, 345333, 12000, 12000, ?, 0, '[]', ?)`,
      )
      .run(run.id, li, idNumber('19401231', '013'), JSON.stringify(words), JSON.stringify(cells));
    expect((await rows()).find((r) => r.row === 9)).toMatchObject({ breakdown: words, raw: cells });
    const own = await call<AdjustmentRowView[]>('adjustments.ofPerson', { personId: li });
    expect(own.map((r) => r.breakdown)).toContainEqual(words);
    const notices = await call<PrintableView>('adjustments.notices', { runId: run.id });
    expect(notices.body).toContain(`（其中${words.join('；')}）`);
  });
});

describe('a rule that adjusts nobody by anything, or cannot belong to its year', () => {
  const audits = () => (ctx.store.raw.prepare('select count(*) as n from audit_log').get() as { n: number }).n;

  test('an all-zero rule is refused in Chinese through the router, and nothing is saved', async () => {
    const zero = emptyRule(2026);
    const r = await refusal('adjustments.saveRule', { rule: zero, loaded: null });
    expect(r.code).toBe('invalid_input');
    expect(r.message).toContain('各项金额均为 0、比例也为 0，按此规则没有任何人增加任何金额');
    // Bands and a step that add 0 are as empty as no bands at all.
    const stillZero = { ...zero, ageBands: [{ fromAge: 70, fen: 0 }], ageStep: { fromAge: 80, fenPerYear: 0 } };
    expect((await refusal('adjustments.saveRule', { rule: stillZero, loaded: null })).message).toContain(
      '没有任何人增加任何金额',
    );
    expect(await call('adjustments.rule', { year: 2026 })).toEqual({ rule: null });
    expect(audits()).toBe(0);
    // The domain refuses it too, for the paths that do not come through the router.
    expect(() => saveRule(ctx.store, zero)).toThrow(UserError);
    expect(await call('adjustments.rule', { year: 2026 })).toEqual({ rule: null });
  });

  test('negative amounts, a forgotten band amount and dates outside the year are refused; legitimate rules are not', async () => {
    expect(
      (await refusal('adjustments.saveRule', { rule: { ...RULE, fixedFen: -5000 }, loaded: null })).message,
    ).toContain('金额不能为负');
    expect((await refusal('adjustments.saveRule', { rule: { ...RULE, percentBp: -100 }, loaded: null })).code).toBe(
      'invalid_input',
    );
    expect(
      (
        await refusal('adjustments.saveRule', {
          rule: {
            ...RULE,
            ageBands: [
              { fromAge: 70, fen: 2500 },
              { fromAge: 80, fen: 0 },
            ],
          },
          loaded: null,
        })
      ).message,
    ).toContain('年满 80 周岁一档的增加金额为 0');
    expect(
      (
        await refusal('adjustments.saveRule', {
          rule: { ...RULE, ageStep: { fromAge: 80, fenPerYear: 0 } },
          loaded: null,
        })
      ).message,
    ).toContain('80 周岁后每增加一岁的增加金额为 0');
    expect(
      (await refusal('adjustments.saveRule', { rule: { ...RULE, retiredBy: '2027-06-30' }, loaded: null })).message,
    ).toContain('退休截止日期 2027年6月30日 晚于 2026 年底');
    expect(
      (await refusal('adjustments.saveRule', { rule: { ...RULE, effectiveFrom: '2025-01-01' }, loaded: null })).message,
    ).toContain('执行时间 2025年1月1日 不在 2026 年内');
    expect(
      (await refusal('adjustments.saveRule', { rule: { ...RULE, ageOn: '2030-12-31' }, loaded: null })).message,
    ).toContain('年龄计算日期');
    expect(await call('adjustments.rule', { year: 2026 })).toEqual({ rule: null });
    expect(audits()).toBe(0);
    // Rules as notices write them: one part alone, a percentage alone, ages counted at the end of last year.
    const only = (part: object) => ruleProblems({ ...emptyRule(2026), ...part });
    expect(only({ fixedFen: 5000 })).toEqual([]);
    expect(only({ percentBp: 230 })).toEqual([]);
    expect(only({ remoteFen: 2000 })).toEqual([]);
    expect(only({ ageBands: [{ fromAge: 80, fen: 3000 }], ageOn: '2025-12-31' })).toEqual([]);
    expect(only({ fixedFen: 5000, retiredBy: '2026-06-30', effectiveFrom: '2026-07-01' })).toEqual([]);
    await call('adjustments.saveRule', { rule: RULE, loaded: null });
    expect((await call<{ rule: unknown }>('adjustments.rule', { year: 2026 })).rule).toEqual(RULE);
  });
});

describe('a list longer than one statement', () => {
  interface Listed {
    name: string;
    idNumber: string | null;
    oldFen: number;
    increaseFen: number;
    /** What the rule gives the person on file; undefined for a row that names nobody on file. */
    expectedFen?: number;
    /** The person's facts on file, for a row that names someone on file. */
    facts?: AdjustmentPerson;
  }

  /**
   * 250 rows: 238 people on file (every seventh with a figure 10.00 元 off the rule's), 11 the
   * office has no file for, at the edges of the hundred-row statements among them, and one
   * without an ID number.
   */
  async function bulkList(): Promise<{ listed: Listed[]; file: string }> {
    const listed: Listed[] = [];
    const strangersAt = new Set([0, 99, 100, 101, 150, 199, 200, 201, 247, 248, 249]);
    ctx.store.tx(() => {
      for (let i = 0; i < 250; i++) {
        const birth = `19${40 + (i % 20)}0${1 + (i % 9)}1${i % 10}`;
        const oldFen = 250000 + i * 1037;
        if (i === 120) listed.push({ name: '无号码', idNumber: null, oldFen, increaseFen: 15000 });
        else if (strangersAt.has(i))
          listed.push({
            name: `外单位${i}`,
            idNumber: idNumber(birth, String(900 + (i % 99))),
            oldFen,
            increaseFen: 15000,
          });
        else {
          const p = someone({
            birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
            contributionYears: 15 + (i % 30),
            remoteArea: i % 11 === 0,
          });
          const name = `退休人员${i}`;
          const id = idNumber(birth, String(i).padStart(3, '0'));
          createPerson(ctx.store, person({ ...p, category: '退休', name, idNumber: id }), { acceptWarnings: true });
          const expectedFen = expectedIncrease(RULE, p, oldFen).expectedFen!;
          listed.push({
            name,
            idNumber: id,
            oldFen,
            increaseFen: expectedFen + (i % 7 === 0 ? 1000 : 0),
            expectedFen,
            facts: p,
          });
        }
      }
    });
    const file = await agencyList(
      listed.map((l, i) => [
        i + 1,
        l.name,
        l.idNumber,
        l.oldFen / 100,
        (l.oldFen + l.increaseFen) / 100,
        l.increaseFen / 100,
      ]),
    );
    return { listed, file };
  }

  test("every row kept in its place, with its raw values and its own figures, across the statements' edges", async () => {
    await call('adjustments.saveRule', { rule: RULE, loaded: null });
    const { listed, file } = await bulkList();
    const run = await call<AdjustmentRunView>('adjustments.import', upload(file));
    expect(run.counts).toMatchObject({ dataRows: 250, matched: 238, unmatched: 11, rejected: 1, differs: 35 });

    type Stored = Pick<
      Selectable<AdjustmentRowsTable>,
      | 'row'
      | 'outcome'
      | 'person_id'
      | 'id_number'
      | 'name'
      | 'old_fen'
      | 'agency_fen'
      | 'expected_fen'
      | 'differs'
      | 'raw'
    >;
    const stored = ctx.store.raw
      .prepare(
        'SELECT row, outcome, person_id, id_number, name, old_fen, agency_fen, expected_fen, differs, raw FROM adjustment_rows WHERE run_id = ? ORDER BY id',
      )
      .all(run.id) as Stored[];
    const personOf = ctx.store.raw.prepare('SELECT id FROM persons WHERE id_number = ?').pluck();
    expect(stored).toEqual(
      listed.map((l, i) => ({
        // Below the title and the header.
        row: i + 3,
        outcome: l.idNumber === null ? 'rejected' : l.expectedFen === undefined ? 'unmatched' : 'matched',
        person_id: l.expectedFen === undefined ? null : personOf.get(l.idNumber),
        id_number: l.idNumber,
        name: l.name,
        old_fen: l.oldFen,
        agency_fen: l.increaseFen,
        expected_fen: l.expectedFen ?? null,
        differs: l.expectedFen !== undefined && l.expectedFen !== l.increaseFen ? 1 : 0,
        // The cells' texts in column order; the labels are kept once, on the run.
        raw: JSON.stringify([
          String(i + 1),
          l.name,
          l.idNumber,
          String(l.oldFen / 100),
          String((l.oldFen + l.increaseFen) / 100),
          String(l.increaseFen / 100),
        ]),
      })),
    );
    expect(
      JSON.parse(
        ctx.store.raw.prepare('SELECT tables FROM adjustment_runs WHERE id = ?').pluck().get(run.id) as string,
      ),
    ).toEqual([
      {
        sheet: '调资名单',
        labels: ['序号', '姓名', '公民身份号码', '调整前养老金', '调整后养老金', '调整额'],
        idLabel: '公民身份号码',
      },
    ]);
    // Each row shows its cells by label, as the file has them (five pages of fifty).
    const shown: AdjustmentRowView[] = [];
    for (let page = 1; page <= 5; page++)
      shown.push(
        ...(await call<{ rows: AdjustmentRowView[] }>('adjustments.rows', { runId: run.id, filter: 'all', page })).rows,
      );
    expect(shown.map((r) => r.raw)).toEqual(
      listed.map((l, i) => ({
        序号: String(i + 1),
        姓名: l.name,
        ...(l.idNumber ? { 公民身份号码: l.idNumber } : {}),
        调整前养老金: String(l.oldFen / 100),
        调整后养老金: String((l.oldFen + l.increaseFen) / 100),
        调整额: String(l.increaseFen / 100),
      })),
    );
  });

  test("every row shows the rule's lines for its person, worked from the facts the row keeps instead of the words", async () => {
    await call('adjustments.saveRule', { rule: RULE, loaded: null });
    const { listed, file } = await bulkList();
    const run = await call<AdjustmentRunView>('adjustments.import', upload(file));
    const shown = runRows(ctx.store, run.id, 'all', 1, 250).rows;
    expect(shown.map((r) => r.breakdown)).toEqual(
      listed.map((l) => (l.facts ? expectedIncrease(RULE, l.facts, l.oldFen).lines : [])),
    );
    // Among them every part of the rule: the age bands, the step past 80, the remote areas.
    const lines = shown.flatMap((r) => r.breakdown).join('\n');
    for (const part of [
      '年满 70 周岁 25.00 元',
      '年满 80 周岁 45.00 元',
      '80 周岁后每增加一岁',
      '艰苦边远地区 20.00 元',
    ])
      expect(lines).toContain(part);
    // Stored: the facts, about 35 bytes, and no words (migration 0037).
    const stored = ctx.store.raw
      .prepare('SELECT breakdown, basis FROM adjustment_rows WHERE run_id = ? ORDER BY id')
      .all(run.id) as { breakdown: string | null; basis: string | null }[];
    expect(stored).toEqual(
      listed.map((l) => ({
        breakdown: null,
        basis: l.facts
          ? JSON.stringify([
              l.facts.category,
              l.facts.birthDate,
              l.facts.retirementDate,
              l.facts.contributionYears,
              l.facts.remoteArea ? 1 : 0,
            ])
          : null,
      })),
    );
  });

  test('a row the database refuses part of the way through leaves nothing of the import', async () => {
    await call('adjustments.saveRule', { rule: RULE, loaded: null });
    const { file } = await bulkList();
    const audits = () => ctx.store.raw.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const before = audits();
    // The 151st data row (in the second statement of a hundred) is refused, as a full disk would.
    ctx.store.raw.exec(
      "CREATE TRIGGER refuse_row BEFORE INSERT ON adjustment_rows WHEN NEW.row = 153 BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    await refusal('adjustments.import', upload(file));
    expect(ctx.store.raw.prepare('SELECT count(*) FROM adjustment_runs').pluck().get()).toBe(0);
    expect(ctx.store.raw.prepare('SELECT count(*) FROM adjustment_rows').pluck().get()).toBe(0);
    expect(audits()).toBe(before);
    // Without the refusal the same list imports whole.
    ctx.store.raw.exec('DROP TRIGGER refuse_row');
    expect((await call<AdjustmentRunView>('adjustments.import', upload(file))).counts.dataRows).toBe(250);
  });
});

describe('a long list, checked while it is still being read', () => {
  /**
   * 3,600 rows, read in chunks of a thousand on the reading thread: three people on file, in the
   * first, second and fourth thousand, the first of them listed again in the third; the rest are
   * people the office has no file for.
   */
  async function longList() {
    const [early, middle, late] = ['19480315', '19520620', '19550101'].map((birth, i) => {
      const p = someone({
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
        contributionYears: 30,
      });
      const id = idNumber(birth, String(101 + i));
      createPerson(ctx.store, person({ ...p, category: '退休', name: `退休人员${i}`, idNumber: id }), {
        acceptWarnings: true,
      });
      return { id, p };
    });
    const at = new Map([
      [10, early],
      [1500, middle],
      [2600, early],
      [3500, late],
    ]);
    const rows = Array.from({ length: 3600 }, (_, i) => {
      const who = at.get(i);
      const id = who ? who.id : idNumber(`19${50 + (i % 10)}0101`, String(i % 1000).padStart(3, '0'));
      return [i + 1, who ? '' : `外单位${i}`, id, 3000, 3200, 200];
    });
    return { early, middle, late, bytes: fs.readFileSync(await agencyList(rows)) };
  }

  test('a short list in an office with many more people: the people its rows name are found all the same', async () => {
    saveRule(ctx.store, RULE);
    // Three hundred people on file, far more than the list has rows: looked up by the rows' own ID numbers.
    const ids = ctx.store.tx(() =>
      Array.from({ length: 300 }, (_, i) => {
        const id = idNumber(`1950${String(1 + (i % 12)).padStart(2, '0')}15`, String(i).padStart(3, '0'));
        createPerson(ctx.store, person({ ...someone(), category: '退休', name: `人员${i}`, idNumber: id }), {
          acceptWarnings: true,
        });
        return id;
      }),
    );
    const file = await agencyList([
      [1, '人员7', ids[7], 3000, 3200, 200],
      [2, '外单位', idNumber('19600101', '999'), 3000, 3200, 200],
      [3, '人员250', ids[250], 3000, 3200, 200],
      [4, '人员7', ids[7], 3000, 3200, 200],
    ]);
    const run = await importAdjustments(ctx.store, fs.readFileSync(file), '调资名单.xlsx', 2026);
    expect(run.counts).toMatchObject({ dataRows: 4, matched: 2, unmatched: 1, rejected: 1 });
    const personOf = ctx.store.raw.prepare('SELECT id FROM persons WHERE id_number = ?').pluck();
    expect(
      ctx.store.raw.prepare('SELECT person_id FROM adjustment_rows WHERE run_id = ? ORDER BY row').pluck().all(run.id),
    ).toEqual([personOf.get(ids[7]), null, personOf.get(ids[250]), null]);
  });

  test('a person listed twice a thousand rows apart is refused the second time, naming the first row', async () => {
    saveRule(ctx.store, RULE);
    const { bytes } = await longList();
    const run = await importAdjustments(ctx.store, bytes, '调资名单.xlsx', 2026);
    expect(run.counts).toMatchObject({ dataRows: 3600, matched: 3, rejected: 1, unmatched: 3596 });
    const second = ctx.store.raw
      .prepare('SELECT issues FROM adjustment_rows WHERE run_id = ? AND row = 2603')
      .pluck()
      .get(run.id);
    expect(second).toContain('与“调资名单”第 13 行的身份证号相同');
  });

  test('the check answers once its rows are kept, before the WAL is folded into the file, which follows at once', async () => {
    saveRule(ctx.store, RULE);
    const { bytes } = await longList();
    // SQLite folds the WAL into the file within a commit once the WAL holds this many pages.
    ctx.store.raw.pragma('wal_autocheckpoint = 20');
    ctx.store.raw.pragma('wal_checkpoint(TRUNCATE)');
    const fileSize = () => fs.statSync(ctx.store.file).size;
    const before = fileSize();
    const run = await importAdjustments(ctx.store, bytes, '调资名单.xlsx', 2026);
    // Kept: another connection reads the rows (from the WAL) …
    const other = new Database(ctx.store.file, { readonly: true });
    expect(other.prepare('SELECT count(*) FROM adjustment_rows WHERE run_id = ?').pluck().get(run.id)).toBe(3600);
    other.close();
    // … while the file itself is as it was: the answer did not wait for the checkpoint.
    expect(fileSize()).toBe(before);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fileSize(), 'folded once the answer is on its way').toBeGreaterThan(before);
    expect(ctx.store.raw.pragma('wal_autocheckpoint', { simple: true })).toBe(20);
  });

  test('while the list is read and its rows written, nobody else changes the files they are matched to', async () => {
    saveRule(ctx.store, RULE);
    const { early, bytes } = await longList();
    // Another connection to the file (the app's, beside the reading process's) tries to correct a
    // file after the first thousand rows are matched, computed and written.
    const other = new Database(ctx.store.file);
    other.pragma('busy_timeout = 0');
    const correct = () => other.prepare('UPDATE persons SET contribution_years = 40 WHERE id_number = ?').run(early.id);
    let refused: unknown = null;
    async function* readWithACorrection(b: Buffer, name: string) {
      let chunks = 0;
      for (const event of bookEvents(b, name)) {
        yield event;
        if (event.type === 'rows' && ++chunks === 3) {
          try {
            correct();
          } catch (e) {
            refused = e;
          }
        }
      }
    }
    const run = await importAdjustments(ctx.store, bytes, '调资名单.xlsx', 2026, { read: readWithACorrection });
    expect(String(refused)).toContain('database is locked');
    const stored = ctx.store.raw
      .prepare('SELECT expected_fen FROM adjustment_rows WHERE run_id = ? AND id_number = ? AND outcome = ?')
      .pluck()
      .get(run.id, early.id, 'matched');
    expect(stored).toBe(expectedIncrease(RULE, early.p, 300000).expectedFen);
    // Once the import is kept, the correction goes through.
    expect(correct().changes).toBe(1);
    other.close();
  });
});
