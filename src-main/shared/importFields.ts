// The fields an import can fill, and their Chinese names: pure, so the renderer's mapping step can
// offer them (the grammar that recognises them is in importer/grammar.ts). A field of the file is
// named as the file names it (shared/fields); only what a list says about a person without being a
// field of the file (a sequence number, 是否健在, 党员 是/否) is named here.
import { FIELD_LABELS as FILE, REMOTE_FIELDS, UPWARD_FIELDS } from './fields';

// --- a roster (花名册) ---------------------------------------------------------------------------

export const ROSTER_FIELDS = [
  'seq',
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
  'phone',
  'address',
  'party',
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
  'deathDate',
  'alive',
  'note',
] as const;
export type ImportField = (typeof ROSTER_FIELDS)[number];

/** The fields as the wizard and the CLI's `--map` name them. */
export const ROSTER_FIELD_NAMES: Record<ImportField, string> = {
  seq: '序号（不导入）',
  name: FILE.name,
  gender: FILE.gender,
  ethnicity: FILE.ethnicity,
  birthDate: FILE.birthDate,
  idNumber: FILE.idNumber,
  category: FILE.category,
  staffType: FILE.staffType,
  workStartDate: FILE.workStartDate,
  retirementDate: FILE.retirementDate,
  formerUnit: FILE.formerUnit,
  formerPosition: FILE.formerPosition,
  contributionYears: FILE.contributionYears,
  unitNature: FILE.unitNature,
  rank: FILE.rank,
  treatment: FILE.treatment,
  treatmentApprovedOn: FILE.treatmentApprovedOn,
  treatmentApprovalNo: FILE.treatmentApprovalNo,
  counted: FILE.counted,
  level: FILE.level,
  phone: FILE.phones,
  address: FILE.address,
  party: `${FILE.politicalStatus}/党员`,
  postcode: FILE.postcode,
  area: FILE.area,
  building: FILE.building,
  community: FILE.community,
  health: FILE.health,
  living: FILE.living,
  care: FILE.care,
  remoteUnit: FILE.remoteUnit,
  remoteUnitPhone: FILE.remoteUnitPhone,
  remoteCommunity: FILE.remoteCommunity,
  remoteCommunityPhone: FILE.remoteCommunityPhone,
  remotePolice: FILE.remotePolice,
  remotePolicePhone: FILE.remotePolicePhone,
  bankName: FILE.bankName,
  bankAccount: FILE.bankAccount,
  status: FILE.status,
  statusDate: FILE.statusDate,
  deathDate: '去世时间',
  alive: '是否健在',
  note: FILE.note,
};

// --- a claims ledger and the agency's adjustment list ----------------------------------------------

export const LEDGER_FIELDS = [
  'name',
  'idNumber',
  'visitDate',
  'hospital',
  'kind',
  'invoiceCode',
  'invoiceNo',
  'total',
  'fund',
  'account',
  'self',
  'eligible',
  'paid',
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

export const LEDGER_FIELD_NAMES: Record<LedgerField, string> = {
  name: FILE.name,
  idNumber: FILE.idNumber,
  visitDate: '就医日期',
  hospital: '医疗机构',
  kind: '费用类别',
  invoiceCode: '票据代码',
  invoiceNo: '票据号',
  total: '医疗总费用',
  fund: '基金支付',
  account: '个人账户',
  self: '现金支付',
  eligible: '符合报销金额',
  paid: '实报金额',
};

export const ADJUSTMENT_FIELDS = ['name', 'idNumber', 'old', 'new', 'increase'] as const;
export type AdjustmentField = (typeof ADJUSTMENT_FIELDS)[number];

export const ADJUSTMENT_FIELD_NAMES: Record<AdjustmentField, string> = {
  name: FILE.name,
  idNumber: FILE.idNumber,
  old: '调整前养老金',
  new: '调整后养老金',
  increase: '调整额',
};

/** The required fields a list lacks (each: fields any one of which will do), in Chinese: 费用类别、调整后养老金或调整额. */
export function missingFieldsText(
  missing: readonly (readonly string[])[],
  names: Readonly<Record<string, string>>,
): string {
  return [...new Set(missing.map((any) => any.map((f) => names[f] ?? f).join('或')))].join('、');
}
