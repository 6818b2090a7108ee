// The death benefits (丧葬补助金, 一次性抚恤金) of a registered death: the rule the office selected for
// the person's group and province on the day of death, the parameters staff typed for the year, the
// person's file, computed by shared/deathBenefits and kept as computed, with every input and the
// formula: a later change of B does not change a saved amount; a recomputation is asked for, with
// a reason, and audited before and after. Around the amounts, the claim: the claimant (法定继承人),
// the materials, filed on (the window closes three months after the death), paid on, the pension
// paid after the month of death to recover, and why anything is still unpaid.
import type {
  AppliedRule,
  BenefitClaimInput,
  BenefitComputation,
  BenefitInputsView,
  BenefitParameters,
  BenefitRuleInput,
  DeathBenefitsView,
} from '../contract/deathBenefits';
import { nowIso, writeAudit } from '../audit/audit';
import type { Store } from '../db/store';
import { getPerson } from '../retirees/persons';
import { currentOperator } from '../settings/settings';
import { formatChineseDate } from '../shared/dates';
import {
  type BenefitGroup,
  DeathRule,
  NATIONWIDE,
  benefitGroupOf,
  computeDeathBenefits,
  filingDeadline,
  monthsBetween,
  ruleText,
} from '../shared/deathBenefits';
import { UserError } from '../shared/errors';
import { formatYuan } from '../shared/money';
import { getDeath } from './deaths';

const PARAMETERS_PLACE = '请在“设置 → 丧葬抚恤参数”中录入';

// --- the parameters --------------------------------------------------------------------------

function appliedRule(r: { id: number; grp: string; province: string; from_date: string; rule: string }): AppliedRule {
  const rule = DeathRule.parse(JSON.parse(r.rule));
  return {
    id: r.id,
    group: r.grp as BenefitGroup,
    province: r.province,
    fromDate: r.from_date,
    rule,
    text: ruleText(rule),
  };
}

export function benefitParameters(store: Store): BenefitParameters {
  const k = store.kysely;
  return {
    bases: store
      .all(k.selectFrom('death_benefit_bases').selectAll().orderBy('province').orderBy('year', 'desc'))
      .map((b) => ({
        province: b.province,
        year: b.year,
        baseFen: b.base_fen,
        savedAt: b.saved_at,
        savedBy: b.saved_by,
      })),
    incomes: store
      .all(k.selectFrom('national_incomes').selectAll().orderBy('year', 'desc'))
      .map((i) => ({ year: i.year, incomeFen: i.income_fen, savedAt: i.saved_at, savedBy: i.saved_by })),
    rules: store
      .all(
        k.selectFrom('death_benefit_rules').selectAll().orderBy('grp').orderBy('province').orderBy('from_date', 'desc'),
      )
      .map((r) => ({ ...appliedRule(r), savedAt: r.saved_at, savedBy: r.saved_by })),
  };
}

function baseOf(store: Store, province: string, year: number): number | null {
  return (
    store.first(
      store.kysely
        .selectFrom('death_benefit_bases')
        .select('base_fen')
        .where('province', '=', province)
        .where('year', '=', year),
    )?.base_fen ?? null
  );
}

function incomeOf(store: Store, year: number): number | null {
  return (
    store.first(store.kysely.selectFrom('national_incomes').select('income_fen').where('year', '=', year))
      ?.income_fen ?? null
  );
}

export function saveBase(store: Store, input: { province: string; year: number; base: number }): BenefitParameters {
  return store.tx(() => {
    const before = baseOf(store, input.province, input.year);
    store
      .prepare(
        `INSERT INTO death_benefit_bases (province, year, base_fen, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (province, year) DO UPDATE SET base_fen = excluded.base_fen, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
      )
      .run(input.province, input.year, input.base, nowIso(), currentOperator(store));
    writeAudit(store, {
      entity: 'death_benefit_base',
      entityId: input.year,
      personId: null,
      action: before === null ? 'create' : 'update',
      before: before === null ? null : { province: input.province, year: input.year, baseFen: before },
      after: { province: input.province, year: input.year, baseFen: input.base },
    });
    return benefitParameters(store);
  });
}

export function deleteBase(store: Store, input: { province: string; year: number }): BenefitParameters {
  return store.tx(() => {
    const before = baseOf(store, input.province, input.year);
    if (before === null) throw new UserError('not_found', `没有${input.province} ${input.year} 年的计发基数`);
    store.prepare('DELETE FROM death_benefit_bases WHERE province = ? AND year = ?').run(input.province, input.year);
    writeAudit(store, {
      entity: 'death_benefit_base',
      entityId: input.year,
      personId: null,
      action: 'delete',
      before: { province: input.province, year: input.year, baseFen: before },
      after: null,
    });
    return benefitParameters(store);
  });
}

export function saveIncome(store: Store, input: { year: number; income: number }): BenefitParameters {
  return store.tx(() => {
    const before = incomeOf(store, input.year);
    store
      .prepare(
        `INSERT INTO national_incomes (year, income_fen, saved_at, saved_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (year) DO UPDATE SET income_fen = excluded.income_fen, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
      )
      .run(input.year, input.income, nowIso(), currentOperator(store));
    writeAudit(store, {
      entity: 'national_income',
      entityId: input.year,
      personId: null,
      action: before === null ? 'create' : 'update',
      before: before === null ? null : { year: input.year, incomeFen: before },
      after: { year: input.year, incomeFen: input.income },
    });
    return benefitParameters(store);
  });
}

export function deleteIncome(store: Store, input: { year: number }): BenefitParameters {
  return store.tx(() => {
    const before = incomeOf(store, input.year);
    if (before === null) throw new UserError('not_found', `没有 ${input.year} 年的全国城镇居民人均可支配收入`);
    store.prepare('DELETE FROM national_incomes WHERE year = ?').run(input.year);
    writeAudit(store, {
      entity: 'national_income',
      entityId: input.year,
      personId: null,
      action: 'delete',
      before: { year: input.year, incomeFen: before },
      after: null,
    });
    return benefitParameters(store);
  });
}

const ruleSnapshot = (r: { group: string; province: string; fromDate: string; rule: DeathRule }) => ({
  group: r.group,
  province: r.province,
  fromDate: r.fromDate,
  rule: ruleText(r.rule),
});

function ruleById(store: Store, id: number): AppliedRule {
  const r = store.first(store.kysely.selectFrom('death_benefit_rules').selectAll().where('id', '=', id));
  if (!r) throw new UserError('not_found', '该计发办法不存在或已删除');
  return appliedRule(r);
}

export function saveBenefitRule(store: Store, input: BenefitRuleInput): BenefitParameters {
  return store.tx(() => {
    const clash = store.first(
      store.kysely
        .selectFrom('death_benefit_rules')
        .select('id')
        .where('grp', '=', input.group)
        .where('province', '=', input.province)
        .where('from_date', '=', input.fromDate),
    );
    if (clash && clash.id !== input.id)
      throw new UserError(
        'duplicate',
        `${input.province}${input.group}人员自 ${formatChineseDate(input.fromDate)} 起的计发办法已设置，请修改那一条`,
      );
    const before = input.id === null ? null : ruleById(store, input.id);
    const json = JSON.stringify(input.rule);
    const at = nowIso();
    const by = currentOperator(store);
    let id = input.id;
    if (id === null) {
      id = Number(
        store
          .prepare(
            'INSERT INTO death_benefit_rules (grp, province, from_date, rule, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(input.group, input.province, input.fromDate, json, at, by).lastInsertRowid,
      );
    } else {
      store
        .prepare(
          'UPDATE death_benefit_rules SET grp = ?, province = ?, from_date = ?, rule = ?, saved_at = ?, saved_by = ? WHERE id = ?',
        )
        .run(input.group, input.province, input.fromDate, json, at, by, id);
    }
    writeAudit(store, {
      entity: 'death_benefit_rule',
      entityId: id,
      personId: null,
      action: before ? 'update' : 'create',
      before: before ? ruleSnapshot(before) : null,
      after: ruleSnapshot(input),
    });
    return benefitParameters(store);
  });
}

export function deleteBenefitRule(store: Store, input: { id: number; reason: string }): BenefitParameters {
  return store.tx(() => {
    const before = ruleById(store, input.id);
    store.prepare('DELETE FROM death_benefit_rules WHERE id = ?').run(input.id);
    writeAudit(store, {
      entity: 'death_benefit_rule',
      entityId: input.id,
      personId: null,
      action: 'delete',
      before: ruleSnapshot(before),
      after: null,
      reason: input.reason,
    });
    return benefitParameters(store);
  });
}

/**
 * The rule for a group in a province on the day of death: of the rules for that province or
 * nationwide (全国) that start on or before the day, the latest; on the same day, the province's own.
 */
function ruleFor(store: Store, group: BenefitGroup, province: string, diedOn: string): AppliedRule | null {
  const r = store.first(
    store.kysely
      .selectFrom('death_benefit_rules')
      .selectAll()
      .where('grp', '=', group)
      .where('province', 'in', [province, NATIONWIDE])
      .where('from_date', '<=', diedOn)
      .orderBy('from_date', 'desc')
      .orderBy((eb) => eb.case().when('province', '=', NATIONWIDE).then(1).else(0).end())
      .limit(1),
  );
  return r ? appliedRule(r) : null;
}

// --- the computation -------------------------------------------------------------------------

const GROUP_WORDS: Record<BenefitGroup, string> = {
  企业: '企业退休人员',
  机关: '机关退休人员',
  事业: '事业单位退休人员',
  离休: '离休干部',
};

/** The amounts under today's parameters, or a refusal that says what is missing and where to fill it in. */
export function previewBenefits(
  store: Store,
  input: { personId: number; province: string; monthlyPension: number | null },
): BenefitComputation {
  const death = getDeath(store, input.personId);
  if (!death) throw new UserError('not_found', '尚未登记病故，请先办理病故登记');
  const person = getPerson(store, input.personId);
  const group = benefitGroupOf(person);
  if (!group)
    throw new UserError('invalid_input', `${person.name}的档案未填写“单位性质”（机关、事业或企业），无法确定计发办法`);
  const retired = person.retirementDate;
  if (!retired) throw new UserError('invalid_input', `${person.name}的档案缺少“离退休时间”，无法计算领取养老金的年限`);
  if (retired.length < 7)
    throw new UserError('invalid_input', `${person.name}的“离退休时间”只有年份（${retired}），请在档案中补全到月`);
  if (death.diedOn.slice(0, retired.length) < retired)
    throw new UserError(
      'invalid_input',
      `去世日期 ${formatChineseDate(death.diedOn)} 早于离退休时间 ${formatChineseDate(retired)}，请核对`,
    );
  const year = Number(death.diedOn.slice(0, 4));
  const applied = ruleFor(store, group, input.province, death.diedOn);
  if (!applied)
    throw new UserError(
      'invalid_input',
      `未设置${input.province}${GROUP_WORDS[group]}适用于 ${formatChineseDate(death.diedOn)} 去世的计发办法，${PARAMETERS_PLACE}`,
    );
  const rule = applied.rule;
  const baseFen = rule.kind === 'standard2021' ? baseOf(store, input.province, year) : null;
  if (rule.kind === 'standard2021' && baseFen === null)
    throw new UserError(
      'invalid_input',
      `未录入${input.province} ${year} 年的计发基数 B（上年度城镇居民月人均可支配收入），${PARAMETERS_PLACE}`,
    );
  if (rule.kind === 'standard2021' && person.contributionYears === null)
    throw new UserError('invalid_input', `${person.name}的档案缺少“缴费年限”，请在档案中填写缴费年限（年、月）`);
  const nationalIncomeFen = rule.kind === 'pension' && rule.incomeTimes > 0 ? incomeOf(store, year) : null;
  if (rule.kind === 'pension' && rule.incomeTimes > 0 && nationalIncomeFen === null)
    throw new UserError(
      'invalid_input',
      `未录入 ${year} 年适用的全国上年度城镇居民人均可支配收入，${PARAMETERS_PLACE}`,
    );
  const inputs: BenefitInputsView = {
    diedOn: death.diedOn,
    retirementDate: retired,
    baseFen,
    nationalIncomeFen,
    // Whole years where the file gives no months: the formula says 28 年, not 28 年 9 个月.
    contributionMonths:
      person.contributionYears === null ? null : person.contributionYears * 12 + (person.contributionMonths ?? 0),
    pensionMonths: monthsBetween(retired, death.diedOn),
    monthlyPensionFen: input.monthlyPension,
    monthsTwelfths: null,
  };
  const result = computeDeathBenefits({ rule, ...inputs });
  if (!result.ok) throw new UserError('invalid_input', `缺少${result.missing.join('、')}，无法计算`);
  return {
    province: input.province,
    rule: applied,
    inputs: { ...inputs, monthsTwelfths: result.monthsTwelfths },
    funeralFen: result.funeralFen,
    reliefFen: result.reliefFen,
    totalFen: result.totalFen,
    lines: result.lines,
  };
}

const amountsSnapshot = (c: BenefitComputation) => ({
  province: c.province,
  rule: c.rule.text,
  funeralFen: c.funeralFen,
  reliefFen: c.reliefFen,
  totalFen: c.totalFen,
  formula: c.lines,
});

export function getBenefits(store: Store, personId: number): DeathBenefitsView | null {
  const b = store.first(store.kysely.selectFrom('death_benefits').selectAll().where('person_id', '=', personId));
  if (!b) return null;
  const inputs = JSON.parse(b.inputs) as BenefitInputsView;
  return {
    personId,
    province: b.province,
    rule: JSON.parse(b.rule) as AppliedRule,
    inputs,
    funeralFen: b.funeral_fen,
    reliefFen: b.relief_fen,
    totalFen: b.total_fen,
    lines: JSON.parse(b.formula) as string[],
    computedAt: b.computed_at,
    computedBy: b.computed_by,
    claimantName: b.claimant_name,
    claimantRelation: b.claimant_relation,
    claimantIdNumber: b.claimant_id_number,
    claimantPhone: b.claimant_phone,
    materials: JSON.parse(b.materials) as string[],
    filedOn: b.filed_on,
    filingDeadline: filingDeadline(inputs.diedOn),
    paidOn: b.paid_on,
    overpaidFen: b.overpaid_fen,
    overpaidRecoveredOn: b.overpaid_recovered_on,
    unpaidReason: b.unpaid_reason,
    version: b.version,
  };
}

function checkVersion(saved: DeathBenefitsView, version: number | null | undefined) {
  if (version !== saved.version)
    throw new UserError('conflict', '丧葬抚恤记录已在您打开之后被他人修改，请刷新后再办理');
}

/**
 * Computes and keeps the amounts. The first time, as computed; again only on request, with a
 * reason, against the version the panel showed: the audit keeps the amounts before and after.
 */
export function computeBenefits(
  store: Store,
  input: {
    personId: number;
    province: string;
    monthlyPension: number | null;
    version?: number | null;
    reason: string | null;
  },
): DeathBenefitsView {
  return store.tx(() => {
    const saved = getBenefits(store, input.personId);
    if (saved) {
      checkVersion(saved, input.version);
      if (!input.reason)
        throw new UserError(
          'invalid_input',
          `已于 ${saved.computedAt.slice(0, 10)} 核定（合计 ${formatYuan(saved.totalFen)} 元），重新核算请说明原因`,
        );
    }
    const c = previewBenefits(store, input);
    const at = nowIso();
    const by = currentOperator(store);
    const values = [
      c.province,
      JSON.stringify(c.rule),
      JSON.stringify(c.inputs),
      c.funeralFen,
      c.reliefFen,
      c.totalFen,
      JSON.stringify(c.lines),
      at,
      by,
    ];
    if (saved)
      store
        .prepare(
          `UPDATE death_benefits SET province = ?, rule = ?, inputs = ?, funeral_fen = ?, relief_fen = ?, total_fen = ?,
             formula = ?, computed_at = ?, computed_by = ?, version = version + 1 WHERE person_id = ?`,
        )
        .run(...values, input.personId);
    else
      store
        .prepare(
          `INSERT INTO death_benefits (province, rule, inputs, funeral_fen, relief_fen, total_fen, formula, computed_at, computed_by, person_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...values, input.personId);
    writeAudit(store, {
      entity: 'death_benefit',
      entityId: input.personId,
      personId: input.personId,
      action: saved ? 'update' : 'create',
      before: saved ? amountsSnapshot(saved) : null,
      after: amountsSnapshot(c),
      reason: saved ? input.reason : null,
    });
    return getBenefits(store, input.personId)!;
  });
}

type ClaimFields =
  | 'claimantName'
  | 'claimantRelation'
  | 'claimantIdNumber'
  | 'claimantPhone'
  | 'materials'
  | 'filedOn'
  | 'paidOn'
  | 'overpaidFen'
  | 'overpaidRecoveredOn'
  | 'unpaidReason';
const claimSnapshot = (v: Pick<DeathBenefitsView, ClaimFields>) => ({
  claimantName: v.claimantName,
  claimantRelation: v.claimantRelation,
  claimantIdNumber: v.claimantIdNumber,
  claimantPhone: v.claimantPhone,
  materials: v.materials,
  filedOn: v.filedOn,
  paidOn: v.paidOn,
  overpaidFen: v.overpaidFen,
  overpaidRecoveredOn: v.overpaidRecoveredOn,
  unpaidReason: v.unpaidReason,
});

/** The claim around the amounts: who claims, what they brought, when filed and paid, what is owed back. */
export function saveBenefitClaim(store: Store, input: BenefitClaimInput): DeathBenefitsView {
  return store.tx(() => {
    const saved = getBenefits(store, input.personId);
    if (!saved) throw new UserError('not_found', '尚未核定丧葬抚恤金额，请先计算并保存');
    checkVersion(saved, input.version);
    const died = saved.inputs.diedOn;
    const dates: [string | null, string][] = [
      [input.filedOn, '申报日期'],
      [input.paidOn, '发放日期'],
      [input.overpaidRecoveredOn, '追回日期'],
    ];
    for (const [d, what] of dates)
      if (d !== null && d < died)
        throw new UserError('invalid_input', `${what}不能早于去世日期 ${formatChineseDate(died)}`);
    if (input.paidOn && input.filedOn && input.paidOn < input.filedOn)
      throw new UserError('invalid_input', '发放日期不能早于申报日期');
    if (input.overpaidRecoveredOn && input.overpaid === 0)
      throw new UserError('invalid_input', '填写了追回日期，但多发养老金为 0，请填写追回的金额');
    const after = claimSnapshot({ ...input, overpaidFen: input.overpaid });
    store
      .prepare(
        `UPDATE death_benefits SET claimant_name = ?, claimant_relation = ?, claimant_id_number = ?, claimant_phone = ?,
           materials = ?, filed_on = ?, paid_on = ?, overpaid_fen = ?, overpaid_recovered_on = ?, unpaid_reason = ?,
           version = version + 1 WHERE person_id = ?`,
      )
      .run(
        input.claimantName,
        input.claimantRelation,
        input.claimantIdNumber,
        input.claimantPhone,
        JSON.stringify(input.materials),
        input.filedOn,
        input.paidOn,
        input.overpaid,
        input.overpaidRecoveredOn,
        input.unpaidReason,
        input.personId,
      );
    writeAudit(store, {
      entity: 'death_benefit',
      entityId: input.personId,
      personId: input.personId,
      action: 'update',
      before: claimSnapshot(saved),
      after,
    });
    return getBenefits(store, input.personId)!;
  });
}
