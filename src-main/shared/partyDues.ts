// 党费 of retired party members, the rule alone (issue 21 item 1).
// 中组发〔2008〕3号《关于中国共产党党费收缴、使用和管理的规定》第五条 as changed by 组电明字〔2017〕5号:
// 离退休干部职工 pay on their monthly 基本离退休费 (基本养老金), without 津贴补贴; 5,000 元 a month or less
// 0.5 %, more than 5,000 元 1 %, of the whole base (not of the part above 5,000 元). 第七条: members
// on 城乡居民最低生活保障 (低保) pay 0.20 元 a month; a member in real hardship may pay less or be
// exempted on the branch's decision (支部委员会提出意见，经支部党员大会讨论决定).
// Amounts are integer fen; the percentage is rounded half up to the fen with integers only.

/** The base above which the higher rate applies: 5,000.00 元 a month. */
export const DUES_THRESHOLD_FEN = 500_000;
/** 0.20 元 a month for members on 低保. */
export const DIBAO_DUES_FEN = 20;
/** The rates in basis points: 0.5 % and 1 %. */
export const LOWER_RATE_BP = 50;
export const HIGHER_RATE_BP = 100;

/** How a member's monthly dues were set: by the rate, 低保, or the branch's decision. */
export const DUES_REDUCTION_KINDS = ['减交', '免交'] as const;
export type DuesReductionKind = (typeof DUES_REDUCTION_KINDS)[number];

/** How a month came to be paid: in its own month, ahead (预交, at most 6 months), or late (补交). */
export const DUES_PAYMENT_KINDS = ['当月', '预交', '补交'] as const;
export type DuesPaymentKind = (typeof DUES_PAYMENT_KINDS)[number];

/** Who handed the money over: the member, or someone on their behalf (代交, named). */
export const DUES_PAYERS = ['本人', '代交'] as const;
export type DuesPayer = (typeof DUES_PAYERS)[number];

/** At most this many months beyond the month of payment may be paid ahead. */
export const MAX_MONTHS_AHEAD = 6;

/** A branch's decision to reduce or waive a member's dues, for the months from `fromMonth` to `toMonth`. */
export interface DuesReduction {
  kind: DuesReductionKind;
  /** The monthly amount the member pays instead (减交); null for 免交. */
  amountFen: number | null;
  fromMonth: string;
  toMonth: string;
}

/** What a member owes for a month and why. */
export interface MonthlyDues {
  dueFen: number;
  /** 0.5 %, 1 %, 低保, 减交, 免交: as the register prints it. */
  basis: string;
  /** The rate applied to the base, in basis points; null where no rate is (低保, a decision). */
  rateBp: number | null;
}

/** The rate for a base: 0.5 % up to and including 5,000.00 元, 1 % above. */
export function duesRateBp(baseFen: number): number {
  return baseFen > DUES_THRESHOLD_FEN ? HIGHER_RATE_BP : LOWER_RATE_BP;
}

/** base × rate, rounded half up to the fen, in integers: 499,999 fen × 0.5 % = 2,499.995 → 2,500. */
export function duesByRate(baseFen: number): number {
  if (!Number.isSafeInteger(baseFen) || baseFen < 0) throw new RangeError(`not a base in fen: ${baseFen}`);
  return Math.floor((baseFen * duesRateBp(baseFen) + 5_000) / 10_000);
}

/** The rate as the register shows it: `0.5%`, `1%`. */
export function rateText(rateBp: number): string {
  return `${rateBp / 100}%`;
}

/**
 * A member's dues for one month: the branch's decision where one covers the month, else 0.20 元
 * on 低保, else the rate on the base. Null when there is nothing to go on (no base recorded).
 */
export function monthlyDues(
  month: string,
  member: { baseFen: number | null; dibao: boolean },
  reductions: readonly DuesReduction[] = [],
): MonthlyDues | null {
  const decided = reductions.find((r) => r.fromMonth <= month && month <= r.toMonth);
  if (decided)
    return decided.kind === '免交'
      ? { dueFen: 0, basis: '免交', rateBp: null }
      : { dueFen: decided.amountFen ?? 0, basis: '减交', rateBp: null };
  if (member.dibao) return { dueFen: DIBAO_DUES_FEN, basis: '低保', rateBp: null };
  if (member.baseFen === null) return null;
  const rateBp = duesRateBp(member.baseFen);
  return { dueFen: duesByRate(member.baseFen), basis: rateText(rateBp), rateBp };
}

/** `2026-03` → 2026 × 12 + 2: months counted from year 0, to compare and step through. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthOfIndex(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The twelve months of a year: `2026-01` … `2026-12`. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** `2026-03` → 2026年3月. */
export function monthText(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** Whether a month paid on a day is paid in its month, ahead, or late. */
export function paymentKind(month: string, paidOn: string): DuesPaymentKind {
  const diff = monthIndex(month) - monthIndex(paidOn.slice(0, 7));
  return diff === 0 ? '当月' : diff > 0 ? '预交' : '补交';
}

/** Months ahead of the month of payment: 0 for the month itself or an earlier one. */
export function monthsAhead(month: string, paidOn: string): number {
  return Math.max(0, monthIndex(month) - monthIndex(paidOn.slice(0, 7)));
}
