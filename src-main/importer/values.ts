// The roster's words in a cell (离休干部, 中共党员, 2019年3月去世, 孤寡、半失能): what they say
// about a person, for the fields of a file. Each rule is tested in tests/importer-values.test.ts.
import { isValidPartialDate } from '../shared/dates';
import { RANKS, UNIT_NATURES } from '../shared/person';

const p2 = (n: number) => String(n).padStart(2, '0');

const CATEGORY_WORDS: Record<string, { category: '离休' | '退休' | '退职'; staffType?: '干部' | '工人' }> = {
  离休: { category: '离休' },
  离休干部: { category: '离休', staffType: '干部' },
  退休: { category: '退休' },
  退休干部: { category: '退休', staffType: '干部' },
  退休工人: { category: '退休', staffType: '工人' },
  退职: { category: '退职' },
  退职工人: { category: '退职', staffType: '工人' },
};

export function categoryOf(text: string | null) {
  return text ? (CATEGORY_WORDS[text.replace(/\s/g, '')] ?? null) : null;
}

export function genderOf(text: string | null): '男' | '女' | null {
  const t = text?.replace(/\s/g, '');
  if (t === '男' || t === '男性') return '男';
  if (t === '女' || t === '女性') return '女';
  return null;
}

/** 是/否, 中共党员/群众 and the like: party membership and the 政治面貌 to record. */
export function partyOf(text: string | null): { member: boolean; political: string | null } | null {
  const t = text?.replace(/\s/g, '') ?? '';
  if (t === '' || t === '否' || t === '非党员' || t === '无') return { member: false, political: null };
  if (t === '群众') return { member: false, political: '群众' };
  if (['是', '党员', '中共党员', 'Y', '√', '共产党员'].includes(t)) return { member: true, political: '中共党员' };
  if (t === '预备党员' || t === '中共预备党员') return { member: true, political: '中共预备党员' };
  if (t === '共青团员' || t === '团员') return { member: false, political: '共青团员' };
  if (/民革|民盟|民建|民进|农工|致公|九三|台盟|民主党派/.test(t)) return { member: false, political: '民主党派' };
  return null;
}

// 职级 as rosters write it: a grade and a tier (正处级, 副厅, 正县级, 正局), or the tier and then the
// grade (处级正职, 县处级副职), or the lowest rank in any of its words (科员, 办事员, 一般干部, 无).
// The tiers are the four of the nine ranks (RANKS: 省部, 厅局, 县处, 乡科), each with the words
// offices use for it. 处级 alone gives no grade, so it is not read as either.
const TIERS = ['省部|省|部', '厅局|地厅|司局|厅|局|地|司', '县处|处|县', '乡科|科|乡'];
const TIER_WORDS = TIERS.join('|');
const GRADE_FIRST = new RegExp(`^(正|副)(${TIER_WORDS})级?$`);
const TIER_FIRST = new RegExp(`^(${TIER_WORDS})级?(正|副)职$`);
const LOWEST =
  /^(?:科员|办事员)(?:级|及以下|及其他)?$|^科员办事员(?:及其他|及以下)?$|^(?:一般干部|一般工作人员|无|其他|其它)$/;

export type Rank = (typeof RANKS)[number];

/** 正处级, 正处, 正县级, 处级正职 → 正县处级; 科员, 一般干部, 无 → 科员办事员及其他; null where it says no rank. */
export function rankOf(text: string | null): Rank | null {
  const t = text?.replace(/\s/g, '') ?? '';
  if (LOWEST.test(t)) return RANKS[RANKS.length - 1];
  const bare = t.replace(/干部$/, '');
  const first = GRADE_FIRST.exec(bare);
  const after = first ? null : TIER_FIRST.exec(bare);
  const [grade, word] = first ? [first[1], first[2]] : after ? [after[2], after[1]] : [null, null];
  if (!grade || !word) return null;
  const tier = TIERS.findIndex((alts) => alts.split('|').includes(word));
  return RANKS[tier * 2 + (grade === '正' ? 0 : 1)];
}

/** 机关/行政机关, 事业/事业单位/差额事业, 企业/国有企业/国企: the unit's nature; null where it says none of them. */
export function unitNatureOf(text: string | null): (typeof UNIT_NATURES)[number] | null {
  const t = text?.replace(/\s/g, '').replace(/单位$/, '') ?? '';
  if (/机关$/.test(t)) return '机关';
  if (/事业$/.test(t)) return '事业';
  if (/企业$|^国企$/.test(t)) return '企业';
  return null;
}

/** 统计标志: 是/√/1/计入 counted, 否/×/0/不计入 not; null where it says neither. */
export function countedOf(text: string | null): boolean | null {
  const t = text?.replace(/\s/g, '') ?? '';
  if (/^(是|√|✓|1|y|yes|计入|计入统计|统计|纳入|纳入统计)$/i.test(t)) return true;
  if (/^(否|×|✗|x|0|n|no|不计入|不计入统计|不统计|不纳入|不纳入统计)$/i.test(t)) return false;
  return null;
}

/** A remark such as `2019年3月去世` or a status word: deceased, with the date as precise as given. */
export function deathIn(text: string | null): { date: string | null } | null {
  if (!text) return null;
  const t = text.replace(/\s/g, '');
  if (!/(去世|病故|逝世|死亡|已故|故去)/.test(t)) return null;
  const m = /(\d{4})[年.\-/](\d{1,2})(?:[月.\-/](\d{1,2})日?)?/.exec(t) ?? /(\d{4})年/.exec(t);
  if (!m) return { date: null };
  const iso = m[3] ? `${m[1]}-${p2(Number(m[2]))}-${p2(Number(m[3]))}` : m[2] ? `${m[1]}-${p2(Number(m[2]))}` : m[1];
  return { date: isValidPartialDate(iso) ? iso : null };
}

export interface CareFields {
  careAloneChildless: boolean;
  careDisability: '失能' | '半失能' | null;
  careHardship: boolean;
  careEmptyNest: boolean;
  remote: boolean;
  remoteCity: string | null;
  /** 艰苦边远地区, for the pension adjustment. */
  remoteArea: boolean;
}

/** `孤寡、半失能、异地居住（北京市）、艰苦边远地区`: the special-care flags as the export writes them. */
export function careOf(text: string | null): { fields: CareFields; unknown: string[] } {
  const fields: CareFields = {
    careAloneChildless: false,
    careDisability: null,
    careHardship: false,
    careEmptyNest: false,
    remote: false,
    remoteCity: null,
    remoteArea: false,
  };
  const unknown: string[] = [];
  for (const part of (text ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
    const remote = /^异地居住(?:[（(](.+)[)）])?$/.exec(part);
    if (part === '孤寡') fields.careAloneChildless = true;
    else if (part === '失能' || part === '半失能') fields.careDisability = part;
    else if (part === '生活困难') fields.careHardship = true;
    else if (part === '空巢') fields.careEmptyNest = true;
    else if (part === '艰苦边远地区') fields.remoteArea = true;
    else if (remote) {
      fields.remote = true;
      fields.remoteCity = remote[1] ?? null;
    } else unknown.push(part);
  }
  return { fields, unknown };
}

/** The flags in one cell, the way careOf reads them back. */
export function careText(p: CareFields): string {
  return [
    p.careAloneChildless && '孤寡',
    p.careDisability,
    p.careHardship && '生活困难',
    p.careEmptyNest && '空巢',
    p.remote && (p.remoteCity ? `异地居住（${p.remoteCity}）` : '异地居住'),
    p.remoteArea && '艰苦边远地区',
  ]
    .filter(Boolean)
    .join('、');
}
