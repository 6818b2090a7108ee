// The contract of personal-information protection (个人信息保护, PIPL): the office's processing rules
// to post, the impact assessments it keeps (Art. 55–56), close relatives' requests for a deceased
// person's data (Art. 49), and the review of the files of the deceased after the years it sets.
import { z } from 'zod';
import { fullDate } from '../shared/dateSchemas';
import { Empty, type PrintableView, chars, id, method, reasonText, text, validIdNumber } from './common';

/** Who counts as a close relative (近亲属, Civil Code Art. 1045). */
export const RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'] as const;
export const WANTS = ['查阅', '复制'] as const;
export const ANSWERS = ['已提供', '部分提供', '不予提供'] as const;
export const RETENTION_DECISIONS = ['继续保存', '移交档案室'] as const;
/** An assessment is kept at least this many years (Art. 56). */
export const ASSESSMENT_KEEP_YEARS = 3;

export const AssessmentInput = z.object({
  assessedOn: fullDate('评估日期'),
  subject: reasonText('评估事项').pipe(chars(100)),
  /** Art. 56 (1): 个人信息的处理目的、处理方式等是否合法、正当、必要. */
  purpose: reasonText('处理目的、处理方式是否合法、正当、必要').pipe(chars(4000)),
  /** Art. 56 (2): 对个人权益的影响及安全风险. */
  impact: reasonText('对个人权益的影响及安全风险').pipe(chars(4000)),
  /** Art. 56 (3): 所采取的保护措施是否合法、有效并与风险程度相适应. */
  measures: reasonText('保护措施是否合法、有效并与风险程度相适应').pipe(chars(4000)),
  conclusion: reasonText('评估结论').pipe(chars(2000)),
  assessors: reasonText('评估人员').pipe(chars(200)),
});
export type AssessmentInput = z.output<typeof AssessmentInput>;

export interface AssessmentView {
  id: number;
  assessedOn: string;
  subject: string;
  purpose: string;
  impact: string;
  measures: string;
  conclusion: string;
  assessors: string;
  /** The earliest day it may be discarded: three years after the assessment. */
  keepUntil: string;
  createdAt: string;
  createdBy: string;
}

export const RelativeRequestInput = z.object({
  personId: id,
  requester: reasonText('申请人姓名').pipe(chars(40)),
  relation: z.enum(RELATIONS, { error: '请选择与逝者的关系（近亲属）' }),
  /** If given, a valid one: a relative's identity is what the answer rests on. */
  requesterIdNumber: validIdNumber,
  phone: text(40),
  requestedOn: fullDate('申请日期'),
  wants: z.enum(WANTS, { error: '请选择查阅或复制' }),
  /** Art. 49: for the relative's own lawful, legitimate interest. */
  purpose: reasonText('申请用途').pipe(chars(500)),
});
export type RelativeRequestInput = z.output<typeof RelativeRequestInput>;

export const RelativeAnswerInput = z.object({
  id,
  answeredOn: fullDate('答复日期'),
  answer: z.enum(ANSWERS, { error: '请选择答复结果' }),
  note: text(1000),
});
export type RelativeAnswerInput = z.output<typeof RelativeAnswerInput>;

export interface RelativeRequestView {
  id: number;
  personId: number;
  personName: string;
  requester: string;
  relation: (typeof RELATIONS)[number];
  /** Masked: the whole number stays in the record. */
  requesterIdNumber: string | null;
  phone: string | null;
  requestedOn: string;
  wants: (typeof WANTS)[number];
  purpose: string;
  answeredOn: string | null;
  answer: (typeof ANSWERS)[number] | null;
  answerNote: string | null;
  answeredBy: string | null;
  createdBy: string;
}

export interface RetentionDue {
  personId: number;
  name: string;
  diedOn: string;
  /** The day the file came up for review: the death plus the years the office set. */
  dueOn: string;
  lastReview: { reviewedOn: string; decision: (typeof RETENTION_DECISIONS)[number]; reviewedBy: string } | null;
}

export interface RetentionList {
  years: number;
  due: RetentionDue[];
}

export const RetentionReviewInput = z.object({
  personId: id,
  reviewedOn: fullDate('复核日期'),
  decision: z.enum(RETENTION_DECISIONS, { error: '请选择复核结论' }),
  note: text(1000),
});
export type RetentionReviewInput = z.output<typeof RetentionReviewInput>;

export const privacyMethods = {
  'privacy.rulesPrint': method<PrintableView>()(Empty, 'read'),
  'privacy.assessments': method<AssessmentView[]>()(Empty, 'admin'),
  'privacy.assessmentPrint': method<PrintableView>()(z.object({ id }), 'admin'),
  'privacy.addAssessment': method<AssessmentView>()(AssessmentInput, 'admin'),
  'privacy.relativeRequests': method<RelativeRequestView[]>()(z.object({ personId: id.nullish() }).default({}), 'read'),
  'privacy.addRelativeRequest': method<RelativeRequestView>()(RelativeRequestInput, 'files.write'),
  'privacy.answerRelativeRequest': method<RelativeRequestView>()(RelativeAnswerInput, 'files.write'),
  /** The deceased person's file as a workbook, for the relative the request names. */
  'privacy.relativeExport': method<{ fileName: string; personId: number; count: number; dataBase64: string }>()(
    z.object({ id }),
    'files.export',
    { access: 'export', what: '导出逝者档案（近亲属申请）', filter: ({ id }) => ({ request: id }) },
  ),
  'privacy.retention': method<RetentionList>()(Empty, 'admin'),
  'privacy.setRetentionYears': method<RetentionList>()(
    z.object({
      years: z.number({ error: '请填写年数' }).int('请填写整数年').min(1, '至少 1 年').max(100, '不超过 100 年'),
    }),
    'admin',
  ),
  'privacy.reviewRetention': method<RetentionList>()(RetentionReviewInput, 'admin'),
} as const;
