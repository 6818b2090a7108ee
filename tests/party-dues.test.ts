// 党费 through the router on a real SQLite file: a branch's year written out figure by figure (the
// rate at 4,999.99 and 5,000.01, 低保, a reduction, months paid ahead and late, 代交), the register
// printed and as .xlsx; each bad input refused in Chinese with nothing saved; next year's bases
// proposed from the adjustment check and applied only when staff confirm them.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AdjustmentRunView } from '../src-main/contract/adjustments';
import type { PrintableView } from '../src-main/contract/common';
import type { DuesLedger, DuesMemberView, DuesProposal } from '../src-main/contract/dues';
import type { OrgUnit } from '../src-main/contract/org';
import type { PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { mergeUnits } from '../src-main/org/network';
import { checkCharacter } from '../src-main/shared/idNumber';
import { RULE_2026 } from './adjustmentRule';
import { freshContext, person, router, tempDir } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);
const count = (table: string) => (ctx.store.raw.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
const idNumber = (birth: string, seq: string) => `110105${birth}${seq}` + checkCharacter(`110105${birth}${seq}`);

async function branch(name: string) {
  return (await call<OrgUnit>('org.create', { kind: '党支部', name, parentId: null })).id;
}
async function member(name: string, branchId: number | null, extra: Record<string, unknown> = {}) {
  const p = await call<PersonFile>('retirees.create', {
    person: person({ name, idNumber: null, politicalStatus: '中共党员', partyBranchId: branchId, ...extra }),
  });
  return p.id;
}
const collect = (branchId: number, paidOn: string, items: Record<string, unknown>[]) =>
  call<{ count: number; paidFen: number }>('dues.collect', {
    branchId,
    paidOn,
    items: items.map((i) => ({ paidBy: '本人', ...i })),
  });
const months = (from: number, to: number, year = 2025) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);

/** A branch of five: 李建国 5,000.01, 孙立新 no base yet, 王秀英 低保, 张桂兰 4,999.99, 赵德明 6,000.00 with a reduction. */
async function branchOfFive() {
  const first = await branch('第一党支部');
  const li = await member('李建国', first);
  const sun = await member('孙立新', first);
  const wang = await member('王秀英', first);
  const zhang = await member('张桂兰', first);
  const zhao = await member('赵德明', first);
  await call('dues.setBase', { personId: li, year: 2025, base: '5,000.01' });
  await call('dues.setBase', { personId: wang, year: 2025, base: '3,100.00', dibao: true });
  await call('dues.setBase', { personId: zhang, year: 2025, base: '4,999.99' });
  await call('dues.setBase', { personId: zhao, year: 2025, base: '6,000.00' });
  await call('dues.addReduction', {
    personId: zhao,
    kind: '减交',
    amount: '10.00',
    fromMonth: '2025-07',
    toMonth: '2025-12',
    decidedOn: '2025-06-20',
    decision: '一支委〔2025〕3号：家庭生活困难，经支部党员大会讨论决定',
  });
  return { first, li, sun, wang, zhang, zhao };
}

describe("a branch's year", () => {
  test('the ledger of 2025 written out: due, paid in its month, ahead and late, unpaid by month; the register printed and exported', async () => {
    const { first, li, wang, zhang, zhao } = await branchOfFive();
    expect(
      await collect(first, '2025-01-15', [
        { personId: li, month: '2025-01', paidBy: '代交', proxyName: '李小红' },
        { personId: wang, month: '2025-01' },
        { personId: zhang, month: '2025-01' },
        { personId: zhao, month: '2025-01' },
      ]),
    ).toEqual({ count: 4, paidFen: 5000 + 20 + 2500 + 6000 });
    await collect(
      first,
      '2025-02-10',
      [li, wang, zhang, zhao].map((personId) => ({ personId, month: '2025-02' })),
    );
    // 张桂兰 pays March and six months ahead; 王秀英 March; 赵德明 catches up March to September in
    // September: 60.00 until June, 10.00 from July by the branch's decision.
    await collect(
      first,
      '2025-03-05',
      months(3, 9).map((month) => ({ personId: zhang, month })),
    );
    await collect(first, '2025-03-20', [{ personId: wang, month: '2025-03', amount: '0.20' }]);
    await collect(
      first,
      '2025-09-10',
      months(3, 9).map((month) => ({ personId: zhao, month, amount: month < '2025-07' ? '60.00' : '10.00' })),
    );

    const ledger = await call<DuesLedger>('dues.ledger', { branchId: first, year: 2025 });
    expect(ledger.rows.map((r) => [r.name, r.basis, r.monthlyFen, r.dueFen, r.paidFen, r.unpaidFen])).toEqual([
      ['李建国', '1%', 5000, 12 * 5000, 2 * 5000, 10 * 5000],
      ['孙立新', null, null, 0, 0, 0],
      ['王秀英', '低保', 20, 12 * 20, 3 * 20, 9 * 20],
      ['张桂兰', '0.5%', 2500, 12 * 2500, 9 * 2500, 3 * 2500],
      ['赵德明', '1%', 6000, 6 * 6000 + 6 * 1000, 6 * 6000 + 3 * 1000, 3 * 1000],
    ]);
    expect([ledger.dueFen, ledger.paidFen, ledger.unpaidFen]).toEqual([132240, 71560, 60680]);
    expect(ledger.withoutBase.map((p) => p.name)).toEqual(['孙立新']);
    const zhangRow = ledger.rows[3];
    expect(zhangRow.months.map((c) => c.kind)).toEqual([
      '当月',
      '当月',
      '当月',
      ...Array(6).fill('预交'),
      null,
      null,
      null,
    ]);
    expect(zhangRow.unpaidMonths).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(ledger.rows[4].months[6]).toMatchObject({
      state: 'paid',
      dueFen: 1000,
      paidFen: 1000,
      kind: '补交',
      paidOn: '2025-09-10',
    });
    expect(ledger.rows[0].months[0]).toMatchObject({ paidBy: '代交', proxyName: '李小红', kind: '当月' });
    const month = (m: string) => {
      const s = ledger.months.find((x) => x.month === m)!;
      return [s.members, s.dueFen, s.paidFen, s.paidCount, s.unpaidCount, s.unpaidFen];
    };
    expect(month('2025-01')).toEqual([5, 13520, 13520, 4, 0, 0]);
    expect(month('2025-07')).toEqual([5, 5000 + 20 + 2500 + 1000, 2500 + 1000, 2, 2, 5020]);
    expect(month('2025-10')).toEqual([5, 8520, 0, 0, 4, 8520]);

    // The member's own view, on their file.
    const mine = await call<DuesMemberView>('dues.member', { personId: zhao, year: 2025 });
    expect(mine).toMatchObject({ partyMember: true, branchName: '第一党支部' });
    expect(mine.row.reductions).toMatchObject([
      { kind: '减交', amountFen: 1000, fromMonth: '2025-07', toMonth: '2025-12' },
    ]);
    expect(mine.row.paidFen).toBe(39000);

    const printed = await call<PrintableView>('dues.registerPrint', { branchId: first, year: 2025 });
    expect(printed.body).toContain('党费交纳登记簿');
    expect(printed.body).toContain('第一党支部');
    expect(printed.body).toContain('2025 年度');
    expect(printed.css).toContain('size: 297mm 210mm');
    expect(printed.body).toContain('<td>张桂兰</td><td class="n">4,999.99</td><td>0.5%</td><td class="n">25.00</td>');
    expect(printed.body).toContain('应交合计 1,322.40 元，已交合计 715.60 元，欠交 606.80 元。');
    expect(printed.body).toContain('赵德明：经支部决定（2025年6月20日，一支委〔2025〕3号');
    expect(printed.body).toContain('尚未登记本年度党费基数：孙立新');

    const exported = await call<{ fileName: string; dataBase64: string }>('dues.registerExport', {
      branchId: first,
      year: 2025,
    });
    expect(exported.fileName).toBe('党费交纳登记簿-第一党支部-2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    const header = ws.getRow(3).values as unknown[];
    expect(header.slice(1, 6)).toEqual(['序号', '姓名', '基数', '比例', '月应交']);
    const zhaoLine = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(values).find((v) => v[1] === '赵德明')!;
    // Unpaid months are empty cells; money in yuan.
    expect(zhaoLine).toEqual([
      5,
      '赵德明',
      6000,
      '1%',
      60,
      60,
      60,
      60,
      60,
      60,
      60,
      10,
      10,
      10,
      undefined,
      undefined,
      undefined,
      390,
    ]);
  });

  test('a branch merged into another hands over its ledger', async () => {
    const { first, zhang } = await branchOfFive();
    await collect(first, '2025-01-15', [{ personId: zhang, month: '2025-01' }]);
    const second = await branch('第二党支部');
    mergeUnits(ctx.store, { kind: '党支部', id: first }, { kind: '党支部', id: second });
    const ledger = await call<DuesLedger>('dues.ledger', { branchId: second, year: 2025 });
    expect(ledger.rows.find((r) => r.name === '张桂兰')?.months[0]).toMatchObject({ state: 'paid', paidFen: 2500 });
  });
});

describe('bad input: refused in Chinese, nothing saved', () => {
  test('a month paid twice, beyond six months ahead, not a party member, no branch, an amount other than due', async () => {
    const { first, li, zhang } = await branchOfFive();
    await collect(first, '2025-01-15', [{ personId: zhang, month: '2025-01' }]);
    const masses = await member('周大海', first, { politicalStatus: '群众', partyBranchId: null });
    const loose = await member('吴明', null);
    const other = await member('郑华', await branch('第二党支部'));
    await call('dues.setBase', { personId: other, year: 2025, base: '3,000.00' });
    const before = { payments: count('party_dues_payments'), audit: count('audit_log') };
    // Each refusal is in a collection that also holds a payment that would have been fine.
    const fine = { personId: li, month: '2025-01', paidBy: '本人' };
    const refused = async (paidOn: string, item: Record<string, unknown>) =>
      (
        await refusal('dues.collect', {
          branchId: first,
          paidOn,
          items: [fine, { paidBy: '本人', ...item }],
        })
      ).message;

    expect(await refused('2025-02-01', { personId: zhang, month: '2025-01' })).toContain(
      '张桂兰 2025年1月的党费已于 2025年1月15日 交纳，不能重复登记',
    );
    expect(await refused('2025-02-01', { personId: li, month: '2025-01' })).toContain('在本次登记中出现了两次');
    expect(await refused('2025-03-01', { personId: zhang, month: '2025-10' })).toContain(
      '张桂兰 2025年10月：最多只能预交 6 个月（2025年3月1日交纳，最远到2025年9月）',
    );
    expect(await refused('2025-02-01', { personId: masses, month: '2025-01' })).toContain(
      '周大海的政治面貌是“群众”，不是中共党员，不能登记党费',
    );
    expect(await refused('2025-02-01', { personId: loose, month: '2025-01' })).toContain('吴明尚未编入党支部');
    expect(await refused('2025-02-01', { personId: other, month: '2025-01' })).toContain('郑华不是本支部的党员');
    expect(await refused('2025-02-01', { personId: li, month: '2025-02', amount: '25.00' })).toContain(
      '李建国 2025年2月应交 50.00 元，所填 25.00 元与应交不符；如经支部决定减交或免交，请先登记支部决定',
    );
    expect(await refused('2025-02-01', { personId: li, month: '2025-02', paidBy: '代交' })).toContain(
      '由他人代交，请填写代交人姓名',
    );
    expect((await refusal('dues.collect', { branchId: first, paidOn: '2099-01-01', items: [fine] })).message).toContain(
      '晚于今天',
    );
    expect({ payments: count('party_dues_payments'), audit: count('audit_log') }).toEqual(before);

    // Decisions and bases for someone who cannot pay are refused too.
    expect((await refusal('dues.setBase', { personId: masses, year: 2025, base: '3,000.00' })).message).toContain(
      '不是中共党员',
    );
    expect(
      (
        await refusal('dues.addReduction', {
          personId: zhang,
          kind: '免交',
          fromMonth: '2025-01',
          toMonth: '2025-03',
          decidedOn: '2025-01-20',
          decision: '支部决定',
        })
      ).message,
    ).toBe('2025年1月的党费已交纳，减免只能从尚未交纳的月份开始');
    expect(count('party_dues_reductions')).toBe(1);
    expect(count('party_dues_bases')).toBe(5);
  });

  test('a waived month needs no payment; a reduced one is paid at the decided amount', async () => {
    const { first, zhao, zhang } = await branchOfFive();
    await call('dues.addReduction', {
      personId: zhang,
      kind: '免交',
      fromMonth: '2025-05',
      toMonth: '2025-12',
      decidedOn: '2025-04-28',
      decision: '一支委〔2025〕2号',
    });
    const refusedFor = async (item: Record<string, unknown>) =>
      (await refusal('dues.collect', { branchId: first, paidOn: '2025-08-01', items: [{ paidBy: '本人', ...item }] }))
        .message;
    expect(await refusedFor({ personId: zhang, month: '2025-06' })).toContain(
      '张桂兰 2025年6月经支部决定免交（一支委〔2025〕2号），无需登记交纳',
    );
    expect(await refusedFor({ personId: zhao, month: '2025-08', amount: '60.00' })).toContain(
      '赵德明 2025年8月经支部决定每月交 10.00 元，所填 60.00 元与之不符',
    );
    expect(count('party_dues_payments')).toBe(0);
    const ledger = await call<DuesLedger>('dues.ledger', { branchId: first, year: 2025 });
    const zhangRow = ledger.rows.find((r) => r.name === '张桂兰')!;
    expect(zhangRow.months.map((c) => c.state)).toEqual([...Array(4).fill('unpaid'), ...Array(8).fill('exempt')]);
    expect(zhangRow.dueFen).toBe(4 * 2500);
  });
});

describe('the months in the branch', () => {
  test('a member transferred in during the year owes from that month, one transferred out up to the last month set; a payment taken back is owed again', async () => {
    const first = await branch('第一党支部');
    const zhou = await member('周建华', first);
    const wu = await member('吴淑芬', first);
    // 周建华 transferred in in April 2025, 吴淑芬 out after September.
    await call('dues.setBase', { personId: zhou, year: 2025, base: '4,000.00', fromMonth: '2025-04' });
    await call('dues.setBase', { personId: wu, year: 2025, base: '4,000.00', toMonth: '2025-09' });
    // Months outside the year or out of order: refused, nothing changed.
    expect(
      (await refusal('dues.setBase', { personId: wu, year: 2025, base: '4,000.00', toMonth: '2026-01' })).message,
    ).toBe('止交月份2026年1月不在 2025 年度内');
    expect(
      (
        await refusal('dues.setBase', {
          personId: wu,
          year: 2025,
          base: '4,000.00',
          fromMonth: '2025-10',
          toMonth: '2025-03',
        })
      ).message,
    ).toBe('起交月份不能晚于止交月份');
    const refused = await refusal('dues.collect', {
      branchId: first,
      paidOn: '2025-11-05',
      items: [
        { personId: zhou, month: '2025-03', paidBy: '本人' },
        { personId: wu, month: '2025-10', paidBy: '本人' },
      ],
    });
    expect(refused.message).toContain('周建华 2025年3月：2025年4月起在本支部交纳党费，该月无需在本支部交纳');
    expect(refused.message).toContain('吴淑芬 2025年10月：党费交纳至2025年9月，该月无需在本支部交纳');
    expect(count('party_dues_payments')).toBe(0);

    await collect(first, '2025-04-10', [
      { personId: zhou, month: '2025-04' },
      { personId: wu, month: '2025-04' },
    ]);
    const ledger = await call<DuesLedger>('dues.ledger', { branchId: first, year: 2025 });
    const row = (name: string) => ledger.rows.find((r) => r.name === name)!;
    expect(row('周建华').months.map((c) => c.state)).toEqual([
      ...Array(3).fill('none'),
      'paid',
      ...Array(8).fill('unpaid'),
    ]);
    expect(row('周建华').dueFen).toBe(9 * 2000);
    expect(row('周建华').unpaidFen).toBe(8 * 2000);
    expect(row('吴淑芬').months.map((c) => c.state)).toEqual([
      ...Array(3).fill('unpaid'),
      'paid',
      ...Array(5).fill('unpaid'),
      ...Array(3).fill('none'),
    ]);
    expect(row('吴淑芬').dueFen).toBe(9 * 2000);
    // The register says why the months are fewer.
    const printed = await call<PrintableView>('dues.registerPrint', { branchId: first, year: 2025 });
    expect(printed.body).toContain('周建华：2025年4月组织关系转入，自该月起在本支部交纳');
    expect(printed.body).toContain('吴淑芬：组织关系转出，党费交纳至2025年9月');

    // A payment recorded by mistake is taken back with a reason: the month is owed again.
    const paid = row('周建华').months[3];
    expect(paid.paymentId).not.toBeNull();
    expect((await refusal('dues.cancelPayment', { id: paid.paymentId, reason: ' ' })).message).toContain('撤销的原因');
    await call('dues.cancelPayment', { id: paid.paymentId, reason: '误登记，实为吴淑芬代交前的登记' });
    const again = await call<DuesMemberView>('dues.member', { personId: zhou, year: 2025 });
    expect(again.row.months[3].state).toBe('unpaid');
    expect(again.row.unpaidFen).toBe(9 * 2000);
  });
});

describe("next year's base from the adjustment check", () => {
  test('proposed from the 2026 check for 2027, applied only when confirmed, by whom and when', async () => {
    const first = await branch('第一党支部');
    const zhang = await member('张桂兰', first, { idNumber: idNumber('19500315', '002'), retirementDate: '2010-03' });
    const li = await member('李建国', first, { idNumber: idNumber('19401231', '013'), retirementDate: '2010-03' });
    await member('王秀英', first);
    await call('dues.setBase', { personId: li, year: 2027, base: '4,000.00' });
    await call('adjustments.saveRule', { rule: RULE_2026, loaded: null });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('调资名单');
    ws.addRow(['序号', '姓名', '公民身份号码', '调整前养老金', '调整后养老金', '调整额']);
    ws.addRow([1, '张桂兰', idNumber('19500315', '002'), 4900, 5100, 200]);
    ws.addRow([2, '李建国', idNumber('19401231', '013'), 3800, 3990.5, 190.5]);
    const file = path.join(tempDir(), '2026年调资名单.xlsx');
    await wb.xlsx.writeFile(file);
    const run = await call<AdjustmentRunView>('adjustments.import', {
      year: 2026,
      fileName: path.basename(file),
      dataBase64: fs.readFileSync(file).toString('base64'),
    });

    const proposal = await call<DuesProposal>('dues.proposals', { branchId: first, year: 2027 });
    expect(proposal.run).toMatchObject({ id: run.id, year: 2026, fileName: '2026年调资名单.xlsx' });
    expect(
      proposal.rows.map((r) => [r.name, r.proposedFen, r.proposedDueFen, r.current?.baseFen ?? null, r.confirmed]),
    ).toEqual([
      ['李建国', 399050, 1995, 400000, false],
      ['王秀英', null, null, null, false],
      ['张桂兰', 510000, 5100, null, false],
    ]);
    // Nothing applied yet.
    expect((await call<DuesMemberView>('dues.member', { personId: zhang, year: 2027 })).row.base).toBeNull();
    // A 2026 base cannot come from the 2026 check: it is the year before that counts.
    expect(
      (await refusal('dues.confirmBases', { year: 2026, adjustmentRowIds: [proposal.rows[2].adjustmentRowId] }))
        .message,
    ).toContain('2026 年度的基数应依据 2025 年调资核对');

    // Both at once.
    expect(
      await call('dues.confirmBases', {
        year: 2027,
        adjustmentRowIds: proposal.rows.flatMap((r) => (r.adjustmentRowId ? [r.adjustmentRowId] : [])),
      }),
    ).toEqual({ confirmed: 2 });
    const zhangView = await call<DuesMemberView>('dues.member', { personId: zhang, year: 2027 });
    expect(zhangView.row.base).toMatchObject({ baseFen: 510000, source: '2026 年调资核对', confirmedBy: '王干事' });
    expect(zhangView.row.monthlyFen).toBe(5100);
    expect((await call<DuesMemberView>('dues.member', { personId: li, year: 2027 })).row.base?.baseFen).toBe(399050);
    const again = await call<DuesProposal>('dues.proposals', { branchId: first, year: 2027 });
    expect(again.rows.map((r) => r.confirmed)).toEqual([true, false, true]);
    const history = ctx.store.raw
      .prepare("select before, after from audit_log where entity = 'party_dues_base' and person_id = ? order by id")
      .all(li) as { before: string | null; after: string }[];
    expect(history.map((h) => [JSON.parse(h.before ?? 'null')?.baseFen ?? null, JSON.parse(h.after).baseFen])).toEqual([
      [null, 400000],
      [400000, 399050],
    ]);
  });
});
