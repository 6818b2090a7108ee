// Hardship aid (困难帮扶, issue 20 item 2) through the router on a real SQLite file: the office's
// reasons, an application → decision → payment, the bad inputs refused in Chinese with nothing
// saved, aid paid through the payment batches that claims use (alone and in a mixed batch), a
// festival round as one batch, and the year's register with its totals, printed and exported.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AidReason, AidRegister, AidView } from '../src-main/contract/aid';
import type { ClaimFile } from '../src-main/contract/claims';
import type { PrintableView } from '../src-main/contract/common';
import type { BatchView, PayableItem } from '../src-main/contract/payments';
import type { AppContext } from '../src-main/app/context';
import { createPerson } from '../src-main/retirees/persons';
import { checkCharacter } from '../src-main/shared/idNumber';
import { approvedClaim, freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const count = (sql: string) => (ctx.store.raw.prepare(sql).get() as { n: number }).n;
/** Everything a refused call could have written. */
const footprint = () => ({
  aid: ctx.store.raw.prepare('select * from aid_applications order by id').all(),
  batches: count('select count(*) n from payment_batches'),
  audit: count("select count(*) n from audit_log where entity in ('aid', 'aid_reason', 'claim')"),
});

let seq = 0;
function retiree(name: string) {
  seq += 1;
  const first17 = `2101021950031${String(seq).padStart(2, '0')}12`;
  return createPerson(
    ctx.store,
    person({
      name,
      category: '退休',
      idNumber: first17 + checkCharacter(first17),
      bankName: '工商银行',
      bankAccount: `62220202001122334${seq}`,
    }),
    { acceptWarnings: false },
  );
}

async function reason(name: string) {
  return (await call<AidReason[]>('aid.reasons', {})).find((r) => r.name === name)!;
}

async function application(personId: number, asked = '3,000.00', appliedOn = '2025-03-02', reasonName = '大病') {
  return call<AidView>('aid.apply', {
    personId,
    reasonId: (await reason(reasonName)).id,
    appliedOn,
    story: '老伴住院手术，自付费用较多',
    asked,
  });
}

const decide = (a: AidView, fields: Record<string, unknown>) =>
  call<AidView>('aid.decide', {
    id: a.id,
    version: a.version,
    decision: '批准',
    granted: '3,000.00',
    decidedOn: '2025-03-10',
    decidedBy: '赵主任',
    body: '工会',
    ...fields,
  });

describe('the reasons the office keeps', () => {
  test('the list starts with five; an administrator adds one; one in use is retired, not deleted', async () => {
    expect((await call<AidReason[]>('aid.reasons', {})).map((r) => r.name)).toEqual([
      '大病',
      '孤寡',
      '子女下岗',
      '灾害',
      '节日',
    ]);
    const flood = await call<AidReason>('aid.saveReason', { name: '水灾', retired: false });
    expect(await refusal('aid.saveReason', { name: '大病' })).toMatchObject({ message: '帮扶原因“大病”已经有了' });
    const p = retiree('刘建国');
    await application(p.id);
    const illness = await reason('大病');
    expect(illness.used).toBe(1);
    const before = footprint();
    expect(await refusal('aid.deleteReason', { id: illness.id })).toMatchObject({
      code: 'in_use',
      message: '帮扶原因“大病”已用于 1 份申请，不能删除；如不再使用，请将其停用',
    });
    expect(footprint()).toEqual(before);
    await call('aid.saveReason', { id: illness.id, name: '大病', retired: true });
    // Retired: kept on its application, refused for a new one.
    expect((await call<AidView[]>('aid.list', { personId: p.id }))[0].reason).toBe('大病');
    expect(
      await refusal('aid.apply', {
        personId: p.id,
        reasonId: illness.id,
        appliedOn: '2025-04-01',
        story: '再次住院',
        asked: '100',
      }),
    ).toMatchObject({ message: '帮扶原因“大病”已停用，请选择其他原因' });
    await call('aid.deleteReason', { id: flood.id });
    expect((await call<AidReason[]>('aid.reasons', {})).map((r) => r.name)).not.toContain('水灾');
  });
});

describe('an application, its decision and its payment', () => {
  test('applied, partly granted, paid through a batch: each step audited, the batch pays the aid', async () => {
    const p = retiree('刘建国');
    let a = await application(p.id);
    expect(a).toMatchObject({ state: '待审批', askedFen: 300000, decision: null, reason: '大病' });
    a = await decide(a, { decision: '部分批准', granted: '2,000' });
    expect(a).toMatchObject({
      state: '待发放',
      decision: '部分批准',
      grantedFen: 200000,
      decidedOn: '2025-03-10',
      decidedBy: '赵主任',
      body: '工会',
    });
    expect(await call<PayableItem[]>('batches.payable', { source: 'aid' })).toEqual([
      {
        source: 'aid',
        itemId: a.id,
        personId: p.id,
        name: '刘建国',
        what: '困难帮扶（大病）',
        since: '2025-03-10',
        payFen: 200000,
      },
    ]);
    const batch = await call<BatchView>('batches.create', {
      name: '2025年3月困难帮扶',
      items: [{ source: 'aid', id: a.id }],
    });
    expect(batch).toMatchObject({ purpose: '困难帮扶', totalFen: 200000, totalCapital: '贰仟元整', status: '待发放' });
    expect(batch.rows).toMatchObject([{ source: 'aid', itemId: a.id, name: '刘建国', what: '困难帮扶（大病）' }]);
    // In a batch, the decision stands and the aid is not paid by hand.
    a = await call<AidView>('aid.get', { id: a.id });
    expect(a.batchName).toBe('2025年3月困难帮扶');
    expect(
      await refusal('aid.decide', {
        id: a.id,
        version: a.version,
        decision: '不批准',
        decidedOn: '2025-03-11',
        decidedBy: '赵主任',
      }),
    ).toMatchObject({
      message: `第 ${a.id} 号困难帮扶已编入发放批次“2025年3月困难帮扶”，审批结果不能再改`,
    });
    expect(
      await refusal('aid.pay', { id: a.id, version: a.version, paidOn: '2025-03-12', paidBy: '钱会计' }),
    ).toMatchObject({
      message: `第 ${a.id} 号困难帮扶已编入发放批次“2025年3月困难帮扶”，随该批次发放`,
    });

    const paid = await call<BatchView>('batches.markPaid', { id: batch.id });
    a = await call<AidView>('aid.get', { id: a.id });
    expect(a).toMatchObject({ state: '已发放', paidOn: paid.paidAt!.slice(0, 10), paidBy: '王干事' });
    expect(await call<PayableItem[]>('batches.payable', { source: 'aid' })).toEqual([]);
    const audit = ctx.store.raw
      .prepare("select action, reason from audit_log where entity = 'aid' and entity_id = ? order by id")
      .all(a.id);
    expect(audit).toEqual([
      { action: 'create', reason: null },
      { action: 'update', reason: '审批：部分批准' },
      { action: 'update', reason: '加入发放批次“2025年3月困难帮扶”' },
      { action: 'update', reason: '发放批次“2025年3月困难帮扶”已发放' },
    ]);
  });

  test('refused, it cannot be paid; granted, it can be paid by hand, not before its decision', async () => {
    const p = retiree('刘建国');
    const refused = await decide(await application(p.id), { decision: '不批准', granted: null, body: null });
    expect(refused).toMatchObject({ state: '不批准', grantedFen: null, body: null });
    expect(
      await refusal('aid.pay', { id: refused.id, version: refused.version, paidOn: '2025-03-12', paidBy: '钱会计' }),
    ).toMatchObject({ message: `第 ${refused.id} 号困难帮扶申请未获批准，不能发放` });
    expect(await refusal('batches.create', { name: '3月', items: [{ source: 'aid', id: refused.id }] })).toMatchObject({
      message: `第 ${refused.id} 号困难帮扶申请未获批准，不能加入发放批次`,
    });
    const granted = await decide(await application(p.id, '800'), { granted: '800' });
    const before = footprint();
    expect(
      await refusal('aid.pay', { id: granted.id, version: granted.version, paidOn: '2025-03-09', paidBy: '钱会计' }),
    ).toMatchObject({ message: '发放日期（2025-03-09）不能早于审批日期（2025-03-10）' });
    expect(footprint()).toEqual(before);
    const paid = await call<AidView>('aid.pay', {
      id: granted.id,
      version: granted.version,
      paidOn: '2025-03-12',
      paidBy: '钱会计',
    });
    expect(paid).toMatchObject({ state: '已发放', paidOn: '2025-03-12', paidBy: '钱会计', batchId: null });
  });

  test('bad input: each refused in Chinese, and nothing is saved', async () => {
    const p = retiree('刘建国');
    const a = await application(p.id);
    const before = footprint();
    const refused = async (method: string, input: Record<string, unknown>) => {
      const r = await refusal(method, input);
      expect(footprint()).toEqual(before);
      return r.message;
    };
    const decision = { id: a.id, version: a.version, decidedOn: '2025-03-10', decidedBy: '赵主任', body: '工会' };
    // Granted more than asked.
    expect(await refused('aid.decide', { ...decision, decision: '部分批准', granted: '3,000.01' })).toBe(
      '批准金额 3,000.01 元不能超过申请金额 3,000.00 元',
    );
    expect(await refused('aid.decide', { ...decision, decision: '批准', granted: '2,000' })).toBe(
      '批准金额少于申请金额 3,000.00 元，请选择“部分批准”',
    );
    expect(await refused('aid.decide', { ...decision, decision: '批准', granted: null })).toContain('请填写批准金额');
    expect(await refused('aid.decide', { ...decision, decision: '批准', granted: '3000', body: null })).toContain(
      '请选择发放单位',
    );
    // Decided before it was applied for.
    expect(
      await refused('aid.decide', { ...decision, decision: '批准', granted: '3000', decidedOn: '2025-03-01' }),
    ).toBe('审批日期（2025-03-01）不能早于申请日期（2025-03-02）');
    // Paid before any decision: by hand or through a batch.
    expect(await refused('aid.pay', { id: a.id, version: a.version, paidOn: '2025-03-12', paidBy: '钱会计' })).toBe(
      `第 ${a.id} 号困难帮扶申请尚未审批，不能发放`,
    );
    expect(await refused('batches.create', { name: '3月', items: [{ source: 'aid', id: a.id }] })).toBe(
      `第 ${a.id} 号困难帮扶申请尚未审批，审批同意后才能加入发放批次`,
    );
    // A decision made on a stale copy.
    expect(
      await refused('aid.decide', { ...decision, version: a.version + 1, decision: '批准', granted: '3000' }),
    ).toContain('本次操作未进行');
    // An amount that is no amount, a date in the future.
    expect(
      await refused('aid.apply', {
        personId: p.id,
        reasonId: a.reasonId,
        appliedOn: '2025-04-01',
        story: '住院',
        asked: '0',
      }),
    ).toContain('申请金额应大于零');
    expect(
      await refused('aid.apply', {
        personId: p.id,
        reasonId: a.reasonId,
        appliedOn: '2999-01-01',
        story: '住院',
        asked: '10',
      }),
    ).toBe('申请日期（2999-01-01）不能晚于今天');
    // Someone who died before applying.
    await call('deaths.register', { personId: p.id, diedOn: '2025-05-01' });
    const afterDeath = footprint();
    expect(
      await refusal('aid.apply', {
        personId: p.id,
        reasonId: a.reasonId,
        appliedOn: '2025-05-02',
        story: '家属申请',
        asked: '500',
      }),
    ).toMatchObject({
      code: 'illegal_move',
      message: '刘建国已于 2025-05-01 去世，不能在此后（2025-05-02）申请或发放困难帮扶',
    });
    expect(footprint()).toEqual(afterDeath);
  });
});

describe('aid through the payment batches', () => {
  test('a mixed batch pays its claim and its aid; an aid batch paid leaves the claims untouched', async () => {
    const p = retiree('刘建国');
    const q = retiree('王秀英');
    const claim = await approvedClaim(call, p.id);
    const aid1 = await decide(await application(q.id, '1000'), { granted: '1000' });
    const aid2 = await decide(await application(q.id, '500', '2025-03-03', '孤寡'), { granted: '500', body: '退管办' });

    // An aid batch: the claim waiting beside it is not touched when it is paid.
    const aidOnly = await call<BatchView>('batches.create', {
      name: '孤寡帮扶',
      items: [{ source: 'aid', id: aid2.id }],
    });
    await call('batches.markPaid', { id: aidOnly.id });
    expect(await call<ClaimFile>('claims.get', { id: claim.id })).toMatchObject({
      status: '批准',
      batchId: null,
      version: claim.version,
    });
    expect((await call<AidView>('aid.get', { id: aid2.id })).state).toBe('已发放');

    const mixed = await call<BatchView>('batches.create', {
      name: '2025年3月',
      claimIds: [claim.id],
      items: [{ source: 'aid', id: aid1.id }],
    });
    expect(mixed).toMatchObject({
      purpose: '药费报销、困难帮扶',
      totalFen: 66730 + 100000,
      totalCapital: '壹仟陆佰陆拾柒元叁角整',
    });
    expect(mixed.rows.map((r) => [r.source, r.name, r.what, r.payFen])).toEqual([
      ['claim', '刘建国', '药费报销', 66730],
      ['aid', '王秀英', '困难帮扶（大病）', 100000],
    ]);
    // The bank's list: both lines in full, the total in capitals under it.
    const file = await call<{ fileName: string; dataBase64: string }>('batches.export', { id: mixed.id, full: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell(1, 1).value).toBe('测试集团离退休管理办公室药费报销、困难帮扶发放名单');
    expect((ws.getRow(5).values as unknown[]).slice(1, 6)).toEqual([2, '王秀英', q.idNumber, q.bankAccount, 1000]);
    expect(ws.getCell(7, 1).value).toBe('合计金额（大写）：壹仟陆佰陆拾柒元叁角整');

    await call('batches.markPaid', { id: mixed.id });
    expect((await call<ClaimFile>('claims.get', { id: claim.id })).status).toBe('已发放');
    expect((await call<AidView>('aid.get', { id: aid1.id })).state).toBe('已发放');
    // Paid once: the aid cannot go into another batch.
    expect(await refusal('batches.create', { name: '4月', items: [{ source: 'aid', id: aid1.id }] })).toMatchObject({
      message: `第 ${aid1.id} 号困难帮扶已在第 ${mixed.id} 号发放批次中`,
    });
  });

  test('a festival round: granted aid for each person and one batch, in one transaction', async () => {
    const a = retiree('刘建国');
    const b = retiree('王秀英');
    const c = retiree('陈志强');
    await call('deaths.register', { personId: c.id, diedOn: '2025-01-10' });
    const festival = (await reason('节日')).id;
    const round = {
      name: '2025年春节困难帮扶',
      reasonId: festival,
      date: '2025-01-20',
      story: '春节困难帮扶',
      decidedBy: '赵主任',
      body: '工会',
      people: [
        { personId: a.id, amount: '500' },
        { personId: b.id, amount: '800' },
        { personId: c.id, amount: '500' },
      ],
    };
    const before = footprint();
    expect(await refusal('aid.round', round)).toMatchObject({
      message: '陈志强已于 2025-01-10 去世，不能在此后（2025-01-20）申请或发放困难帮扶',
    });
    expect(await refusal('aid.round', { ...round, people: [round.people[0], round.people[0]] })).toMatchObject({
      message: '刘建国在名单中出现了两次',
    });
    expect(footprint()).toEqual(before);

    const batch = await call<BatchView>('aid.round', { ...round, people: round.people.slice(0, 2) });
    expect(batch).toMatchObject({
      name: '2025年春节困难帮扶',
      purpose: '困难帮扶',
      totalFen: 130000,
      totalCapital: '壹仟叁佰元整',
    });
    expect(batch.rows.map((r) => [r.name, r.what, r.payFen])).toEqual([
      ['刘建国', '困难帮扶（节日）', 50000],
      ['王秀英', '困难帮扶（节日）', 80000],
    ]);
    const aid = await call<AidView[]>('aid.list', { reasonId: festival });
    expect(aid.map((x) => [x.personName, x.decision, x.grantedFen, x.body, x.state, x.batchId])).toEqual([
      ['刘建国', '批准', 50000, '工会', '待发放', batch.id],
      ['王秀英', '批准', 80000, '工会', '待发放', batch.id],
    ]);
  });
});

describe('the yearly register', () => {
  test('every application of the year with its state; totals by reason and by paying body; printed and exported', async () => {
    const p = retiree('刘建国');
    const q = retiree('王秀英');
    // 2025: 大病 asked 3,000 granted 2,000 (工会) paid; 大病 asked 1,000 refused; 孤寡 asked 500
    // granted 500 (退管办) not yet paid; 子女下岗 asked 600 waiting. 2024: one, not counted.
    const paid = await decide(await application(p.id, '3000'), { decision: '部分批准', granted: '2000' });
    await call('aid.pay', { id: paid.id, version: paid.version, paidOn: '2025-03-15', paidBy: '钱会计' });
    await decide(await application(q.id, '1000'), { decision: '不批准', granted: null, body: null });
    await decide(await application(q.id, '500', '2025-06-01', '孤寡'), {
      granted: '500',
      body: '退管办',
      decidedOn: '2025-06-02',
    });
    await application(p.id, '600', '2025-11-30', '子女下岗');
    await application(p.id, '900', '2024-12-31');

    const r = await call<AidRegister>('aid.register', { year: 2025 });
    expect(r.rows.map((a) => [a.appliedOn, a.personName, a.reason, a.state])).toEqual([
      ['2025-03-02', '刘建国', '大病', '已发放'],
      ['2025-03-02', '王秀英', '大病', '不批准'],
      ['2025-06-01', '王秀英', '孤寡', '待发放'],
      ['2025-11-30', '刘建国', '子女下岗', '待审批'],
    ]);
    expect(r.byReason).toEqual([
      { reason: '大病', applications: 2, granted: 1, askedFen: 400000, grantedFen: 200000, paidFen: 200000 },
      { reason: '孤寡', applications: 1, granted: 1, askedFen: 50000, grantedFen: 50000, paidFen: 0 },
      { reason: '子女下岗', applications: 1, granted: 0, askedFen: 60000, grantedFen: 0, paidFen: 0 },
    ]);
    expect(r.byBody).toEqual([
      { body: '退管办', granted: 1, grantedFen: 50000, paidFen: 0 },
      { body: '工会', granted: 1, grantedFen: 200000, paidFen: 200000 },
    ]);
    expect(r.total).toEqual({ applications: 4, granted: 2, askedFen: 510000, grantedFen: 250000, paidFen: 200000 });

    const file = await call<{ fileName: string; count: number; dataBase64: string }>('aid.registerExport', {
      year: 2025,
    });
    expect(file).toMatchObject({ fileName: '困难帮扶台账-2025.xlsx', count: 4 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['帮扶台账', '按原因汇总', '按发放单位汇总']);
    const rowOf = (sheet: number, row: number) => (wb.worksheets[sheet].getRow(row).values as unknown[]).slice(1);
    expect(rowOf(0, 4).slice(1, 8)).toEqual([
      new Date('2025-03-02T00:00:00Z'),
      '刘建国',
      '大病',
      '老伴住院手术，自付费用较多',
      3000,
      '部分批准',
      2000,
    ]);
    expect(rowOf(1, 7)).toEqual(['合计', 4, 2, 5100, 2500, 2000]);
    expect(rowOf(2, 4)).toEqual(['退管办', 1, 500, 0]);

    const printed = await call<PrintableView>('aid.registerPrint', { year: 2025 });
    expect(printed.count).toBe(4);
    expect(printed.body).toContain('2025 年度困难帮扶台账');
    expect(printed.body).toContain('<td class="r">5,100.00</td>');
    expect(printed.css).toContain('size: 297mm 210mm');
    expect(count("select count(*) n from access_log where what = '打印困难帮扶台账'")).toBe(1);
  });
});
