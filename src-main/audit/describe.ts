// An audit row in the words staff read: what was done to which record, and each field that changed
// under its Chinese name with its value as the office writes it (money as yuan, percentages with
// %, dates in Chinese, yes/no as 是/否, a unit, a person, a batch by name, never an id or a key).
//
// Every entity the app audits and every field it puts in a snapshot is named here; a field not
// named here would reach the history tab as code, which tests/audit-words.test.ts refuses (it
// drives every writer of audit rows, and checks the snapshot types statically).
import type { AuditAction, FieldChange } from './audit';
import type { Store } from '../db/store';
import { formatChineseDate } from '../shared/dates';
import { LETTER_KINDS } from '../shared/letters';
import { bpText, formatYuan } from '../shared/money';
import { PERSON_FIELDS, type FieldKind } from '../shared/fields';
import { DATE_FORMATS, ID_FORMATS } from '../shared/exportFormats';
import { TEMPLATE_LISTS, exportColumnLabel, type ExportColumnKey } from '../contract/exportTemplates';

/** Names the formatter looks up: a person, a payment batch, an organisation unit, by id. */
export interface AuditNames {
  person(id: number): string | null;
  paymentBatch(id: number): string | null;
  unit(id: number): string | null;
}

/** The names as the database holds them now (a unit merged away is named by its snapshot instead). */
export function auditNames(store: Store): AuditNames {
  const nameOf = (table: 'persons' | 'payment_batches' | 'org_units') => (id: number) =>
    store.first(store.kysely.selectFrom(table).select('name').where('id', '=', id))?.name ?? null;
  return { person: nameOf('persons'), paymentBatch: nameOf('payment_batches'), unit: nameOf('org_units') };
}

const NO_NAMES: AuditNames = { person: () => null, paymentBatch: () => null, unit: () => null };

type Format = (v: unknown, names: AuditNames, snapshot: Record<string, unknown>) => string;

const EMPTY = '（空）';
const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

/** `2026-11-28T09:30:05` → `2026年11月28日 09:30`; a date alone as a Chinese date. */
function dateTime(v: unknown): string {
  const s = String(v);
  const [d, t] = s.split('T');
  return t ? `${formatChineseDate(d)} ${t.slice(0, 5)}` : formatChineseDate(d);
}

const money: Format = (v) => `${formatYuan(num(v))} 元`;
const percent: Format = (v) => `${bpText(num(v))}%`;

/** The value formats, by name, for the field tables below. */
const FORMATS = {
  text: (v: unknown) => String(v),
  date: (v: unknown) => dateTime(v),
  time: (v: unknown) => dateTime(v),
  money,
  percent,
  bool: (v: unknown) => (v ? '是' : '否'),
  years: (v: unknown) => `${v} 年`,
  months: (v: unknown) => `${v} 个月`,
  year: (v: unknown) => `${v} 年`,
  days: (v: unknown) => `${v} 天`,
  people: (v: unknown) => `${v} 人`,
  rows: (v: unknown) => `${v} 行`,
  branchCount: (v: unknown) => `${v} 个`,
  list: (v: unknown) => (Array.isArray(v) ? v.map(String).join('、') : String(v)),
  claim: (v: unknown) => `第 ${v} 号报销单`,
  petitionNo: (v: unknown) => `第 ${v} 号信访件`,
  visitNo: (v: unknown) => `第 ${v} 号走访记录`,
  stayNo: (v: unknown) => `第 ${v} 号住院登记`,
  person: ((v, names) => names.person(num(v)) ?? `第 ${v} 号档案`) as Format,
  persons: ((v, names) =>
    (Array.isArray(v) ? v : [v]).map((id) => names.person(num(id)) ?? `第 ${id} 号档案`).join('、')) as Format,
  paymentBatch: ((v, names) => names.paymentBatch(num(v)) ?? `第 ${v} 号发放批次`) as Format,
  /** An export template's columns in order, each with the recipient's heading where it has one. */
  templateColumns: (v: unknown) =>
    (v as { key: ExportColumnKey; heading: string | null }[])
      .map(({ key, heading }) => (heading ? `${exportColumnLabel(key)}（${heading}）` : exportColumnLabel(key)))
      .join('、'),
  idFormat: (v: unknown) => ID_FORMATS[v as keyof typeof ID_FORMATS] ?? String(v),
  dateFormat: (v: unknown) => DATE_FORMATS[v as keyof typeof DATE_FORMATS]?.words ?? String(v),
  templateList: (v: unknown) => TEMPLATE_LISTS[v as keyof typeof TEMPLATE_LISTS] ?? String(v),
  letterKind: (v: unknown) => LETTER_KINDS[v as keyof typeof LETTER_KINDS] ?? String(v),
  dateStyle: (v: unknown) =>
    v === 'chinese' ? '汉字（二〇二六年十一月二十八日）' : v === 'arabic' ? '阿拉伯数字（2026年11月28日）' : String(v),
  /** `党支部:3`, `片区:东区`, `楼栋:东区/1号楼` (contract/org unitKey): the kind and the unit's name. */
  unit: ((v, names, snap) => {
    const s = String(v);
    const cut = s.indexOf(':');
    const kind = s.slice(0, cut);
    const rest = s.slice(cut + 1);
    if (kind === '片区') return `片区 ${rest || '（未分片区）'}`;
    if (kind === '楼栋') return `楼栋 ${rest.split('/').filter(Boolean).join(' ')}`;
    const name = names.unit(Number(rest)) ?? (typeof snap.name === 'string' ? snap.name : null);
    return name ? `${kind} ${name}` : `${kind}（第 ${rest} 号）`;
  }) as Format,
  /** A unit's id as a file holds it (党支部, 行政小组 …): its name; a snapshot already holds the name. */
  unitId: ((v, names) => (typeof v === 'number' ? (names.unit(v) ?? `第 ${v} 号组织`) : String(v))) as Format,
  phones: (v: unknown) =>
    (v as { label?: string | null; number: string }[])
      .map((p) => [p.label, p.number].filter(Boolean).join(' '))
      .join('；'),
  contacts: (v: unknown) =>
    (v as { name: string; relation?: string | null; phones?: { number: string }[] }[])
      .map((c) =>
        [c.name, c.relation && `（${c.relation}）`, c.phones?.map((p) => p.number).join('、')]
          .filter(Boolean)
          .join(' '),
      )
      .join('；'),
  attachments: (v: unknown) => (v as { fileName: string }[]).map((a) => a.fileName).join('、'),
  claimLines: (v: unknown) =>
    (
      v as {
        seq: number;
        invoiceCode: string | null;
        invoiceNo: string;
        hospital: string | null;
        visitDate: string;
        kind: string;
        totalFen: number;
        eligibleFen: number;
        payFen: number | null;
        deductibleFen: number | null;
        ratioBp: number | null;
      }[]
    )
      .map((l) =>
        [
          `第 ${l.seq} 张`,
          `票据 ${[l.invoiceCode, l.invoiceNo].filter(Boolean).join(' ')}`,
          l.hospital,
          formatChineseDate(l.visitDate),
          l.kind,
          `总金额 ${formatYuan(l.totalFen)} 元`,
          `符合报销 ${formatYuan(l.eligibleFen)} 元`,
          l.deductibleFen ? `起付 ${formatYuan(l.deductibleFen)} 元` : null,
          l.ratioBp === null ? null : `比例 ${bpText(l.ratioBp)}%`,
          l.payFen === null ? null : `实报 ${formatYuan(l.payFen)} 元`,
        ]
          .filter(Boolean)
          .join(' '),
      )
      .join('；'),
  /** A claims policy's ratio per kind of expense: 门诊 85%、住院 90%. */
  ratios: (v: unknown) =>
    Object.entries(v as Record<string, number>)
      .map(([kind, bp]) => `${kind} ${bpText(bp)}%`)
      .join('、'),
  policyBands: (v: unknown) =>
    (v as { minAge: number; extraBp: number }[]).map((b) => `年满 ${b.minAge} 岁加 ${bpText(b.extraBp)}%`).join('；'),
  ruleBands: (v: unknown) =>
    (v as { fromAge: number; fen: number }[]).map((b) => `年满 ${b.fromAge} 周岁 ${formatYuan(b.fen)} 元`).join('；'),
  ruleStep: (v: unknown) => {
    const s = v as { fromAge: number; fenPerYear: number };
    return `${s.fromAge} 周岁后每增加一岁 ${formatYuan(s.fenPerYear)} 元`;
  },
  /** A whole adjustment rule (a run keeps the rule it was computed under), as its summary. */
  rule: (v: unknown) => {
    const r = v as { year: number; fixedFen: number; perYearFen: number; percentBp: number; remoteFen: number };
    return `${r.year} 年调资规则：定额 ${formatYuan(r.fixedFen)} 元，每满一年缴费年限 ${formatYuan(r.perYearFen)} 元，挂钩比例 ${bpText(r.percentBp)}%，艰苦边远地区 ${formatYuan(r.remoteFen)} 元`;
  },
} satisfies Record<string, Format>;

type FormatName = keyof typeof FORMATS;
/** A field: its label, and how its value is written (plain text when not said). */
type Field = string | [label: string, format: FormatName];

/** The file's own fields (shared/fields), each written as its kind says; text, choices and ids as they are. */
const KIND_FORMATS: Partial<Record<FieldKind, FormatName>> = {
  date: 'date',
  bool: 'bool',
  years: 'years',
  months: 'months',
  phones: 'phones',
  contacts: 'contacts',
  list: 'list',
  unit: 'unitId',
};
const PERSON_FIELD_WORDS: Record<string, Field> = Object.fromEntries(
  Object.entries(PERSON_FIELDS).map(([k, f]): [string, Field] => {
    const format = KIND_FORMATS[f.kind];
    return [k, format ? [f.label, format] : f.label];
  }),
);

/**
 * Every entity the app audits: its name, and the fields its snapshots hold. `subject` names the
 * record where the row alone does not (which template, which unit, which year's rule).
 */
export const AUDIT_ENTITIES: Record<
  string,
  {
    name: string;
    fields: Record<string, Field>;
    subject?: (s: Record<string, unknown>, names: AuditNames) => string | null;
  }
> = {
  person: { name: '档案', fields: PERSON_FIELD_WORDS },
  attachment: {
    name: '附件',
    fields: { attachment: '附件', claimId: ['所属报销单', 'claim'], visitId: ['所属走访记录', 'visitNo'] },
  },
  claim: {
    name: '报销单',
    fields: {
      id: ['报销单', 'claim'],
      personId: ['报销人', 'person'],
      personName: '报销人姓名',
      category: '人员类别',
      status: '状态',
      source: '来源',
      receivedDate: ['收件日期', 'date'],
      note: '备注',
      returnReason: '退回原因',
      reversalOf: ['冲销的报销单', 'claim'],
      reversedBy: ['冲销单', 'claim'],
      corrects: ['更正的报销单', 'claim'],
      approvalSeq: '批准序号',
      approvedAt: ['批准时间', 'time'],
      approvedBy: '批准人',
      batchId: ['发放批次', 'paymentBatch'],
      paidAt: ['发放时间', 'time'],
      createdAt: ['登记时间', 'time'],
      createdBy: '登记人',
      lines: ['票据明细', 'claimLines'],
      attachments: ['票据扫描件', 'attachments'],
      eligibleFen: ['符合报销金额', 'money'],
      payFen: ['实报金额', 'money'],
      // A ledger row imported as a paid claim (claims/ledger.ts).
      visitDate: ['就医日期', 'date'],
      kind: '费用类别',
      invoiceNo: '票据号',
    },
  },
  claim_policy: {
    name: '报销政策',
    fields: {
      year: ['年度', 'year'],
      category: '人员类别',
      deductibleFen: ['起付线', 'money'],
      capFen: ['封顶线', 'money'],
      ratioBp: ['报销比例', 'ratios'],
      ageBands: ['年龄段增加比例', 'policyBands'],
    },
    subject: (s) => (s.year && s.category ? `${s.year} 年度${s.category}人员` : null),
  },
  visit: {
    name: '走访记录',
    fields: {
      kind: '走访类别',
      date: ['走访日期', 'date'],
      moneyFen: ['慰问金', 'money'],
      items: '慰问品',
      followUpDone: ['已回访', 'bool'],
      leader: '带队领导',
      companions: '随同人员',
      feedback: '家属/本人反映',
      callOutcome: '通话情况',
      stayId: ['住院登记', 'stayNo'],
    },
  },
  // Hospital stays (visits/stays.ts).
  stay: {
    name: '住院登记',
    fields: {
      hospital: '医院',
      department: '科室',
      bed: '床号',
      admittedOn: ['入院日期', 'date'],
      dischargedOn: ['出院日期', 'date'],
      condition: '病情',
      outcome: '治疗结果',
      newsSource: '消息来源',
      newsDetail: '消息来源说明',
      note: '备注',
    },
  },
  death: {
    name: '病故登记',
    // The after-death tasks are audited under their own (Chinese) names, shared/care DEATH_TASKS.
    fields: { diedOn: ['去世日期', 'date'], reportedBy: '报告人', amountFen: ['金额', 'money'] },
  },
  // The death benefits (visits/deathBenefits.ts): the amounts as computed, with their formula, and the claim.
  death_benefit: {
    name: '丧葬抚恤',
    fields: {
      province: '省份',
      rule: '计发办法',
      funeralFen: ['丧葬补助金', 'money'],
      reliefFen: ['抚恤金', 'money'],
      totalFen: ['合计', 'money'],
      formula: ['计算过程', 'list'],
      claimantName: '申领人',
      claimantRelation: '与逝者关系',
      claimantIdNumber: '申领人身份证号',
      claimantPhone: '申领人电话',
      materials: ['申领材料', 'list'],
      filedOn: ['申报日期', 'date'],
      paidOn: ['发放日期', 'date'],
      overpaidFen: ['多发养老金', 'money'],
      overpaidRecoveredOn: ['追回日期', 'date'],
      unpaidReason: '未发放原因',
    },
  },
  death_benefit_base: {
    name: '丧葬抚恤计发基数',
    fields: { province: '省份', year: ['适用年度', 'year'], baseFen: ['计发基数', 'money'] },
  },
  national_income: {
    name: '全国城镇居民人均可支配收入',
    fields: { year: ['适用年度', 'year'], incomeFen: ['金额', 'money'] },
  },
  death_benefit_rule: {
    name: '丧葬抚恤计发办法',
    fields: { group: '人员类别', province: '省份', fromDate: ['适用起始日期', 'date'], rule: '计发办法' },
  },
  // 党费 (org/dues.ts): a month paid, a base for a year, a branch's decision to reduce or waive.
  party_dues: {
    name: '党费交纳',
    fields: {
      month: '所交月份',
      branchId: ['交纳支部', 'unitId'],
      dueFen: ['应交', 'money'],
      paidFen: ['实交', 'money'],
      kind: '交纳方式',
      paidOn: ['交纳日期', 'date'],
      paidBy: '交纳人',
      proxyName: '代交人',
    },
  },
  party_dues_base: {
    name: '党费基数',
    fields: {
      year: ['年度', 'year'],
      baseFen: ['党费基数', 'money'],
      dibao: ['享受低保', 'bool'],
      source: '基数来源',
      fromMonth: '起交月份',
      toMonth: '止交月份',
    },
    subject: (s) => (s.year ? `${s.year} 年度` : null),
  },
  party_dues_reduction: {
    name: '党费减免',
    fields: {
      kind: '减免方式',
      amountFen: ['每月应交', 'money'],
      fromMonth: '起始月份',
      toMonth: '截止月份',
      decidedOn: ['支部决定日期', 'date'],
      decision: '支部决定',
    },
  },
  // The community handover (org/handover.ts): a project, and a person on its roster, handed over on a day.
  handover_project: {
    name: '社会化移交项目',
    fields: {
      name: '项目名称',
      street: '接收街道',
      agreementNo: '协议编号',
      agreementDate: ['协议签订日期', 'date'],
      plannedFrom: ['计划开始日期', 'date'],
      plannedTo: ['计划完成日期', 'date'],
      note: '备注',
      completedOn: ['完成日期', 'date'],
    },
    subject: (s) => (typeof s.name === 'string' ? s.name : null),
  },
  handover_person: {
    name: '社会化移交',
    fields: {
      project: '移交项目',
      archiveState: '档案状态',
      archiveVolumes: '档案册数',
      partyTransfer: '党组织关系',
      partyTransferOn: ['党组织关系转出日期', 'date'],
      partyTo: '转入党组织',
      socialSecurity: '社保档案',
      street: '接收街道',
      community: '接收社区',
      duesBaseFen: ['移交党费基数', 'money'],
      retained: ['企业保留事项', 'list'],
      retainedOther: '其他保留事项',
      note: '备注',
      handedOverOn: ['移交日期（社会化管理起始）', 'date'],
    },
    subject: (s) =>
      typeof s.community === 'string' ? `${typeof s.street === 'string' ? s.street : ''}${s.community}` : null,
  },
  // Hardship aid (aid/aid.ts; paid with a batch by payments/sources/aid.ts) and its reasons.
  aid: {
    name: '困难帮扶',
    fields: {
      personId: ['帮扶对象', 'person'],
      reason: '帮扶原因',
      appliedOn: ['申请日期', 'date'],
      story: '困难情况',
      askedFen: ['申请金额', 'money'],
      decision: '审批结果',
      grantedFen: ['批准金额', 'money'],
      decidedOn: ['审批日期', 'date'],
      decidedBy: '审批人',
      body: '发放单位',
      batchId: ['发放批次', 'paymentBatch'],
      paidOn: ['发放日期', 'date'],
      paidBy: '经手人',
    },
  },
  aid_reason: {
    name: '帮扶原因',
    fields: { name: '名称', retired: ['停用', 'bool'] },
    subject: (s) => (typeof s.name === 'string' ? s.name : null),
  },
  petition: {
    name: '信访件',
    fields: {
      id: ['信访件', 'petitionNo'],
      receivedOn: ['收到日期', 'date'],
      channel: '信访方式',
      personId: ['信访人档案', 'person'],
      petitioner: '信访人',
      relation: '与本人关系',
      phone: '联系电话',
      subject: '事由',
      content: '内容',
      handler: '经办人',
      status: '状态',
      acceptedOn: ['受理日期', 'date'],
      rejectedReason: '不予受理理由',
      extensionDays: ['延长期限', 'days'],
      extensionReason: '延期理由',
      concludedOn: ['办结日期', 'date'],
      result: '办理结果',
      satisfaction: '满意度',
      createdAt: ['登记时间', 'time'],
      createdBy: '登记人',
      acceptBy: ['受理期限', 'date'],
      concludeBy: ['办结期限', 'date'],
      attachment: '附件',
    },
  },
  // Survivors (visits/survivors.ts): the record, its allowance periods and yearly checks, under the deceased's file.
  survivor: {
    name: '遗属',
    fields: {
      name: '姓名',
      relation: '与逝者关系',
      idNumber: '身份证号',
      gender: '性别',
      birthDate: ['出生日期', 'date'],
      phone: '联系电话',
      address: '住址',
      bankName: '开户银行',
      bankAccount: '银行账号',
      qualifications: ['供养条件', 'list'],
      qualificationNote: '供养条件说明',
      note: '备注',
      startMonth: '起始发放月份',
      stopMonth: '停发月份',
      stopReason: '停发原因',
      stopNote: '停发说明',
      year: ['认证年度', 'year'],
      checkedOn: ['认证日期', 'date'],
      method: '认证方式',
      month: '补助月份',
      amountFen: ['补助金额', 'money'],
      batchId: ['发放批次', 'paymentBatch'],
      paidOn: ['发放日期', 'date'],
    },
    subject: (s) => (typeof s.name === 'string' ? `遗属${s.name}` : null),
  },
  survivor_standard: {
    name: '遗属生活困难补助标准',
    fields: { amountFen: ['每月标准', 'money'], fromMonth: '执行起始月份', toMonth: '执行截止月份', basis: '依据' },
  },
  certification: {
    name: '资格认证',
    fields: { year: ['认证年度', 'year'], certifiedOn: ['认证日期', 'date'], method: '认证方式' },
  },
  adjustment: {
    name: '调资核对',
    fields: {
      checkedOn: ['核对日期', 'date'],
      checkedBy: '核对人',
      checkNote: '核对备注',
      agencyFen: ['经办机构调整额', 'money'],
      expectedFen: ['应调金额', 'money'],
    },
  },
  adjustment_rule: {
    name: '调资规则',
    fields: {
      year: ['年度', 'year'],
      effectiveFrom: ['执行时间', 'date'],
      retiredBy: ['退休截止日期', 'date'],
      ageOn: ['年龄计算截至', 'date'],
      categories: ['调整范围', 'list'],
      fixedFen: ['定额调整', 'money'],
      perYearFen: ['挂钩：每满一年缴费年限', 'money'],
      percentBp: ['挂钩：本人基本养老金比例', 'percent'],
      ageBands: ['倾斜调整（高龄）', 'ruleBands'],
      ageStep: ['此后每增加一岁再增加', 'ruleStep'],
      remoteFen: ['艰苦边远地区', 'money'],
      note: '说明',
    },
    subject: (s) => (s.year ? `${s.year} 年` : null),
  },
  adjustment_run: {
    name: '调资名单导入',
    fields: {
      year: ['年度', 'year'],
      fileName: '文件',
      dataRows: ['数据行', 'rows'],
      matched: ['已对上档案', 'rows'],
      unmatched: ['未对上档案', 'rows'],
      rejected: ['无法读取', 'rows'],
      differs: ['金额不一致', 'rows'],
      noExpected: ['无法计算应调金额', 'rows'],
      checked: ['已核对', 'rows'],
      skipped: ['跳过', 'rows'],
      rule: ['调资规则', 'rule'],
      recomputed: ['重新计算', 'rows'],
    },
  },
  // A roster import (importer/commit.ts): the file and its counts; each row's log is the import's own.
  import: {
    name: '花名册导入',
    fields: {
      fileName: '文件',
      dataRows: ['数据行', 'rows'],
      nonDataRows: ['非数据行（标题、表头、合计、空行等）', 'rows'],
      inserted: ['新建档案', 'rows'],
      updated: ['补充或更新已有档案', 'rows'],
      merged: ['与文件中同一人合并', 'rows'],
      skipped: ['已有档案、未改动', 'rows'],
      excluded: ['未勾选导入', 'rows'],
      rejected: ['无法导入', 'rows'],
      needsReview: ['待核实', 'rows'],
    },
  },
  activity: {
    name: '活动',
    fields: {
      kind: '活动类别',
      title: '活动名称',
      heldOn: ['举办日期', 'date'],
      startsAt: '开始时间',
      place: '地点',
      organiser: '组织者',
      note: '备注',
      invited: ['邀请', 'people'],
      attended: ['到场', 'bool'],
      personIds: ['人员', 'persons'],
      staff: ['参会工作人员', 'list'],
      host: '主持人',
      recorder: '记录人',
      agenda: '会议议程',
      minutes: '会议纪要',
      attachment: '附件',
    },
  },
  study_material: {
    name: '学习资料',
    fields: {
      title: '资料名称',
      issuedOn: ['下发日期', 'date'],
      received: '领取资料',
      how: '领取方式',
      on: ['领取或送达日期', 'date'],
      kind: '类别',
      branchCount: ['下发党支部', 'branchCount'],
      branches: ['送达党支部', 'list'],
      receivedBy: '支部接收人',
    },
  },
  // The yearly work plan (office/workPlan.ts): an item, and the records linked to tick it off.
  work_plan_item: {
    name: '年度工作计划',
    fields: {
      year: ['年度', 'year'],
      content: '工作内容',
      category: '类别',
      owner: '责任人',
      dueMonth: ['完成时限', 'date'],
      note: '备注',
      linked: '关联完成依据',
      unlinked: '取消关联',
    },
    subject: (s) => (typeof s.content === 'string' ? s.content : null),
  },
  // The document register (office/documents.ts).
  office_document: {
    name: '文件登记',
    fields: {
      kind: '文件类别',
      docNo: '文号',
      datedOn: ['成文日期', 'date'],
      issuer: '发文机关',
      title: '标题',
      summary: '摘要',
      secrecy: '密级',
      handling: '办理情况',
      attachment: '附件',
    },
    subject: (s) => (typeof s.title === 'string' ? `《${s.title}》` : null),
  },
  org_unit: {
    name: '组织',
    fields: {
      unit: ['组织', 'unit'],
      name: '名称',
      leader: '负责人',
      phone: '联系电话',
      note: '备注',
      parent: '上级组织',
    },
    subject: (s, names) => (typeof s.unit === 'string' ? FORMATS.unit(s.unit, names, s) : null),
  },
  letter_template: {
    name: '信函模板',
    fields: {
      kind: ['信函种类', 'letterKind'],
      title: '标题',
      salutation: '称谓',
      body: '正文',
      closing: '结束语',
      dateStyle: ['落款日期', 'dateStyle'],
      addressForm: '称呼',
      isDefault: ['默认模板', 'bool'],
    },
    subject: (s) => (typeof s.kind === 'string' ? FORMATS.letterKind(s.kind) : null),
  },
  export_template: {
    name: '导出模板',
    fields: {
      list: ['名单', 'templateList'],
      recipient: '接收单位',
      name: '模板名称',
      title: '表格标题',
      columns: ['导出列', 'templateColumns'],
      idFormat: ['身份证号格式', 'idFormat'],
      dateFormat: ['日期格式', 'dateFormat'],
    },
    subject: (s) => (typeof s.recipient === 'string' && typeof s.name === 'string' ? `${s.recipient} ${s.name}` : null),
  },
  privacy_assessment: {
    name: '个人信息保护影响评估',
    fields: {
      assessedOn: ['评估日期', 'date'],
      subject: '评估事项',
      conclusion: '评估结论',
      assessors: '评估人员',
    },
    subject: (s) => (typeof s.subject === 'string' ? s.subject : null),
  },
  relative_request: {
    name: '近亲属查阅申请',
    fields: {
      requester: '申请人',
      relation: '与逝者关系',
      requestedOn: ['申请日期', 'date'],
      wants: '申请事项',
      purpose: '申请用途',
      answeredOn: ['答复日期', 'date'],
      answer: '答复结果',
      answerNote: '答复说明',
      exportedFor: '导出档案交',
    },
  },
  person_change: {
    name: '状态和类别变化记录',
    fields: {
      field: '变化项目',
      from: '原为',
      to: '改为',
      effectiveDate: ['变化日期', 'date'],
      nature: '性质（变动/更正）',
    },
  },
  retention_review: {
    name: '档案保存期限复核',
    fields: { reviewedOn: ['复核日期', 'date'], decision: '复核结论', note: '说明' },
  },
  privacy_setting: {
    name: '个人信息保护设置',
    fields: { retentionYears: '已故人员档案复核年限' },
  },
  // The office's name and the operator named at its first start, renamed in 设置 (operators.ts setUpOffice).
  office: {
    name: '单位设置',
    fields: { orgName: '单位名称', operatorName: '经办人' },
  },
  // An operator (operators/operators.ts): the role as its Chinese label; a password only as set, never its value.
  operator: {
    name: '操作员',
    fields: { name: '姓名', role: '角色', active: ['启用', 'bool'], password: '密码' },
    subject: (s) => (typeof s.name === 'string' ? s.name : null),
  },
};

/**
 * What was done, where the verb and the entity's name alone say it less well; where one action
 * records different things, worked out from what the row holds.
 */
const WHAT: Record<string, string | ((snapshot: Record<string, unknown>) => string)> = {
  'person.create': '建立档案',
  'person.update': '修改档案',
  'person.delete': '删除档案',
  'attachment.create': '添加附件',
  'attachment.delete': '删除附件',
  'death.create': '病故登记',
  'death.update': '办理病故后续事项',
  'death_benefit.create': '核定丧葬抚恤金额',
  'aid.create': '登记困难帮扶申请',
  'study_material.update': '领取学习资料',
  // Attendance, or a correction of the activity or meeting (its facts, staff, minutes).
  'activity.update': (s) => ('attended' in s ? '登记活动到场' : '修改活动'),
  'work_plan_item.create': '添加年度工作计划',
  'work_plan_item.update': '修改年度工作计划',
  'work_plan_item.delete': '删除年度工作计划',
  'office_document.create': '登记文件',
  'office_document.update': '修改文件登记',
  'adjustment_run.update': '按调资规则重新计算',
  'import.create': '导入花名册',
  'privacy_assessment.create': '记录个人信息保护影响评估',
  'relative_request.create': '登记近亲属查阅申请',
  'relative_request.update': '答复近亲属查阅申请',
  'retention_review.create': '复核已故人员档案保存期限',
  'privacy_setting.update': '修改已故人员档案复核年限',
  'office.update': '修改单位名称或经办人',
  'handover_person.create': '列入社会化移交名单',
  'handover_person.delete': '移出社会化移交名单',
};
const ACTION: Record<AuditAction, string> = { create: '新增', update: '修改', delete: '删除' };

/** Why an import's writes were made, as the audit log and a file's history say it. */
export function importReason(fileName: string): string {
  return `导入“${fileName}”`;
}

/** The Chinese label of a field of an entity's snapshot; null where there is none (a defect: see the test). */
export function auditFieldLabel(entity: string, field: string): string | null {
  const f = AUDIT_ENTITIES[entity]?.fields[field];
  if (f !== undefined) return typeof f === 'string' ? f : f[0];
  // A death's after-death tasks are keyed by their own names (丧葬补助金, 唁函 …).
  if (entity === 'death' && /\p{Script=Han}/u.test(field)) return field;
  return null;
}

/** A value of a field as staff read it; `snapshot` is the rest of the record, for names it holds. */
export function formatAuditValue(
  entity: string,
  field: string,
  v: unknown,
  names: AuditNames = NO_NAMES,
  snapshot: Record<string, unknown> = {},
): string {
  if (empty(v)) return EMPTY;
  const f = AUDIT_ENTITIES[entity]?.fields[field];
  if (Array.isArray(f)) return FORMATS[f[1]](v, names, snapshot);
  if (entity === 'death' && auditFieldLabel(entity, field) === field) return dateTime(v);
  return plainValue(v);
}

/** A value without a known format, by its shape; never an object's code form. */
export function plainValue(v: unknown): string {
  if (empty(v)) return EMPTY;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    const first = v[0] as unknown;
    if (first && typeof first === 'object') {
      if ('number' in first) return FORMATS.phones(v);
      if ('name' in first) return FORMATS.contacts(v);
      if ('fileName' in first) return FORMATS.attachments(v);
    }
    return v.map((x) => (x && typeof x === 'object' ? plainValue(x) : String(x))).join('；');
  }
  if (typeof v === 'object')
    return Object.values(v as object)
      .map(plainValue)
      .join('、');
  return String(v);
}

export interface AuditRowIn {
  entity: string;
  action: AuditAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: FieldChange[];
}

/** An audit row's title (修改报销单, 修改信函模板（唁函）) and its changes, in words. */
export function describeAudit(
  row: AuditRowIn,
  names: AuditNames = NO_NAMES,
): { what: string; changes: { field: string; label: string; before: string; after: string }[] } {
  const entity = AUDIT_ENTITIES[row.entity];
  const snapshot = { ...row.before, ...row.after };
  const subject = entity?.subject?.(snapshot, names);
  const said = WHAT[`${row.entity}.${row.action}`];
  const what =
    ((typeof said === 'function' ? said(snapshot) : said) ??
      `${ACTION[row.action] ?? row.action}${entity?.name ?? row.entity}`) + (subject ? `（${subject}）` : '');
  // A record created or deleted shows what it held; a field empty on both sides ([] and null) says nothing.
  const changes = row.changes.filter((c) => !(empty(c.before) && empty(c.after)));
  return {
    what,
    changes: changes.map((c) => ({
      field: c.field,
      label: auditFieldLabel(row.entity, c.field) ?? c.field,
      before: formatAuditValue(row.entity, c.field, c.before, names, { ...row.before }),
      after: formatAuditValue(row.entity, c.field, c.after, names, { ...row.after }),
    })),
  };
}
