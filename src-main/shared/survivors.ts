// Survivors (遗属) of deceased retirees: the office's words for who they are to the deceased, what
// qualifies them for the monthly 遗属生活困难补助, and why it stops; months as 'YYYY-MM'.

/** Who the survivor is to the deceased. */
export const SURVIVOR_RELATIONS = [
  '配偶',
  '父母',
  '子女',
  '祖父母',
  '外祖父母',
  '孙子女',
  '外孙子女',
  '兄弟姐妹',
  '其他',
] as const;
export type SurvivorRelation = (typeof SURVIVOR_RELATIONS)[number];

/** What qualifies a survivor (供养条件); the note says the rest. */
export const SURVIVOR_QUALIFICATIONS = [
  '无固定收入',
  '未成年',
  '在校学生',
  '丧失劳动能力',
  '年满60周岁',
  '女年满55周岁',
  '孤寡',
] as const;
export type SurvivorQualification = (typeof SURVIVOR_QUALIFICATIONS)[number];

/** Why an allowance stops. 逾期未认证: the yearly check overdue and the office decided to suspend. */
export const ALLOWANCE_STOP_REASONS = ['死亡', '再婚', '就业', '成年', '逾期未认证', '其他'] as const;
export type AllowanceStopReason = (typeof ALLOWANCE_STOP_REASONS)[number];

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month of an ISO date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** 2026-12 + 1 → 2027-01. */
export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** 2026-05 → 2026年5月. */
export const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** Two periods of months, `to` inclusive and open (null) for ever: do they share a month? */
export const periodsOverlap = (
  a: { from: string; to: string | null },
  b: { from: string; to: string | null },
): boolean => (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to);
