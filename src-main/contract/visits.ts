// The contract of visits and care (走访慰问): visits and festival batches, deaths, the yearly
// certification, reminders and their rules.
import { z } from 'zod';
import {
  AGE_RECKONINGS,
  CALL_OUTCOMES,
  type CallOutcome,
  CERTIFICATION_METHODS,
  type CertificationMethod,
  DEATH_TASKS,
  type DeathTask,
  type ReminderRules,
  VISIT_KINDS,
  type VisitKind,
} from '../shared/care';
import { fullDate } from '../shared/dateSchemas';
import type { FestivalDay } from '../shared/festivals';
import { ById, Empty, id, list, method, optionalId, text, yuan } from './common';
import type { DeathBenefitsView } from './deathBenefits';
import type { SurvivorSummary } from './survivors';
import { type AttachmentInfo, ListQuery } from './retirees';

export const VisitInput = z.object({
  personId: id,
  kind: z.enum(VISIT_KINDS, { error: '请选择慰问类别' }),
  date: fullDate('走访日期'),
  visitors: text(100),
  money: yuan('慰问金')
    .nullish()
    .transform((v) => v ?? 0),
  items: text(200),
  note: text(1000),
  followUpOn: fullDate('回访日期')
    .nullish()
    .transform((v) => v ?? null),
  /** The visit was also this year's pension eligibility certification. */
  certify: z.boolean().default(false),
  /** 带队领导: who led the visit. */
  leader: text(50),
  /** 随同人员: who went along. */
  companions: text(200),
  /** 家属/本人反映: what the person or the family asked for or said. */
  feedback: text(1000),
  /**
   * How a call (电话问候) went; only 接通 is contact. The form asks it of every call; a call recorded
   * without it (before outcomes were kept, or by the CLI) counts as contact, as calls always did.
   * A visit has none.
   */
  callOutcome: z
    .enum(CALL_OUTCOMES, { error: '请选择通话情况' })
    .nullish()
    .transform((v) => v ?? null),
  /** The hospital stay the visit was made for (住院看望). */
  stayId: optionalId,
});
export type VisitInput = z.output<typeof VisitInput>;

export interface Certification {
  id: number;
  year: number;
  certifiedOn: string;
  method: CertificationMethod;
  visitId: number | null;
  note: string | null;
  createdBy: string;
}

export interface CertificationLists {
  year: number;
  due: { personId: number; name: string; lastCertified: string | null }[];
  /** Due, and no certification in the last 12 months. */
  overdue: { personId: number; name: string; lastCertified: string | null }[];
}

export interface Visit {
  id: number;
  personId: number;
  personName: string;
  kind: VisitKind;
  date: string;
  visitors: string | null;
  moneyFen: number;
  items: string | null;
  note: string | null;
  followUpOn: string | null;
  followUpDoneAt: string | null;
  batchId: number | null;
  createdAt: string;
  createdBy: string;
  leader: string | null;
  companions: string | null;
  feedback: string | null;
  callOutcome: CallOutcome | null;
  /** A visit, or an answered call: what counts as contact. */
  contact: boolean;
  stayId: number | null;
  /** Photos of the visit: the person's attachments that name it. */
  photos: AttachmentInfo[];
}

export interface VisitBatchView {
  id: number;
  name: string;
  kind: VisitKind;
  date: string;
  moneyFen: number;
  items: string | null;
  visitors: string | null;
  createdAt: string;
  createdBy: string;
  /** The gift sign-off sheet (慰问品签领表): 序号, 姓名, 地址, 金额/物品, 签字. */
  rows: { visitId: number; personId: number; name: string; address: string | null; phone: string | null }[];
  /** The survivors (遗属) visited in the batch (visits/survivors.ts), after the retirees on the sheet. */
  survivors: {
    visitId: number;
    survivorId: number;
    name: string;
    relation: string;
    deceasedName: string;
    address: string | null;
    phone: string | null;
  }[];
}

/** A batch as the list of batches shows it. */
export type VisitBatchSummary = Omit<VisitBatchView, 'rows' | 'survivors'>;

export interface DeathFile {
  personId: number;
  name: string;
  diedOn: string;
  reportedBy: string | null;
  note: string | null;
  registeredAt: string;
  registeredBy: string;
  tasks: {
    task: DeathTask;
    amountFen: number | null;
    doneOn: string | null;
    doneBy: string | null;
    note: string | null;
  }[];
}

export interface Reminders {
  today: string;
  /** `turning`: the age the birthday brings, by the office's reckoning; `lunar`: 农历四月初八 for a lunar birthday. */
  birthdays: {
    personId: number;
    name: string;
    birthDate: string;
    turning: number;
    on: string;
    inDays: number;
    lunar: string | null;
  }[];
  followUps: {
    visitId: number;
    personId: number;
    name: string;
    kind: VisitKind;
    followUpOn: string;
    overdue: boolean;
  }[];
  notContacted: { personId: number; name: string; lastContact: string | null; allowedDays: number; why: string }[];
  hospital: { personId: number; name: string; visitDate: string; hospital: string | null }[];
  /** Those in hospital now (住院登记 without a discharge), and whether anyone has been to see them. */
  inHospital: {
    stayId: number;
    personId: number;
    name: string;
    hospital: string;
    admittedOn: string;
    visited: boolean;
  }[];
  /** Discharged stays whose follow-up (出院回访) is due and not yet made. */
  discharges: { stayId: number; personId: number; name: string; dischargedOn: string; dueOn: string }[];
  /** Deaths whose benefits are not filed, the three-month window closing within 30 days or closed. */
  deathBenefits: { personId: number; name: string; diedOn: string; closesOn: string; overdue: boolean }[];
}

/**
 * The home page's reminders, a group per kind (issue 19 item 7), in the order the main process puts
 * them (home/reminderGroups.ts): what concerns one person and is due today or overdue first, the
 * mass lists (资格认证超期, 久未联系) last, each one line until it is opened.
 */
/** In their standing order (home/reminderGroups.ts ranks by it): the single reminders, then the mass lists. */
export const REMINDER_KINDS = [
  'petitions',
  'birthdays',
  'followUps',
  'hospital',
  'inHospital',
  'deathBenefits',
  'survivorChecks',
  'adjustments',
  'workPlan',
  'certifications',
  'notContacted',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderItem {
  key: string;
  name: string;
  detail: string;
  /** Where the name leads (`#/people/12`, `#/petitions/3`). */
  href: string;
  /** Due today or overdue. */
  urgent: boolean;
}

export interface ReminderGroup {
  kind: ReminderKind;
  title: string;
  /** How many there are in all. */
  count: number;
  /** How many of them are due today or overdue. */
  urgent: number;
  /** What the count counts: people, petitions (件), or the items of the work plan (项). */
  unit: '人' | '件' | '项';
  /** The urgent ones in words (今天到期或已超期 1 件, 今天生日 2 人); null where every one is, or none. */
  urgentWords: string | null;
  /** A list that concerns many people at once: shown as one line until opened. */
  mass: boolean;
  /** The first items, the most pressing first. */
  items: ReminderItem[];
  /** What the group says when empty ("没有超期的信访件。"). */
  empty: string;
  /** A line beside the count (本年度尚未认证共 612 人). */
  note: string | null;
  /** The page that lists them in full, with its words. */
  page: { label: string; href: string } | null;
  /** One action on the whole group (打印生日贺信), a link. */
  action: { label: string; href: string } | null;
}

/** One group's items, a page at a time. */
export interface ReminderPage {
  kind: ReminderKind;
  total: number;
  page: number;
  pageSize: number;
  items: ReminderItem[];
}

export const ReminderRulesInput = z.object({
  milestones: z.array(z.number().int().min(1).max(150)).max(30),
  everyYearFrom: z.number().int().min(1).max(150).nullable(),
  birthdayDays: z.number().int().min(1).max(366),
  contactDays: z.object({
    aloneChildless: z.number().int().min(1).max(3650),
    disabled: z.number().int().min(1).max(3650),
    others: z.number().int().min(1).max(3650),
  }),
  hospitalDays: z.number().int().min(1).max(3650),
  dischargeFollowUpDays: z.number().int().min(1).max(365).default(7),
  ageReckoning: z.enum(AGE_RECKONINGS).default('周岁'),
}) satisfies z.ZodType<ReminderRules>;

/** One birthday on the year's list (生日名单). */
export interface BirthdayListRow {
  personId: number;
  name: string;
  category: string;
  birthDate: string;
  /** The Gregorian day the birthday falls on this year (a lunar one converted). */
  on: string;
  /** The age it brings, by the office's reckoning. */
  turning: number;
  /** 农历四月初八 for a lunar birthday. */
  lunar: string | null;
  /** One of the ages the office celebrates (整寿). */
  milestone: boolean;
}

export interface BirthdayList {
  year: number;
  month: number | null;
  reckoning: '周岁' | '虚岁';
  rows: BirthdayListRow[];
}

export const visitsMethods = {
  'visits.list': method<Visit[]>()(z.object({ personId: id }), 'read'),
  'visits.create': method<Visit>()(VisitInput, 'files.write'),
  'visits.followUpDone': method<Visit>()(ById, 'files.write'),
  'visits.createBatch': method<VisitBatchView>()(
    z.object({
      name: z.string({ error: '请填写批次名称' }).trim().min(1, '请填写批次名称').max(50),
      kind: z.enum(VISIT_KINDS),
      date: fullDate('慰问日期'),
      money: yuan('慰问金')
        .nullish()
        .transform((v) => v ?? 0),
      items: text(200),
      visitors: text(100),
      /** The people list's filter (its people on the roll); null for a batch of survivors only. */
      query: ListQuery.nullable(),
      /** Survivors (遗属) visited in the same batch. */
      survivorIds: list(id, 5000).default([]),
    }),
    'files.write',
  ),
  /** Each festival's next day from today (春节, 重阳 … by the lunar calendar): what a festival batch is dated by. */
  'visits.festivals': method<FestivalDay[]>()(Empty, 'read'),
  'visits.batches': method<VisitBatchSummary[]>()(Empty, 'read'),
  'visits.batch': method<VisitBatchView>()(ById, 'read'),
  /** The gift sign-off sheet for paper (PrintPage): logged as printed, with its rows. */
  'visits.printBatch': method<VisitBatchView>()(ById, 'read', {
    access: 'print',
    what: '打印慰问品签领表',
    filter: ({ id }) => ({ batch: id }),
  }),
  /** The death with its checklist, its benefits (丧葬抚恤) once computed, and its survivors: one read for the record. */
  'deaths.get': method<{
    death: DeathFile | null;
    benefits: DeathBenefitsView | null;
    survivors: SurvivorSummary[];
  }>()(z.object({ personId: id }), 'read'),
  'deaths.register': method<DeathFile>()(
    z.object({ personId: id, diedOn: fullDate('去世日期'), reportedBy: text(100), note: text(500) }),
    'files.write',
  ),
  'deaths.task': method<DeathFile>()(
    z.object({
      personId: id,
      task: z.enum(DEATH_TASKS),
      doneOn: fullDate('办理日期'),
      amount: yuan('金额')
        .nullish()
        .transform((v) => v ?? null),
      note: text(200),
    }),
    'files.write',
  ),
  'certifications.list': method<Certification[]>()(z.object({ personId: id }), 'read'),
  'certifications.create': method<Certification>()(
    z.object({
      personId: id,
      certifiedOn: fullDate('认证日期'),
      method: z.enum(CERTIFICATION_METHODS, { error: '请选择认证方式' }),
      note: text(200),
    }),
    'files.write',
  ),
  'certifications.lists': method<CertificationLists>()(
    z.object({ year: z.number().int().min(2000).max(2200) }),
    'read',
  ),
  'reminders.get': method<Reminders>()(Empty, 'read'),
  /** The home page's reminders grouped by kind, the most urgent group first, each with its first items. */
  'reminders.groups': method<ReminderGroup[]>()(Empty, 'read'),
  /** All the items of one group, a page at a time. */
  'reminders.group': method<ReminderPage>()(
    z.object({ kind: z.enum(REMINDER_KINDS), page: z.number().int().min(1).default(1) }),
    'read',
  ),
  'reminders.rules': method<ReminderRules>()(Empty, 'read'),
  /** The birthdays of a year (or one month of it), by each person's calendar: the 生日名单 for 祝寿. */
  'reminders.birthdayList': method<BirthdayList>()(
    z.object({
      year: z.number().int().min(1900, '年份有误').max(2200, '年份有误'),
      month: z.number().int().min(1, '月份有误').max(12, '月份有误').nullable().default(null),
      milestonesOnly: z.boolean().default(true),
    }),
    'read',
  ),
  'reminders.saveRules': method<ReminderRules>()(ReminderRulesInput, 'admin'),
} as const;
