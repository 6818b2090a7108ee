// The adjustment rule as the form holds it: amounts as typed in yuan (`50`, `1,234.50`), the
// percentage as typed (`1.5`), the step's starting age empty when the notice has none. The fields
// are named after the rule's own, so the router's refusals (`details`, e.g. `rule.ageBands.0.fen`)
// land beside the field they are about.
import { z } from 'zod';
import { AdjustmentRule } from '../../../src-main/shared/adjustment';
import { bpText, formatYuan, parseYuan, percentToBp } from '../../../src-main/shared/money';

export type RuleValues = {
  effectiveFrom: string;
  retiredBy: string;
  ageOn: string;
  categories: string[];
  /** 元/月, as typed. */
  fixedFen: string;
  perYearFen: string;
  /** Percent, as typed. */
  percentBp: string;
  remoteFen: string;
  ageBands: { fromAge: number | ''; fen: string }[];
  ageStep: { fromAge: number | ''; fenPerYear: string };
  note: string;
};

const yuanText = (fen: number) => formatYuan(fen).replace(/,/g, '');

export function ruleValues(r: AdjustmentRule): RuleValues {
  return {
    effectiveFrom: r.effectiveFrom,
    retiredBy: r.retiredBy,
    ageOn: r.ageOn,
    categories: r.categories,
    fixedFen: yuanText(r.fixedFen),
    perYearFen: yuanText(r.perYearFen),
    percentBp: bpText(r.percentBp),
    remoteFen: yuanText(r.remoteFen),
    ageBands: r.ageBands.map((b) => ({ fromAge: b.fromAge, fen: yuanText(b.fen) })),
    ageStep: { fromAge: r.ageStep?.fromAge ?? '', fenPerYear: r.ageStep ? yuanText(r.ageStep.fenPerYear) : '' },
    note: r.note ?? '',
  };
}

/** An amount typed in yuan; an empty box is 0 (the notice has no such part). */
const yuan = z.string().transform((s, ctx) => {
  try {
    return parseYuan(s.trim() || '0');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

const percent = z.string().transform((s, ctx) => {
  const bp = percentToBp(s.trim() || '0');
  if (bp === null) {
    ctx.addIssue({ code: 'custom', message: '应为 0 到 100 之间的百分数，最多两位小数' });
    return z.NEVER;
  }
  return bp;
});

const age = z.union([z.number(), z.literal('')]).refine((a) => a !== '', '请填写年龄');

/**
 * What the form holds, read into the rule, then checked by the rule's own schema (dates, ages,
 * at least one category, bands not repeated). Whether the rule makes sense for the year (not all
 * zero, dates inside it) is the router's to say: it checks the rule as merged with what others
 * saved meanwhile, and its refusal is shown as it gives it.
 */
export function ruleSchema(year: number) {
  return z
    .object({
      effectiveFrom: z.string(),
      retiredBy: z.string(),
      ageOn: z.string(),
      categories: z.array(z.string()),
      fixedFen: yuan,
      perYearFen: yuan,
      percentBp: percent,
      remoteFen: yuan,
      ageBands: z.array(z.object({ fromAge: age, fen: yuan })),
      ageStep: z.object({ fromAge: z.union([z.number(), z.literal('')]), fenPerYear: yuan }),
      note: z.string(),
    })
    .transform(({ ageStep, categories, ...r }): z.input<typeof AdjustmentRule> => ({
      ...r,
      year,
      categories: categories as AdjustmentRule['categories'],
      ageStep: ageStep.fromAge === '' ? null : { fromAge: ageStep.fromAge, fenPerYear: ageStep.fenPerYear },
    }))
    .pipe(AdjustmentRule);
}
