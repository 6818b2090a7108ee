// The survivors' monthly allowance (遗属生活困难补助) paid through the payment batches, through the
// router on a real SQLite file: the month taken into a new batch, a second attempt refused naming
// who, a survivor started later taken into the open batch, the bank's .xlsx written and read back
// with the survivors' lines, the batch paid → the months paid; a mixed batch (claim + aid +
// survivor) with its total in capitals.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import type { AidReason, AidView } from '../src-main/contract/aid';
import type { ClaimFile } from '../src-main/contract/claims';
import type { BatchView } from '../src-main/contract/payments';
import type { AllowanceMonth, AllowanceTaken, SurvivorView } from '../src-main/contract/survivors';
import { createPerson } from '../src-main/retirees/persons';
import { checkCharacter } from '../src-main/shared/idNumber';
import { approvedClaim, freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const idWith = (first17: string) => first17 + checkCharacter(first17);
const SPOUSE_ID = idWith('37010219500308002');
const CHILD_ID = idWith('37010220120701011');
const count = (table: string) => (ctx.store.raw.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

/** 刘建国, died 2025-03-10; his widow 王秀英 (bank account) from 2025-04, his son 刘小明 (none) from 2025-05. */
async function family() {
  await call('survivors.saveStandard', { amount: '650.50', fromMonth: '2025-01', toMonth: null });
  const deceased = createPerson(ctx.store, person({ name: '刘建国', category: '退休', birthDate: '1948-05-01' }), {
    acceptWarnings: true,
  });
  await call('deaths.register', { personId: deceased.id, diedOn: '2025-03-10' });
  const wang = await call<SurvivorView>('survivors.create', {
    deceasedId: deceased.id,
    survivor: {
      name: '王秀英',
      relation: '配偶',
      idNumber: SPOUSE_ID,
      bankName: '工商银行',
      bankAccount: '6222021234567891234',
      qualifications: ['无固定收入'],
    },
    startMonth: '2025-04',
  });
  const liu = await call<SurvivorView>('survivors.create', {
    deceasedId: deceased.id,
    survivor: { name: '刘小明', relation: '子女', idNumber: CHILD_ID, qualifications: ['未成年'] },
    startMonth: '2025-05',
  });
  return { deceased, wang, liu };
}

const states = async (month: string) =>
  (await call<AllowanceMonth>('survivors.allowanceMonth', { month })).rows.map((r) => [r.name, r.payment]);

describe('the survivors’ month through a payment batch', () => {
  test('taken into a new batch; twice refused naming who; one started later into the open batch; paid → the months paid', async () => {
    const { deceased, wang, liu } = await family();
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
      deceasedId: deceased.id,
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
