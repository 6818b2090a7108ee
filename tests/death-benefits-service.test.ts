// The death benefits end to end through the router, on a real SQLite file: the parameters typed,
// the amounts computed and kept as computed (a later change of B changes nothing saved until a
// recomputation is asked for, with a reason, audited), the claim around them, the checklist's
// payments and the filing reminder; and the bad inputs, each refused in Chinese with nothing saved.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BenefitComputation, BenefitParameters, DeathBenefitsView } from '../src-main/contract/deathBenefits';
import type { DeathFile } from '../src-main/contract/visits';
import type { AppContext } from '../src-main/app/context';
import { createPerson } from '../src-main/retirees/persons';
import { reminders } from '../src-main/visits/reminders';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person, router, signInAs } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

/** An enterprise retiree with 28 y 9 m of contributions who retired in December 2020. */
async function deceased(diedOn: string, extra: Record<string, unknown> = {}) {
  const p = createPerson(
    ctx.store,
    person({
      name: '刘建国',
      category: '退休',
      unitNature: '企业',
      retirementDate: '2020-12',
      contributionYears: 28,
      contributionMonths: 9,
      ...extra,
    }),
    { acceptWarnings: true },
  );
  await call<DeathFile>('deaths.register', { personId: p.id, diedOn });
  return p.id;
}
const count = (table: string) => (ctx.store.raw.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
const idWith = (first17: string) => first17 + checkCharacter(first17);

describe('computing, keeping and recomputing', () => {
  test('the worked case: 3 y 6 m of pension, B 2,818.50 → 54,256.13 + 5,637.00; kept when B is edited; recomputed only with a reason', async () => {
    await call('deathBenefits.saveBase', { province: '山东', year: 2024, base: '2,818.50' });
    const personId = await deceased('2024-06-15');
    const preview = await call<BenefitComputation>('deathBenefits.preview', { personId, province: '山东' });
    expect(preview).toMatchObject({ funeralFen: 5_637_00, reliefFen: 54_256_13, totalFen: 59_893_13 });
    expect(count('death_benefits')).toBe(0);

    const saved = await call<DeathBenefitsView>('deathBenefits.compute', { personId, province: '山东' });
    expect(saved).toMatchObject({
      province: '山东',
      funeralFen: 5_637_00,
      reliefFen: 54_256_13,
      totalFen: 59_893_13,
      computedBy: '王干事',
      filingDeadline: '2024-09-15',
      version: 1,
      inputs: { baseFen: 2_818_50, contributionMonths: 345, pensionMonths: 42, monthsTwelfths: 231 },
      rule: { group: '企业', province: '全国', fromDate: '2021-09-01' },
    });
    expect(saved.lines).toContain('抚恤金 = 2,818.50 × 19.25 = 54,256.13 元');

    // B corrected later: the saved amounts and their formula stay as computed.
    await call('deathBenefits.saveBase', { province: '山东', year: 2024, base: '3,000.00' });
    const kept = (await call<{ benefits: DeathBenefitsView }>('deaths.get', { personId })).benefits;
    expect([kept.reliefFen, kept.inputs.baseFen, kept.lines[3]]).toEqual([
      54_256_13,
      2_818_50,
      '抚恤金 = 2,818.50 × 19.25 = 54,256.13 元',
    ]);
    const again = await refusal('deathBenefits.compute', { personId, province: '山东', version: 1 });
    expect(again.message).toContain('重新核算请说明原因');
    expect((await call<{ benefits: DeathBenefitsView }>('deaths.get', { personId })).benefits.version).toBe(1);

    const redone = await call<DeathBenefitsView>('deathBenefits.compute', {
      personId,
      province: '山东',
      version: 1,
      reason: '省厅更正 2024 年计发基数',
    });
    expect([redone.funeralFen, redone.reliefFen, redone.version]).toEqual([6_000_00, 57_750_00, 2]);
    const audit = ctx.store.raw
      .prepare("select action, before, after, reason from audit_log where entity = 'death_benefit' order by id")
      .all() as { action: string; before: string | null; after: string; reason: string | null }[];
    expect(audit.map((a) => [a.action, a.reason])).toEqual([
      ['create', null],
      ['update', '省厅更正 2024 年计发基数'],
    ]);
    expect(JSON.parse(audit[1].before!)).toMatchObject({ reliefFen: 54_256_13, totalFen: 59_893_13 });
    expect(JSON.parse(audit[1].after)).toMatchObject({ reliefFen: 57_750_00, totalFen: 63_750_00 });
    // A stale panel (version 1) cannot recompute over the recomputation.
    expect(
      (await refusal('deathBenefits.compute', { personId, province: '山东', version: 1, reason: '再算' })).code,
    ).toBe('conflict');
  });

  test('a death on 2021-08-31 is paid under the local rule, one on 2021-09-01 under 人社部发〔2021〕18号', async () => {
    await call('deathBenefits.saveRule', {
      group: '企业',
      province: '山东',
      fromDate: '2015-01-01',
      rule: {
        kind: 'pension',
        basis: '鲁人社发〔2015〕',
        incomeTimes: 0,
        reliefMonths: 10,
        reliefFixedFen: 0,
        funeralMonths: 0,
        funeralFixedFen: 3_000_00,
      },
    });
    await call('deathBenefits.saveBase', { province: '山东', year: 2021, base: '2,818.50' });
    const before = await deceased('2021-08-31');
    const after = await deceased('2021-09-01');
    const local = await call<BenefitComputation>('deathBenefits.preview', {
      personId: before,
      province: '山东',
      monthlyPension: '3,100.00',
    });
    expect(local).toMatchObject({ rule: { fromDate: '2015-01-01' }, funeralFen: 3_000_00, reliefFen: 31_000_00 });
    expect(local.lines).toContain('抚恤金 = 10 × 3,100.00 = 31,000.00 元');
    const national = await call<BenefitComputation>('deathBenefits.preview', { personId: after, province: '山东' });
    expect(national).toMatchObject({ rule: { fromDate: '2021-09-01' }, funeralFen: 5_637_00 });
    // 2020-12 to 2021-09: 9 months of pension; M = 22.75 − 0.75 = 22.
    expect(national.reliefFen).toBe(2_818_50 * 22);
    // The local rule counts months of pension: without it, it says so.
    expect((await refusal('deathBenefits.preview', { personId: before, province: '山东' })).message).toBe(
      '缺少本人生前月基本养老金，无法计算',
    );
  });
});

test('parameters typed in error are taken out, audited; a saved amount keeps its B', async () => {
  await call('deathBenefits.saveBase', { province: '山东', year: 2024, base: '2,818.50' });
  await call('deathBenefits.saveIncome', { year: 2024, income: '51,821.00' });
  const personId = await deceased('2024-06-15');
  await call('deathBenefits.compute', { personId, province: '山东' });
  const after = await call<BenefitParameters>('deathBenefits.deleteBase', { province: '山东', year: 2024 });
  expect(after.bases).toEqual([]);
  expect((await call<BenefitParameters>('deathBenefits.deleteIncome', { year: 2024 })).incomes).toEqual([]);
  expect((await refusal('deathBenefits.deleteBase', { province: '山东', year: 2024 })).message).toBe(
    '没有山东 2024 年的计发基数',
  );
  expect(
    ctx.store.raw
      .prepare(
        "select entity, action from audit_log where entity in ('death_benefit_base', 'national_income') order by id",
      )
      .all(),
  ).toEqual([
    { entity: 'death_benefit_base', action: 'create' },
    { entity: 'national_income', action: 'create' },
    { entity: 'death_benefit_base', action: 'delete' },
    { entity: 'national_income', action: 'delete' },
  ]);
  const kept = (await call<{ benefits: DeathBenefitsView }>('deaths.get', { personId })).benefits;
  expect([kept.inputs.baseFen, kept.totalFen]).toEqual([2_818_50, 59_893_13]);
});

describe('bad input: refused in Chinese, nothing saved', () => {
  test('a year without B', async () => {
    await call('deathBenefits.saveBase', { province: '山东', year: 2024, base: '2,818.50' });
    const personId = await deceased('2025-02-10');
    const r = await refusal('deathBenefits.compute', { personId, province: '山东' });
    expect(r.message).toBe(
      '未录入山东 2025 年的计发基数 B（上年度城镇居民月人均可支配收入），请在“设置 → 丧葬抚恤参数”中录入',
    );
    expect(count('death_benefits')).toBe(0);
  });

  test('a death date before retirement', async () => {
    await call('deathBenefits.saveBase', { province: '山东', year: 2024, base: '2,818.50' });
    const personId = await deceased('2024-06-15', { retirementDate: '2025-03-01' });
    expect((await refusal('deathBenefits.compute', { personId, province: '山东' })).message).toBe(
      '去世日期 2024年6月15日 早于离退休时间 2025年3月1日，请核对',
    );
    expect(count('death_benefits')).toBe(0);
  });

  test('missing contribution years, unit nature, retirement month: each names the field', async () => {
    await call('deathBenefits.saveBase', { province: '山东', year: 2024, base: '2,818.50' });
    const noYears = await deceased('2024-06-15', { contributionYears: null, contributionMonths: null });
    expect((await refusal('deathBenefits.compute', { personId: noYears, province: '山东' })).message).toBe(
      '刘建国的档案缺少“缴费年限”，请在档案中填写缴费年限（年、月）',
    );
    const noNature = await deceased('2024-06-15', { unitNature: null });
    expect((await refusal('deathBenefits.compute', { personId: noNature, province: '山东' })).message).toContain(
      '未填写“单位性质”',
    );
    const yearOnly = await deceased('2024-06-15', { retirementDate: '2020' });
    expect((await refusal('deathBenefits.compute', { personId: yearOnly, province: '山东' })).message).toContain(
      '“离退休时间”只有年份（2020），请在档案中补全到月',
    );
    expect(count('death_benefits')).toBe(0);
  });

  test("a claimant's invalid ID number, a payment before the death; a B of 0; a rule twice", async () => {
    await call('deathBenefits.saveBase', { province: '山东', year: 2024, base: '2,818.50' });
    const personId = await deceased('2024-06-15');
    await call('deathBenefits.compute', { personId, province: '山东' });
    const good = idWith('37010219700101002');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const claim = { personId, version: 1, claimantName: '刘强', claimantRelation: '子女', claimantIdNumber: bad };
    const r = await refusal('deathBenefits.save', claim);
    expect(r.message).toMatch(/身份证号校验位不符/);
    expect(
      (await refusal('deathBenefits.save', { ...claim, claimantIdNumber: good, paidOn: '2024-06-01' })).message,
    ).toBe('发放日期不能早于去世日期 2024年6月15日');
    const unchanged = (await call<{ benefits: DeathBenefitsView }>('deaths.get', { personId })).benefits;
    expect([unchanged.claimantName, unchanged.paidOn, unchanged.version]).toEqual([null, null, 1]);
    expect((await refusal('deathBenefits.saveBase', { province: '山东', year: 2025, base: '0' })).message).toContain(
      '计发基数 B须大于 0',
    );
    const rule = { group: '企业', province: '全国', fromDate: '2021-09-01', rule: { kind: 'standard2021' } };
    expect((await refusal('deathBenefits.saveRule', rule)).message).toBe(
      '全国企业人员自 2021年9月1日 起的计发办法已设置，请修改那一条',
    );
    expect(count('death_benefit_bases')).toBe(1);
  });
});

describe('the claim, the checklist and the reminder', () => {
  test('claimant, materials, filed and paid; the checklist pays the computed amounts; the filing reminder until filed', async () => {
    await call('deathBenefits.saveBase', { province: '山东', year: 2024, base: '2,818.50' });
    const personId = await deceased('2024-06-15');
    const inWindow = reminders(ctx.store, '2024-08-20').deathBenefits;
    expect(inWindow).toEqual([
      { personId, name: '刘建国', diedOn: '2024-06-15', closesOn: '2024-09-15', overdue: false },
    ]);
    expect(reminders(ctx.store, '2024-08-10').deathBenefits).toEqual([]);
    expect(reminders(ctx.store, '2024-09-16').deathBenefits[0].overdue).toBe(true);

    await call('deathBenefits.compute', { personId, province: '山东' });
    const saved = await call<DeathBenefitsView>('deathBenefits.save', {
      personId,
      version: 1,
      claimantName: '刘强',
      claimantRelation: '子女',
      claimantIdNumber: idWith('37010219700101002'),
      claimantPhone: '13905310000',
      materials: ['申领人身份证', '户口注销证明'],
      filedOn: '2024-07-01',
      overpaid: '3,100.00',
      unpaidReason: '待追回多发养老金后发放',
    });
    expect(saved).toMatchObject({
      claimantName: '刘强',
      materials: ['申领人身份证', '户口注销证明'],
      filedOn: '2024-07-01',
      overpaidFen: 3_100_00,
      version: 2,
      totalFen: 59_893_13,
    });
    expect(reminders(ctx.store, '2024-08-20').deathBenefits).toEqual([]);

    // The checklist's payments are the computed amounts; another amount typed is refused.
    const typed = await refusal('deaths.task', {
      personId,
      task: '一次性抚恤金',
      doneOn: '2024-07-20',
      amount: '50,000.00',
    });
    expect(typed.message).toBe('一次性抚恤金已核定为 54,256.13 元，与填写的 50,000.00 元不符；如需更改，请重新核算');
    const paid = await call<DeathFile>('deaths.task', { personId, task: '一次性抚恤金', doneOn: '2024-07-20' });
    expect(paid.tasks.find((t) => t.task === '一次性抚恤金')?.amountFen).toBe(54_256_13);

    // A stale form cannot overwrite the claim.
    expect((await refusal('deathBenefits.save', { personId, version: 1, claimantName: '别人' })).code).toBe('conflict');
  });

  test('the parameters are the administrator’s: a clerk reads them and cannot change them', async () => {
    await signInAs(ctx, '李干事', 'clerk');
    const r = await refusal('deathBenefits.saveBase', { province: '山东', year: 2024, base: '2,818.50' });
    expect(r.code).toBe('forbidden');
    const params = await call<BenefitParameters>('deathBenefits.parameters', {});
    expect(params.bases).toEqual([]);
    expect(params.rules.map((x) => x.text)).toEqual(['丧葬补助金 = 2B，抚恤金 = B × 计发月数（人社部发〔2021〕18号）']);
  });
});
