// Survivors (遗属) through the router, on a real SQLite file: linked to a registered death, the bad
// inputs refused in Chinese with nothing saved, the month's allowance rows across a change of
// standard and a stop, the month paid through a payment batch (never twice; the bank's .xlsx; a mixed
// batch with claims and aid), the yearly check lists, festival batches and letters, and survivors
// never counted among the retirees.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import type { PrintableView } from '../src-main/contract/common';
import type { AidReason, AidView } from '../src-main/contract/aid';
import type { ClaimFile } from '../src-main/contract/claims';
import type { BatchView } from '../src-main/contract/payments';
import type {
  AllowanceMonth,
  AllowanceStandard,
  AllowanceTaken,
  SurvivorSummary,
  SurvivorView,
} from '../src-main/contract/survivors';
import type { VisitBatchView } from '../src-main/contract/visits';
import { createPerson } from '../src-main/retirees/persons';
import { checkCharacter } from '../src-main/shared/idNumber';
import { survivorAllowanceRows, survivorCheckLists } from '../src-main/visits/survivors';
import { approvedClaim, freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const idWith = (first17: string) => first17 + checkCharacter(first17);
/** 王秀英, born 1950-03-08, a woman (sequence 002). */
const SPOUSE_ID = idWith('37010219500308002');
/** 刘小明, born 2012-07-01, a boy (sequence 011). */
const CHILD_ID = idWith('37010220120701011');
const count = (table: string) => (ctx.store.raw.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

function retiree(name: string) {
  return createPerson(ctx.store, person({ name, category: '退休', birthDate: '1948-05-01' }), { acceptWarnings: true })
    .id;
}
async function deceased(name = '刘建国', diedOn = '2025-03-10') {
  const id = retiree(name);
  await call('deaths.register', { personId: id, diedOn });
  return id;
}
const spouse = (extra: Record<string, unknown> = {}) => ({
  name: '王秀英',
  relation: '配偶',
  idNumber: SPOUSE_ID,
  phone: '13800001234',
  address: '历下区文化东路 12 号',
  bankName: '工商银行',
  bankAccount: '6222021234567891234',
  qualifications: ['无固定收入', '年满60周岁'],
  ...extra,
});

describe('a survivor is linked to a death', () => {
  test('registered with the birth date and gender the ID number gives, on the deceased’s list, numbers masked', async () => {
    const deceasedId = await deceased();
    const s = await call<SurvivorView>('survivors.create', { deceasedId, survivor: spouse(), startMonth: '2025-04' });
    expect(s).toMatchObject({
      name: '王秀英',
      relation: '配偶',
      gender: '女',
      birthDate: '1950-03-08',
      deceasedId,
      deceasedName: '刘建国',
      diedOn: '2025-03-10',
      qualifications: ['无固定收入', '年满60周岁'],
      allowance: '发放中',
      startMonth: '2025-04',
      idNumber: '370102********' + SPOUSE_ID.slice(-4),
      bankAccount: '6222 **** **** 1234',
    });
    const list = await call<SurvivorSummary[]>('survivors.list', { deceasedId });
    expect(list.map((r) => r.name)).toEqual(['王秀英']);
    // The full number only when asked for, with a reason.
    expect(await call('survivors.reveal', { id: s.id, field: 'idNumber', reason: '银行发放' })).toEqual({
      value: SPOUSE_ID,
    });
    // The change is on the deceased's history.
    const audit = ctx.store.raw.prepare("select person_id from audit_log where entity = 'survivor'").all();
    expect(audit).toContainEqual({ person_id: deceasedId });
  });

  test('a survivor of a living person, an invalid ID number, a duplicate: refused in Chinese, nothing saved', async () => {
    const living = retiree('张桂兰');
    expect((await refusal('survivors.create', { deceasedId: living, survivor: spouse() })).message).toBe(
      '张桂兰尚未登记去世，不能为其登记遗属',
    );
    const deceasedId = await deceased();
    const bad = await refusal('survivors.create', {
      deceasedId,
      survivor: spouse({ idNumber: SPOUSE_ID.slice(0, 17) + (SPOUSE_ID.endsWith('1') ? '2' : '1') }),
    });
    expect(bad.message).toMatch(/身份证号校验位不符/);
    expect(count('survivors')).toBe(0);
    await call('survivors.create', { deceasedId, survivor: spouse() });
    const again = await refusal('survivors.create', { deceasedId, survivor: spouse({ name: '王秀' }) });
    expect(again.message).toBe(`身份证号 ${SPOUSE_ID} 已登记为刘建国的遗属王秀英`);
    expect(count('survivors')).toBe(1);
  });

  test('an edit saves what changed against the version it loaded; a masked number is never saved', async () => {
    const deceasedId = await deceased();
    const s = await call<SurvivorView>('survivors.create', { deceasedId, survivor: spouse() });
    const edited = await call<SurvivorView>('survivors.update', {
      id: s.id,
      version: s.version,
      changes: { phone: '13900005678' },
    });
    expect([edited.version, edited.phone]).toEqual([2, '139****5678']);
    expect((await refusal('survivors.update', { id: s.id, version: 1, changes: { note: '迁居' } })).code).toBe(
      'conflict',
    );
    const masked = await refusal('survivors.update', {
      id: s.id,
      version: 2,
      changes: { bankAccount: edited.bankAccount },
    });
    expect(masked.message).toBe('银行账号是隐去部分数字的样子，请填写完整号码');
    expect(await call('survivors.reveal', { id: s.id, field: 'bankAccount', reason: '银行发放' })).toEqual({
      value: '6222021234567891234',
    });
  });
});

describe('the monthly allowance', () => {
  test('standards never overlap; a stop month before the start month is refused; nothing saved', async () => {
    await call('survivors.saveStandard', {
      amount: '500',
      fromMonth: '2024-01',
      toMonth: '2025-06',
      basis: '办发〔2024〕3号',
    });
    for (const [fromMonth, toMonth] of [
      ['2025-06', null],
      ['2023-01', '2024-01'],
      ['2023-01', null],
    ] as const) {
      const r = await refusal('survivors.saveStandard', { amount: '600', fromMonth, toMonth });
      expect(r.message).toContain('与已有标准（2024年1月至2025年6月每月 500.00 元）的执行期重叠');
    }
    expect(count('survivor_allowance_standards')).toBe(1);
    await call('survivors.saveStandard', { amount: '600', fromMonth: '2025-07', toMonth: null });

    const deceasedId = await deceased();
    const s = await call<SurvivorView>('survivors.create', { deceasedId, survivor: spouse(), startMonth: '2025-04' });
    const period = s.allowances[0];
    const early = await refusal('survivors.stopAllowance', {
      allowanceId: period.id,
      version: period.version,
      stopMonth: '2025-03',
      reason: '再婚',
    });
    expect(early.message).toBe('停发月份（2025年3月）不能早于起始发放月份（2025年4月）');
    expect((await call<SurvivorView>('survivors.get', { id: s.id })).allowances[0].stopMonth).toBeNull();
  });

  test('the month’s rows: the standard in force, across a change of standard and a stop', async () => {
    await call('survivors.saveStandard', { amount: '500', fromMonth: '2024-01', toMonth: '2025-06' });
    await call('survivors.saveStandard', { amount: '650.50', fromMonth: '2025-07', toMonth: null });
    const deceasedId = await deceased();
    const wang = await call<SurvivorView>('survivors.create', {
      deceasedId,
      survivor: spouse(),
      startMonth: '2025-04',
    });
    const liu = await call<SurvivorView>('survivors.create', {
      deceasedId,
      survivor: { name: '刘小明', relation: '子女', idNumber: CHILD_ID, qualifications: ['未成年'] },
      startMonth: '2025-05',
    });
    expect(liu).toMatchObject({ gender: '男', birthDate: '2012-07-01' });
    await call('survivors.stopAllowance', {
      allowanceId: wang.allowances[0].id,
      version: 1,
      stopMonth: '2025-08',
      reason: '再婚',
    });

    const rows = (month: string) => survivorAllowanceRows(ctx.store, month);
    expect(rows('2025-03')).toEqual([]);
    expect(rows('2025-04')).toEqual([
      {
        survivorId: wang.id,
        name: '王秀英',
        idNumber: SPOUSE_ID,
        bankName: '工商银行',
        bankAccount: '6222021234567891234',
        amountFen: 500_00,
        note: '本月起发',
      },
    ]);
    expect(rows('2025-06').map((r) => [r.name, r.amountFen])).toEqual([
      ['刘小明', 500_00],
      ['王秀英', 500_00],
    ]);
    // The new standard from July; 王秀英 paid July, the last month before her stop.
    expect(rows('2025-07').map((r) => [r.name, r.amountFen, r.note])).toEqual([
      ['刘小明', 650_50, '未登记银行账号'],
      ['王秀英', 650_50, '本月后停发（再婚）'],
    ]);
    expect(rows('2025-08').map((r) => r.name)).toEqual(['刘小明']);

    const month = await call<AllowanceMonth>('survivors.allowanceMonth', { month: '2025-07' });
    expect([month.totalFen, month.totalCapital, month.rows[1].idNumber]).toEqual([
      1301_00,
      '壹仟叁佰零壹元整',
      '370102********' + SPOUSE_ID.slice(-4),
    ]);
    const printed = await call<PrintableView>('survivors.allowancePrint', { month: '2025-07' });
    expect(printed.body).toContain('合计金额（大写）：壹仟叁佰零壹元整');
    expect(printed.css).toContain('size: 210mm 297mm');

    const file = await call<{ fileName: string; dataBase64: string }>('survivors.allowanceExport', {
      month: '2025-07',
      full: true,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain(SPOUSE_ID);
    expect(cells).toContain('6222021234567891234');
    expect(cells).toContain('合计金额（大写）：壹仟叁佰零壹元整');
    expect(file.fileName).toBe('遗属生活困难补助-2025-07.xlsx');

    // Restarted after the stop: from the stop month on, never overlapping the stopped period.
    const clash = await refusal('survivors.startAllowance', { survivorId: wang.id, startMonth: '2025-07' });
    expect(clash.message).toContain('起始月份不能早于停发月份');
    await call('survivors.startAllowance', { survivorId: wang.id, startMonth: '2025-10' });
    expect(rows('2025-09').map((r) => r.name)).toEqual(['刘小明']);
    expect(rows('2025-10').map((r) => r.name)).toEqual(['刘小明', '王秀英']);
  });

  test('a month without a standard has no list to print', async () => {
    const r = await refusal('survivors.allowancePrint', { month: '2025-07' });
    expect(r.message).toBe('2025年7月没有执行中的补助标准，请先在标准中登记');
    expect(await call<AllowanceStandard[]>('survivors.standards', {})).toEqual([]);
  });
});

/** 刘建国, died 2025-03-10; his widow 王秀英 (bank account) from 2025-04, his son 刘小明 (none) from 2025-05. */
async function family() {
  await call('survivors.saveStandard', { amount: '650.50', fromMonth: '2025-01', toMonth: null });
  const deceasedId = await deceased();
  const wang = await call<SurvivorView>('survivors.create', { deceasedId, survivor: spouse(), startMonth: '2025-04' });
  const liu = await call<SurvivorView>('survivors.create', {
    deceasedId,
    survivor: { name: '刘小明', relation: '子女', idNumber: CHILD_ID, qualifications: ['未成年'] },
    startMonth: '2025-05',
  });
  return { deceasedId, wang, liu };
}

const states = async (month: string) =>
  (await call<AllowanceMonth>('survivors.allowanceMonth', { month })).rows.map((r) => [r.name, r.payment]);

describe('the survivors’ month through a payment batch', () => {
  test('taken into a new batch; twice refused naming who; one started later into the open batch; paid → the months paid', async () => {
    const { deceasedId, wang, liu } = await family();
    expect(await states('2025-07')).toEqual([
      ['刘小明', null],
      ['王秀英', null],
    ]);

    const taken = await call<AllowanceTaken>('survivors.allowanceToBatch', {
      month: '2025-07',
      name: '2025年7月遗属补助',
    });
    expect(taken).toMatchObject({ batchName: '2025年7月遗属补助', taken: 2, totalFen: 2 * 650_50, skipped: [] });
    const batch = await call<BatchView>('batches.get', { id: taken.batchId });
    expect(batch).toMatchObject({ purpose: '遗属生活困难补助', totalFen: 1301_00, totalCapital: '壹仟叁佰零壹元整' });
    // The payee is the survivor, not a file; numbers masked on screen.
    expect(batch.rows.map((r) => [r.name, r.personId, r.survivorId, r.what, r.idNumber, r.payFen])).toEqual([
      ['刘小明', null, liu.id, '遗属生活困难补助（2025年7月）', '370102********' + CHILD_ID.slice(-4), 650_50],
      ['王秀英', null, wang.id, '遗属生活困难补助（2025年7月）', '370102********' + SPOUSE_ID.slice(-4), 650_50],
    ]);
    const inBatch = { batchId: batch.id, batchName: '2025年7月遗属补助', paidOn: null };
    expect(await states('2025-07')).toEqual([
      ['刘小明', inBatch],
      ['王秀英', inBatch],
    ]);

    // Again, into a new batch: refused, naming each, and no batch is made.
    const again = await refusal('survivors.allowanceToBatch', { month: '2025-07', name: '重复' });
    expect(again.message).toBe(
      '2025年7月的遗属生活困难补助不能重复发放：刘小明（已列入发放批次“2025年7月遗属补助”）、王秀英（已列入发放批次“2025年7月遗属补助”）',
    );
    expect([count('payment_batches'), count('survivor_allowance_payments')]).toEqual([1, 2]);

    // A third survivor started in July joins the open batch; the two already in are left out, named.
    await call<SurvivorView>('survivors.create', {
      deceasedId,
      survivor: {
        name: '刘大明',
        relation: '子女',
        idNumber: idWith('37010219800101013'),
        bankAccount: '6217000011112222',
      },
      startMonth: '2025-07',
    });
    const more = await call<AllowanceTaken>('survivors.allowanceToBatch', { month: '2025-07', batchId: batch.id });
    expect(more).toMatchObject({ batchId: batch.id, taken: 1, totalFen: 650_50 });
    expect(more.skipped).toEqual([
      '刘小明（已列入发放批次“2025年7月遗属补助”）',
      '王秀英（已列入发放批次“2025年7月遗属补助”）',
    ]);

    // The bank's list: the survivors' full numbers, the total in capitals.
    const file = await call<{ fileName: string; dataBase64: string }>('batches.export', { id: batch.id, full: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell(1, 1).value).toBe('测试集团离退休管理办公室遗属生活困难补助发放名单');
    const lines = [4, 5, 6].map((n) => (ws.getRow(n).values as unknown[]).slice(1, 6));
    expect(lines).toEqual([
      [1, '刘大明', idWith('37010219800101013'), '6217000011112222', 650.5],
      [2, '刘小明', CHILD_ID, undefined, 650.5],
      [3, '王秀英', SPOUSE_ID, '6222021234567891234', 650.5],
    ]);
    expect(ws.getCell(8, 1).value).toBe('合计金额（大写）：壹仟玖佰伍拾壹元伍角整');

    const paid = await call<BatchView>('batches.markPaid', { id: batch.id });
    const paidOn = paid.paidAt!.slice(0, 10);
    expect((await states('2025-07')).map(([, p]) => p)).toEqual(
      [1, 2, 3].map(() => ({ batchId: batch.id, batchName: '2025年7月遗属补助', paidOn })),
    );
    // August is still to pay; July's refusal now says paid.
    expect((await states('2025-08')).map(([, p]) => p)).toEqual([null, null, null]);
    const paidTwice = await refusal('survivors.allowanceToBatch', { month: '2025-07', name: '再发' });
    expect(paidTwice.message).toContain(`王秀英（已于 ${paidOn} 发放）`);
    // Into a paid batch: refused.
    expect((await refusal('survivors.allowanceToBatch', { month: '2025-08', batchId: batch.id })).message).toBe(
      '发放批次“2025年7月遗属补助”已经发放，不能再加入款项；请选择待发放的批次或新建批次',
    );
    expect(count('survivor_allowance_payments')).toBe(3);
    // Each step on the deceased's history.
    const audit = ctx.store.raw
      .prepare("select reason from audit_log where entity = 'survivor' and entity_id = ? order by id")
      .pluck()
      .all(wang.id);
    expect(audit.slice(-2)).toEqual([
      '2025年7月遗属生活困难补助加入发放批次“2025年7月遗属补助”',
      '发放批次“2025年7月遗属补助”已发放',
    ]);
  });

  test('an allowance cannot be stopped before a month already in a batch or paid', async () => {
    const { wang } = await family();
    const taken = await call<AllowanceTaken>('survivors.allowanceToBatch', { month: '2025-07', name: '7月补助' });
    const stop = (stopMonth: string) => ({
      allowanceId: wang.allowances[0].id,
      version: 1,
      stopMonth,
      reason: '再婚',
    });
    expect((await refusal('survivors.stopAllowance', stop('2025-07'))).message).toBe(
      '王秀英2025年7月的补助已列入发放批次“7月补助”，停发月份须晚于2025年7月',
    );
    const paid = await call<BatchView>('batches.markPaid', { id: taken.batchId });
    expect((await refusal('survivors.stopAllowance', stop('2025-06'))).message).toBe(
      `王秀英2025年7月的补助已于 ${paid.paidAt!.slice(0, 10)} 发放，停发月份须晚于2025年7月`,
    );
    expect((await call<SurvivorView>('survivors.get', { id: wang.id })).allowances[0].stopMonth).toBeNull();
    // From August: July stays on its list, paid.
    await call('survivors.stopAllowance', stop('2025-08'));
    expect((await states('2025-07')).find(([name]) => name === '王秀英')![1]).toMatchObject({ batchName: '7月补助' });
    expect((await states('2025-08')).map(([name]) => name)).toEqual(['刘小明']);
  });

  test('a month without a standard, or without anyone to pay, is refused; nothing saved', async () => {
    await family();
    expect((await refusal('survivors.allowanceToBatch', { month: '2024-12', name: '12月' })).message).toBe(
      '2024年12月没有执行中的补助标准，请先在标准中登记',
    );
    expect((await refusal('survivors.allowanceToBatch', { month: '2025-03', name: '3月' })).message).toBe(
      '2025年3月没有应发放遗属生活困难补助的遗属',
    );
    expect((await refusal('survivors.allowanceToBatch', { month: '2025-07' })).message).toBe(
      '输入有误：请填写新批次的名称，或选择已有批次',
    );
    expect([count('payment_batches'), count('survivor_allowance_payments')]).toEqual([0, 0]);
  });

  test('a mixed batch: a claim, an aid and a survivor’s month, the total in capitals; paid, each is paid', async () => {
    const { wang } = await family();
    const first17 = '21010219500313012';
    const zhang = createPerson(
      ctx.store,
      person({
        name: '张桂兰',
        category: '退休',
        idNumber: first17 + checkCharacter(first17),
        bankAccount: '6222020200112233',
      }),
      { acceptWarnings: false },
    );
    const claim = await approvedClaim(call, zhang.id);
    const reasonId = (await call<AidReason[]>('aid.reasons', {})).find((r) => r.name === '大病')!.id;
    let aid = await call<AidView>('aid.apply', {
      personId: zhang.id,
      reasonId,
      appliedOn: '2025-03-02',
      story: '住院',
      asked: '1000',
    });
    aid = await call<AidView>('aid.decide', {
      id: aid.id,
      version: aid.version,
      decision: '批准',
      granted: '1000',
      decidedOn: '2025-03-10',
      decidedBy: '赵主任',
      body: '工会',
    });
    const mixed = await call<BatchView>('batches.create', {
      name: '2025年4月',
      claimIds: [claim.id],
      items: [{ source: 'aid', id: aid.id }],
    });
    await call('survivors.allowanceToBatch', { month: '2025-04', batchId: mixed.id });
    const b = await call<BatchView>('batches.get', { id: mixed.id });
    expect(b).toMatchObject({
      purpose: '药费报销、困难帮扶、遗属生活困难补助',
      totalFen: 667_30 + 1000_00 + 650_50,
      totalCapital: '贰仟叁佰壹拾柒元捌角整',
    });
    expect(b.rows.map((r) => [r.source, r.name, r.personId, r.survivorId])).toEqual([
      ['claim', '张桂兰', zhang.id, null],
      ['aid', '张桂兰', zhang.id, null],
      ['survivor', '王秀英', null, wang.id],
    ]);
    await call('batches.markPaid', { id: mixed.id });
    expect((await call<ClaimFile>('claims.get', { id: claim.id })).status).toBe('已发放');
    expect((await call<AidView>('aid.get', { id: aid.id })).state).toBe('已发放');
    expect((await states('2025-04'))[0][1]).toMatchObject({ batchId: mixed.id, paidOn: expect.any(String) });
    // A survivor's month is not an item to pick one by one.
    expect((await refusal('batches.create', { name: 'x', items: [{ source: 'survivor', id: 1 }] })).message).toBe(
      '遗属生活困难补助按月加入发放批次：请在“走访慰问 › 遗属”的发放名单中办理',
    );
  });
});

describe('the yearly eligibility check', () => {
  test('due: receiving and not checked this year; overdue: neither checked nor started in 12 months; a check clears it', async () => {
    const deceasedId = await deceased();
    const wang = await call<SurvivorView>('survivors.create', {
      deceasedId,
      survivor: spouse(),
      startMonth: '2025-04',
    });
    const liu = await call<SurvivorView>('survivors.create', {
      deceasedId,
      survivor: { name: '刘小明', relation: '子女', idNumber: CHILD_ID },
      startMonth: '2026-09',
    });
    // Not receiving: never due.
    await call('survivors.create', {
      deceasedId,
      survivor: { name: '刘大明', relation: '子女', idNumber: idWith('37010219800101013') },
    });
    const lists = survivorCheckLists(ctx.store, 2026, '2026-12-03');
    expect(lists.due.map((r) => r.name)).toEqual(['刘小明', '王秀英']);
    expect(lists.overdue.map((r) => r.name)).toEqual(['王秀英']);
    // Listed, not stopped.
    expect((await call<SurvivorView>('survivors.get', { id: wang.id })).allowance).toBe('发放中');

    await call('survivors.check', { survivorId: wang.id, checkedOn: '2026-11-20', method: '上门' });
    const twice = await refusal('survivors.check', { survivorId: wang.id, checkedOn: '2026-11-25', method: '现场' });
    expect(twice.message).toBe('王秀英 2026 年度已于 2026-11-20 认证');
    const after = survivorCheckLists(ctx.store, 2026, '2026-12-03');
    expect(after.due.map((r) => r.survivorId)).toEqual([liu.id]);
    expect(after.overdue).toEqual([]);
  });
});

describe('遗属慰问 and letters', () => {
  test('survivors join a festival batch with its gift; a letter is addressed by gender and age, and logged when printed', async () => {
    retiree('张桂兰');
    const deceasedId = await deceased();
    const wang = await call<SurvivorView>('survivors.create', { deceasedId, survivor: spouse() });
    const liu = await call<SurvivorView>('survivors.create', {
      deceasedId,
      survivor: { name: '刘小明', relation: '子女', idNumber: CHILD_ID },
    });
    const batch = await call<VisitBatchView>('visits.createBatch', {
      name: '2026 年春节慰问',
      kind: '节日慰问',
      date: '2026-02-10',
      money: '300',
      items: '米、油',
      query: { status: '在册' },
    });
    expect(await call('survivors.addToBatch', { batchId: batch.id, survivorIds: [wang.id, liu.id] })).toEqual({
      added: 2,
      already: 0,
    });
    expect(await call('survivors.addToBatch', { batchId: batch.id, survivorIds: [wang.id] })).toEqual({
      added: 0,
      already: 1,
    });
    const view = await call<VisitBatchView>('visits.batch', { id: batch.id });
    expect(view.survivors.map((s) => [s.name, s.relation, s.deceasedName])).toEqual([
      ['刘小明', '子女', '刘建国'],
      ['王秀英', '配偶', '刘建国'],
    ]);
    expect((await call<SurvivorView>('survivors.get', { id: wang.id })).visits).toMatchObject([
      { kind: '节日慰问', date: '2026-02-10', moneyFen: 300_00, items: '米、油', batchName: '2026 年春节慰问' },
    ]);

    await call('letters.saveTemplate', {
      kind: 'festival',
      title: '节日慰问信',
      salutation: '尊敬的{姓名}{称呼}：',
      body: '值此新春佳节，{单位}向您致以节日的问候，并送上{慰问品}。',
      closing: '此致\n敬礼',
      dateStyle: 'chinese',
      addressForm: '先生/女士',
    });
    const letters = await call<PrintableView>('survivors.letters', {
      kind: 'festival',
      visitBatchId: batch.id,
      gift: '米、油',
      print: true,
    });
    expect(letters.count).toBe(2);
    expect(letters.body).toContain('尊敬的王秀英女士：');
    expect(letters.body).toContain('尊敬的刘小明同学：');
    expect(letters.body).toContain('送上米、油');
    expect((await call<SurvivorView>('survivors.get', { id: liu.id })).letters).toMatchObject([
      { kind: 'festival', batch: '2026 年春节慰问' },
    ]);
  });
});

describe('survivors are not retirees', () => {
  test('the roll, the people list, the home figures and the upward tables do not count them', async () => {
    retiree('张桂兰');
    const deceasedId = await deceased();
    const figures = async () => [
      await call('statistics.figures', {}),
      await call('statistics.home', {}),
      await call('retirees.figures', {}),
      (await call<{ total: number }>('retirees.list', {})).total,
    ];
    const before = await figures();
    const s = await call<SurvivorView>('survivors.create', { deceasedId, survivor: spouse(), startMonth: '2025-04' });
    await call('survivors.check', { survivorId: s.id, checkedOn: '2026-01-05', method: '现场' });
    expect(await figures()).toEqual(before);
    expect(count('persons')).toBe(2);
  });
});
