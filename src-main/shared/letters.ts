// Letters in proper Chinese letter form: 称谓, 正文, 祝颂语, 落款 (the organisation and the date). The
// built-in templates, their placeholders, and how a letter's parts are filled in. Shared with the
// renderer, which shows the same words in its template editor.

export const LETTER_KINDS = {
  sympathy: '慰问信',
  birthday: '生日贺信',
  festival: '节日慰问信',
  bereavement: '唁函',
  'visit-notice': '走访通知',
} as const;
export type LetterKind = keyof typeof LETTER_KINDS;
export const LETTER_KIND_KEYS = Object.keys(LETTER_KINDS) as LetterKind[];

/** 同志, 老师傅, or 先生/女士 by gender. */
export const ADDRESS_FORMS = ['同志', '老师傅', '先生/女士'] as const;
export type AddressForm = (typeof ADDRESS_FORMS)[number];

export type DateStyle = 'arabic' | 'chinese';

export interface LetterTemplate {
  kind: LetterKind;
  title: string;
  salutation: string;
  body: string;
  closing: string;
  dateStyle: DateStyle;
  /** The form of address where the person has none of their own. */
  addressForm: AddressForm;
}

/** Every placeholder a template may use, and what it stands for. */
export const PLACEHOLDERS: Record<string, string> = {
  姓名: '收信人姓名',
  称呼: '称呼（同志、老师傅、先生或女士）',
  年龄: '年龄（生日贺信按提醒规则的周岁或虚岁）',
  生日: '生日（如 12月3日）',
  家属姓名: '家属姓名（唁函：紧急联系人或第一位家属）',
  去世日期: '去世日期',
  单位: '本单位名称',
  日期: '落款日期',
  走访日期: '走访或慰问日期',
  慰问品: '慰问金和慰问品',
};

export const DEFAULT_TEMPLATES: Record<LetterKind, LetterTemplate> = {
  sympathy: {
    kind: 'sympathy',
    title: '慰问信',
    salutation: '尊敬的{姓名}{称呼}：',
    body: '得知您近来身体欠安，{单位}全体同志十分挂念。您为企业的建设和发展奉献了宝贵的青春年华，我们始终铭记在心。\n望您安心休养，保重身体，早日康复。生活上有什么困难，请随时告诉我们。',
    closing: '此致\n敬礼！',
    dateStyle: 'arabic',
    addressForm: '同志',
  },
  birthday: {
    kind: 'birthday',
    title: '生日贺信',
    salutation: '尊敬的{姓名}{称呼}：',
    body: '值此您{年龄}岁寿辰之际，{单位}谨向您致以最诚挚的祝贺和美好的祝愿！\n祝您福如东海、寿比南山，身体健康，阖家幸福！',
    closing: '此致\n敬礼！',
    dateStyle: 'arabic',
    addressForm: '同志',
  },
  festival: {
    kind: 'festival',
    title: '节日慰问信',
    salutation: '尊敬的{姓名}{称呼}：',
    body: '值此佳节来临之际，{单位}向您致以节日的问候和良好的祝愿！随信奉上{慰问品}，聊表心意。\n衷心感谢您多年来对企业发展作出的贡献，祝您节日快乐，身体健康，万事如意！',
    closing: '此致\n敬礼！',
    dateStyle: 'arabic',
    addressForm: '同志',
  },
  bereavement: {
    kind: 'bereavement',
    title: '唁函',
    salutation: '{家属姓名}：',
    body: '惊悉{姓名}{称呼}不幸于{去世日期}逝世，{单位}全体同志深感悲痛，谨致深切的哀悼，并向您和家属表示诚挚的慰问。\n{姓名}{称呼}的一生勤勤恳恳、兢兢业业，我们将永远怀念。望节哀顺变，保重身体。',
    closing: '特此函唁',
    dateStyle: 'chinese',
    addressForm: '同志',
  },
  'visit-notice': {
    kind: 'visit-notice',
    title: '走访通知',
    salutation: '尊敬的{姓名}{称呼}：',
    body: '{单位}定于{走访日期}上门看望您，届时请您在家等候。如时间不便，请与我们联系另约时间。',
    closing: '此致\n敬礼！',
    dateStyle: 'arabic',
    addressForm: '同志',
  },
};

const DIGITS = '〇一二三四五六七八九';

/** 1–31 as Chinese numerals: 十一, 二十, 三十一. */
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 2026-11-28 as 2026年11月28日 or 二〇二六年十一月二十八日, as letters are dated. */
export function letterDate(iso: string, style: DateStyle): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (style === 'arabic') return `${y}年${m}月${d}日`;
  return `${[...String(y)].map((c) => DIGITS[Number(c)]).join('')}年${chineseNumber(m)}月${chineseNumber(d)}日`;
}

/** The form of address for a person: 先生/女士 becomes one of them by gender. */
export function addressFor(form: AddressForm, gender: string | null): string {
  if (form !== '先生/女士') return form;
  return gender === '女' ? '女士' : gender === '男' ? '先生' : '先生/女士';
}

/** The placeholders a text uses that are not known, so that a template is not saved with a typo. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).filter((p) => !(p in PLACEHOLDERS));
}

/** A text with its placeholders filled in; a placeholder without a value is left as written. */
export function fillPlaceholders(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(/\{([^{}]*)\}/g, (whole, name: string) => values[name] ?? whole);
}
