// The contract of the office's own work system (issue 21 item 4): the yearly work plan, whose items
// are ticked off by the records that fulfilled them, and the document register (收文/发文/政策文件).
import { z } from 'zod';
import { fullDate } from '../shared/dateSchemas';
import { AttachInput, ById, id, method, text, type PrintableView, type RecordAttachment } from './common';

export const PLAN_YEAR = z.number({ error: '请填写年度' }).int('年度有误').min(2000, '年度有误').max(2200, '年度有误');

/**
 * The kinds of record that fulfil a plan item, with their names: a festival or visit batch, an
 * activity or meeting, a study material handed out. The set grows here and in office/workPlan.ts
 * (where each kind's record is read); the database keeps the kind as text.
 */
export const PLAN_LINK_KINDS = {
  visit_batch: '慰问批次',
  activity: '活动会议',
  study_material: '学习资料',
} as const;
export type PlanLinkKind = keyof typeof PLAN_LINK_KINDS;
const LINK_KIND_KEYS = Object.keys(PLAN_LINK_KINDS) as [PlanLinkKind, ...PlanLinkKind[]];

/** Where an item stands: done (a record linked), to be checked (a linked record gone or changed), overdue, or open. */
export const PLAN_STATES = ['已完成', '待核实', '已超期', '待完成'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export const PlanItemInput = z.object({
  year: PLAN_YEAR,
  content: z.string({ error: '请填写工作内容' }).trim().min(1, '请填写工作内容').max(500, '工作内容不能超过 500 个字'),
  category: text(20),
  /** 责任人: an operator's name, or anyone's. */
  owner: z.string({ error: '请填写责任人' }).trim().min(1, '请填写责任人').max(50, '责任人不能超过 50 个字'),
  /** 完成时限, a month of the plan's year: `2026-06`. */
  dueMonth: z
    .string({ error: '请填写完成时限' })
    .trim()
    .max(10, '完成时限应为年月，如 2026-06')
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '完成时限应为年月，如 2026-06'),
  note: text(500),
});
export type PlanItemInput = z.output<typeof PlanItemInput>;

/** A record that fulfils an item, as the item shows it (click through by `href`). */
export interface PlanLinkView {
  id: number;
  kind: PlanLinkKind;
  kindLabel: string;
  recordId: number;
  /** The record's name and date as they are now; null when it is gone. */
  name: string | null;
  date: string | null;
  href: string | null;
  /** Why the link no longer shows the item done (the record deleted, undone, moved to another year). */
  problem: string | null;
  linkedAt: string;
  linkedBy: string;
}

export interface PlanItemView {
  id: number;
  year: number;
  seq: number;
  content: string;
  category: string | null;
  owner: string;
  /** Set when the owner is one of the operators. */
  ownerOperatorId: number | null;
  dueMonth: string;
  note: string | null;
  state: PlanState;
  links: PlanLinkView[];
}

export interface WorkPlanView {
  year: number;
  items: PlanItemView[];
  counts: Record<PlanState, number>;
}

/** A record that may be linked, as the link dialog offers it: of the plan's year only. */
export interface PlanCandidate {
  kind: PlanLinkKind;
  recordId: number;
  name: string;
  date: string;
}

export const DOCUMENT_KINDS = ['收文', '发文', '政策文件'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const SECRECY_LEVELS = ['公开', '内部', '秘密', '机密'] as const;

export const DocumentInput = z.object({
  kind: z.enum(DOCUMENT_KINDS, { error: '请选择文件类别' }),
  /** 文号: 〔2026〕3号; once per kind and year. */
  docNo: text(60),
  datedOn: fullDate('成文日期'),
  /** 发文机关 (收文, 政策文件) or 主送 (发文). */
  issuer: text(100),
  title: z.string({ error: '请填写文件标题' }).trim().min(1, '请填写文件标题').max(200, '文件标题不能超过 200 个字'),
  summary: text(2000),
  secrecy: z
    .enum(SECRECY_LEVELS, { error: '请选择密级' })
    .nullish()
    .transform((v) => v ?? null),
  /** 办理情况: 已传阅, 已转各支部, 已归档. */
  handling: text(500),
});
export type DocumentInput = z.output<typeof DocumentInput>;

/** A file kept with a registered document (the notice itself, scanned). */
export type DocumentFile = RecordAttachment;

export interface DocumentView {
  id: number;
  kind: DocumentKind;
  year: number;
  docNo: string | null;
  datedOn: string;
  issuer: string | null;
  title: string;
  summary: string | null;
  secrecy: string | null;
  handling: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  files: DocumentFile[];
}

export const DocumentQuery = z.object({
  year: PLAN_YEAR.nullish().transform((v) => v ?? null),
  kind: z
    .enum(DOCUMENT_KINDS)
    .nullish()
    .transform((v) => v ?? null),
  /** Any part of the title, 文号, issuer or summary; words separated by spaces must all be found. */
  text: text(100),
});
export type DocumentQuery = z.output<typeof DocumentQuery>;

export const officeMethods = {
  'plan.get': method<WorkPlanView>()(z.object({ year: PLAN_YEAR }), 'read'),
  'plan.addItem': method<PlanItemView>()(PlanItemInput, 'files.write'),
  'plan.updateItem': method<PlanItemView>()(PlanItemInput.omit({ year: true }).extend({ id }), 'files.write'),
  'plan.removeItem': method<{ removed: true }>()(
    z.object({ id, reason: z.string({ error: '请填写删除原因' }).trim().min(1, '请填写删除原因').max(200) }),
    'files.write',
  ),
  /** The records of the item's year that may fulfil it, of one kind. */
  'plan.candidates': method<PlanCandidate[]>()(
    z.object({ itemId: id, kind: z.enum(LINK_KIND_KEYS, { error: '请选择记录类别' }) }),
    'read',
  ),
  'plan.link': method<PlanItemView>()(
    z.object({ itemId: id, kind: z.enum(LINK_KIND_KEYS, { error: '请选择记录类别' }), recordId: id }),
    'files.write',
  ),
  'plan.unlink': method<PlanItemView>()(z.object({ linkId: id }), 'files.write'),
  /** Last year's items into this year (the same months), into a year with no plan yet. */
  'plan.copy': method<WorkPlanView>()(z.object({ fromYear: PLAN_YEAR, toYear: PLAN_YEAR }), 'files.write'),
  /** The plan on A4: 序号, 工作内容, 责任人, 完成时限, 完成情况. */
  'plan.print': method<PrintableView>()(z.object({ year: PLAN_YEAR }), 'read', {
    access: 'print',
    what: '打印年度工作计划',
  }),
  'documents.list': method<DocumentView[]>()(DocumentQuery, 'read'),
  'documents.get': method<DocumentView>()(ById, 'read'),
  'documents.create': method<DocumentView>()(DocumentInput, 'files.write'),
  'documents.update': method<DocumentView>()(
    DocumentInput.extend({ id, version: z.number().int().positive() }),
    'files.write',
  ),
  'documents.attach': method<DocumentFile>()(AttachInput, 'files.write'),
  'documents.file': method<DocumentFile & { dataBase64: string }>()(ById, 'read'),
  /** The register on A4 landscape, the filter's documents in date order. */
  'documents.print': method<PrintableView>()(DocumentQuery, 'read', { access: 'print', what: '打印文件登记簿' }),
  'documents.export': method<{ fileName: string; count: number; dataBase64: string }>()(DocumentQuery, 'files.export', {
    access: 'export',
    what: '导出文件登记簿',
  }),
} as const;
