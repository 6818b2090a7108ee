// The grammar of every list the office imports: for each field, the parts its header is made of
// (recognise.ts reads them), and what its values look like. A rule is parts separated by spaces;
// a part is alternatives (`日期|年月|时间`), optional with a trailing `?`. Labels are matched after
// normalising (full-width, spaces, line breaks, punctuation, units such as （元）), first as they
// stand, then without what adds nothing (职工, 人员, 本人, 现, 原, 的): so 职工姓名 is 姓名,
// 现居住地 is 居住地, while 原养老金 is matched whole, before 原 is taken off.
//
// A new spelling is taught without changing this file: `--map FILE.json` on the CLI, or the
// wizard's mapping step (remembered for files with the same header).
import {
  CATEGORY,
  DATE,
  GENDER,
  ID_NUMBER,
  PARTY,
  PERSON_NAME,
  PHONE,
  SEQUENCE,
  YES_NO,
  type Grammar,
  type ValueTest,
} from './recognise';
import { LINE_KINDS } from '../shared/lineKinds';
import { rankOf, unitNatureOf } from './values';
import {
  ADJUSTMENT_FIELD_NAMES,
  LEDGER_FIELD_NAMES,
  ROSTER_FIELD_NAMES,
  type AdjustmentField,
  type ImportField,
  type LedgerField,
} from '../shared/importFields';

export {
  ADJUSTMENT_FIELDS,
  ADJUSTMENT_FIELD_NAMES,
  LEDGER_FIELDS,
  LEDGER_FIELD_NAMES,
  ROSTER_FIELDS,
  ROSTER_FIELD_NAMES,
  type AdjustmentField,
  type ImportField,
  type LedgerField,
} from '../shared/importFields';

const ID_RULES = [
  '公民|居民? 身份证 号码|号|编号?',
  '公民|居民? 身份证件|证件|身份 号码|号|编号',
  '社会保障 号码|号',
] as const;
const NAME_RULES = ['离退休|离休|退休|退职|老干部|老同志? 姓名|名字'] as const;
const DATE_WORD = '日期|年月日|年月|时间|年份|年';

// --- a roster (花名册) ---------------------------------------------------------------------------

/** 是/否 under 党员 is party membership; under 健在 (or 已故) it is whether the person is alive. */
const yesNoField = (concept: string): ImportField | null =>
  /党/.test(concept)
    ? 'party'
    : /健在|在世|存活|故|去世|死亡|逝世/.test(concept)
      ? 'alive'
      : /统计|计入/.test(concept)
        ? 'counted'
        : null;

/** A column of ranks: 无 and 其他 are read as the lowest rank, but a column of them says nothing. */
const RANK: ValueTest = {
  what: '职级',
  share: 0.8,
  test: (text) => !/^(无|其他|其它)$/.test(text.trim()) && rankOf(text) !== null,
};
const UNIT_NATURE: ValueTest = { what: '单位性质', share: 0.8, test: (text) => unitNatureOf(text) !== null };

export const ROSTER: Grammar<ImportField> = {
  rules: {
    seq: ['序号|顺序号|序|行号|no'],
    name: NAME_RULES,
    gender: ['性别|男女|性别男女'],
    ethnicity: ['民族|族别'],
    birthDate: [`出生 ${DATE_WORD}?`, '生日|出生年月日'],
    idNumber: ID_RULES,
    category: ['离退休|离休|退休|人员|退职? 类别|类型', '离退休|人员性质|离退休性质|离退休情况'],
    staffType: ['身份|身份类别|干部工人|工人干部|干部或工人|干部工人身份|工人干部身份'],
    workStartDate: [`参加工作|参工|入职|工作 ${DATE_WORD}`],
    retirementDate: [`离退休|退休|离休|退职|离岗 ${DATE_WORD}`],
    formerUnit: [
      '原|离退休|离休|退休|所在|所属|原工作|工作|退休前? 单位|部门|单位部门|单位名称|工作单位',
      '原单位部门',
    ],
    formerPosition: ['原|退休前? 职务|职称|职务职称|岗位|行政职务|技术职称|职务或职称'],
    contributionYears: ['累计|实际? 缴费 年限|年数 年? 含视同?'],
    // What the upward tables count by (统计年报): 单位性质, 职级, 现享受待遇 with its approval, 统计标志, 层级.
    unitNature: ['原|所在|工作? 单位|企业 性质|类型|类别'],
    rank: ['原|退休前? 职级|级别|行政级别|职务级别|行政职级|职务职级'],
    treatment: ['现? 享受 待遇 级别?', '待遇 级别|类别|情况'],
    treatmentApprovedOn: [`享受? 待遇? 批准 ${DATE_WORD}`],
    treatmentApprovalNo: ['享受? 待遇? 批准 文号|文件号|文件', '文号|批文号|批文'],
    counted: ['是否? 计入|纳入? 统计 标志|标识?'],
    level: ['单位|隶属|所属|管理? 层级'],
    phone: [
      '联系|本人|家庭|个人? 电话|电话号码|手机|手机号|手机号码|移动电话|固定电话|固话|座机|联系方式',
      '联系 方式|号码',
    ],
    address: ['家庭|居住|联系|通讯|通信|常住|户籍? 住址|地址|住所|住处', '居住|常住 地|地址|地点'],
    party: ['政治面貌|党派', '是否? 中共? 党员 否?'],
    postcode: ['邮编|邮政编码'],
    area: ['所属|所在? 片区'],
    building: ['楼栋|楼号|栋号|楼栋号'],
    community: ['所在|所属? 社区|街道社区'],
    health: ['健康|身体 状况|情况'],
    living: ['居住 情况|状况|方式'],
    care: ['重点关爱', '关爱 类型|类别|对象|情况'],
    // Who looks after a person living elsewhere there (异地居住): the local unit, 社区 and 派出所.
    remoteUnit: ['异地|居住地|当地? 接收|管理|托管 单位'],
    remoteUnitPhone: ['异地|居住地|当地? 接收|管理|托管 单位 电话|联系电话'],
    remoteCommunity: ['异地|居住地|当地 社区|街道社区|居委会'],
    remoteCommunityPhone: ['异地|居住地|当地? 社区|街道社区|居委会 电话|联系电话'],
    remotePolice: ['异地|居住地|当地? 派出所'],
    remotePolicePhone: ['异地|居住地|当地? 派出所 电话|联系电话'],
    bankName: ['开户 行|银行|行名称', '银行名称|开户行名称'],
    bankAccount: ['银行|工资 账号|卡号|帐号|账户|卡账号', '账号|帐号|卡号'],
    status: ['人员? 状态|在册状态|人员状况'],
    statusDate: ['状态 日期|时间|变更日期', `迁出|转出 ${DATE_WORD}`],
    deathDate: [`已故|去世|死亡|病故|逝世|过世|亡故 ${DATE_WORD}`],
    alive: ['是否? 健在|在世|存活 情况|状况|与否?', '是否 已故|去世|死亡|病故|逝世'],
    note: ['备注|说明|备注说明|其他|其它|附注'],
  },
  weak: { seq: { rules: ['编号|号'], test: SEQUENCE } },
  names: ROSTER_FIELD_NAMES,
  votes: [
    { test: ID_NUMBER, field: 'idNumber' },
    { test: PERSON_NAME, field: 'name' },
    { test: GENDER, field: 'gender' },
    { test: CATEGORY, field: 'category' },
    { test: PARTY, field: 'party' },
    { test: RANK, field: 'rank' },
    { test: UNIT_NATURE, field: 'unitNature' },
    { test: YES_NO, field: yesNoField },
    { test: PHONE, field: 'phone' },
    // Only a column without a label: a labelled one that counts (工号 1001, 1002 …) is data.
    { test: SEQUENCE, field: (concept) => (concept === '' ? 'seq' : null) },
  ],
  idNumber: 'idNumber',
  birthDate: 'birthDate',
  key: 'name',
  many: ['phone', 'note'],
};

// --- a legacy claims ledger (药费报销台账) -------------------------------------------------------

const LINE_KIND: ValueTest = {
  what: '门诊/住院/特殊病种/药店',
  share: 0.8,
  test: (t) => (LINE_KINDS as readonly string[]).includes(t.replace(/\s/g, '')),
};

export const LEDGER: Grammar<LedgerField> = {
  rules: {
    name: NAME_RULES,
    idNumber: ID_RULES,
    visitDate: [`就医|就诊|看病|发票|票据|开票|费用 ${DATE_WORD}`],
    hospital: ['定点? 医疗机构|医院|医疗单位|就诊机构 名称?', '就诊|就医 医院|机构'],
    kind: ['费用|就医|就诊|医疗|报销|票据 类别|类型|种类', '类别|类型|门诊住院'],
    invoiceCode: ['票据|发票 代码'],
    invoiceNo: ['票据|发票 号|号码|编号'],
    total: [
      '医疗 总费用|费用总额|总金额',
      '总金额|总费用|费用总额|费用合计|合计金额|医疗费用|医疗费',
      '票据|发票 金额|总额|总金额',
    ],
    fund: ['统筹? 基金 支付|支付额?', '统筹|医保统筹|医保基金|医保 支付|支付额?'],
    account: ['个人账户|个人帐户|账户|帐户 支付|支付额?'],
    self: ['现金|个人现金|个人自付|自付 支付|支付额|金额?'],
    eligible: ['符合 报销|规定|政策 范围? 金额|费用?', '可报销 金额|费用?', '纳入报销 金额|费用?'],
    paid: ['实报|实际报销|报销|实际支付|实付|单位报销 金额|额?'],
  },
  names: LEDGER_FIELD_NAMES,
  votes: [
    { test: ID_NUMBER, field: 'idNumber' },
    { test: PERSON_NAME, field: 'name' },
    { test: LINE_KIND, field: 'kind' },
    { test: DATE, field: 'visitDate' },
  ],
  idNumber: 'idNumber',
};

// --- the agency's pension adjustment list (调资名单) ---------------------------------------------

const PENSION = '月? 基本? 养老金|退休金|退休费|养老金额|待遇?';

export const ADJUSTMENT: Grammar<AdjustmentField> = {
  rules: {
    name: NAME_RULES,
    idNumber: ID_RULES,
    old: [`调整前|调前|原|调整以前|本次调整前 ${PENSION}`],
    new: [`调整后|调后|新|调整以后|本次调整后 ${PENSION}`],
    increase: ['本次? 月? 调整|增加|增资|调增|上调|增长 额|金额|数额|部分', '月? 增加额|增资额|调整额|调增额'],
  },
  names: ADJUSTMENT_FIELD_NAMES,
  votes: [
    { test: ID_NUMBER, field: 'idNumber' },
    { test: PERSON_NAME, field: 'name' },
  ],
  idNumber: 'idNumber',
};
