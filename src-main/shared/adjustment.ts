// The year's pension adjustment rule (调资规则) as the office receives it in the province's notice,
// and the increase it gives one person. Four parts, added up, in whole fen:
//   定额   the same amount for everyone;
//   挂钩   so much per full year of contribution (缴费年限), plus a percentage of the person's
//          basic pension before the adjustment (rounded half up to the fen);
//   倾斜   for age: the highest age band the person has reached on the rule's reference date, plus,
//          where the notice says "此后每增加一岁再增加…", so much for each year of age above a
//          starting age;
//   艰苦边远地区  a fixed extra for people whose file is marked so.
// People outside the rule (a category it does not cover, retired after its cut-off date) get 0.
// Where a file lacks what a part needs (缴费年限, 出生日期, 离退休时间), there is no expected figure
// and the person is listed with what is missing: the app never guesses.
import { z } from 'zod';
import { ageOn, formatChineseDate } from './dates';
import { fullDate } from './dateSchemas';
import { bpText, formatYuan } from './money';
import { CATEGORIES, type Category } from './person';

const fen = z
  .number({ error: '金额须为数字' })
  .int('金额须为整数分')
  .min(0, '金额不能为负')
  .max(100_000_00, '金额过大');
const age = z
  .number({ error: '年龄须为整数' })
  .int('年龄须为整数')
  .min(50, '年龄不能小于 50')
  .max(120, '年龄不能大于 120');
const isoDate = fullDate;

export const AdjustmentRule = z
  .object({
    year: z.number().int().min(2000).max(2200),
    /** 执行时间: usually 1 January of the year. */
    effectiveFrom: isoDate('执行时间'),
    /** People who retired after this date are not covered (截至上年12月31日已退休). */
    retiredBy: isoDate('退休截止日期'),
    /** Ages are counted on this date (截至当年12月31日年满…周岁). */
    ageOn: isoDate('年龄计算日期'),
    categories: z.array(z.enum(CATEGORIES)).min(1, '请至少选择一类人员').max(10, '人员类别最多 10 项'),
    fixedFen: fen,
    perYearFen: fen,
    /** Percent of the old pension in basis points: 1.2 % is 120. */
    percentBp: z.number().int().min(0).max(10000, '比例不能超过 100%'),
    ageBands: z
      .array(z.object({ fromAge: age, fen }))
      .max(20)
      .default([]),
    ageStep: z.object({ fromAge: age, fenPerYear: fen }).nullable().default(null),
    remoteFen: fen,
    note: z
      .string()
      .max(500)
      .nullish()
      .transform((v) => v?.trim() || null),
  })
  .refine((r) => new Set(r.ageBands.map((b) => b.fromAge)).size === r.ageBands.length, {
    message: '年龄段的起始年龄不能重复',
    path: ['ageBands'],
  });
export type AdjustmentRule = z.output<typeof AdjustmentRule>;

/**
 * What makes a rule nonsense to save, field by field, in words: a rule that raises nobody's pension
 * by anything (every amount 0 and no percentage: the form left as it opened), an age band or a
 * per-year step that adds 0 (an amount forgotten), and dates that cannot belong to the year's
 * notice (executed in another year, counting ages outside it or the year before, a cut-off for
 * retirement after the year ends). Negative amounts and percentages are refused by the schema.
 * Only for saving: a rule saved before these checks still reads back.
 */
export function ruleProblems(rule: AdjustmentRule): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const adds =
    rule.fixedFen > 0 ||
    rule.perYearFen > 0 ||
    rule.percentBp > 0 ||
    rule.remoteFen > 0 ||
    rule.ageBands.some((b) => b.fen > 0) ||
    (rule.ageStep !== null && rule.ageStep.fenPerYear > 0);
  if (!adds) {
    out.push({
      path: [],
      message: '调资规则的各项金额均为 0、比例也为 0，按此规则没有任何人增加任何金额，请填写通知中的调整标准',
    });
  } else {
    rule.ageBands.forEach((b, i) => {
      if (b.fen === 0)
        out.push({
          path: ['ageBands', i, 'fen'],
          message: `年满 ${b.fromAge} 周岁一档的增加金额为 0，请填写金额或删去这一档`,
        });
    });
    if (rule.ageStep && rule.ageStep.fenPerYear === 0) {
      out.push({
        path: ['ageStep', 'fenPerYear'],
        message: `${rule.ageStep.fromAge} 周岁后每增加一岁的增加金额为 0，请填写金额或不设此项`,
      });
    }
  }
  const yearOf = (d: string) => Number(d.slice(0, 4));
  if (yearOf(rule.effectiveFrom) !== rule.year) {
    out.push({
      path: ['effectiveFrom'],
      message: `执行时间 ${formatChineseDate(rule.effectiveFrom)} 不在 ${rule.year} 年内`,
    });
  }
  if (rule.retiredBy > `${rule.year}-12-31`) {
    out.push({
      path: ['retiredBy'],
      message: `退休截止日期 ${formatChineseDate(rule.retiredBy)} 晚于 ${rule.year} 年底，${rule.year} 年的调整不会包括此后才退休的人员`,
    });
  }
  if (yearOf(rule.ageOn) !== rule.year && yearOf(rule.ageOn) !== rule.year - 1) {
    out.push({
      path: ['ageOn'],
      message: `年龄计算日期 ${formatChineseDate(rule.ageOn)} 应在 ${rule.year - 1} 年或 ${rule.year} 年内`,
    });
  }
  return out;
}

/** The rule as it may be saved: the schema, and none of `ruleProblems`. */
export const SavedAdjustmentRule = AdjustmentRule.superRefine((rule, ctx) => {
  for (const p of ruleProblems(rule)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
});

/** A starting point for a new year: nothing filled in but the dates. */
export function emptyRule(year: number): AdjustmentRule {
  return {
    year,
    effectiveFrom: `${year}-01-01`,
    retiredBy: `${year - 1}-12-31`,
    ageOn: `${year}-12-31`,
    categories: ['退休', '退职'],
    fixedFen: 0,
    perYearFen: 0,
    percentBp: 0,
    ageBands: [],
    ageStep: null,
    remoteFen: 0,
    note: null,
  };
}

export interface AdjustmentPerson {
  category: Category | string;
  birthDate: string | null;
  retirementDate: string | null;
  contributionYears: number | null;
  remoteArea: boolean;
}

export interface AdjustmentResult {
  /** The increase per month in fen; null where the file lacks what the rule needs. */
  expectedFen: number | null;
  parts: { fixed: number; tied: number; tilt: number; remote: number };
  /** How it was reached, in words, one line a part. */
  lines: string[];
  /** What the file lacks (缴费年限, 出生日期, 离退休时间). */
  missing: string[];
}

const y = (f: number) => `${formatYuan(f)} 元`;

export function expectedIncrease(rule: AdjustmentRule, person: AdjustmentPerson, oldFen: number): AdjustmentResult {
  return increaseUnder(rule)(person, oldFen);
}

/**
 * The increase under one rule, person after person (the annual check computes 90,000 of them):
 * what is the same for everyone, the rule's words and its age bands in order, is made once.
 * `words: false`: the figure and what is missing only, without the lines in words (the check keeps
 * the facts and works the lines when a row is shown).
 */
export function increaseUnder(
  rule: AdjustmentRule,
  { words = true }: { words?: boolean } = {},
): (person: AdjustmentPerson, oldFen: number) => AdjustmentResult {
  const categories = rule.categories as string[];
  const retiredBy = formatChineseDate(rule.retiredBy);
  const fixedLine = `定额调整 ${y(rule.fixedFen)}`;
  const perYear = y(rule.perYearFen);
  const percent = bpText(rule.percentBp);
  // The highest band first: a person gets the highest band reached.
  const bands = [...rule.ageBands]
    .sort((p, q) => q.fromAge - p.fromAge)
    .map((b) => ({ ...b, text: `年满 ${b.fromAge} 周岁 ${y(b.fen)}` }));
  const ageStep = rule.ageStep && {
    ...rule.ageStep,
    text: `${rule.ageStep.fromAge} 周岁后每增加一岁 ${y(rule.ageStep.fenPerYear)}`,
  };
  const agesOn = formatChineseDate(rule.ageOn);
  const remoteLine = `艰苦边远地区 ${y(rule.remoteFen)}`;
  // What depends on one thing about a person only (the years paid in, the birth date, the age) is
  // worked once for each value met: a list of 90,000 people holds a few thousand of each.
  const once = <K, V>(work: (k: K) => V): ((k: K) => V) => {
    const done = new Map<K, V>();
    return (k) => {
      let v = done.get(k);
      if (v === undefined) done.set(k, (v = work(k)));
      return v;
    };
  };
  const yearsPart = once((years: number) => {
    const fen = rule.perYearFen * years;
    return { fen, text: `缴费年限 ${years} 年 × ${perYear} = ${y(fen)}` };
  });
  const ageOf = once((birthDate: string | null): number | null => ageOn(birthDate, rule.ageOn));
  const tiltPart = once((a: number) => {
    const band = bands.find((b) => a >= b.fromAge);
    const tilt: string[] = [];
    let fen = 0;
    if (band) {
      fen += band.fen;
      tilt.push(band.text);
    }
    if (ageStep && a > ageStep.fromAge) {
      const years = a - ageStep.fromAge;
      const v = years * ageStep.fenPerYear;
      fen += v;
      tilt.push(`${ageStep.text} × ${years} = ${y(v)}`);
    }
    return { fen, line: tilt.length ? `倾斜调整：${agesOn}年满 ${a} 周岁，${tilt.join('，')}` : null };
  });

  return (person, oldFen) => {
    const parts = { fixed: 0, tied: 0, tilt: 0, remote: 0 };
    const lines: string[] = [];
    const missing: string[] = [];
    if (!categories.includes(person.category)) {
      return {
        expectedFen: 0,
        parts,
        lines: words ? [`人员类别为${person.category}，不在本次调整范围内`] : [],
        missing,
      };
    }
    if (!person.retirementDate) missing.push('离退休时间');
    else if (person.retirementDate > rule.retiredBy) {
      return {
        expectedFen: 0,
        parts,
        lines: words ? [`${formatChineseDate(person.retirementDate)}离退休，晚于${retiredBy}，不参加本次调整`] : [],
        missing,
      };
    }

    parts.fixed = rule.fixedFen;
    if (rule.fixedFen && words) lines.push(fixedLine);

    const tied: string[] = [];
    if (rule.perYearFen) {
      if (person.contributionYears === null) missing.push('缴费年限');
      else {
        const years = yearsPart(person.contributionYears);
        parts.tied += years.fen;
        if (words) tied.push(years.text);
      }
    }
    if (rule.percentBp) {
      const v = Math.floor((oldFen * rule.percentBp + 5000) / 10000);
      parts.tied += v;
      if (words) tied.push(`调整前基本养老金 ${y(oldFen)} × ${percent}% = ${y(v)}`);
    }
    if (tied.length) lines.push(`挂钩调整：${tied.join('；')}`);

    if (bands.length || ageStep) {
      const a = ageOf(person.birthDate);
      if (a === null) missing.push('出生日期');
      else {
        const tilt = tiltPart(a);
        parts.tilt += tilt.fen;
        if (tilt.line && words) lines.push(tilt.line);
      }
    }

    if (rule.remoteFen && person.remoteArea) {
      parts.remote = rule.remoteFen;
      if (words) lines.push(remoteLine);
    }

    if (missing.length) return { expectedFen: null, parts, lines, missing };
    return { expectedFen: parts.fixed + parts.tied + parts.tilt + parts.remote, parts, lines, missing };
  };
}
