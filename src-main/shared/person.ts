// The vocabulary of a retiree's file (人员档案). Enumerated values are stored as the Chinese words
// staff see and export, so the database, the CLI and every export say the same thing.

export const GENDERS = ['男', '女'] as const;
export const CATEGORIES = ['离休', '退休', '退职'] as const;
export const STAFF_TYPES = ['干部', '工人'] as const;
export const STATUSES = ['在册', '已故', '迁出'] as const;
export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '民主党派', '共青团员', '群众'] as const;
export const LIVING_ARRANGEMENTS = ['独居', '与配偶同住', '与子女同住', '养老机构'] as const;
export const DISABILITY_LEVELS = ['失能', '半失能'] as const;
export const HEALTH_CHOICES = ['良好', '一般', '较差', '长期患病', '卧床'] as const;
export const AGE_BANDS = [70, 80, 90, 100] as const;

export type Category = (typeof CATEGORIES)[number];
export type Status = (typeof STATUSES)[number];

/** 中共党员 and 中共预备党员 are party members: they belong to a party branch. */
export function isPartyMember(political: string | null | undefined): boolean {
  return political === '中共党员' || political === '中共预备党员';
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

/** What each field of the file is called, for forms and for the history tab. */
export const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idNumber: '身份证号',
  idFrom15: '由15位升级',
  category: '人员类别',
  staffType: '身份',
  workStartDate: '参加工作时间',
  retirementDate: '离退休时间',
  formerUnit: '原单位/部门',
  formerPosition: '原职务/职称',
  politicalStatus: '政治面貌',
  partyBranchId: '党支部',
  partyGroupId: '党小组',
  adminGroupId: '行政大组',
  adminSubgroupId: '行政小组',
  health: '健康状况',
  living: '居住情况',
  careAloneChildless: '孤寡',
  careDisability: '失能情况',
  careHardship: '生活困难',
  careEmptyNest: '空巢',
  remote: '异地居住',
  remoteCity: '异地居住城市',
  contributionYears: '缴费年限',
  remoteArea: '艰苦边远地区',
  phones: '联系电话',
  address: '住址',
  postcode: '邮编',
  area: '片区',
  building: '楼栋',
  community: '社区',
  bankName: '开户行',
  bankAccount: '银行账号',
  status: '状态',
  statusDate: '状态日期',
  note: '备注',
  reviewFlags: '待核实事项',
  contacts: '家属及联系人',
  attachment: '附件',
};
