// The contract between the renderer and the main process: every method the renderer may call,
// the zod schema its input must pass, and the type of what it returns. It imports nothing from
// Node, so the renderer imports it too. One contract, three transports: Electron IPC, the browser
// harness's POST /rpc, and direct calls from the CLI and the tests.
import { z } from 'zod';
import {
  CATEGORIES,
  DISABILITY_LEVELS,
  GENDERS,
  LIVING_ARRANGEMENTS,
  STAFF_TYPES,
  STATUSES,
  type CareFlag,
} from '../shared/person';
import { fullDate, partialDate } from '../shared/dateSchemas';
import type { PersonAge } from '../shared/dates';
import { CategoryPolicy, LINE_KINDS, YearPolicy } from '../shared/claimPolicy';
import { parseYuan } from '../shared/money';
import { UserError } from '../shared/errors';
import { CERTIFICATION_METHODS, DEATH_TASKS, VISIT_KINDS, type CertificationMethod, type DeathTask, type ReminderRules, type VisitKind } from '../shared/care';
import { ADDRESS_FORMS, LETTER_KIND_KEYS, type LetterKind, type LetterTemplate } from '../shared/letters';
import { PETITION_CHANNELS, SATISFACTION, type PetitionStatus } from '../shared/petitions';
import { AdjustmentRule, SavedAdjustmentRule } from '../shared/adjustment';
import { IMPORT_LIMITS } from '../shared/importLimits';

z.config(z.locales.zhCN());

// --- bounds ----------------------------------------------------------------------------------
// Every string and every list the renderer sends has a maximum, so that no call can make the main
// process allocate without limit, run out of SQL variables or echo a megabyte back (issue 13).
// tests/contract-bounds.test.ts walks every method and checks it.

/** A string of at most `max` characters. */
const chars = (max: number) => z.string().max(max, `不能超过 ${max} 个字`);
/** A list of at most `max` entries. */
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `最多只能选择 ${max} 项`);
/** A map of at most `max` entries whose keys are at most `keyMax` characters. */
const boundedRecord = <V extends z.ZodType>(value: V, keyMax: number, max: number) =>
  z.record(chars(keyMax), value).refine((r) => Object.keys(r).length <= max, `最多只能有 ${max} 项`);
/**
 * A file handed to an import, with `fields` beside it: its bytes (`data`: Electron's IPC carries a
 * Uint8Array as it is, the harness as a binary body: web/server.ts), or, for callers that speak
 * JSON only (scripts, older tests), the same bytes as base64 text (`dataBase64`); one of the two,
 * at most `maxMb` MB. Bytes are not copied into text on the way: a 100 MB roster as base64 in JSON
 * was copied about five times.
 */
const fileUpload = <T extends z.ZodRawShape>(fields: T, maxMb: number) =>
  z
    .object({
      ...fields,
      data: z
        .instanceof(Uint8Array)
        .refine((b) => b.length > 0, '文件是空的')
        .refine((b) => b.length <= maxMb * 1024 * 1024, `文件过大（超过 ${maxMb} MB）`)
        .optional(),
      dataBase64: z
        .string()
        .min(1, '文件是空的')
        // Base64 is 4/3 of the bytes: 1.4 million characters a MB leaves room for line breaks.
        .max(maxMb * 1_400_000, `文件过大（超过 ${maxMb} MB）`)
        .optional(),
    })
    .refine((v) => ((v as { data?: unknown }).data === undefined) !== ((v as { dataBase64?: unknown }).dataBase64 === undefined), {
      message: '没有收到文件，请重新选择',
      path: ['data'],
    });
/** A worksheet name as a file gives it (Excel allows 31 characters; a CSV is named after its file). */
const sheetName = chars(255);
/** An id the main process handed out (an import session, a background job). */
const uuid = chars(36).uuid();
/** An amount or a postcode as typed: short. */
const SHORT = 40;

/** Optional free text: trimmed, and an empty field is stored as nothing. */
const text = (max = 200) =>
  z
    .string()
    .max(max, `不能超过 ${max} 个字`)
    .nullish()
    .transform((s) => (s == null || s.trim() === '' ? null : s.trim()));

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).nullish().transform((v) => v ?? null);
const id = z.number().int().positive();
const optionalId = id.nullish().transform((v) => v ?? null);

export const Phone = z.object({
  label: text(20),
  number: z
    .string()
    .trim()
    .min(1, '请填写电话号码')
    .max(40)
    .regex(/^[0-9０-９+\-－()（）\s转]+$/, '电话号码只能包含数字、“-”、括号和“转”'),
});
export type Phone = z.output<typeof Phone>;

export const ContactInput = z.object({
  id: optionalId,
  name: z.string().trim().min(1, '请填写家属或联系人的姓名').max(50),
  relation: text(20),
  phones: z.array(Phone).max(10).default([]),
  address: text(200),
  emergency: z.boolean().default(false),
  note: text(500),
});
export type ContactInput = z.output<typeof ContactInput>;

export const PersonInput = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名过长'),
  gender: choice(GENDERS),
  ethnicity: text(20),
  birthDate: partialDate,
  idNumber: text(30),
  category: z.enum(CATEGORIES, '请选择人员类别（离休、退休或退职）'),
  staffType: choice(STAFF_TYPES),
  workStartDate: partialDate,
  retirementDate: partialDate,
  formerUnit: text(100),
  formerPosition: text(100),
  politicalStatus: text(20),
  partyBranchId: optionalId,
  partyGroupId: optionalId,
  adminGroupId: optionalId,
  adminSubgroupId: optionalId,
  health: text(100),
  living: choice(LIVING_ARRANGEMENTS),
  careAloneChildless: z.boolean().default(false),
  careDisability: choice(DISABILITY_LEVELS),
  careHardship: z.boolean().default(false),
  careEmptyNest: z.boolean().default(false),
  remote: z.boolean().default(false),
  remoteCity: text(50),
  /** 缴费年限 in full years (视同缴费 included), and 艰苦边远地区: what the pension adjustment rule needs. */
  contributionYears: z.number({ error: '缴费年限须为整数' }).int('缴费年限须为整数').min(0, '缴费年限不能为负').max(70, '缴费年限不能超过 70 年').nullish().transform((v) => v ?? null),
  remoteArea: z.boolean().default(false),
  phones: z.array(Phone).max(10).default([]),
  address: text(200),
  postcode: text(6).refine((s) => s === null || /^\d{6}$/.test(s), '邮编应为 6 位数字'),
  area: text(50),
  building: text(50),
  community: text(100),
  bankName: text(100),
  bankAccount: text(40).refine((s) => s === null || /^[0-9\s]{8,40}$/.test(s), '银行账号只能包含数字'),
  status: z.enum(STATUSES).default('在册'),
  statusDate: partialDate,
  note: text(2000),
  contacts: z.array(ContactInput).max(50).default([]),
  /** What staff must look at (待核实): kept until they clear it. */
  reviewFlags: z.array(z.string().trim().min(1).max(300)).max(30).default([]),
});
export type PersonInput = z.output<typeof PersonInput>;

/**
 * The fields a form changed, each parsed by its own schema. Absent fields stay absent (a plain
 * `.partial()` would fill them with their defaults, and a save would then write those over the file).
 */
export function changesOf<S extends z.ZodObject>(schema: S) {
  return z
    .record(z.string().max(40), z.unknown())
    .refine((r) => Object.keys(r).length <= Object.keys(schema.shape).length, '修改的项目过多')
    .transform((raw, ctx) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw)) {
        const field = (schema.shape as Record<string, z.ZodType>)[key];
        if (!field) {
          ctx.addIssue({ code: 'custom', message: `没有“${key}”这一项`, path: [key] });
          continue;
        }
        const r = field.safeParse(value);
        if (r.success) out[key] = r.data;
        else for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: [key, ...issue.path] } as z.core.$ZodRawIssue);
      }
      return out as Partial<z.output<S>>;
    }) as unknown as z.ZodType<Partial<z.output<S>>, Partial<z.input<S>>>;
}

/** A save from a form: what it changed, against the version and the values it was loaded with. */
/**
 * Values kept only to be compared (what a form showed) are bounded as a whole: a file's largest
 * field (50 contacts) is well under it.
 */
const MAX_COMPARED_CHARS = 200_000;
const withinCompared = (r: Record<string, unknown>) => JSON.stringify(r).length <= MAX_COMPARED_CHARS;

const editOf = <S extends z.ZodObject>(schema: S, o: { checkBase?: boolean } = {}) => ({
  version: z.number().int().positive(),
  changes: changesOf(schema),
  // Only compared with what the record holds, never written. A person's file keeps it as sent (a
  // value stored before a rule was tightened must still be comparable); a claim's amounts come as
  // typed yuan, so they are parsed like the changes to be compared in fen.
  base: o.checkBase
    ? changesOf(schema)
    : (z
        .record(z.string().max(40), z.unknown())
        .refine((r) => Object.keys(r).length <= Object.keys(schema.shape).length, '修改的项目过多')
        .refine(withinCompared, '原值内容过多') as unknown as ReturnType<typeof changesOf<S>>),
});

/**
 * A whole rule or policy as its form loaded it, sent back beside the edited one so that only what
 * the user changed is saved; null when there was none yet. Compared, never written.
 */
const loadedRecord = <S extends z.ZodObject>(schema: S) =>
  (z
    .record(z.string().max(40), z.unknown())
    .refine((r) => Object.keys(r).length <= Object.keys(schema.shape).length + 1, '内容过多')
    .refine(withinCompared, '内容过多')
    .nullable() as unknown as z.ZodType<Partial<z.output<S>> | null>)
    .optional();

/** What a create or update also says: the user has seen the ID-number warnings and saves anyway. */
const SaveOptions = {
  acceptWarnings: z.boolean().default(false),
};

export interface Contact extends ContactInput {
  id: number;
}

export interface AttachmentInfo {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  note: string | null;
  addedAt: string;
  addedBy: string;
  /** The claim the scan belongs to (a receipt, an invoice), if any. */
  claimId: number | null;
}

export interface PersonFile extends Omit<PersonInput, 'contacts'> {
  id: number;
  idFrom15: boolean;
  version: number;
  /** Age in full years today, or at death for the deceased (shared/dates personAge): computed, never stored. */
  age: PersonAge | null;
  contacts: Contact[];
  attachments: AttachmentInfo[];
  unitNames: Record<'partyBranch' | 'partyGroup' | 'adminGroup' | 'adminSubgroup', string | null>;
  createdAt: string;
  updatedAt: string;
}

export const SORT_KEYS = ['name', 'birthDate', 'retirementDate', 'formerUnit', 'idNumber', 'area', 'updatedAt'] as const;
export const CARE_FLAG_KEYS = ['aloneChildless', 'disabled', 'hardship', 'emptyNest', 'remote'] as const satisfies readonly CareFlag[];

/** The columns an export can have, in the order the importer reads them back. */
export const EXPORT_COLUMN_KEYS = [
  'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'category', 'staffType', 'workStartDate', 'retirementDate',
  'formerUnit', 'formerPosition', 'contributionYears', 'politicalStatus', 'phone', 'address', 'postcode', 'area', 'building', 'community',
  'health', 'living', 'care', 'bankName', 'bankAccount', 'status', 'statusDate', 'note',
] as const;

export const ListQuery = z.object({
  q: z.string().max(100).default(''),
  categories: list(z.enum(CATEGORIES), 10).default([]),
  statuses: list(z.enum(STATUSES), 10).default([]),
  area: text(50),
  building: text(50),
  adminGroupId: optionalId,
  partyBranchId: optionalId,
  partyMember: z.boolean().nullish().transform((v) => v ?? null),
  minAge: z.number().int().min(0).max(130).nullish().transform((v) => v ?? null),
  care: list(z.enum(CARE_FLAG_KEYS), 10).default([]),
  needsReview: z.boolean().nullish().transform((v) => v ?? null),
  /** With status 已故: died on or after this date (the home page's 本年度去世). */
  statusDateFrom: partialDate,
  sort: z.enum(SORT_KEYS).default('name'),
  desc: z.boolean().default(false),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});
export type ListQuery = z.output<typeof ListQuery>;

export interface PersonRow {
  id: number;
  name: string;
  gender: string | null;
  birthDate: string | null;
  /** Today's, or at death for the deceased (shared/dates personAge). */
  age: PersonAge | null;
  /** Masked in the list (`210102********123X`); the full number shows in the file. */
  idNumberMasked: string | null;
  category: string;
  staffType: string | null;
  status: string;
  statusDate: string | null;
  formerUnit: string | null;
  phone: string | null;
  area: string | null;
  building: string | null;
  careFlags: string[];
  needsReview: boolean;
}

export interface ListPage {
  total: number;
  page: number;
  pageSize: number;
  rows: PersonRow[];
}

export interface OrgUnit {
  id: number;
  kind: string;
  name: string;
  parentId: number | null;
}

// --- the organisation network (组织网络) ------------------------------------------------------------

const placeName = (what: string) => z.string().trim().max(50, `${what}名称不能超过 50 个字`);
/** A unit: a group by its id, or a place by the names the files carry ('' area: 未分片区). */
export const UnitRef = z.union([
  z.object({ kind: z.enum(['行政大组', '行政小组', '党支部', '党小组']), id }),
  z.object({ kind: z.literal('片区'), area: placeName('片区') }),
  z.object({ kind: z.literal('楼栋'), area: placeName('片区'), building: placeName('楼栋').min(1, '请填写楼栋名称') }),
]);
export type UnitRef = z.output<typeof UnitRef>;

/** One text key per unit, for lists and addresses. */
export function unitKey(ref: UnitRef): string {
  return ref.kind === '片区' ? `片区:${ref.area}` : ref.kind === '楼栋' ? `楼栋:${ref.area}/${ref.building}` : `${ref.kind}:${ref.id}`;
}

export interface UnitFigures {
  members: number;
  over80: number;
  over90: number;
  livingAlone: number;
  disabled: number;
  partyMembers: number;
  diedThisYear: number;
}

export interface NetworkUnit {
  ref: UnitRef;
  key: string;
  name: string;
  parentKey: string | null;
  leader: string | null;
  leaderPersonId: number | null;
  phone: string | null;
  note: string | null;
  figures: UnitFigures;
}

export interface UnitMember {
  personId: number;
  name: string;
  gender: string | null;
  age: number | null;
  phones: string[];
  address: string | null;
  building: string | null;
  partyMember: boolean;
  emergency: string | null;
  /** Why word may have to be brought to them (失能, 独居, 异地居住, 90 岁以上). */
  cannotCome: string[];
}

export interface Figures {
  today: string;
  activeByCategory: Record<string, number>;
  activeTotal: number;
  over80: number;
  over90: number;
  over100: number;
  deathsThisYear: number;
  needsReview: number;
}

export interface BackupEntry {
  name: string;
  kind: string;
  kindLabel: string;
  takenAt: string;
  size: number;
}

export interface AppInfo {
  orgName: string;
  operatorName: string;
  configured: boolean;
  dbPath: string;
  backupsDir: string;
  keptAsideDir: string;
  /** What happened at start that the user must be told (a recovery from a backup …). */
  notices: string[];
  sqliteVersion: string;
  appVersion: string;
}

export interface HistoryChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface HistoryItem {
  id: number;
  at: string;
  operator: string;
  what: string;
  reason: string | null;
  changes: HistoryChange[];
}

export interface IdCheckResult {
  ok: boolean;
  normalized: string | null;
  from15: boolean;
  birthDate: string | null;
  gender: string | null;
  /** Errors block saving; warnings need the user's confirmation. */
  errors: string[];
  warnings: string[];
}


// ---- Importing rosters -----------------------------------------------------------------------

export interface RowIssue {
  column: string;
  code: string;
  message: string;
  /** The value in the file, where the user can map it (an unknown category word). */
  value?: string;
}

export type ImportOutcome = 'inserted' | 'updated' | 'merged' | 'skipped' | 'excluded' | 'rejected';
export type NonDataOutcome = 'title' | 'header' | 'blank' | 'total' | 'note';

export interface ReportRow {
  sheet: string;
  /** 1-based, as Excel shows it. */
  row: number;
  outcome: ImportOutcome | NonDataOutcome | 'data';
  personId: number | null;
  name: string | null;
  issues: RowIssue[];
  /** For a person already on file: the fields where the file and the roster differ. */
  conflicts: { field: string; existing: string; incoming: string }[];
}

export interface ImportCounts {
  dataRows: number;
  nonDataRows: number;
  inserted: number;
  updated: number;
  merged: number;
  skipped: number;
  excluded: number;
  rejected: number;
  needsReview: number;
}

export interface ImportReport extends ImportCounts {
  importId: number | null;
  file: string;
  /** Each sheet's header labels, the field of each column and why (imports logged before issue 14 lack fields and reasons). */
  sheets: { name: string; hidden: boolean; dataRows: number; header: string[] | null; fields?: (string | null)[] | null; reasons?: string[] | null }[];
  rows: ReportRow[];
  /** Sheets that do not look like a roster (a dry run says so; a commit needs confirmNotRoster). */
  notARoster?: NotARoster[];
}

/**
 * A sheet that does not look like a roster: many rows for few names, like an attendance log
 * (issue 14: 7,461 rows of 129 names were taken for 7,461 people). Committing it needs the
 * user's explicit confirmation (`confirmNotRoster`).
 */
export interface NotARoster {
  sheet: string;
  rows: number;
  names: number;
  /** The question, in a sentence for the office. */
  message: string;
}

/**
 * A sheet's columns as the import recognised them: the label, the field (null: none, the values
 * are kept) and why (按表头：出生年月, 按内容判断：98% 为身份证号, 按指定的对应：身份证号).
 */
export interface ImportColumns {
  sheet: string;
  labels: string[];
  fields: (string | null)[];
  reasons: string[];
  /**
   * Only in a trial's answer where no sheet has every column the kind needs: the required fields
   * no column is (each entry: fields any one of which will do). Nothing is read until the user
   * maps a column to each.
   */
  missing?: string[][];
}

/** `{ "表头文字": "字段名" }`: a mapping the user gives an import (the CLI's --map; a field by its name or its Chinese name, null for none). */
export const ColumnMap = boundedRecord(chars(50).nullable(), 100, 500);

export interface ImportPreview {
  session: string;
  fileName: string;
  format: string;
  sheets: {
    name: string;
    hidden: boolean;
    rowCount: number;
    hiddenRows: number;
    dataRows: number;
    /** `reasons`: why each column has its field, or none (按表头：出生年月, 按内容判断：98% 为身份证号). */
    header: { firstRow: number; lastRow: number; labels: string[]; fields: (string | null)[]; reasons: string[] } | null;
  }[];
  counts: ImportCounts & { problems: number };
  /** Rows below the header that are totals or subtotals (合计行), and footers or notes (制表人, 注): not imported. */
  totalRows: number;
  noteRows: number;
  /** Empty unless a sheet looks like something other than a roster: then commit asks confirmNotRoster. */
  notARoster: NotARoster[];
  unknownValues: { field: string; value: string; count: number }[];
  fieldChoices: { value: string; label: string }[];
}

export interface PreviewRow extends ReportRow {
  hidden: boolean;
  cells: string[];
}

export interface JobStatus {
  id: string;
  kind: 'import';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  result: unknown;
  error: RpcError | null;
}

export interface ImportHistoryEntry {
  id: number;
  fileName: string;
  at: string;
  operator: string;
  undoneAt: string | null;
  counts: ImportCounts;
}

/** Fields an import wrote that were edited since: undo leaves them as edited. */
export interface KeptEdit {
  personId: number;
  name: string;
  /** The fields, by their Chinese labels. */
  fields: string[];
}

export interface UndoCheck {
  /** Files the import created that were changed again since: undoing removes them with those changes. */
  editedSince: { personId: number; name: string }[];
  /** Fields the import wrote to files it did not create, edited since: undo keeps the edits. */
  keptEdits: KeptEdit[];
}

export interface UndoResult {
  removed: number;
  restored: number;
  keptEdits: KeptEdit[];
  /** What was done and what was not, in a sentence for the office. */
  message: string;
}

// --- claims (药费报销) ------------------------------------------------------------------------

/** An amount as typed, in yuan (`1,234.50`), to integer fen; never a float. */
const yuan = (what: string) =>
  z.string({ error: `请填写${what}` }).max(SHORT, `${what}过长`).transform((s, ctx) => {
    try {
      const fen = parseYuan(s);
      if (fen < 0) ctx.addIssue({ code: 'custom', message: '不能为负数' });
      return fen;
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof UserError ? e.message : String(e) });
      return z.NEVER;
    }
  });

export const ClaimLineInput = z
  .object({
    invoiceCode: text(30),
    invoiceNo: z.string({ error: '请填写票据号' }).trim().min(1, '请填写票据号').max(40),
    hospital: text(100),
    visitDate: fullDate('就医日期'),
    kind: z.enum(LINE_KINDS, { error: '请选择费用类别（门诊、住院、特殊病种或药店）' }),
    total: yuan('总金额'),
    fund: yuan('统筹支付'),
    account: yuan('个人账户支付'),
    self: yuan('个人自付'),
    /** Defaults to 自付; another amount needs a reason. */
    eligible: yuan('符合报销金额').nullish(),
    eligibleReason: text(200),
  })
  .superRefine((l, ctx) => {
    if (l.fund + l.account + l.self !== l.total) {
      ctx.addIssue({ code: 'custom', path: ['total'], message: '统筹支付、个人账户支付与个人自付之和应等于总金额' });
    }
    if (l.eligible != null && l.eligible !== l.self && !l.eligibleReason) {
      ctx.addIssue({ code: 'custom', path: ['eligibleReason'], message: '符合报销金额与个人自付不同，请填写原因' });
    }
    if (l.eligible != null && l.eligible > l.total) ctx.addIssue({ code: 'custom', path: ['eligible'], message: '符合报销金额不能超过总金额' });
  })
  .transform((l) => ({ ...l, eligible: l.eligible ?? l.self }));
export type ClaimLineInput = z.output<typeof ClaimLineInput>;

export const ClaimInput = z.object({
  personId: id,
  receivedDate: fullDate('收件日期'),
  note: text(500),
  lines: z.array(ClaimLineInput).min(1, '请至少填写一张票据').max(200, '一张报销单最多 200 张票据'),
});
export type ClaimInput = z.output<typeof ClaimInput>;

export const CLAIM_STATUSES = ['登记', '审核', '批准', '已发放', '退回'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface ClaimLineView {
  id: number;
  seq: number;
  invoiceCode: string | null;
  invoiceNo: string;
  hospital: string | null;
  visitDate: string;
  kind: (typeof LINE_KINDS)[number];
  totalFen: number;
  fundFen: number;
  accountFen: number;
  selfFen: number;
  eligibleFen: number;
  eligibleReason: string | null;
  /** Null until the claim is approved. */
  payFen: number | null;
  deductibleFen: number | null;
  ratioBp: number | null;
  explanation: string | null;
}

export interface ClaimFile {
  id: number;
  version: number;
  personId: number;
  personName: string;
  idNumberMasked: string | null;
  category: string;
  status: ClaimStatus;
  source: '登记' | '台账' | '冲销';
  receivedDate: string;
  note: string | null;
  returnReason: string | null;
  reversalOf: number | null;
  reversedBy: number | null;
  corrects: number | null;
  approvalSeq: number | null;
  approvedAt: string | null;
  approvedBy: string | null;
  batchId: number | null;
  paidAt: string | null;
  createdAt: string;
  createdBy: string;
  lines: ClaimLineView[];
  /** Scans of the invoices and receipts. */
  attachments: AttachmentInfo[];
  eligibleFen: number;
  payFen: number | null;
}

export type ClaimListItem = Omit<ClaimFile, 'lines' | 'attachments'> & { lineCount: number };

export interface YearStatement {
  personId: number;
  name: string;
  idNumberMasked: string | null;
  category: string;
  year: number;
  policy: CategoryPolicy | null;
  eligibleFen: number;
  reimbursedFen: number;
  deductibleUsedFen: number;
  /** Null where there is no cap. */
  capLeftFen: number | null;
  claims: ClaimFile[];
}

export interface PolicyView {
  year: number;
  category: string;
  /** Null: not set (离休 then follows the default). */
  versionId: number | null;
  rules: CategoryPolicy;
  isDefault: boolean;
  note: string | null;
  savedAt: string | null;
  savedBy: string | null;
  /** Approved lines computed under this version: an edit applies to later approvals only. */
  usedByLines: number;
}

export interface SimulationResult {
  year: number;
  total: { paidFen: number; simulatedFen: number };
  people: { personId: number; idNumber: string | null; name: string; category: string; paidFen: number; simulatedFen: number }[];
}

export interface BatchView {
  id: number;
  name: string;
  status: '待发放' | '已发放';
  createdAt: string;
  createdBy: string;
  paidAt: string | null;
  paidBy: string | null;
  rows: { claimId: number; personId: number; name: string; idNumber: string | null; bankName: string | null; bankAccount: string | null; payFen: number }[];
  totalFen: number;
  totalCapital: string;
}

export interface ClaimsReport {
  year: number;
  /** Null: the whole year. */
  month: number | null;
  byMonth: { month: string; lines: number; eligibleFen: number; payFen: number }[];
  byCategory: { category: string; people: number; payFen: number }[];
  byKind: { kind: string; lines: number; payFen: number }[];
  /** The year's; empty in a month's report. */
  nearCap: { personId: number; name: string; category: string; reimbursedFen: number; capFen: number; leftFen: number }[];
}

export interface LedgerImportReport {
  importId: number | null;
  file: string;
  dataRows: number;
  inserted: number;
  rejected: number;
  rows: { row: number; outcome: 'inserted' | 'rejected'; name: string | null; issues: { column: string; code: string; message: string }[] }[];
  /** How the ledger's columns were recognised: the mapping step's answer. */
  columns?: ImportColumns[];
}

// --- visits and care (走访慰问) ------------------------------------------------------------------

export const VisitInput = z.object({
  personId: id,
  kind: z.enum(VISIT_KINDS, { error: '请选择慰问类别' }),
  date: fullDate('走访日期'),
  visitors: text(100),
  money: yuan('慰问金').nullish().transform((v) => v ?? 0),
  items: text(200),
  note: text(1000),
  followUpOn: fullDate('回访日期').nullish().transform((v) => v ?? null),
  /** The visit was also this year's pension eligibility certification. */
  certify: z.boolean().default(false),
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
}

export interface DeathFile {
  personId: number;
  name: string;
  diedOn: string;
  reportedBy: string | null;
  note: string | null;
  registeredAt: string;
  registeredBy: string;
  tasks: { task: DeathTask; amountFen: number | null; doneOn: string | null; doneBy: string | null; note: string | null }[];
}

export interface Reminders {
  today: string;
  birthdays: { personId: number; name: string; birthDate: string; turning: number; on: string; inDays: number }[];
  followUps: { visitId: number; personId: number; name: string; kind: VisitKind; followUpOn: string; overdue: boolean }[];
  notContacted: { personId: number; name: string; lastContact: string | null; allowedDays: number; why: string }[];
  hospital: { personId: number; name: string; visitDate: string; hospital: string | null }[];
}

export const ReminderRulesInput = z.object({
  milestones: z.array(z.number().int().min(1).max(150)).max(30),
  everyYearFrom: z.number().int().min(1).max(150).nullable(),
  birthdayDays: z.number().int().min(1).max(366),
  contactDays: z.object({ aloneChildless: z.number().int().min(1).max(3650), disabled: z.number().int().min(1).max(3650), others: z.number().int().min(1).max(3650) }),
  hospitalDays: z.number().int().min(1).max(3650),
}) satisfies z.ZodType<ReminderRules>;

// --- letters (信函) ------------------------------------------------------------------------------

const letterKind = z.enum(LETTER_KIND_KEYS as [LetterKind, ...LetterKind[]], { error: '没有这种信函模板' });

export const LetterTemplateInput = z.object({
  kind: letterKind,
  title: z.string().trim().min(1, '请填写标题').max(30),
  salutation: z.string().trim().min(1, '请填写称谓').max(100),
  body: z.string().trim().min(1, '请填写正文').max(5000),
  closing: z.string().trim().max(100),
  dateStyle: z.enum(['arabic', 'chinese']),
  addressForm: z.enum(ADDRESS_FORMS),
}) satisfies z.ZodType<LetterTemplate>;

/** Who a print is for: people by id, or the people of a festival batch. */
const Addressees = {
  personIds: z.array(id).max(5000).default([]),
  visitBatchId: optionalId,
};

export interface PrintableView {
  title: string;
  css: string;
  body: string;
  count: number;
  missing: { personId: number; name: string; why: string }[];
}

export interface LetterLogEntry {
  kind: LetterKind;
  title: string;
  printedAt: string;
  printedBy: string;
  batch: string | null;
}

// --- the annual pension adjustment check (调资核对) ------------------------------------------------

export interface AdjustmentRunView {
  id: number;
  year: number;
  fileName: string;
  importedAt: string;
  importedBy: string;
  /** The rule the rows were computed under. */
  rule: AdjustmentRule;
  counts: { dataRows: number; matched: number; unmatched: number; rejected: number; differs: number; noExpected: number; checked: number; skipped: number };
  /** How the list's columns were recognised (the answer to an import, not kept with the run). */
  columns?: ImportColumns[];
}

export interface AdjustmentRowView {
  id: number;
  sheet: string;
  row: number;
  outcome: 'matched' | 'unmatched' | 'rejected';
  personId: number | null;
  idNumber: string | null;
  name: string | null;
  oldFen: number | null;
  newFen: number | null;
  /** The increase the agency gave. */
  agencyFen: number | null;
  /** The increase the rule gives; null where the file lacks what it needs. */
  expectedFen: number | null;
  /** agency − expected. */
  diffFen: number | null;
  breakdown: string[];
  issues: { column: string; code: string; message: string }[];
  raw: Record<string, string>;
  checkedOn: string | null;
  checkedBy: string | null;
  checkNote: string | null;
}

const ADJUSTMENT_FILTERS = ['all', 'differs', 'unmatched', 'rejected', 'noExpected', 'unchecked', 'checked', 'toCheck'] as const;
const adjustmentYear = z.number().int().min(2000).max(2200);

// --- petitions (信访接待) -------------------------------------------------------------------------

export const PetitionInput = z.object({
  receivedOn: fullDate('收到日期'),
  channel: z.enum(PETITION_CHANNELS, { error: '请选择信访方式' }),
  /** A retiree on file; or null, and the petitioner's name. */
  personId: optionalId,
  petitioner: text(50),
  relation: text(20),
  phone: text(40),
  subject: z.string({ error: '请填写事由' }).trim().min(1, '请填写事由').max(100),
  content: z.string({ error: '请填写内容' }).trim().min(1, '请填写内容').max(10000),
  handler: text(50),
});
export type PetitionInput = z.output<typeof PetitionInput>;

export interface Petition {
  id: number;
  version: number;
  receivedOn: string;
  channel: (typeof PETITION_CHANNELS)[number];
  personId: number | null;
  petitioner: string;
  relation: string | null;
  phone: string | null;
  subject: string;
  content: string;
  handler: string | null;
  status: PetitionStatus;
  acceptedOn: string | null;
  rejectedReason: string | null;
  extensionDays: number | null;
  extensionReason: string | null;
  concludedOn: string | null;
  result: string | null;
  satisfaction: (typeof SATISFACTION)[number] | null;
  createdAt: string;
  createdBy: string;
  acceptBy: string;
  concludeBy: string | null;
  overdue: boolean;
}

// --- activities and study (文体活动与学习) -----------------------------------------------------------

export const ACTIVITY_KINDS = ['文体活动', '学习会', '组织生活会', '体检', '其他'] as const;
export const DELIVERY_WAYS = ['会上领取', '送学上门', '邮寄', '其他'] as const;

export const ActivityInput = z.object({
  kind: z.enum(ACTIVITY_KINDS, { error: '请选择活动类别' }),
  title: z.string({ error: '请填写活动名称' }).trim().min(1, '请填写活动名称').max(100),
  heldOn: fullDate('活动日期'),
  place: text(100),
  organiser: text(50),
  note: text(1000),
  /** Everyone on the roll in a unit of the organisation network is invited. */
  inviteUnit: UnitRef.nullish().transform((v) => v ?? null),
  inviteIds: z.array(id).max(20_000).default([]),
});
export type ActivityInput = z.output<typeof ActivityInput>;

export interface ActivityView {
  id: number;
  kind: (typeof ACTIVITY_KINDS)[number];
  title: string;
  heldOn: string;
  place: string | null;
  organiser: string | null;
  note: string | null;
  createdBy: string;
  invited: number;
  attended: number;
  people: { personId: number; name: string; invited: boolean; attended: boolean }[];
}

export const MaterialInput = z.object({
  title: z.string({ error: '请填写资料名称' }).trim().min(1, '请填写资料名称').max(100),
  issuedOn: fullDate('发放日期'),
  activityId: optionalId,
  note: text(1000),
});
export type MaterialInput = z.output<typeof MaterialInput>;

export interface MaterialView {
  id: number;
  title: string;
  issuedOn: string;
  activityId: number | null;
  activityTitle: string | null;
  note: string | null;
  received: number;
  deliveries: { personId: number; name: string; receivedOn: string; how: (typeof DELIVERY_WAYS)[number]; recordedBy: string }[];
  /** Invited to the material's meeting, did not come, not yet given it: 送学上门. */
  toDeliver: { personId: number; name: string; why: string }[];
}

export interface PersonActivities {
  activities: { id: number; kind: string; title: string; heldOn: string; invited: boolean; attended: boolean }[];
  materials: { id: number; title: string; receivedOn: string; how: string }[];
}

export interface PetitionAttachment {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  addedAt: string;
  addedBy: string;
}

const reasonText = (what: string) => z.string({ error: `请填写${what}` }).trim().min(1, `请填写${what}`).max(1000);

type Method<I extends z.ZodType, O> = { input: I; output?: O };
const method = <O>() => <I extends z.ZodType>(input: I): Method<I, O> => ({ input });

const Empty = z.object({}).default({});
const ById = z.object({ id });

export const contract = {
  'app.info': method<AppInfo>()(Empty),
  'app.setup': method<AppInfo>()(
    z.object({
      orgName: z.string().trim().min(1, '请填写单位名称').max(100),
      operatorName: z.string().trim().min(1, '请填写经办人姓名').max(50),
    }),
  ),
  'retirees.list': method<ListPage>()(ListQuery),
  'retirees.get': method<PersonFile>()(ById),
  'retirees.create': method<PersonFile>()(z.object({ person: PersonInput, ...SaveOptions })),
  'retirees.update': method<PersonFile>()(
    z.object({ id, ...editOf(PersonInput), ...SaveOptions }),
  ),
  'retirees.checkId': method<IdCheckResult>()(
    z.object({ idNumber: chars(30), birthDate: partialDate, gender: choice(GENDERS), excludeId: optionalId }),
  ),
  'retirees.history': method<HistoryItem[]>()(ById),
  'retirees.figures': method<Figures>()(Empty),
  'retirees.filterOptions': method<{ areas: string[]; buildings: string[] }>()(Empty),
  'attachments.add': method<AttachmentInfo>()(
    z.object({
      personId: id,
      fileName: z.string().trim().min(1).max(200),
      mime: z.string().max(100).default('application/octet-stream'),
      /** The file's bytes, base64: IPC and HTTP carry the same JSON. */
      dataBase64: z.string().min(1, '文件是空的').max(28_000_000, '单个附件不能超过 20 MB'),
      note: text(200),
      claimId: optionalId,
    }),
  ),
  'attachments.get': method<AttachmentInfo & { dataBase64: string }>()(ById),
  'attachments.remove': method<{ removed: true }>()(z.object({ id, reason: z.string().trim().min(1, '请填写删除原因').max(200) })),
  'org.units': method<OrgUnit[]>()(Empty),
  'org.create': method<OrgUnit>()(
    z.object({
      kind: z.enum(['行政大组', '行政小组', '党支部', '党小组']),
      name: z.string().trim().min(1, '请填写名称').max(50),
      parentId: optionalId,
    }),
  ),
  'org.tree': method<NetworkUnit[]>()(Empty),
  'org.saveUnit': method<NetworkUnit>()(
    z.object({ ref: UnitRef, name: text(50), leaderPersonId: optionalId, leader: text(50), phone: text(40), note: text(500) }),
  ),
  'org.move': method<NetworkUnit>()(z.object({ ref: UnitRef, to: UnitRef })),
  'org.merge': method<NetworkUnit>()(z.object({ from: UnitRef, into: UnitRef })),
  'org.assign': method<{ matched: number; changed: number }>()(z.object({ query: ListQuery, ref: UnitRef })),
  'org.members': method<UnitMember[]>()(z.object({ ref: UnitRef })),
  'org.contactSheet': method<PrintableView>()(z.object({ ref: UnitRef, tree: z.boolean().default(false) })),
  'org.exportSheet': method<{ fileName: string; dataBase64: string }>()(z.object({ ref: UnitRef })),
  'imports.open': method<ImportPreview>()(fileUpload({ fileName: z.string().trim().min(1).max(200) }, 100)),
  'imports.rows': method<{ total: number; rows: PreviewRow[] }>()(
    z.object({
      session: uuid,
      sheet: sheetName.nullish().transform((v) => v ?? null),
      filter: z.enum(['all', 'problems', 'duplicates', 'skipped']).default('all'),
      page: z.number().int().min(1).default(1),
    }),
  ),
  // Rows and columns are bounded by what a file may hold (shared/importLimits.ts), and by the
  // session's own sheet where the file is read (importer/commit.ts, applyEdits): issue 13, an
  // editCell with col 4294967294 made the worker build an array of that length.
  'imports.setHeader': method<ImportPreview>()(
    z.object({
      session: uuid,
      sheet: sheetName,
      firstRow: z.number().int().min(1).max(IMPORT_LIMITS.rows),
      lastRow: z.number().int().min(1).max(IMPORT_LIMITS.rows),
    }),
  ),
  'imports.setFields': method<ImportPreview>()(
    z.object({ session: uuid, sheet: sheetName, fields: list(chars(50).nullable(), 500) }),
  ),
  'imports.editCell': method<ImportPreview>()(
    z.object({
      session: uuid,
      sheet: sheetName,
      row: z.number().int().min(1).max(IMPORT_LIMITS.rows),
      col: z.number().int().min(0).max(IMPORT_LIMITS.columns - 1),
      value: z.string().max(2000).nullable(),
    }),
  ),
  'imports.mapValue': method<ImportPreview>()(
    z.object({ session: uuid, field: z.enum(['category']), value: z.string().max(100), target: z.enum(CATEGORIES) }),
  ),
  'imports.commit': method<JobStatus>()(
    z.object({
      session: uuid,
      excludedSheets: list(sheetName, 1000).default([]),
      excludedRows: list(z.object({ sheet: sheetName, row: z.number().int().min(1).max(IMPORT_LIMITS.rows) }), 200_000).default([]),
      duplicateMode: z.enum(['fillEmpty', 'overwrite', 'skip']).default('fillEmpty'),
      rowModes: boundedRecord(z.enum(['fillEmpty', 'overwrite', 'skip']), 300, 200_000).default({}),
      /** The user's answer to the preview's notARoster question: import it as a roster all the same. */
      confirmNotRoster: z.boolean().default(false),
    }),
  ),
  'imports.history': method<ImportHistoryEntry[]>()(Empty),
  'imports.undoCheck': method<UndoCheck>()(ById),
  'imports.undo': method<UndoResult>()(ById),
  'jobs.status': method<JobStatus>()(z.object({ id: uuid })),
  'jobs.cancel': method<JobStatus>()(z.object({ id: uuid })),
  'retirees.export': method<{ fileName: string; count: number; dataBase64: string }>()(
    z.object({ query: ListQuery, columns: list(z.enum(EXPORT_COLUMN_KEYS), EXPORT_COLUMN_KEYS.length).min(1).optional() }),
  ),
  'imports.template': method<{ fileName: string; dataBase64: string }>()(Empty),
  'imports.errorWorkbook': method<{ fileName: string; rows: number; dataBase64: string }>()(ById),
  'claims.list': method<{ total: number; rows: ClaimListItem[] }>()(
    z.object({
      status: z.enum(CLAIM_STATUSES).nullish().transform((v) => v ?? null),
      personId: optionalId,
      unbatched: z.boolean().default(false),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(500).default(50),
    }),
  ),
  'claims.get': method<ClaimFile>()(ById),
  'claims.create': method<ClaimFile>()(ClaimInput),
  'claims.update': method<ClaimFile>()(z.object({ id, ...editOf(ClaimInput, { checkBase: true }) })),
  'claims.move': method<ClaimFile>()(
    z.object({
      id,
      version: z.number().int().positive(),
      to: z.enum(['审核', '批准', '退回', '登记'], { error: '不支持的操作' }),
      reason: text(200),
    }),
  ),
  'claims.reverse': method<{ reversal: ClaimFile; correction: ClaimFile }>()(
    z.object({ id, version: z.number().int().positive(), reason: z.string({ error: '请填写冲销原因' }).trim().min(1, '请填写冲销原因').max(200) }),
  ),
  'claims.statement': method<YearStatement>()(z.object({ personId: id, year: z.number().int().min(1949).max(2200) })),
  'claims.policies': method<PolicyView[]>()(z.object({ year: z.number().int().min(1949).max(2200) })),
  'claims.savePolicy': method<PolicyView>()(
    z.object({ year: z.number().int().min(1949).max(2200), category: z.enum(CATEGORIES), rules: CategoryPolicy, note: text(200), loaded: loadedRecord(CategoryPolicy) }),
  ),
  'claims.policyGaps': method<{ year: number; category: string }[]>()(
    z.object({ personId: id, years: z.array(z.number().int().min(1949).max(2200)).max(100) }),
  ),
  'claims.simulate': method<SimulationResult>()(z.object({ policy: YearPolicy })),
  'claims.report': method<ClaimsReport>()(
    z.object({
      year: z.number().int().min(1949).max(2200),
      month: z.number().int().min(1).max(12).nullish().transform((v) => v ?? null),
      nearCapPercent: z.number().int().min(1).max(100).default(90),
    }),
  ),
  'claims.exportReport': method<{ fileName: string; dataBase64: string }>()(z.object({ year: z.number().int().min(1949).max(2200) })),
  'claims.importLedger': method<LedgerImportReport>()(
    fileUpload({ fileName: z.string().trim().min(1).max(200), dryRun: z.boolean().default(true), map: ColumnMap.optional() }, 50),
  ),
  'batches.list': method<BatchView[]>()(Empty),
  'batches.get': method<BatchView>()(ById),
  'batches.create': method<BatchView>()(
    z.object({ name: z.string({ error: '请填写批次名称' }).trim().min(1, '请填写批次名称').max(50), claimIds: z.array(id).min(1, '请至少选择一张已批准的报销单').max(5000) }),
  ),
  'batches.export': method<{ fileName: string; dataBase64: string }>()(ById),
  'batches.markPaid': method<BatchView>()(ById),
  'visits.list': method<Visit[]>()(z.object({ personId: id })),
  'visits.create': method<Visit>()(VisitInput),
  'visits.followUpDone': method<Visit>()(ById),
  'visits.createBatch': method<VisitBatchView>()(
    z.object({
      name: z.string({ error: '请填写批次名称' }).trim().min(1, '请填写批次名称').max(50),
      kind: z.enum(VISIT_KINDS),
      date: fullDate('慰问日期'),
      money: yuan('慰问金').nullish().transform((v) => v ?? 0),
      items: text(200),
      visitors: text(100),
      query: ListQuery,
    }),
  ),
  'visits.batches': method<Omit<VisitBatchView, 'rows'>[]>()(Empty),
  'visits.batch': method<VisitBatchView>()(ById),
  'deaths.get': method<{ death: DeathFile | null }>()(z.object({ personId: id })),
  'deaths.register': method<DeathFile>()(
    z.object({ personId: id, diedOn: fullDate('去世日期'), reportedBy: text(100), note: text(500) }),
  ),
  'deaths.task': method<DeathFile>()(
    z.object({
      personId: id,
      task: z.enum(DEATH_TASKS),
      doneOn: fullDate('办理日期'),
      amount: yuan('金额').nullish().transform((v) => v ?? null),
      note: text(200),
    }),
  ),
  'certifications.list': method<Certification[]>()(z.object({ personId: id })),
  'certifications.create': method<Certification>()(
    z.object({ personId: id, certifiedOn: fullDate('认证日期'), method: z.enum(CERTIFICATION_METHODS, { error: '请选择认证方式' }), note: text(200) }),
  ),
  'certifications.lists': method<CertificationLists>()(z.object({ year: z.number().int().min(2000).max(2200) })),
  'reminders.get': method<Reminders>()(Empty),
  'reminders.rules': method<ReminderRules>()(Empty),
  'reminders.saveRules': method<ReminderRules>()(ReminderRulesInput),
  'letters.templates': method<(LetterTemplate & { isDefault: boolean })[]>()(Empty),
  'letters.saveTemplate': method<LetterTemplate & { isDefault: boolean }>()(LetterTemplateInput),
  'letters.resetTemplate': method<LetterTemplate & { isDefault: boolean }>()(z.object({ kind: letterKind })),
  'letters.setAddressForm': method<{ saved: true }>()(z.object({ personId: id, form: z.enum(ADDRESS_FORMS).nullable() })),
  'letters.addressForm': method<{ form: (typeof ADDRESS_FORMS)[number] | null }>()(z.object({ personId: id })),
  'letters.render': method<PrintableView>()(
    z.object({
      kind: letterKind,
      ...Addressees,
      paper: z.enum(['A4', '16K']).default('A4'),
      date: fullDate('落款日期').nullish().transform((v) => v ?? null),
      visitDate: fullDate('走访日期').nullish().transform((v) => v ?? null),
      gift: text(100),
      /** Printing: every letter is logged. A preview is not. */
      print: z.boolean().default(false),
    }),
  ),
  'letters.envelopes': method<PrintableView>()(
    z.object({ ...Addressees, size: z.enum(['DL', 'C5']).nullish().transform((v) => v ?? null), sheet: z.enum(['2x7', '3x8']).nullish().transform((v) => v ?? null), toFamily: z.boolean().default(false) }),
  ),
  'letters.log': method<LetterLogEntry[]>()(z.object({ personId: id })),
  'letters.assets': method<{ letterhead: string | null; seal: string | null; orgAddress: string | null; orgPostcode: string | null }>()(Empty),
  'letters.setAssets': method<{ saved: true }>()(
    z.object({
      letterhead: z.string().max(3_000_000, '图片不能超过 2 MB').nullish(),
      seal: z.string().max(3_000_000, '图片不能超过 2 MB').nullish(),
      orgAddress: text(200),
      orgPostcode: chars(SHORT).trim().regex(/^(\d{6})?$/, '邮编应为六位数字').nullish(),
    }),
  ),
  'petitions.list': method<Petition[]>()(
    z.object({
      personId: optionalId,
      from: fullDate('起始日期').nullish().transform((v) => v ?? null),
      to: fullDate('截止日期').nullish().transform((v) => v ?? null),
      openOnly: z.boolean().default(false),
    }),
  ),
  'petitions.overdue': method<Petition[]>()(Empty),
  'petitions.get': method<Petition>()(ById),
  'petitions.create': method<Petition>()(PetitionInput),
  'petitions.advance': method<Petition>()(
    z.object({
      id,
      version: z.number().int().positive(),
      step: z.discriminatedUnion('step', [
        z.object({ step: z.literal('accept'), on: fullDate('受理日期') }),
        z.object({ step: z.literal('reject'), on: fullDate('告知日期'), reason: reasonText('不予受理的理由') }),
        z.object({ step: z.literal('extend'), days: z.number().int(), reason: reasonText('延期理由') }),
        z.object({ step: z.literal('conclude'), on: fullDate('办结日期'), result: reasonText('办理结果'), satisfaction: z.enum(SATISFACTION).nullable() }),
      ]),
    }),
  ),
  'petitions.register': method<{ fileName: string; dataBase64: string }>()(z.object({ from: fullDate('起始日期'), to: fullDate('截止日期') })),
  'adjustments.rule': method<{ rule: AdjustmentRule | null }>()(z.object({ year: adjustmentYear })),
  'adjustments.saveRule': method<AdjustmentRule>()(z.object({ rule: SavedAdjustmentRule, loaded: loadedRecord(AdjustmentRule) })),
  'adjustments.import': method<AdjustmentRunView>()(
    fileUpload({ year: adjustmentYear, fileName: z.string().trim().min(1).max(200), dryRun: z.boolean().default(false), map: ColumnMap.optional() }, 100),
  ),
  'adjustments.runs': method<AdjustmentRunView[]>()(z.object({ year: adjustmentYear })),
  'adjustments.rows': method<{ total: number; rows: AdjustmentRowView[] }>()(
    z.object({ runId: id, filter: z.enum(ADJUSTMENT_FILTERS).default('all'), page: z.number().int().min(1).default(1) }),
  ),
  'adjustments.check': method<AdjustmentRowView>()(z.object({ id, note: text(200) })),
  'adjustments.uncheck': method<AdjustmentRowView>()(z.object({ id, reason: reasonText('撤销核对的原因') })),
  'adjustments.recompute': method<AdjustmentRunView>()(z.object({ runId: id })),
  'adjustments.exportDiffs': method<{ fileName: string; rows: number; dataBase64: string }>()(z.object({ runId: id })),
  'adjustments.notices': method<PrintableView>()(z.object({ runId: id, rowIds: z.array(id).max(200_000).default([]) })),
  'adjustments.ofPerson': method<(AdjustmentRowView & { year: number })[]>()(z.object({ personId: id })),
  'petitions.attachments': method<PetitionAttachment[]>()(ById),
  'petitions.attach': method<PetitionAttachment>()(
    z.object({
      id,
      fileName: z.string().trim().min(1).max(200),
      mime: z.string().max(100).default('application/octet-stream'),
      dataBase64: z.string().min(1, '文件是空的').max(28_000_000, '单个附件不能超过 20 MB'),
    }),
  ),
  'petitions.attachment': method<PetitionAttachment & { dataBase64: string }>()(ById),
  'petitions.registerPrint': method<PrintableView>()(z.object({ from: fullDate('起始日期'), to: fullDate('截止日期') })),
  'activities.list': method<ActivityView[]>()(z.object({ year: z.number().int().min(2000).max(2200) })),
  'activities.get': method<ActivityView>()(ById),
  'activities.create': method<ActivityView>()(ActivityInput),
  'activities.attendance': method<ActivityView>()(z.object({ id, personIds: z.array(id).min(1).max(20_000), attended: z.boolean() })),
  'activities.ofPerson': method<PersonActivities>()(z.object({ personId: id })),
  'materials.list': method<Omit<MaterialView, 'deliveries' | 'toDeliver'>[]>()(Empty),
  'materials.get': method<MaterialView>()(ById),
  'materials.create': method<MaterialView>()(MaterialInput),
  'materials.deliver': method<MaterialView>()(
    z.object({ id, personIds: z.array(id).min(1, '请选择领取人').max(20_000), how: z.enum(DELIVERY_WAYS, { error: '请选择领取方式' }), on: fullDate('领取日期') }),
  ),
  'backups.list': method<BackupEntry[]>()(Empty),
  'backups.create': method<BackupEntry>()(Empty),
  'backups.restore': method<{ restoredFrom: BackupEntry; keptAsideAs: string }>()(
    z.object({ name: chars(100).regex(/^[a-z-]+-\d{8}-\d{6}\.sqlite$/, '备份文件名不正确') }),
  ),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = NonNullable<Contract[M]['output']>;

export interface RpcError {
  code: string;
  message: string;
  details?: unknown;
}
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
