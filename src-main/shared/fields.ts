// The fields of a retiree's file (人员档案), each once: its Chinese label and its kind. The form,
// the history tab (audit/describe.ts), an import's field names (shared/importFields.ts) and the
// exported roster's column heads (exporter/roster.ts) all read their words here, so a field is
// called the same wherever staff meet it, and an exported roster imports back.
import {
  BIRTHDAY_CALENDARS,
  CATEGORIES,
  DISABILITY_LEVELS,
  GENDERS,
  HEALTH_CHOICES,
  LIVING_ARRANGEMENTS,
  POLITICAL_STATUSES,
  RANKS,
  STAFF_TYPES,
  STATUSES,
  UNIT_NATURES,
} from './person';

/**
 * What a field holds, which decides how it is written: `id` is a number kept as text (ID, bank
 * account, postcode); `date` ISO text, perhaps only a year and month; `years` whole years, `months` months;
 * `choice` one of `choices`; `unit` an organisation unit's id; `phones`, `contacts`, `list` lists.
 */
export type FieldKind =
  'text' | 'id' | 'date' | 'years' | 'months' | 'bool' | 'choice' | 'unit' | 'phones' | 'contacts' | 'list' | 'file';

export interface FieldDef {
  label: string;
  kind: FieldKind;
  choices?: readonly string[];
}

export const PERSON_FIELDS = {
  name: { label: '姓名', kind: 'text' },
  gender: { label: '性别', kind: 'choice', choices: GENDERS },
  ethnicity: { label: '民族', kind: 'text' },
  birthDate: { label: '出生日期', kind: 'date' },
  birthdayCalendar: { label: '生日历法', kind: 'choice', choices: BIRTHDAY_CALENDARS },
  lunarBirthday: { label: '农历生日', kind: 'text' },
  idNumber: { label: '身份证号', kind: 'id' },
  idFrom15: { label: '由15位升级', kind: 'bool' },
  category: { label: '人员类别', kind: 'choice', choices: CATEGORIES },
  staffType: { label: '身份', kind: 'choice', choices: STAFF_TYPES },
  workStartDate: { label: '参加工作时间', kind: 'date' },
  retirementDate: { label: '离退休时间', kind: 'date' },
  formerUnit: { label: '原单位/部门', kind: 'text' },
  formerPosition: { label: '原职务/职称', kind: 'text' },
  politicalStatus: { label: '政治面貌', kind: 'choice', choices: POLITICAL_STATUSES },
  partyBranchId: { label: '党支部', kind: 'unit' },
  partyGroupId: { label: '党小组', kind: 'unit' },
  adminGroupId: { label: '行政大组', kind: 'unit' },
  adminSubgroupId: { label: '行政小组', kind: 'unit' },
  health: { label: '健康状况', kind: 'choice', choices: HEALTH_CHOICES },
  living: { label: '居住情况', kind: 'choice', choices: LIVING_ARRANGEMENTS },
  /** The special-care flags (重点关爱) as one text: what an exported roster and an import carry. */
  care: { label: '重点关爱', kind: 'text' },
  careAloneChildless: { label: '孤寡', kind: 'bool' },
  careDisability: { label: '失能情况', kind: 'choice', choices: DISABILITY_LEVELS },
  careHardship: { label: '生活困难', kind: 'bool' },
  careEmptyNest: { label: '空巢', kind: 'bool' },
  remote: { label: '异地居住', kind: 'bool' },
  remoteCity: { label: '异地居住城市', kind: 'text' },
  remoteUnit: { label: '当地管理单位', kind: 'text' },
  remoteUnitPhone: { label: '当地管理单位电话', kind: 'text' },
  remoteCommunity: { label: '居住地社区', kind: 'text' },
  remoteCommunityPhone: { label: '居住地社区电话', kind: 'text' },
  remotePolice: { label: '居住地派出所', kind: 'text' },
  remotePolicePhone: { label: '居住地派出所电话', kind: 'text' },
  contributionYears: { label: '缴费年限', kind: 'years' },
  contributionMonths: { label: '缴费年限另计月数', kind: 'months' },
  remoteArea: { label: '艰苦边远地区', kind: 'bool' },
  unitNature: { label: '单位性质', kind: 'choice', choices: UNIT_NATURES },
  rank: { label: '职级', kind: 'choice', choices: RANKS },
  treatment: { label: '现享受待遇', kind: 'text' },
  treatmentApprovedOn: { label: '待遇批准时间', kind: 'date' },
  treatmentApprovalNo: { label: '待遇批准文号', kind: 'text' },
  counted: { label: '统计标志', kind: 'bool' },
  level: { label: '层级', kind: 'text' },
  phones: { label: '联系电话', kind: 'phones' },
  address: { label: '住址', kind: 'text' },
  postcode: { label: '邮编', kind: 'id' },
  area: { label: '片区', kind: 'text' },
  building: { label: '楼栋', kind: 'text' },
  community: { label: '社区', kind: 'text' },
  bankName: { label: '开户行', kind: 'text' },
  bankAccount: { label: '银行账号', kind: 'id' },
  status: { label: '状态', kind: 'choice', choices: STATUSES },
  statusDate: { label: '状态日期', kind: 'date' },
  note: { label: '备注', kind: 'text' },
  reviewFlags: { label: '待核实事项', kind: 'list' },
  contacts: { label: '家属及联系人', kind: 'contacts' },
  attachment: { label: '附件', kind: 'file' },
} as const satisfies Record<string, FieldDef>;

export type PersonField = keyof typeof PERSON_FIELDS;

/**
 * What the upward tables count by (统计年报, issue 19 item 5), in the order a list has them: the
 * import's fields, the export's columns and what an import merges into a file on record.
 */
export const UPWARD_FIELDS = [
  'unitNature',
  'rank',
  'treatment',
  'treatmentApprovedOn',
  'treatmentApprovalNo',
  'counted',
  'level',
] as const satisfies readonly PersonField[];

/**
 * Who looks after a person living elsewhere (异地居住, issue 21 item 3), in the order a list has them:
 * the import's fields, the export's columns and what an import merges into a file on record. The
 * relative nearby is one of the file's contacts (就近照应).
 */
export const REMOTE_FIELDS = [
  'remoteUnit',
  'remoteUnitPhone',
  'remoteCommunity',
  'remoteCommunityPhone',
  'remotePolice',
  'remotePolicePhone',
] as const satisfies readonly PersonField[];

/** Each field's label by its key: for forms, messages and the history tab. */
export const FIELD_LABELS = Object.fromEntries(Object.entries(PERSON_FIELDS).map(([k, f]) => [k, f.label])) as Record<
  PersonField,
  string
>;

/** A label by a key that may be no field (a message naming what changed): the key itself then. */
export function fieldLabel(key: string): string {
  return (FIELD_LABELS as Record<string, string>)[key] ?? key;
}
