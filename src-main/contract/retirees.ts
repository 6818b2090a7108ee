// The contract of the retirees' files (人员档案): the person's form, the roster's search and figures,
// the history of a file, the ID-number check, attachments and the roster export.
import { z } from 'zod';
import { partialDate } from '../shared/dateSchemas';
import type { PersonAge } from '../shared/dates';
import { parseLunarDay } from '../shared/lunarWords';
import {
  BIRTHDAY_CALENDARS,
  CATEGORIES,
  type CareFlag,
  DISABILITY_LEVELS,
  GENDERS,
  LIVING_ARRANGEMENTS,
  RANKS,
  STAFF_TYPES,
  STATUSES,
  UNIT_NATURES,
} from '../shared/person';
import { REMOTE_FIELDS, UPWARD_FIELDS } from '../shared/fields';
import { MASKED_FIELD_PATTERN, type MaskedField, isMasked } from '../shared/mask';
import { ById, Empty, chars, choice, editOf, id, list, method, optionalId, text } from './common';

const PHONE_CHARS = /^[0-9０-９+\-－()（）\s转]+$/;
const PHONE_WORDS = '电话号码只能包含数字、“-”、括号和“转”';
const phoneNumber = z.string().trim().min(1, '请填写电话号码').max(40);
export const Phone = z.object({
  label: text(20),
  number: phoneNumber.regex(PHONE_CHARS, PHONE_WORDS),
});
export type Phone = z.output<typeof Phone>;

/**
 * A value as the file showed it: in an edit, a phone or bank account the user did not touch comes
 * back masked (`138****5076`). Only an edit accepts it, and the main process puts the stored value
 * back or refuses the save (retirees/masking.ts): a mask is never written.
 */
const asShown = (s: string, valid: (s: string) => boolean) => isMasked(s) || valid(s);
const PhoneAsShown = Phone.extend({
  number: phoneNumber.refine((s) => asShown(s, (v) => PHONE_CHARS.test(v)), PHONE_WORDS),
});
const BANK_ACCOUNT_WORDS = '银行账号只能包含数字';
const bankAccountOf = (valid: (s: string) => boolean) =>
  text(40).refine((s) => s === null || valid(s), BANK_ACCOUNT_WORDS);
const isBankAccount = (s: string) => /^[0-9\s]{8,40}$/.test(s);

export const ContactInput = z.object({
  id: optionalId,
  name: z.string().trim().min(1, '请填写家属或联系人的姓名').max(50),
  relation: text(20),
  phones: z.array(Phone).max(10).default([]),
  address: text(200),
  emergency: z.boolean().default(false),
  /** Lives near the person (就近照应): for a person living elsewhere, whom the office calls first. */
  nearby: z.boolean().default(false),
  note: text(500),
});
export type ContactInput = z.output<typeof ContactInput>;

export const PersonInput = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名过长'),
  gender: choice(GENDERS),
  ethnicity: text(20),
  birthDate: partialDate,
  /** 阴历: the birthday is kept by the lunar calendar, on lunarBirthday ('04-08', '闰04-08'), or the birth date's. */
  birthdayCalendar: z.enum(BIRTHDAY_CALENDARS).default('阳历'),
  lunarBirthday: text(8).refine(
    (s) => s === null || parseLunarDay(s) !== null,
    '农历生日应写成月-日，如 04-08（四月初八）或 闰04-08',
  ),
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
  /** Who looks after a person living elsewhere there: the local unit, 社区 and 派出所, each with its phone. */
  remoteUnit: text(100),
  remoteUnitPhone: text(50),
  remoteCommunity: text(100),
  remoteCommunityPhone: text(50),
  remotePolice: text(100),
  remotePolicePhone: text(50),
  /** 缴费年限 in full years (视同缴费 included), and 艰苦边远地区: what the pension adjustment rule needs. */
  contributionYears: z
    .number({ error: '缴费年限须为整数' })
    .int('缴费年限须为整数')
    .min(0, '缴费年限不能为负')
    .max(70, '缴费年限不能超过 70 年')
    .nullish()
    .transform((v) => v ?? null),
  /** The months beyond the full years (28 年 9 个月: 9), which the death benefits count (人社部发〔2021〕18号). */
  contributionMonths: z
    .number({ error: '缴费月数须为整数' })
    .int('缴费月数须为整数')
    .min(0, '缴费月数不能为负')
    .max(11, '缴费月数应为 0 至 11，满 12 个月请计入年数')
    .nullish()
    .transform((v) => v ?? null),
  remoteArea: z.boolean().default(false),
  /** What the upward tables (统计年报) count by: 单位性质, 职级, 现享受待遇 with its approval, 统计标志, 层级. */
  unitNature: choice(UNIT_NATURES),
  rank: choice(RANKS),
  treatment: text(50),
  treatmentApprovedOn: partialDate,
  treatmentApprovalNo: text(50),
  counted: z.boolean().default(true),
  level: text(50),
  phones: z.array(Phone).max(10).default([]),
  address: text(200),
  postcode: text(6).refine((s) => s === null || /^\d{6}$/.test(s), '邮编应为 6 位数字'),
  area: text(50),
  building: text(50),
  community: text(100),
  bankName: text(100),
  bankAccount: bankAccountOf(isBankAccount),
  status: z.enum(STATUSES).default('在册'),
  statusDate: partialDate,
  note: text(2000),
  contacts: z.array(ContactInput).max(50).default([]),
  /** What staff must look at (待核实): kept until they clear it. */
  reviewFlags: z.array(z.string().trim().min(1).max(300)).max(30).default([]),
});
export type PersonInput = z.output<typeof PersonInput>;

/** The form's fields as an edit sends them: phones and the bank account may come back as shown, masked. */
export const PersonAsShown = PersonInput.extend({
  phones: z.array(PhoneAsShown).max(10).default([]),
  bankAccount: bankAccountOf((s) => asShown(s, isBankAccount)),
  contacts: z
    .array(ContactInput.extend({ phones: z.array(PhoneAsShown).max(10).default([]) }))
    .max(50)
    .default([]),
});

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
  /** The visit the photo was taken at, if any. */
  visitId: number | null;
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

export const SORT_KEYS = [
  'name',
  'birthDate',
  'retirementDate',
  'formerUnit',
  'idNumber',
  'area',
  'updatedAt',
] as const;
export const CARE_FLAG_KEYS = [
  'aloneChildless',
  'disabled',
  'hardship',
  'emptyNest',
  'remote',
] as const satisfies readonly CareFlag[];

/** The columns an export can have, in the order the importer reads them back. */
export const EXPORT_COLUMN_KEYS = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'idNumber',
  'category',
  'staffType',
  'workStartDate',
  'retirementDate',
  'formerUnit',
  'formerPosition',
  'contributionYears',
  ...UPWARD_FIELDS,
  'politicalStatus',
  'phone',
  'address',
  'postcode',
  'area',
  'building',
  'community',
  'health',
  'living',
  'care',
  ...REMOTE_FIELDS,
  'bankName',
  'bankAccount',
  'status',
  'statusDate',
  'note',
] as const;

export const ListQuery = z.object({
  q: z.string().max(100).default(''),
  categories: list(z.enum(CATEGORIES), 10).default([]),
  statuses: list(z.enum(STATUSES), 10).default([]),
  area: text(50),
  /** The people living elsewhere in one city (异地居住); NO_CITY for the files marked so without a city. */
  remoteCity: text(50),
  building: text(50),
  adminGroupId: optionalId,
  partyBranchId: optionalId,
  partyMember: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
  minAge: z
    .number()
    .int()
    .min(0)
    .max(130)
    .nullish()
    .transform((v) => v ?? null),
  care: list(z.enum(CARE_FLAG_KEYS), 10).default([]),
  needsReview: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
  /**
   * Only those handed over to community management (社会化管理, org/handover.ts). No "not handed
   * over": that is nearly everyone, which the list's indexes could only answer by reading all.
   */
  socialized: z
    .literal(true)
    .nullish()
    .transform((v) => v ?? null),
  /** With status 已故: died on or after this date (the home page's 本年度去世). */
  statusDateFrom: partialDate,
  /** Unset: by name, or, when searching, best match first (retirees/list.ts rankedSearch). */
  sort: z.enum(SORT_KEYS).optional(),
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
  /** A search that found this person by part of the ID number or of a phone: which, and where. */
  match?: SearchMatch;
}

/** The part of an ID number or phone a search matched, shown with the rest masked. */
export interface SearchMatch {
  field: 'idNumber' | 'phone';
  /** The value, masked but for the characters that matched (`210102**5210**2571`). */
  text: string;
  /** The matched characters are text.slice(from, to). */
  from: number;
  to: number;
}

export interface ListPage {
  total: number;
  /** A search stops counting past SEARCH_CAP hits: `total` is then the cap and there are more (`1,000+`). */
  more: boolean;
  page: number;
  pageSize: number;
  rows: PersonRow[];
}

/** How many hits a search ranks and counts at most; past it the list says `1,000+`. */
export const SEARCH_CAP = 1000;

/** The city a file marked 异地居住 without one is listed under. */
export const NO_CITY = '未填城市';

/** A person living elsewhere (异地居住) as the list by city shows them: who looks after them there. */
export interface RemoteRow {
  personId: number;
  name: string;
  gender: string | null;
  age: number | null;
  category: string;
  /** 未填城市 for a file marked 异地居住 without one. */
  city: string;
  address: string | null;
  /** Masked on screen; in full in the export. */
  phones: string[];
  unit: string | null;
  unitPhone: string | null;
  community: string | null;
  communityPhone: string | null;
  police: string | null;
  policePhone: string | null;
  /** The contact marked 住在附近 (就近照应). */
  nearby: { name: string; relation: string | null; phones: string[] } | null;
  /** This year's pension certification (资格认证), if done. */
  certifiedOn: string | null;
  lastVisit: string | null;
}

export interface RemoteList {
  year: number;
  /** Every city with how many on the roll live there; 未填城市 last. */
  cities: { city: string; count: number }[];
  rows: RemoteRow[];
}

const RemoteQuery = z.object({
  /** One city (未填城市 for the files without one), or every city. */
  city: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .nullish()
    .transform((v) => v ?? null),
});

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

export const retireesMethods = {
  'retirees.list': method<ListPage>()(ListQuery, 'read'),
  'retirees.get': method<PersonFile>()(ById, 'read', { access: 'open', what: '查看档案', person: (i) => i.id }),
  'retirees.create': method<PersonFile>()(z.object({ person: PersonInput, ...SaveOptions }), 'files.write'),
  'retirees.update': method<PersonFile>()(z.object({ id, ...editOf(PersonAsShown), ...SaveOptions }), 'files.write'),
  'retirees.reveal': method<{ value: string }>()(
    z.object({
      id,
      field: chars(40).regex(MASKED_FIELD_PATTERN, '没有这一项可以显示') as unknown as z.ZodType<MaskedField, string>,
      reason: z.string().trim().min(1, '请填写或选择查看完整号码的原因').max(200, '原因不能超过 200 个字'),
    }),
    'reveal',
    {
      access: 'reveal',
      what: '显示完整号码',
      person: (i) => i.id,
      // Which field, and the reason the operator gave: what an auditor asks of a reveal.
      filter: ({ field, reason }) => ({ field, reason }),
    },
  ),
  'retirees.checkId': method<IdCheckResult>()(
    z.object({ idNumber: chars(30), birthDate: partialDate, gender: choice(GENDERS), excludeId: optionalId }),
    'files.write',
  ),
  'retirees.history': method<HistoryItem[]>()(ById, 'read'),
  'retirees.figures': method<Figures>()(Empty, 'read'),
  'retirees.filterOptions': method<{ areas: string[]; buildings: string[] }>()(Empty, 'read'),
  'attachments.add': method<AttachmentInfo>()(
    z.object({
      personId: id,
      fileName: z.string().trim().min(1).max(200),
      mime: z.string().max(100).default('application/octet-stream'),
      /** The file's bytes, base64: IPC and HTTP carry the same JSON. */
      dataBase64: z.string().min(1, '文件是空的').max(28_000_000, '单个附件不能超过 20 MB'),
      note: text(200),
      claimId: optionalId,
      visitId: optionalId,
    }),
    'files.write',
  ),
  'attachments.get': method<AttachmentInfo & { personId: number; dataBase64: string }>()(ById, 'read', {
    access: 'open',
    what: '查看附件',
  }),
  'attachments.remove': method<{ removed: true }>()(
    z.object({ id, reason: z.string().trim().min(1, '请填写删除原因').max(200) }),
    'files.write',
  ),
  /** The people living elsewhere, by city (异地居住): for mailings, visits and the yearly certification. */
  'retirees.remote': method<RemoteList>()(RemoteQuery, 'read'),
  'retirees.remoteExport': method<{ fileName: string; count: number; dataBase64: string }>()(
    RemoteQuery.extend({ full: z.boolean().default(false) }),
    'files.export',
    { access: 'export', what: '导出异地居住人员名单' },
  ),
  'retirees.export': method<{ fileName: string; count: number; dataBase64: string }>()(
    z.object({
      query: ListQuery,
      columns: list(z.enum(EXPORT_COLUMN_KEYS), EXPORT_COLUMN_KEYS.length).min(1).optional(),
      /** Full ID numbers, phones and bank accounts (the file that imports back); masked by default. */
      full: z.boolean().default(false),
      /** Through an export template (its columns, headings, formats and title), in place of `columns`. */
      templateId: optionalId,
    }),
    'files.export',
    {
      access: 'export',
      what: '导出人员名单',
      // The list's filter, without its paging (an export takes every row the filter selects).
      filter: ({
        query: { page: _page, pageSize: _size, sort: _sort, desc: _desc, ...query },
        columns,
        full,
        templateId,
      }) => ({ ...query, columns, full, templateId }),
    },
  ),
} as const;
