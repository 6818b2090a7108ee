// Claims end to end through the router (the path every IPC call takes): register, the workflow,
// approval with its breakdown, immutability, reversal, statements, batches and the payment list,
// policies; and the legacy ledger with its simulation through the CLI, against the fixture.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BatchView, ClaimFile, ClaimsReport, PolicyView, YearStatement } from '../src-main/contract/claims';
import { AppContext } from '../src-main/app/context';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { createPerson } from '../src-main/retirees/persons';
import { formatYuan } from '../src-main/shared/money';
import { checkCharacter } from '../src-main/shared/idNumber';
import { maskIdNumber } from '../src-main/shared/mask';
import { claimLine, freshContext, person, tempDir, router, CLI_ENV, cliArgs, signInAs } from './helpers';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.resolve(root, '../shared/fixtures');

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const count = (sql: string) => (ctx.store.raw.prepare(sql).get() as { n: number }).n;

const TUIXIU = {
  deductibleFen: 80000,
  capFen: 1000000,
  ratioBp: { 门诊: 7000, 住院: 8500, 特殊病种: 9000, 药店: 6000 },
  ageBands: [{ minAge: 80, extraBp: 1000 }],
};

function retiree(birth = '19500310') {
  const first17 = `210102${birth}123`;
  return createPerson(
    ctx.store,
    person({
      name: '刘建国',
      category: '退休',
      idNumber: first17 + checkCharacter(first17),
      bankName: '工商银行',
      bankAccount: '6222020200112233445',
    }),
    {
      acceptWarnings: false,
    },
  );
}

const line = claimLine;

/** A claim as its form shows it (amounts as typed yuan): the base an edit is sent against. */
const shown = (c: ClaimFile) => ({
  receivedDate: c.receivedDate,
  note: c.note,
  lines: c.lines.map((l) => ({
    invoiceCode: l.invoiceCode,
    invoiceNo: l.invoiceNo,
    hospital: l.hospital,
    visitDate: l.visitDate,
    kind: l.kind,
    total: formatYuan(l.totalFen),
    fund: formatYuan(l.fundFen),
    account: formatYuan(l.accountFen),
    self: formatYuan(l.selfFen),
    eligible: formatYuan(l.eligibleFen),
    eligibleReason: l.eligibleReason,
  })),
});

async function threeLineClaim(personId: number) {
  return call<ClaimFile>('claims.create', {
    personId,
    receivedDate: '2025-03-10',
    lines: [line('A001', '门诊', '500.00'), line('A002', '住院', '1,000.00'), line('A003', '药店', '120.50')],
  });
}

describe('registering a claim', () => {
  test('amounts typed as yuan are kept as exact fen; bad amounts and sums are refused in Chinese', async () => {
    const p = retiree();
    const c = await threeLineClaim(p.id);
    expect(c).toMatchObject({ status: '登记', personName: '刘建国', eligibleFen: 162050, payFen: null });
    expect(c.lines.map((l) => [l.invoiceNo, l.totalFen, l.eligibleFen])).toEqual([
      ['A001', 50000, 50000],
      ['A002', 100000, 100000],
      ['A003', 12050, 12050],
    ]);
    const bad = await refusal('claims.create', {
      personId: p.id,
      receivedDate: '2025-03-10',
      lines: [line('B1', '门诊', '12.345')],
    });
    expect(bad.message).toContain('第 1 张票据「总金额」金额“12.345”格式不正确');
    const sum = await refusal('claims.create', {
      personId: p.id,
      receivedDate: '2025-03-10',
      lines: [line('B1', '门诊', '100', { fund: '50' })],
    });
    expect(sum.message).toContain('统筹支付、个人账户支付与个人自付之和应等于总金额');
    const reason = await refusal('claims.create', {
      personId: p.id,
      receivedDate: '2025-03-10',
      lines: [line('B1', '门诊', '100', { eligible: '80' })],
    });
    expect(reason.message).toContain('请填写原因');
    expect(count('select count(*) n from claims')).toBe(1);
  });

  test('an invoice already used in any claim is refused, naming that claim', async () => {
    const p = retiree();
    const first = await threeLineClaim(p.id);
    const e = await refusal('claims.create', {
      personId: p.id,
      receivedDate: '2025-04-01',
      lines: [line('A002', '住院', '10')],
    });
    expect(e).toMatchObject({
      code: 'duplicate_invoice',
      message: `票据 A002 已用于第 ${first.id} 号报销单（刘建国，登记），不能重复报销`,
    });
  });
});

describe("a claim's scans", () => {
  test("are the person's attachments that name the claim; another person's claim is refused", async () => {
    const p = retiree();
    const c = await threeLineClaim(p.id);
    const scan = Buffer.from('%PDF-1.4 invoice scan').toString('base64');
    await call('attachments.add', {
      personId: p.id,
      claimId: c.id,
      fileName: '住院发票.pdf',
      mime: 'application/pdf',
      dataBase64: scan,
    });
    expect((await call<ClaimFile>('claims.get', { id: c.id })).attachments).toMatchObject([
      { fileName: '住院发票.pdf', claimId: c.id },
    ]);
    expect((await call<{ attachments: unknown[] }>('retirees.get', { id: p.id })).attachments).toMatchObject([
      { fileName: '住院发票.pdf', claimId: c.id },
    ]);
    const other = createPerson(ctx.store, person({ name: '王秀英' }), { acceptWarnings: false });
    const e = await refusal('attachments.add', {
      personId: other.id,
      claimId: c.id,
      fileName: 'x.pdf',
      mime: 'application/pdf',
      dataBase64: scan,
    });
    expect(e.message).toBe(`第 ${c.id} 号报销单不是这位人员的`);
    expect(count('select count(*) n from attachments')).toBe(1);
  });
});

describe('the workflow', () => {
  test('登记 → 审核 → 批准 computes every line with its breakdown; illegal moves are refused', async () => {
    const p = retiree();
    await call<PolicyView>('claims.savePolicy', { year: 2025, category: '退休', rules: TUIXIU, note: '2025 年度政策' });
    let c = await threeLineClaim(p.id);
    const skip = await refusal('claims.move', { id: c.id, version: c.version, to: '批准' });
    expect(skip).toMatchObject({
      code: 'illegal_move',
      message: `第 ${c.id} 号报销单当前为“登记”，不能批准：只能提交审核或退回`,
    });
    const noReason = await refusal('claims.move', { id: c.id, version: c.version, to: '退回' });
    expect(noReason.message).toBe('退回报销单须填写原因');
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '审核' });
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '批准' });
    // 门诊 500.00: all deductible (800.00) → 0. 住院 1,000.00: 300.00 of the deductible left → 700.00 × 85 % = 595.00.
    // 药店 120.50 × 60 % = 72.30.
    expect(c.lines.map((l) => l.payFen)).toEqual([0, 59500, 7230]);
    expect(c).toMatchObject({ status: '批准', payFen: 66730, approvalSeq: 1, approvedBy: '王干事' });
    expect(c.lines[1].explanation).toBe(
      '起付线 800.00 元，本次抵扣 300.00 元；住院 85%；本年度已报销 0.00 元，封顶 10,000.00 元，本次报销 595.00 元',
    );
    const again = await refusal('claims.move', { id: c.id, version: c.version, to: '批准' });
    expect(again.message).toContain('已批准的报销单不能再改动');
    const history = ctx.store.raw
      .prepare("select reason from audit_log where entity = 'claim' and entity_id = ? order by id")
      .all(c.id);
    expect(history).toEqual([{ reason: null }, { reason: '提交审核' }, { reason: '批准' }]);
  });

  test('退回 with a reason, corrected and resubmitted', async () => {
    const p = retiree();
    let c = await threeLineClaim(p.id);
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '退回', reason: '缺少住院费用清单' });
    expect(c).toMatchObject({ status: '退回', returnReason: '缺少住院费用清单' });
    c = await call<ClaimFile>('claims.update', {
      id: c.id,
      version: c.version,
      changes: { receivedDate: '2025-03-12', lines: [line('A001', '门诊', '500.00'), line('A002', '住院', '900.00')] },
      base: { receivedDate: shown(c).receivedDate, lines: shown(c).lines },
    });
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '登记' });
    expect(c).toMatchObject({ status: '登记', eligibleFen: 140000 });
  });

  test('two clerks editing one claim: different fields are both kept, the same field is refused naming who', async () => {
    const p = retiree();
    const opened = await threeLineClaim(p.id);
    // A second clerk, 李会计 of the claims desk, signed in on the same office.
    await signInAs(ctx, '李会计', 'claims');
    await call('claims.update', {
      id: opened.id,
      version: opened.version,
      changes: { note: '补交住院清单' },
      base: { note: opened.note },
    });
    await signInAs(ctx, '王干事');
    const both = await call<ClaimFile>('claims.update', {
      id: opened.id,
      version: opened.version,
      changes: { receivedDate: '2025-03-11' },
      base: { receivedDate: opened.receivedDate },
    });
    expect(both).toMatchObject({ note: '补交住院清单', receivedDate: '2025-03-11' });
    const clash = await refusal('claims.update', {
      id: opened.id,
      version: opened.version,
      changes: { note: '另一条备注' },
      base: { note: opened.note },
    });
    expect(clash.code).toBe('conflict');
    expect(clash.message).toContain('「备注」已被李会计');
    expect(clash.message).toContain('补交住院清单');
    expect((await call<ClaimFile>('claims.get', { id: opened.id })).note).toBe('补交住院清单');
    // A step on a claim changed since it was shown says who changed it.
    const stale = await refusal('claims.move', { id: opened.id, version: opened.version, to: '审核' });
    expect(stale).toMatchObject({ code: 'conflict' });
    expect(stale.message).toContain('王干事');
  });

  test('an approved claim cannot be changed through IPC; a reversal and a new claim correct it', async () => {
    const p = retiree();
    await call('claims.savePolicy', { year: 2025, category: '退休', rules: TUIXIU, note: null });
    let c = await threeLineClaim(p.id);
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '审核' });
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '批准' });
    const edit = await refusal('claims.update', {
      id: c.id,
      version: c.version,
      changes: { lines: [line('A001', '门诊', '1')] },
      base: { lines: shown(c).lines },
    });
    expect(edit).toMatchObject({ code: 'immutable' });
    const before = ctx.store.raw.prepare('select pay_fen from claim_lines where claim_id = ? order by seq').all(c.id);

    const { reversal, correction } = await call<{ reversal: ClaimFile; correction: ClaimFile }>('claims.reverse', {
      id: c.id,
      version: c.version,
      reason: '住院票据金额登记错误',
    });
    expect(reversal).toMatchObject({
      source: '冲销',
      status: '批准',
      reversalOf: c.id,
      payFen: -66730,
      eligibleFen: -162050,
    });
    expect(correction).toMatchObject({ status: '登记', corrects: c.id, eligibleFen: 162050 });
    // The original is unchanged, and E and R are back to nothing.
    expect(ctx.store.raw.prepare('select pay_fen from claim_lines where claim_id = ? order by seq').all(c.id)).toEqual(
      before,
    );
    expect(ctx.store.raw.prepare('select eligible_fen, reimbursed_fen from claim_year_totals').get()).toEqual({
      eligible_fen: 0,
      reimbursed_fen: 0,
    });
    const twice = await refusal('claims.reverse', { id: c.id, version: c.version + 1, reason: '再次' });
    expect(twice.message).toContain(`已由第 ${reversal.id} 号冲销`);
  });
});

describe('statements, batches and policies', () => {
  async function approvedClaim(personId: number) {
    let c = await threeLineClaim(personId);
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '审核' });
    return call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '批准' });
  }

  test("a person's year: claims, eligible, reimbursed, deductible used, cap left", async () => {
    const p = retiree();
    await call('claims.savePolicy', { year: 2025, category: '退休', rules: TUIXIU, note: null });
    await approvedClaim(p.id);
    const s = await call<YearStatement>('claims.statement', { personId: p.id, year: 2025 });
    expect(s).toMatchObject({
      eligibleFen: 162050,
      reimbursedFen: 66730,
      deductibleUsedFen: 80000,
      capLeftFen: 1000000 - 66730,
    });
    expect(s.claims).toHaveLength(1);
  });

  test('reports: a month and the year by category and kind, people near their cap', async () => {
    const p = retiree();
    await call('claims.savePolicy', { year: 2025, category: '退休', rules: { ...TUIXIU, capFen: 70000 }, note: null });
    await approvedClaim(p.id);
    // Approved today: 0 + 595.00 + 72.30 = 667.30, which is 95 % of a 700.00 cap.
    const today = new Date();
    const month = await call<ClaimsReport>('claims.report', { year: today.getFullYear(), month: today.getMonth() + 1 });
    expect(month.byCategory).toEqual([{ category: '退休', people: 1, payFen: 66730 }]);
    expect(month.byKind).toEqual([
      { kind: '住院', lines: 1, payFen: 59500 },
      { kind: '药店', lines: 1, payFen: 7230 },
      { kind: '门诊', lines: 1, payFen: 0 },
    ]);
    const otherMonth = await call<ClaimsReport>('claims.report', {
      year: today.getFullYear(),
      month: ((today.getMonth() + 1) % 12) + 1,
    });
    expect(otherMonth.byKind).toEqual([]);
    // Near the cap is about the visit year's totals: 2025.
    const y2025 = await call<ClaimsReport>('claims.report', { year: 2025 });
    expect(y2025.nearCap).toEqual([
      { personId: p.id, name: '刘建国', category: '退休', reimbursedFen: 66730, capFen: 70000, leftFen: 3270 },
    ]);
  });

  test('a batch: its payment list, its total in capitals, marked paid', async () => {
    const p = retiree();
    await call('claims.savePolicy', { year: 2025, category: '退休', rules: TUIXIU, note: null });
    const c = await approvedClaim(p.id);
    const unapproved = await call<ClaimFile>('claims.create', {
      personId: p.id,
      receivedDate: '2025-05-01',
      lines: [line('C9', '门诊', '10')],
    });
    expect(await refusal('batches.create', { name: '2025年3月', claimIds: [c.id, unapproved.id] })).toMatchObject({
      code: 'illegal_move',
    });
    expect(count('select count(*) n from payment_batches')).toBe(0);

    const batch = await call<BatchView>('batches.create', { name: '2025年3月', claimIds: [c.id] });
    expect(batch).toMatchObject({ totalFen: 66730, totalCapital: '陆佰陆拾柒元叁角整', status: '待发放' });
    // On screen and in a list sent by default, the ID number and the bank account are masked.
    for (const view of [batch, await call<BatchView>('batches.get', { id: batch.id })])
      expect(view.rows[0]).toMatchObject({ idNumber: maskIdNumber(p.idNumber), bankAccount: '6222 **** **** 3445' });
    const masked = new ExcelJS.Workbook();
    const maskedFile = await call<{ fileName: string; dataBase64: string }>('batches.export', { id: batch.id });
    expect(maskedFile.fileName).toBe('发放名单-2025年3月（脱敏）.xlsx');
    await masked.xlsx.load(Buffer.from(maskedFile.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect((masked.worksheets[0].getRow(4).values as unknown[]).slice(3, 5)).toEqual([
      maskIdNumber(p.idNumber),
      '6222 **** **** 3445',
    ]);
    // The list the bank pays from: in full (the default is masked, tests/masking.test.ts).
    const file = await call<{ fileName: string; dataBase64: string }>('batches.export', { id: batch.id, full: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      '序号',
      '姓名',
      '身份证号',
      '银行账号',
      '金额（元）',
      '签字',
    ]);
    expect((ws.getRow(4).values as unknown[]).slice(1, 6)).toEqual([
      1,
      '刘建国',
      p.idNumber,
      '6222020200112233445',
      667.3,
    ]);
    expect(ws.getCell(4, 3).numFmt).toBe('@');
    expect(ws.getCell(6, 1).value).toBe('合计金额（大写）：陆佰陆拾柒元叁角整');

    const paid = await call<BatchView>('batches.markPaid', { id: batch.id });
    expect(paid.status).toBe('已发放');
    expect((await call<ClaimFile>('claims.get', { id: c.id })).status).toBe('已发放');
    expect(await refusal('batches.markPaid', { id: batch.id })).toMatchObject({ code: 'illegal_move' });
  });

  test('a policy used by approved claims is not changed under them: the edit applies to later approvals', async () => {
    const p = retiree();
    await call('claims.savePolicy', { year: 2025, category: '退休', rules: TUIXIU, note: null });
    const first = await approvedClaim(p.id);
    let policies = await call<PolicyView[]>('claims.policies', { year: 2025 });
    expect(policies.find((x) => x.category === '退休')).toMatchObject({ usedByLines: 3 });
    // 离休 follows the default until it is set.
    expect(policies.find((x) => x.category === '离休')).toMatchObject({
      isDefault: true,
      rules: { deductibleFen: 0, capFen: null },
    });

    await call('claims.savePolicy', {
      year: 2025,
      category: '退休',
      rules: { ...TUIXIU, ratioBp: { ...TUIXIU.ratioBp, 门诊: 9000 } },
      note: '门诊提高到 90%',
    });
    policies = await call<PolicyView[]>('claims.policies', { year: 2025 });
    expect(policies.find((x) => x.category === '退休')).toMatchObject({ usedByLines: 0, note: '门诊提高到 90%' });
    expect((await call<ClaimFile>('claims.get', { id: first.id })).lines.map((l) => l.payFen)).toEqual([
      0, 59500, 7230,
    ]);
    let c = await call<ClaimFile>('claims.create', {
      personId: p.id,
      receivedDate: '2025-06-01',
      lines: [line('D1', '门诊', '100.00')],
    });
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '审核' });
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '批准' });
    expect(c.lines[0].payFen).toBe(9000);
  });

  test('no policy for the year: registering says so at once, approval is refused with the same words and nothing changes', async () => {
    const p = retiree();
    // What the form asks while the claim is typed, and the claim's page once it is registered.
    expect(await call('claims.policyGaps', { personId: p.id, years: [2025, 2025] })).toEqual([
      { year: 2025, category: '退休' },
    ]);
    let c = await threeLineClaim(p.id);
    await call('claims.savePolicy', { year: 2024, category: '退休', rules: TUIXIU, note: null });
    expect(await call('claims.policyGaps', { personId: p.id, years: [2024, 2025] })).toEqual([
      { year: 2025, category: '退休' },
    ]);
    c = await call<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '审核' });
    const e = await refusal('claims.move', { id: c.id, version: c.version, to: '批准' });
    expect(e.message).toBe(
      '2025 年度退休人员的报销政策尚未设置：报销单可以登记，但在设置政策之前不能批准。请先在“药费报销 › 报销政策”中设置',
    );
    expect((await call<ClaimFile>('claims.get', { id: c.id })).status).toBe('审核');
    expect(count('select count(*) n from claim_year_totals')).toBe(0);
  });
});

describe('the legacy ledger and the policy simulation (CLI)', () => {
  async function configuredDb(): Promise<string> {
    const dbPath = path.join(tempDir(), 'office.sqlite');
    const own = await AppContext.start({ dbPath });
    saveOfficeSettings(own.store, { orgName: '测试集团离退休管理办公室', operatorName: '王干事' });
    own.close();
    return dbPath;
  }
  const cli = (...args: string[]) =>
    execFileSync(...entryCommand('cli', cliArgs(args)), {
      cwd: root,
      encoding: 'utf8',
      env: CLI_ENV,
    });

  test('the sample ledger imports in row order and the draft policy simulates to the expected figures', async () => {
    const dbPath = await configuredDb();
    cli('import', path.join(FIXTURES, 'rosters/roster-basic.xlsx'), '--db', dbPath);
    const report = JSON.parse(
      cli('claims', 'import', path.join(FIXTURES, 'claims/ledger-sample-2025.xlsx'), '--db', dbPath, '--json'),
    );
    expect(report).toMatchObject({ dataRows: 320, inserted: 320, rejected: 0 });

    const lines = JSON.parse(cli('claims', '--db', dbPath, '--year', '2025', '--json'));
    expect(lines[0]).toEqual({
      claimId: 1,
      idNumber: '41010219531116481X',
      name: '崔海',
      visitDate: '2025-01-06',
      kind: '门诊',
      invoiceNo: '21000000',
      eligibleFen: 5709,
      reimbursedFen: 2855,
      status: '已发放',
    });

    const sim = JSON.parse(
      cli(
        'claims',
        'simulate',
        '--db',
        dbPath,
        '--year',
        '2025',
        '--policy',
        path.join(FIXTURES, 'claims/policy-sample-2025.json'),
        '--json',
      ),
    );
    const expected = JSON.parse(
      fs.readFileSync(path.join(FIXTURES, 'claims/ledger-sample-2025.expected-simulation.json'), 'utf8'),
    );
    expect(sim.total).toEqual(expected.total);
    const mine = new Map(
      sim.people.map((p: { idNumber: string; paidFen: number; simulatedFen: number }) => [
        p.idNumber,
        { paidFen: p.paidFen, simulatedFen: p.simulatedFen },
      ]),
    );
    expect(mine.size).toBe(expected.people.length);
    for (const e of expected.people)
      expect(mine.get(e.idNumber), e.name).toEqual({ paidFen: e.paidFen, simulatedFen: e.simulatedFen });

    // The same ledger again: every invoice is already used, nothing is added.
    const again = JSON.parse(
      cli('claims', 'import', path.join(FIXTURES, 'claims/ledger-sample-2025.xlsx'), '--db', dbPath, '--json'),
    );
    expect(again).toMatchObject({ inserted: 0, rejected: 320 });
    expect(again.rows[0].issues[0].message).toContain('已用于第 1 号报销单');
  });

  test('a bad policy file and a broken ledger exit non-zero with a message', async () => {
    const dbPath = await configuredDb();
    const dir = path.dirname(dbPath);
    fs.writeFileSync(
      path.join(dir, 'p.json'),
      JSON.stringify({ year: 2025, categories: { 退休: { deductibleFen: -1 } } }),
    );
    const bad = spawnSync(
      ...entryCommand('cli', [
        'claims',
        'simulate',
        '--db',
        dbPath,
        '--year',
        '2025',
        '--policy',
        path.join(dir, 'p.json'),
        '--operator',
        '王干事',
      ]),
      { cwd: root, encoding: 'utf8', env: CLI_ENV },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('测算政策文件有误');
    fs.writeFileSync(path.join(dir, 'x.xlsx'), 'not a workbook');
    const broken = spawnSync(
      ...entryCommand('cli', ['claims', 'import', path.join(dir, 'x.xlsx'), '--db', dbPath, '--operator', '王干事']),
      { cwd: root, encoding: 'utf8', env: CLI_ENV },
    );
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toContain('无法识别的文件');
  });
});
