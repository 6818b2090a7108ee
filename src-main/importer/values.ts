// The roster's words in a cell (离休干部, 中共党员, 2019年3月去世, 孤寡、半失能): what they say
// about a person, for the fields of a file. Each rule is tested in tests/importer-values.test.ts.
import { isValidPartialDate } from '../shared/dates';

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
