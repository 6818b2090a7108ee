// The contract of hospital stays (住院登记, issue 20 item 1) and of the visit report (走访统计, item 6):
// the office hears of a stay by phone long before any invoice; those in hospital now are on the home
// page, a 住院看望 visit is recorded against the stay (visits.create with its stayId), and after
// discharge a follow-up (出院回访) is due until an answered call or a visit is recorded.
import { z } from 'zod';
import { NEWS_SOURCES, type NewsSource } from '../shared/care';
import { fullDate, optionalFullDate } from '../shared/dateSchemas';
import { editOf, id, method, text } from './common';
import type { Visit } from './visits';

export const StayFields = z.object({
  hospital: z.string({ error: '请填写医院' }).trim().min(1, '请填写医院').max(100, '医院名称不能超过 100 个字'),
  department: text(50),
  bed: text(20),
  admittedOn: fullDate('入院日期'),
  dischargedOn: optionalFullDate('出院日期'),
  /** 病情. */
  condition: text(500),
  /** 治疗结果. */
  outcome: text(500),
  newsSource: z
    .enum(NEWS_SOURCES, { error: '请选择消息来源' })
    .nullish()
    .transform((v) => v ?? null),
  /** Who exactly told the office (其女王丽 138…, 社区李主任). */
  newsDetail: text(100),
  note: text(500),
});
export type StayFields = z.output<typeof StayFields>;

/** A stay's own fields, as a form edits them and the audit log keeps them. */
export const stayFieldsOf = (s: StayFields): StayFields =>
  Object.fromEntries(Object.keys(StayFields.shape).map((k) => [k, s[k as keyof StayFields]])) as StayFields;

export const StayInput = StayFields.extend({ personId: id });
export type StayInput = z.output<typeof StayInput>;

export interface Stay extends StayFields {
  id: number;
  personId: number;
  personName: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  newsSource: NewsSource | null;
  /** The visits recorded against the stay (住院看望), the latest first. */
  visits: Visit[];
  /**
   * After discharge, the follow-up (出院回访): due this many days after discharge (the reminder
   * rules), done by the first answered call or visit on or after the discharge day.
   */
  followUp: { dueOn: string; doneOn: string | null } | null;
}

/** The 住院登记 screen: those in hospital now, and the recent discharges. */
export interface StayBoard {
  today: string;
  inHospital: Stay[];
  /** Discharged within `days` before today, the latest first. */
  discharged: Stay[];
  days: number;
}

export interface VisitReportRow {
  key: string;
  /** Every visit and call recorded. */
  visits: number;
  /** Calls not answered (未接通, 号码错误, 本人不便): recorded, but not contact. */
  notReached: number;
  /** People reached: each once, by an answered call or a visit. */
  people: number;
  moneyFen: number;
}

/** 走访慰问统计 for a date range: by kind, by leader (带队领导), by unit (行政大组). */
export interface VisitReport {
  from: string;
  to: string;
  byKind: VisitReportRow[];
  byLeader: VisitReportRow[];
  byUnit: VisitReportRow[];
  total: VisitReportRow;
}

export const VisitReportInput = z.object({ from: fullDate('起始日期'), to: fullDate('截止日期') });

export const staysMethods = {
  'stays.list': method<Stay[]>()(z.object({ personId: id }), 'read'),
  'stays.get': method<Stay>()(z.object({ id }), 'read'),
  'stays.board': method<StayBoard>()(
    z.object({ days: z.number().int().min(1, '天数有误').max(366, '天数有误').default(30) }),
    'read',
  ),
  'stays.create': method<Stay>()(StayInput, 'files.write'),
  'stays.update': method<Stay>()(z.object({ id, ...editOf(StayFields, { checkBase: true }) }), 'files.write'),
  /** 出院登记: the day, and how the treatment ended. */
  'stays.discharge': method<Stay>()(
    z.object({ id, version: z.number().int().positive(), dischargedOn: fullDate('出院日期'), outcome: text(500) }),
    'files.write',
  ),
  'visits.report': method<VisitReport>()(VisitReportInput, 'read'),
  'visits.exportReport': method<{ fileName: string; count: number; dataBase64: string }>()(
    VisitReportInput,
    'files.export',
    { access: 'export', what: '导出走访慰问统计', rows: () => null },
  ),
} as const;
