// The vocabulary of a retiree's file (人员档案). Enumerated values are stored as the Chinese words
// staff see and export, so the database, the CLI and every export say the same thing.

export const GENDERS = ['男', '女'] as const;
export const CATEGORIES = ['离休', '退休', '退职'] as const;
export const STAFF_TYPES = ['干部', '工人'] as const;
export const STATUSES = ['在册', '已故', '迁出'] as const;
export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '民主党派', '共青团员', '群众'] as const;
export const LIVING_ARRANGEMENTS = ['独居', '与配偶同住', '与子女同住', '养老机构'] as const;
export const DISABILITY_LEVELS = ['失能', '半失能'] as const;
/** Whether a person keeps their birthday by the Gregorian (阳历) or the lunar calendar (阴历). */
export const BIRTHDAY_CALENDARS = ['阳历', '阴历'] as const;
/** 单位性质: the nature of the unit a person retired from (the upward tables count by it). */
export const UNIT_NATURES = ['机关', '事业', '企业'] as const;
/** 职级: the nine ranks of the 退休干部基本情况统计表, highest first. */
export const RANKS = [
  '正省部级',
  '副省部级',
  '正厅局级',
  '副厅局级',
  '正县处级',
  '副县处级',
  '正乡科级',
  '副乡科级',
  '科员办事员及其他',
] as const;
export const HEALTH_CHOICES = ['良好', '一般', '较差', '长期患病', '卧床'] as const;
export const AGE_BANDS = [70, 80, 90, 100] as const;

export type Category = (typeof CATEGORIES)[number];
export type Status = (typeof STATUSES)[number];

/** The 政治面貌 of a party member (中共党员, and 中共预备党员 on probation): they belong to a party branch. */
export const PARTY_MEMBER_STATUSES = ['中共党员', '中共预备党员'] as const;

export function isPartyMember(political: string | null | undefined): boolean {
  return (PARTY_MEMBER_STATUSES as readonly (string | null | undefined)[]).includes(political);
}

/** Special-care flags (重点关爱), as list filters and as badges. */
export const CARE_FLAGS = {
  aloneChildless: '孤寡',
  disabled: '失能/半失能',
  hardship: '生活困难',
  emptyNest: '空巢',
  remote: '异地居住',
} as const;
export type CareFlag = keyof typeof CARE_FLAGS;
