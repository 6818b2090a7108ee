// One recogniser for the columns of every list that comes as a spreadsheet (a roster, a claims
// ledger, the pension adjustment list): a field is a concept with parts, not a list of spellings,
// and a column's values vote where its header says nothing, or says the wrong thing (issue 14).
//
// 1. The label is normalised: full-width to half-width, spaces and line breaks out, units and
//    format hints in brackets out (（元）, (年), （YYYY.MM）, （18位）), punctuation out.
// 2. It is matched against the kind's grammar (grammar.ts), first as it stands, then with what
//    adds nothing taken off (职工, 人员, 本人, 现, 原, 的 …): 原养老金 is the old pension, but
//    现居住地 is 居住地 and 职工姓名 is 姓名.
// 3. The values vote: a column mostly of valid ID numbers is the ID column whatever its header
//    says, or with none; dates that are the ID numbers' birth dates are the birth date; 男/女,
//    离休/退休/退职, phone numbers, 中共党员/群众, 是/否 under 党员 or 健在 place a column the header
//    did not.
// Each choice carries its reason in words, for the mapping step ("按表头：出生年月",
// "按内容判断：98% 为身份证号"). A column nothing places is kept by the caller, never dropped.
import { checkIdNumber } from '../shared/idNumber';
import { parseDateInput } from '../shared/dates';
import { UserError } from '../shared/errors';
import type { CellValue } from '../spreadsheet/cells';

/** A value a column's cells may hold, and how many of them must hold it for the column to be that. */
export interface ValueTest {
  /** The word for it in a reason: 身份证号, 日期. */
  what: string;
  test: (text: string, raw: CellValue) => boolean;
  /** The share of a column's non-empty cells that must pass (0.8: four in five). */
  share: number;
  /** Where the column as a whole is the test (1, 2, 3 … counts up): its share, in place of counting cells. */
  columnShare?: (col: ColumnValues) => number;
}

export interface Vote<F extends string> {
  test: ValueTest;
  /** The field it places, or, from the column's label, which one (是/否 under 党员 or under 健在). */
  field: F | ((concept: string) => F | null);
}

export interface Grammar<F extends string> {
  /** Each field's rules: parts separated by spaces; a part is alternatives (`日期|年月`), optional with a trailing `?`. */
  rules: Record<F, readonly string[]>;
  /** Spellings that place a column only when its values agree (编号 is a 序号 only if it counts 1, 2, 3). */
  weak?: Partial<Record<F, { rules: readonly string[]; test: ValueTest }>>;
  /** Field names in Chinese, for reasons. */
  names: Record<F, string>;
  votes: readonly Vote<F>[];
  /** The field that is the birth date, found by agreeing with the ID numbers' birth dates. */
  birthDate?: F;
  /** The field that is the ID number: its values place it whatever a header says. */
  idNumber?: F;
  /** Fields that may take several columns (电话 and 手机 are both phones). */
  many?: readonly F[];
  /** The field a column must have for the table to be one of these lists (姓名 for a roster). */
  key?: F;
}

/**
 * What the user or the CLI said a label (by its concept, `taughtKey`) or a column (`第N列`) is:
 * a field, or null for none (kept in the notes); with the reason the mapping step shows.
 */
export interface Taught<F extends string> {
  fields: ReadonlyMap<string, { field: F | null; reason: string }>;
}

export interface ColumnChoice<F extends string> {
  field: F | null;
  reason: string;
  /** Placed by what was taught (--map), which stands over anything remembered. */
  taught?: boolean;
}

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

/** Full-width to half-width, the ideographic space to a space. */
function halfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

// Bracketed text that says how a value is written, not what it is.
const UNIT =
  /^(元|万元|人民币元|人民币|rmb|¥|年|岁|月|个月|日|天|%|百分比|位|\d+位|必填|选填|可选|是否|是\/?否|男\/?女|[年月日ymd./-]+|[xX×]+)$/i;

/**
 * The label a concept is matched on: half-width, no spaces or line breaks, no units or format
 * hints in brackets, no punctuation, no leading numbering (`1、`, `一、`).
 */
export function conceptOf(label: CellValue): string {
  if (label === null || label === undefined) return '';
  let s = halfWidth(String(label)).replace(/\s+/g, '');
  s = s.replace(/^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．]/, '');
  s = s.replace(/[(（【[「]([^()（）【】[\]「」]*)[)）】\]」]/g, (_, inner: string) => (UNIT.test(inner) ? '' : inner));
  return s.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
}

// What adds nothing to a label: said before it (职工姓名, 现居住地, 本人电话), or within it (离退休人员类别).
const PREFIXES = [
  '离退休人员',
  '离休人员',
  '退休人员',
  '离退休干部',
  '老同志',
  '职工',
  '员工',
  '人员',
  '本人',
  '个人',
  '目前',
  '当前',
  '现',
  '原',
];
const WITHIN = /人员|职工|的/g;

/** The label with what adds nothing taken off; null where nothing was. */
function stripped(concept: string): string | null {
  let s = concept;
  for (let again = true; again;) {
    again = false;
    for (const p of PREFIXES) {
      if (s.startsWith(p) && s.length > p.length) {
        s = s.slice(p.length);
        again = true;
      }
    }
  }
  s = s.replace(WITHIN, '');
  return s !== concept && s !== '' ? s : null;
}

/** A rule (`出生 日期|年月|时间?`) as an anchored pattern. */
function compileRule(rule: string): RegExp {
  const parts = rule
    .trim()
    .split(/\s+/)
    .map((part) => {
      const optional = part.endsWith('?');
      const alts = (optional ? part.slice(0, -1) : part).split('|');
      return `(?:${alts.join('|')})${optional ? '?' : ''}`;
    });
  return new RegExp(`^${parts.join('')}$`);
}

interface Compiled<F extends string> {
  grammar: Grammar<F>;
  rules: [F, RegExp][];
  weak: [F, RegExp, ValueTest][];
}

const compiled = new WeakMap<object, unknown>();

function compile<F extends string>(grammar: Grammar<F>): Compiled<F> {
  let c = compiled.get(grammar) as Compiled<F> | undefined;
  if (!c) {
    c = {
      grammar,
      rules: (Object.entries(grammar.rules) as [F, readonly string[]][]).flatMap(([f, rules]) =>
        rules.map((r): [F, RegExp] => [f, compileRule(r)]),
      ),
      weak: (Object.entries(grammar.weak ?? {}) as [F, { rules: readonly string[]; test: ValueTest }][]).flatMap(
        ([f, w]) => w.rules.map((r): [F, RegExp, ValueTest] => [f, compileRule(r), w.test]),
      ),
    };
    compiled.set(grammar, c);
  }
  return c;
}

function matchConcept<F extends string>(c: Compiled<F>, concept: string): F | null {
  for (const [f, re] of c.rules) if (re.test(concept)) return f;
  return null;
}

/** The field a label names by the grammar alone (a header with no values under it yet), or null. */
export function fieldOfLabel<F extends string>(grammar: Grammar<F>, label: CellValue): F | null {
  const c = compile(grammar);
  const concept = conceptOf(label);
  if (!concept) return null;
  const bare = stripped(concept);
  return matchConcept(c, concept) ?? (bare ? matchConcept(c, bare) : null);
}

/** The key a label is taught under (--map, a remembered choice): its concept, or 第N列. */
export function taughtKey(label: string): string {
  const m = /^\s*第\s*(\d+)\s*列\s*$/.exec(label);
  return m ? `第${Number(m[1])}列` : conceptOf(label);
}

/** What was taught of a column: by its label, else by its place; undefined where nothing was. */
export function taughtFor<F extends string>(
  taught: Taught<F> | undefined,
  label: CellValue,
  c: number,
): { field: F | null; reason: string } | undefined {
  if (!taught) return undefined;
  const concept = conceptOf(label);
  return (concept ? taught.fields.get(concept) : undefined) ?? taught.fields.get(`第${c + 1}列`);
}

/**
 * `{ "表头文字": "字段名" }` (the CLI's --map, a mapping sent with a call) as what is taught: a
 * field by its name in the README (`idNumber`) or in Chinese (`身份证号`); null or "" for none.
 * A name that is no field is refused, naming the fields there are.
 */
export function teach<F extends string>(
  grammar: Grammar<F>,
  map: Readonly<Record<string, string | null>>,
  reason: string,
  what = '对应关系',
): Taught<F> {
  const fields = new Map<string, { field: F | null; reason: string }>();
  const names = grammar.names as Record<string, string>;
  const byName = new Map<string, F>();
  for (const [f, name] of Object.entries(names) as [F, string][]) {
    byName.set(f.toLowerCase(), f);
    byName.set(name, f);
    byName.set(conceptOf(name), f);
  }
  for (const [label, value] of Object.entries(map)) {
    const key = taughtKey(label);
    if (!key) throw new UserError('invalid_input', `${what}中有空的表头文字`);
    let field: F | null = null;
    if (
      value !== null &&
      String(value).trim() !== '' &&
      !['none', '不对应', '不对应字段', '不导入'].includes(String(value).trim())
    ) {
      const v = String(value).trim();
      const f = byName.get(v.toLowerCase()) ?? byName.get(v) ?? byName.get(conceptOf(v));
      if (!f)
        throw new UserError(
          'invalid_input',
          `${what}中“${label}”对应的“${v}”不是可导入的字段；可用的字段：${(Object.entries(names) as [string, string][]).map(([k, n]) => `${k}（${n}）`).join('、')}`,
        );
      field = f;
    }
    fields.set(key, { field, reason: field === null ? `${reason}：不对应字段` : `${reason}：${names[field]}` });
  }
  return { fields };
}

/** Two things taught as one: the first's word stands where both speak of a column. */
export function bothTaught<F extends string>(
  first: Taught<F> | undefined,
  second: Taught<F> | undefined,
): Taught<F> | undefined {
  if (!first || !second) return first ?? second;
  return { fields: new Map([...second.fields, ...first.fields]) };
}

// --- what values look like ----------------------------------------------------------------------

function isLostIdNumber(raw: CellValue, text: string): boolean {
  return (typeof raw === 'number' && raw >= 1e16) || /^\d(\.\d+)?E\+?1[67]$/i.test(text);
}

export const ID_NUMBER: ValueTest = {
  what: '身份证号',
  share: 0.8,
  test: (text, raw) => {
    if (isLostIdNumber(raw, text)) return true;
    const check = checkIdNumber(text);
    return check.ok || check.code === 'checkDigit';
  },
};

function dateText(text: string, raw: CellValue): string | null {
  if (raw instanceof Date) return text;
  if (typeof raw === 'number') {
    // 19521005, or 1952.05 typed as a number; a bare number may be money, so no Excel serials.
    if (Number.isInteger(raw) && raw >= 18500101 && raw <= 21001231) return parseDateInput(String(raw));
    if (!Number.isInteger(raw) && raw > 1850 && raw < 2100) return parseDateInput(String(raw));
    return null;
  }
  if (/^\d{4}$/.test(text)) return null;
  return parseDateInput(text.replace(/\s/g, ''));
}

export const DATE: ValueTest = { what: '日期', share: 0.8, test: (text, raw) => dateText(text, raw) !== null };

export const GENDER: ValueTest = {
  what: '性别（男/女）',
  share: 0.9,
  test: (text) => /^(男|女)性?$/.test(text.replace(/\s/g, '')),
};

export const CATEGORY: ValueTest = {
  what: '离休/退休/退职',
  share: 0.8,
  test: (text) => /^(离休|退休|退职)(干部|工人|职工|人员)?$/.test(text.replace(/\s/g, '')),
};

export const PARTY: ValueTest = {
  what: '政治面貌',
  share: 0.8,
  test: (text) =>
    /^(中共|中国共产党)?(预备)?党员$|^群众$|^共青团员$|^团员$|^无党派|^民革|^民盟|^民建|^民进|^农工|^致公|^九三|^台盟/.test(
      text.replace(/\s/g, ''),
    ),
};

export const YES_NO: ValueTest = {
  what: '是/否',
  share: 0.9,
  test: (text) => /^(是|否|有|无|Y|N|√|×)$/i.test(text.replace(/\s/g, '')),
};

export const PHONE: ValueTest = {
  what: '电话号码',
  share: 0.8,
  test: (text) =>
    text
      .split(/[、,，;；/\s]+/)
      .filter(Boolean)
      .every((p) => /^1[3-9]\d{9}$/.test(p) || /^0\d{2,3}-?\d{7,8}(-\d{1,5})?$/.test(p) || /^[2-9]\d{6,7}$/.test(p)) &&
    text.trim() !== '',
};

/** 1, 2, 3 …: a row number, not data (the share of rows that count one up from the row before, from 1). */
export const SEQUENCE: ValueTest = {
  what: '从 1 起连续的序号',
  share: 0.9,
  test: (text) => /^\d{1,6}$/.test(text),
  columnShare: (col) => {
    const n = col.texts.map((t) => (/^\d{1,6}$/.test(t) ? Number(t) : NaN));
    if (n.length === 0 || n[0] > 1) return 0;
    let up = 1;
    for (let i = 1; i < n.length; i++) if (n[i] === n[i - 1] + 1) up++;
    return up / n.length;
  },
};

// The most common Chinese family names (over nine in ten people carry one of them).
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由',
]);
const NOT_A_NAME =
  /(厂|处|科|部|室|院|局|所|站|队|组|社区|街道|公司|车间|中心|学校|医院|市|县|区|镇|乡|村|省|路|街|号|楼|栋|党员|群众|干部|工人|退休|离休|退职|健在|已故|去世|男性|女性)$/;

/** 张桂兰, 王 芳, 阿依古丽·买买提: a person's name. */
export const PERSON_NAME: ValueTest = {
  what: '姓名',
  share: 0.8,
  test: (text) => {
    const t = text.replace(/[\s\u3000]/g, '');
    if (/^[\u4e00-\u9fa5]{2,4}$/.test(t))
      return (
        (SURNAMES.has(t[0]) ||
          ['欧阳', '司马', '诸葛', '上官', '东方', '慕容', '令狐', '皇甫', '尉迟', '公孙', '端木', '夏侯'].includes(
            t.slice(0, 2),
          )) &&
        !NOT_A_NAME.test(t)
      );
    return /^[\u4e00-\u9fa5]{1,8}[·•.][\u4e00-\u9fa5]{1,10}$/.test(t);
  },
};

// --- the columns of a table ---------------------------------------------------------------------

export interface ColumnValues {
  /** Non-empty cells of the column in the sample, as text and as read. */
  texts: string[];
  raws: CellValue[];
}

const text = (v: CellValue): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = halfWidth(String(v)).trim();
  return s === '' ? null : s;
};

/** The columns of the rows under a header, as far as `limit` rows with a value. */
/** Rows that hold something a column is recognised by, at most, and among how many rows they are looked for (this many times as many). */
export const SAMPLED_ROWS = 200;
export const SAMPLE_REACH = 10;

export function sampleColumns(
  rows: readonly CellValue[][],
  from: number,
  width: number,
  limit = SAMPLED_ROWS,
): ColumnValues[] {
  const columns: ColumnValues[] = Array.from({ length: width }, () => ({ texts: [], raws: [] }));
  let taken = 0;
  // A few blank rows between are passed over; a sheet of empty formatted rows is not walked to its end.
  const last = Math.min(rows.length, Math.max(0, from) + limit * SAMPLE_REACH);
  for (let r = Math.max(0, from); r < last && taken < limit; r++) {
    const row = rows[r] ?? [];
    let any = false;
    for (let c = 0; c < Math.min(width, row.length); c++) {
      const t = text(row[c] ?? null);
      if (t === null) continue;
      columns[c].texts.push(t);
      columns[c].raws.push(row[c] ?? null);
      any = true;
    }
    if (any) taken++;
  }
  return columns;
}

/** The share of a column's values that pass a test. */
export function shareOf(test: ValueTest, col: ColumnValues): number {
  if (col.texts.length === 0) return 0;
  if (test.columnShare) return test.columnShare(col);
  let n = 0;
  for (let i = 0; i < col.texts.length; i++) if (test.test(col.texts[i], col.raws[i])) n++;
  return n / col.texts.length;
}

const percent = (share: number) => `${Math.floor(share * 100)}%`;

/** Whether a column of names is names: mostly names, and mostly different ones (not 18 rows of 焦化厂). */
function namesVote(col: ColumnValues): number {
  const share = shareOf(PERSON_NAME, col);
  if (share < PERSON_NAME.share) return 0;
  const distinct = new Set(col.texts.map((t) => t.replace(/\s/g, ''))).size / col.texts.length;
  return col.texts.length < 4 || distinct >= 0.5 ? share : 0;
}

function voteShare<F extends string>(v: Vote<F>, col: ColumnValues): number {
  return v.test === PERSON_NAME ? namesVote(col) : shareOf(v.test, col);
}

/** The birth date an ID number gives, or null. */
function birthDateOf(id: string): string | null {
  const check = checkIdNumber(id);
  return check.ok || check.code === 'checkDigit' ? check.birthDate : null;
}

/**
 * Every column's field and why: the taught choice, the header by the grammar, or the values.
 * `columns` are the values under the header, cell for cell as wide as `labels`; `rows` aligned
 * (the same sample rows) so that a date column can be set against the ID numbers of its row.
 */
export function recogniseColumns<F extends string>(
  grammar: Grammar<F>,
  labels: readonly CellValue[],
  columns: readonly ColumnValues[],
  options: { taught?: Taught<F>; alignedRows?: readonly CellValue[][] } = {},
): ColumnChoice<F>[] {
  const c = compile(grammar);
  const names = grammar.names;
  const width = Math.max(labels.length, columns.length);
  const empty: ColumnValues = { texts: [], raws: [] };
  const col = (i: number) => columns[i] ?? empty;
  const shown = (i: number) => String(labels[i] ?? '').replace(/\s+/g, '');
  const choices: ColumnChoice<F>[] = [];
  const fixed = new Set<number>();

  // 1. What was taught, then the header by the grammar (as it stands, then stripped), then the weak spellings.
  for (let i = 0; i < width; i++) {
    const taught = taughtFor(options.taught, labels[i] ?? null, i);
    if (taught !== undefined) {
      choices.push({ field: taught.field, reason: taught.reason, taught: true });
      fixed.add(i);
      continue;
    }
    const concept = conceptOf(labels[i] ?? null);
    const bare = concept ? stripped(concept) : null;
    let field = concept ? (matchConcept(c, concept) ?? (bare ? matchConcept(c, bare) : null)) : null;
    let reason = field ? `按表头：${shown(i)}` : '';
    if (!field && concept) {
      for (const [f, re, test] of c.weak) {
        if (!(re.test(concept) || (bare && re.test(bare)))) continue;
        const share = shareOf(test, col(i));
        if (share >= test.share) {
          field = f;
          reason = `按表头：${shown(i)}，且内容 ${percent(share)} 为${test.what}`;
        }
        break;
      }
    }
    choices.push({ field, reason });
  }

  // 2. The ID number by its values: whatever a header says, unless a column the header calls the ID holds them.
  if (grammar.idNumber) {
    const idField = grammar.idNumber;
    const shares = Array.from({ length: width }, (_, i) => shareOf(ID_NUMBER, col(i)));
    const byHeader = choices.findIndex((ch) => ch.field === idField);
    const headerHolds =
      byHeader >= 0 && (shares[byHeader] >= ID_NUMBER.share || fixed.has(byHeader) || col(byHeader).texts.length === 0);
    if (!headerHolds) {
      let best = -1;
      for (let i = 0; i < width; i++)
        if (!fixed.has(i) && shares[i] >= ID_NUMBER.share && (best < 0 || shares[i] > shares[best])) best = i;
      if (best >= 0) {
        if (byHeader >= 0)
          choices[byHeader] = {
            field: null,
            reason: `表头是${shown(byHeader)}，但内容只有 ${percent(shares[byHeader])} 是身份证号；身份证号在“${shown(best) || `第${best + 1}列`}”`,
          };
        choices[best] = { field: idField, reason: `按内容判断：${percent(shares[best])} 为身份证号` };
        fixed.add(best);
      }
    }
  }

  // 3. One column per field: the first the header names; a second is kept in the notes.
  const taken = new Map<F, number>();
  for (let i = 0; i < width; i++) {
    const f = choices[i].field;
    if (f === null) continue;
    if (taken.has(f) && !grammar.many?.includes(f)) {
      const first = taken.get(f)!;
      choices[i] = {
        field: null,
        reason: `${choices[i].reason}，但“${shown(first) || `第${first + 1}列`}”已对应${names[f]}`,
      };
    } else if (!taken.has(f)) taken.set(f, i);
  }

  // 4. The values place what the header did not.
  const idCol = grammar.idNumber ? taken.get(grammar.idNumber) : undefined;
  for (let i = 0; i < width; i++) {
    if (choices[i].field !== null || fixed.has(i) || col(i).texts.length === 0) continue;
    const concept = conceptOf(labels[i] ?? null);
    let placed = false;
    for (const v of grammar.votes) {
      const field = typeof v.field === 'function' ? v.field(concept) : v.field;
      if (field === null || taken.has(field)) continue;
      const share = voteShare(v, col(i));
      if (share < v.test.share) continue;
      choices[i] = { field, reason: `按内容判断：${percent(share)} 为${v.test.what}` };
      taken.set(field, i);
      placed = true;
      break;
    }
    // Dates that are the ID numbers' birth dates, row by row.
    if (!placed && grammar.birthDate && !taken.has(grammar.birthDate) && idCol !== undefined && options.alignedRows) {
      let agree = 0;
      let dates = 0;
      for (const row of options.alignedRows) {
        const d = text(row[i] ?? null);
        const id = text(row[idCol] ?? null);
        if (d === null) continue;
        const iso = dateText(d, row[i] ?? null);
        if (iso === null) continue;
        dates++;
        const born = id ? birthDateOf(id) : null;
        if (born && born.startsWith(iso)) agree++;
      }
      if (dates > 0 && dates >= col(i).texts.length * DATE.share && agree >= dates * 0.8) {
        choices[i] = {
          field: grammar.birthDate,
          reason: `按内容判断：${percent(agree / dates)} 与身份证号中的出生日期一致`,
        };
        taken.set(grammar.birthDate, i);
        placed = true;
      }
    }
    if (!placed && !choices[i].reason) {
      const share = shareOf(DATE, col(i));
      choices[i] = {
        field: null,
        reason:
          share >= DATE.share
            ? `内容 ${percent(share)} 为日期，但无法判断是哪一项：请指定，否则记入备注并标为待核实`
            : '未能识别：内容记入备注，标为待核实',
      };
    }
  }
  for (let i = 0; i < width; i++) {
    if (choices[i].field !== null || choices[i].reason) continue;
    choices[i] = {
      field: null,
      reason:
        col(i).texts.length === 0
          ? conceptOf(labels[i] ?? null)
            ? '未能识别（此列没有内容）'
            : '空列'
          : '未能识别：内容记入备注，标为待核实',
    };
  }
  return choices;
}

/**
 * Whether a row is one of the table's data rows by its values: most of the columns the values
 * placed hold, in this row, what they hold below. (A header row holds labels there.)
 */
export function looksLikeData<F extends string>(
  grammar: Grammar<F>,
  row: readonly CellValue[],
  choices: readonly ColumnChoice<F>[],
): boolean {
  let tested = 0;
  let passed = 0;
  choices.forEach((ch, i) => {
    if (ch.field === null) return;
    const vote = grammar.votes.find((v) => (typeof v.field === 'function' ? false : v.field === ch.field));
    const test = ch.field === grammar.idNumber ? ID_NUMBER : vote?.test;
    const t = text(row[i] ?? null);
    if (!test || t === null) return;
    tested++;
    if (test.test(t, row[i] ?? null)) passed++;
  });
  return tested > 0 && passed * 2 >= tested;
}
