// Made-up but realistic retirees, for `--demo` (a new user has something to look at) and for the
// benchmark. Deterministic: the same seed gives the same people. Every ID number is valid
// (GB 11643 check digit) and unique.
import type { PersonInput } from '../contract/retirees';
import { ContactInput, PersonInput as PersonInputSchema } from '../contract/retirees';
import type { Store } from '../db/store';
import { createUnit } from '../org/units';
import { createPerson } from '../retirees/persons';
import { checkCharacter } from '../shared/idNumber';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  ...'王王王李李李张张张刘刘陈陈杨杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔单解仇查',
];
const GIVEN_F = [
  '桂兰',
  '秀英',
  '淑芬',
  '玉兰',
  '凤英',
  '桂英',
  '秀兰',
  '淑珍',
  '玉珍',
  '丽华',
  '素梅',
  '秀珍',
  '玉梅',
  '凤兰',
  '淑兰',
  '丽',
  '芳',
  '敏',
  '静',
  '红',
  '霞',
  '秀云',
  '桂芝',
  '玉芳',
  '春梅',
];
const GIVEN_M = [
  '建国',
  '国强',
  '志明',
  '德福',
  '长青',
  '振华',
  '建华',
  '文斌',
  '国庆',
  '德胜',
  '玉林',
  '树森',
  '永福',
  '宝山',
  '立新',
  '海',
  '军',
  '强',
  '伟',
  '勇',
  '明',
  '卫东',
  '庆祥',
  '宝昌',
  '长海',
];
const AREA_CODES = ['210102', '210103', '210104', '210105', '210106', '210111', '210112'];
const UNITS = [
  '机修厂',
  '焦化厂',
  '供销处',
  '运输部',
  '动力厂',
  '炼钢厂',
  '轧钢厂',
  '工会',
  '财务处',
  '职工医院',
  '子弟学校',
  '机关党委',
  '设备处',
  '质检处',
];
const POSITIONS = [
  '工人',
  '班长',
  '技术员',
  '工程师',
  '高级工程师',
  '科员',
  '副科长',
  '科长',
  '副处长',
  '处长',
  '会计师',
  '医师',
];
const AREAS = ['东区', '西区', '南区', '北区', '铁西片'];
const STREETS = ['建设大路', '北二路', '兴华街', '卫工街', '保工街', '南八马路', '云峰街', '重工街'];
const COMMUNITIES = ['兴华社区', '卫工社区', '保工社区', '云峰社区', '重工社区', '劳动社区'];
const CITIES = ['北京市', '大连市', '海南省三亚市', '广州市', '上海市', '青岛市'];
const HEALTH = ['良好', '良好', '一般', '一般', '较差', '长期患病', '卧床'];
const RELATIONS = ['配偶', '儿子', '女儿', '儿媳', '女婿', '孙子', '外孙女'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

const p2 = (n: number) => String(n).padStart(2, '0');

export interface DemoUnits {
  adminGroups: { id: number; subgroups: number[] }[];
  partyBranches: { id: number; groups: number[] }[];
}

export function makeDemoPeople(count: number, seed = 2026, units?: DemoUnits): PersonInput[] {
  const r = prng(seed);
  const usedIds = new Set<string>();
  const people: PersonInput[] = [];
  const thisYear = 2026;
  for (let i = 0; i < count; i++) {
    const female = r() < 0.48;
    const gender = female ? '女' : '男';
    const category = r() < 0.04 ? '离休' : r() < 0.03 ? '退职' : '退休';
    const birthYear = category === '离休' ? 1922 + Math.floor(r() * 12) : 1930 + Math.floor(r() * 36);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const birth = `${birthYear}-${p2(month)}-${p2(day)}`;
    let idNumber: string;
    do {
      const seq = Math.floor(r() * 499) * 2 + (female ? 0 : 1);
      const first17 = `${pick(r, AREA_CODES)}${birthYear}${p2(month)}${p2(day)}${String(seq).padStart(3, '0')}`;
      idNumber = first17 + checkCharacter(first17);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    const retireAge =
      category === '离休' ? 60 + Math.floor(r() * 5) : female ? 50 + Math.floor(r() * 6) : 55 + Math.floor(r() * 6);
    const retirementYear = Math.min(birthYear + retireAge, thisYear);
    const deceased = r() < 0.06;
    const moved = !deceased && r() < 0.02;
    const party = r() < (category === '离休' ? 0.9 : 0.35);
    const remote = r() < 0.05;
    const living = r() < 0.15 ? '独居' : r() < 0.6 ? '与配偶同住' : r() < 0.9 ? '与子女同住' : '养老机构';
    const group = units && units.adminGroups.length ? pick(r, units.adminGroups) : null;
    const branch = units && party && units.partyBranches.length ? pick(r, units.partyBranches) : null;
    const mobile = `1${pick(r, ['3', '5', '8'])}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
    const phones = [{ label: '手机', number: mobile }];
    if (r() < 0.4) phones.push({ label: '住宅', number: `024-${String(20000000 + Math.floor(r() * 9999999))}` });
    const spouse = ContactInput.parse({
      name: pick(r, SURNAMES) + pick(r, female ? GIVEN_M : GIVEN_F),
      relation: pick(r, RELATIONS),
      phones: [
        { label: '手机', number: `1${pick(r, ['3', '5', '8'])}${String(Math.floor(r() * 1e9)).padStart(9, '0')}` },
      ],
      emergency: true,
    });
    let city: string | null;
    people.push(
      PersonInputSchema.parse({
        name: pick(r, SURNAMES) + pick(r, female ? GIVEN_F : GIVEN_M),
        gender,
        ethnicity: r() < 0.92 ? '汉族' : pick(r, ['满族', '回族', '朝鲜族', '蒙古族']),
        birthDate: birth,
        idNumber,
        category,
        staffType: category === '离休' || r() < 0.3 ? '干部' : '工人',
        workStartDate: `${birthYear + 16 + Math.floor(r() * 6)}-${p2(1 + Math.floor(r() * 12))}`,
        retirementDate: `${retirementYear}-${p2(month)}`,
        formerUnit: pick(r, UNITS),
        formerPosition: pick(r, POSITIONS),
        politicalStatus: party ? '中共党员' : r() < 0.1 ? '民主党派' : '群众',
        partyBranchId: branch?.id ?? null,
        partyGroupId: branch && branch.groups.length ? pick(r, branch.groups) : null,
        adminGroupId: group?.id ?? null,
        adminSubgroupId: group && group.subgroups.length ? pick(r, group.subgroups) : null,
        health: pick(r, HEALTH),
        living,
        careAloneChildless: living === '独居' && r() < 0.3,
        careDisability: r() < 0.04 ? '失能' : r() < 0.06 ? '半失能' : null,
        careHardship: r() < 0.05,
        careEmptyNest: living === '与配偶同住' && r() < 0.3,
        remote,
        // The city is drawn where it always was, so that every later draw (and every demo person) stays the same.
        remoteCity: (city = remote ? pick(r, CITIES) : null),
        // Who looks after them there: drawn from nothing, for the same reason.
        remoteUnit: city && `${city.replace(/^.+省/, '')}退休人员社会化管理服务中心`,
        remoteCommunity: city && `${city.replace(/^.+省/, '')}${['幸福里', '和平里', '光明'][birthYear % 3]}社区居委会`,
        remotePolice: city && `${city.replace(/^.+省/, '')}${['中山路', '人民路', '解放路'][birthYear % 3]}派出所`,
        phones,
        address: `${city ?? '沈阳市铁西区'}${pick(r, STREETS)}${1 + Math.floor(r() * 200)}号${1 + Math.floor(r() * 6)}单元${1 + Math.floor(r() * 7)}0${1 + Math.floor(r() * 4)}室`,
        postcode: `1100${p2(10 + Math.floor(r() * 30))}`,
        area: pick(r, AREAS),
        building: `${1 + Math.floor(r() * 40)}号楼`,
        community: pick(r, COMMUNITIES),
        bankName: '中国工商银行沈阳分行',
        bankAccount: `6222${String(Math.floor(r() * 1e15)).padStart(15, '0')}`,
        status: deceased ? '已故' : moved ? '迁出' : '在册',
        statusDate: deceased
          ? `${2018 + Math.floor(r() * 9)}-${p2(1 + Math.floor(r() * 11))}-${p2(1 + Math.floor(r() * 28))}`
          : moved
            ? `${2015 + Math.floor(r() * 10)}-${p2(1 + Math.floor(r() * 12))}`
            : null,
        note: null,
        contacts: [spouse],
      }),
    );
    // 缴费年限 from the dates already drawn (so the made-up people stay the same): work start to retirement.
    const made = people[people.length - 1];
    made.contributionYears =
      category === '离休' ? null : Math.max(0, retirementYear - Number(made.workStartDate!.slice(0, 4)));
  }
  return people;
}

export function createDemoUnits(store: Store): DemoUnits {
  const cn = ['一', '二', '三', '四'];
  const adminGroups = cn.map((n) => {
    const g = createUnit(store, { kind: '行政大组', name: `第${n}行政大组`, parentId: null });
    const subgroups = [1, 2, 3].map(
      (k) => createUnit(store, { kind: '行政小组', name: `第${n}大组第${cn[k - 1]}小组`, parentId: g.id }).id,
    );
    return { id: g.id, subgroups };
  });
  const partyBranches = cn.slice(0, 3).map((n) => {
    const b = createUnit(store, { kind: '党支部', name: `离退休第${n}党支部`, parentId: null });
    const groups = [1, 2].map(
      (k) => createUnit(store, { kind: '党小组', name: `第${n}支部第${cn[k - 1]}党小组`, parentId: b.id }).id,
    );
    return { id: b.id, groups };
  });
  return { adminGroups, partyBranches };
}

/** Fills an empty database with `count` demo retirees and a few organisation units. */
export function seedDemo(store: Store, count: number, seed = 2026): number {
  return store.tx(() => {
    const units = createDemoUnits(store);
    const people = makeDemoPeople(count, seed, units);
    for (const p of people) createPerson(store, p, { acceptWarnings: false, operator: '演示数据' });
    return people.length;
  });
}
