// The vocabulary of visits and care (走访慰问) and of the office's work after a death.
export const VISIT_KINDS = [
  '生病住院慰问',
  '节日慰问',
  '生日祝寿',
  '困难帮扶',
  '病故吊唁',
  '日常走访',
  '电话问候',
  '送学上门',
] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** The kind of a visit to someone in hospital (住院看望), recorded against the stay. */
export const STAY_VISIT_KIND: VisitKind = '生病住院慰问';
/** The kind of a call (电话慰问): it has an outcome, and only an answered one is contact. */
export const CALL_KIND: VisitKind = '电话问候';
/** How a call went; only 接通 is contact (calls recorded before outcomes were kept count as they did). */
export const CALL_OUTCOMES = ['接通', '未接通', '号码错误', '本人不便'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CONTACT_OUTCOME: CallOutcome = '接通';

/** Where the office heard of a hospital stay (消息来源); who exactly is written beside it. */
export const NEWS_SOURCES = ['家属来电', '本人', '医院', '社区', '同事', '其他'] as const;
export type NewsSource = (typeof NEWS_SOURCES)[number];

/** How a person's yearly pension eligibility was certified (养老金领取资格认证). */
export const CERTIFICATION_METHODS = ['现场', '上门', '网上/人脸', '静默/数据比对', '走访时认证'] as const;
export type CertificationMethod = (typeof CERTIFICATION_METHODS)[number];

/** What the office does after a death, each ticked off with its date and operator. */
export const DEATH_TASKS = ['吊唁走访', '唁函', '丧葬补助金', '一次性抚恤金', '停发通知', '党组织关系'] as const;
export type DeathTask = (typeof DEATH_TASKS)[number];
/** The tasks that pay money: their amount is recorded with the date paid. */
export const PAID_DEATH_TASKS: readonly DeathTask[] = ['丧葬补助金', '一次性抚恤金'];

export interface ReminderRules {
  /** Ages whose birthdays are remembered. */
  milestones: number[];
  /** And every birthday from this age on (100: 101, 102, …); null for none. */
  everyYearFrom: number | null;
  /** How far ahead birthdays are listed. */
  birthdayDays: number;
  /** Days without contact allowed, by kind of person; the first rule that applies counts. */
  contactDays: { aloneChildless: number; disabled: number; others: number };
  /** A hospital stay (an inpatient invoice) this recent without a visit since is listed. */
  hospitalDays: number;
  /** A discharged stay is followed up (出院回访) this many days after discharge, until contact is made. */
  dischargeFollowUpDays: number;
  /** How the age a birthday brings is counted: 周岁 (full years) or 虚岁 (one more, as many celebrate). */
  ageReckoning: AgeReckoning;
}

export const AGE_RECKONINGS = ['周岁', '虚岁'] as const;
export type AgeReckoning = (typeof AGE_RECKONINGS)[number];

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  milestones: [80, 85, 90, 95, 100],
  everyYearFrom: 100,
  birthdayDays: 30,
  contactDays: { aloneChildless: 30, disabled: 30, others: 90 },
  hospitalDays: 60,
  dischargeFollowUpDays: 7,
  ageReckoning: '周岁',
};
