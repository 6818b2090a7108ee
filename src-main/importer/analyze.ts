// From a read roster to a verdict on every row: which rows are people and what each becomes,
// which are titles, headers, totals and notes, and what staff must look at. Nothing is dropped:
// every row has an outcome, and columns that map to no field go into the person's notes.
import type { RowIssue } from '../contract/imports';
import { PersonInput } from '../contract/retirees';
import { describeIssues } from '../contract/issues';
import { normalizeName } from '../retirees/persons';
import { checkIdNumber, crossCheckId } from '../shared/idNumber';
import { findHeader, headerAt, type HeaderGuess, type ImportField } from './columns';
import { conceptOf, type Taught } from './recognise';
import { normalizeLabel, type SourceBook, type SourceSheet } from '../spreadsheet/tables';
import { cellText, halfWidth, idCell, parseDateCell, type CellValue } from '../spreadsheet/cells';
import {
  careOf,
  categoryOf,
  countedOf,
  deathIn,
  genderOf,
  partyOf,
  rankOf,
  unitNatureOf,
  type CareFields,
} from './values';
import { LIVING_ARRANGEMENTS } from '../shared/person';
import { ROSTER_FIELD_NAMES as FIELD_WORDS } from './grammar';

export type { RowIssue };

export interface ImportedPerson {
  name: string;
  gender: '男' | '女' | null;
  ethnicity: string | null;
  birthDate: string | null;
  idNumber: string | null;
  idFrom15: boolean;
  category: '离休' | '退休' | '退职';
  staffType: '干部' | '工人' | null;
  workStartDate: string | null;
  retirementDate: string | null;
  formerUnit: string | null;
  formerPosition: string | null;
  /** Full years (缴费年限); a figure with months keeps its text in the notes. */
  contributionYears: number | null;
  unitNature: PersonInput['unitNature'];
  rank: PersonInput['rank'];
  treatment: string | null;
  treatmentApprovedOn: string | null;
  treatmentApprovalNo: string | null;
  /** null where the roster has no 统计标志 column, or one whose word could not be read. */
  counted: boolean | null;
  level: string | null;
  remoteUnit: string | null;
  remoteUnitPhone: string | null;
  remoteCommunity: string | null;
  remoteCommunityPhone: string | null;
  remotePolice: string | null;
  remotePolicePhone: string | null;
  phone: string | null;
  address: string | null;
  /** null where the roster has no party column. */
  partyMember: boolean | null;
  politicalStatus: string | null;
  /** null where the roster says nothing of it (no status or remark column). */
  status: '在册' | '已故' | '迁出' | null;
  statusDate: string | null;
  postcode: string | null;
  area: string | null;
  building: string | null;
  community: string | null;
  health: string | null;
  living: string | null;
  care: CareFields;
  bankName: string | null;
  bankAccount: string | null;
  note: string | null;
  reviewFlags: string[];
}

export type RowOutcome = 'data' | 'title' | 'header' | 'blank' | 'total' | 'note';

/** What finds a person on file (importer/commit.ts findOnFile): read without making the whole input. */
export type PersonKey = Pick<PersonInput, 'name' | 'idNumber' | 'birthDate'>;

/** What the commit makes of a data row: the person as a file's input (null where it cannot be one), its problems, the key duplicates are found by. */
export interface ConvertedRow {
  /** Made anew at each read (see PackedInput): read it once. */
  readonly input: PersonInput | null;
  /** The fields that find the person on file; null where the row cannot be a person. */
  readonly person: PersonKey | null;
  readonly issues: RowIssue[];
  readonly key: string | null;
}

/**
 * A file's input kept with only the fields that differ from an empty file's, the rest put back
 * when it is read. An import keeps every row's converted person from the preview to the commit;
 * the schema gives each one all of its 55 fields, most of them empty, which at 50,000 rows was 20
 * of the analysis's 47 MB (issue 14: the import's memory).
 */
type PackedInput = Partial<PersonInput> & Pick<PersonInput, 'name' | 'category'>;

/** An empty file's input, as the schema completes one. */
let emptyInput: PersonInput | null = null;
const emptyOf = () => (emptyInput ??= Object.freeze(PersonInput.parse({ name: '空', category: '退休' })));

function packInput(input: PersonInput): PackedInput {
  const empty = emptyOf() as unknown as Record<string, unknown>;
  const packed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const none = empty[key];
    const same = Array.isArray(value)
      ? value.length === 0 && Array.isArray(none) && none.length === 0
      : value === none && (value === null || typeof value !== 'object');
    if (!same || key === 'name' || key === 'category') packed[key] = value;
  }
  return packed as PackedInput;
}

/** The fields whose empty value is a list: each file gets lists of its own, as the schema makes them. */
let listFields: string[] | null = null;

function unpackInput(packed: PackedInput): PersonInput {
  const input = { ...emptyOf(), ...packed } as Record<string, unknown>;
  listFields ??= Object.entries(emptyOf())
    .filter(([, value]) => Array.isArray(value))
    .map(([key]) => key);
  for (const key of listFields) if (!(key in packed)) input[key] = [];
  return input as PersonInput;
}

class Converted implements ConvertedRow {
  private readonly packed: PackedInput | null;
  constructor(
    input: PersonInput | null,
    readonly issues: RowIssue[],
    readonly key: string | null,
  ) {
    this.packed = input && packInput(input);
  }

  get input(): PersonInput | null {
    return this.packed && unpackInput(this.packed);
  }

  get person(): PersonKey | null {
    const p = this.packed;
    return p && { name: p.name, idNumber: p.idNumber ?? null, birthDate: p.birthDate ?? null };
  }
}

/** What the rows of a sheet share: the sheet, the book, the header they were analysed under. */
interface SheetContext {
  sheet: SourceSheet;
  book: SourceBook;
  header: HeaderGuess | null;
  valueMaps: AnalysisSpec['valueMaps'];
}

/**
 * A row of a sheet as analysed, kept for the preview, its corrections and the commit, so kept
 * small (issue 14: 400 MB at 50,000 rows): a data row keeps its person converted once to a file's
 * input (the contract's schema; most of what deciding a row costs) and what the preview and the
 * roster's shape ask of it (name, ID number, whether flagged). The person as analysed, and the
 * raw values for the import log, are made again from the row's cells when asked.
 */
export class AnalyzedRow {
  /** For a data row: the person as a file's input, its problems, its key. */
  readonly converted: ConvertedRow | null;
  /** The name the row gives (null where it is not a person's row). */
  readonly name: string | null;
  /** The ID number as read (valid or not; null where none). */
  readonly idNumber: string | null;
  /** Whether the person is flagged 待核实. */
  readonly flagged: boolean;

  constructor(
    private readonly context: SheetContext,
    /** 1-based, as Excel shows it. */
    readonly row: number,
    readonly outcome: RowOutcome,
    person: ImportedPerson | null,
    readonly issues: RowIssue[],
  ) {
    this.name = person?.name ?? null;
    this.idNumber = person?.idNumber ?? null;
    this.flagged = (person?.reviewFlags.length ?? 0) > 0;
    if (outcome !== 'data') this.converted = null;
    else {
      const made = person ? toPersonInput(person) : { input: null, issues: NO_ISSUES };
      this.converted = new Converted(
        made.input,
        made.issues.length ? [...issues, ...made.issues] : issues,
        made.input ? keyOf(made.input) : null,
      );
    }
  }

  get sheet(): string {
    return this.context.sheet.name;
  }

  get hidden(): boolean {
    return this.context.sheet.hiddenRows.has(this.row - 1);
  }

  /** The person as analysed, made again from the row's cells (tools and tests; the commit reads `converted`). */
  get person(): ImportedPerson | null {
    const { sheet, book, header, valueMaps } = this.context;
    return this.outcome === 'data' && header
      ? personOf(sheet.rows[this.row - 1], sheet, header, book, valueMaps).person
      : null;
  }

  /** The row as the file has it, label → text, for the import log. */
  raw(): Record<string, string> {
    return rawOf(this.context.sheet.rows[this.row - 1] ?? [], this.context.header?.labels ?? []);
  }
}

export interface AnalyzedSheet {
  name: string;
  hidden: boolean;
  header: HeaderGuess | null;
  rows: AnalyzedRow[];
}

// The rows below a roster that are not people (issue 14: 总裁办合计, 总合计, 总计：700人, 制表人 became
// people). A total or subtotal names itself (合计/小计/总计/共计…, or a count: 共700人), or is a
// label merged across the name column over figures only; a footer starts with who made, checked
// or approved the table, or a note. A row with an ID number is a person whatever else it says.
const TOTAL_WORDS = /合计|小计|总计|共计|累计|总数|汇总|^共\d+[人名]|共有\d+[人名]|^\d+[人名]$/;
const TOTAL_START = /^(合计|总计|小计|共计|总合计|累计|汇总|总数)/;
const FOOTER =
  /^(注(?:[:：\d一二三、.．]|$)|注意|备注[:：]|说明(?:[:：]|$)|制表|填表|填报|审核|审批|复核|负责人|单位负责人|经办人|联系人|报送|打印|单位[（(]?盖章|盖章)/;

function rowTexts(row: CellValue[]): string[] {
  return row.map((v) => cellText(v) ?? '');
}

/** A value that is a figure: a number, or text that reads as one (`1,200`, `35.5`). */
const isFigure = (v: CellValue) =>
  typeof v === 'number' || (typeof v === 'string' && /^[-+]?[\d,，]+(\.\d+)?$/.test(halfWidth(v).trim()));

/** Whether the row holds something that looks like an ID number (valid or not): then it is a person. */
function hasIdNumber(row: CellValue[], header: HeaderGuess): boolean {
  const col = header.fields.indexOf('idNumber');
  if (col < 0) return false;
  const id = idCell(row[col] ?? null);
  return id.kind === 'lost' || (id.kind === 'text' && /^\d{15}$|^\d{17}[\dXx]$/.test(id.text.replace(/\s/g, '')));
}

/** What a row below the header that is not blank says it is: a total, a footer, or data. */
function closingKind(
  row: CellValue[],
  r: number,
  sheet: SourceSheet,
  header: HeaderGuess,
  texts: string[],
): 'total' | 'note' | null {
  if (hasIdNumber(row, header)) return null;
  const nameCol = header.fields.indexOf('name');
  const name = (cellText(row[nameCol] ?? null) ?? '').replace(/\s/g, '');
  const first = texts[0].replace(/\s/g, '');
  if (TOTAL_START.test(first) || TOTAL_WORDS.test(name)) return 'total';
  if (FOOTER.test(first) || FOOTER.test(name)) return 'note';
  // A label merged across the name column and another field's (总裁办 over 序号 and 姓名) over
  // figures only: a subtotal. (A name merged over two columns of its own is still a name.)
  const v = row[nameCol];
  const spreadOver = (c: number) =>
    row[c] === v && header.fields[c] !== null && header.fields[c] !== undefined && header.fields[c] !== 'name';
  if (name && sheet.mergedRows.has(r) && (spreadOver(nameCol - 1) || spreadOver(nameCol + 1))) {
    const others = row.filter((x) => x !== v && cellText(x) !== null);
    if (others.length > 0 && others.every(isFigure)) return 'total';
  }
  return null;
}

/** The row as the file has it (no normalisation), for the import log. */
function rawOf(row: CellValue[], labels: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  row.forEach((v, c) => {
    if (v === null || v === undefined || v === '') return;
    raw[labels[c] || `第${c + 1}列`] = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  });
  return raw;
}

function classify(row: CellValue[], r: number, sheet: SourceSheet, header: HeaderGuess): RowOutcome {
  const texts = rowTexts(row).filter((t) => t !== '');
  if (texts.length === 0) return 'blank';
  if (r < header.firstRow) return 'title';
  if (r <= header.lastRow) return 'header';
  const nameCol = header.fields.indexOf('name');
  if (header.labels[nameCol] && normalizeLabel(row[nameCol] ?? null) === header.labels[nameCol]) return 'header';
  const closing = closingKind(row, r, sheet, header, texts);
  if (closing) return closing;
  if (sheet.mergedRows.has(r) && new Set(texts).size === 1) return 'title';
  return 'data';
}

/** What the user settled for this import: the header, the columns' fields, values of choices. */
export interface AnalysisSpec {
  headers?: Record<string, { firstRow: number; lastRow: number }>;
  fields?: Record<string, (ImportField | null)[]>;
  /** Why a sheet's fields are what they are where they differ from what was recognised: 按所选, 按上次导入时确认的对应. */
  fieldReasons?: Record<string, string>;
  /** Labels (or 第N列) the user taught, for every sheet: `--map FILE.json`. */
  taught?: Taught<ImportField>;
  /** field → the word in the file → the value it stands for (离休干部 → 离休), remembered. */
  valueMaps?: Record<string, Record<string, string>>;
}

function personOf(
  row: CellValue[],
  sheet: SourceSheet,
  header: HeaderGuess,
  book: SourceBook,
  valueMaps: AnalysisSpec['valueMaps'] = {},
): { person: ImportedPerson | null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const flags: string[] = [];
  /** Values a field could not take, kept in the notes. */
  const notesFromDeath: string[] = [];
  const col = (f: ImportField) => header.fields.indexOf(f);
  const label = (f: ImportField) => (col(f) < 0 ? FIELD_WORDS[f] : header.labels[col(f)] || `第${col(f) + 1}列`);
  const cellAt = (c: number): CellValue => {
    const v = c >= 0 ? (row[c] ?? null) : null;
    // A formula whose result is an error, or was never calculated, holds no value: said, not guessed.
    if (typeof v === 'string' && (v.startsWith('#ERROR') || v === '#NOVALUE')) {
      const column = header.labels[c] || `第${c + 1}列`;
      const message =
        v === '#NOVALUE'
          ? `“${column}”是没有计算结果的公式，按空白导入`
          : `“${column}”是出错的公式（${v.slice(7)}），按空白导入`;
      if (!issues.some((i) => i.message === message)) {
        issues.push({ column, code: 'formula_error', message });
        flags.push(message);
      }
      return null;
    }
    return v;
  };
  const cell = (f: ImportField): CellValue => cellAt(col(f));
  const text = (f: ImportField) => cellText(cell(f));
  /** A field several columns may hold (电话 and 手机): their texts, joined. */
  const texts = (f: ImportField, sep: string) => {
    const all = header.fields
      .flatMap((g, c) => (g === f ? [cellText(cellAt(c))] : []))
      .filter((t): t is string => t !== null);
    return all.length ? all.join(sep) : null;
  };
  const warn = (f: ImportField, code: string, message: string, review = true) => {
    issues.push({ column: label(f), code, message });
    if (review) flags.push(message);
  };

  const rawName = text('name');
  if (!rawName) {
    issues.push({ column: label('name'), code: 'no_name', message: '缺少姓名，此行未导入' });
    return { person: null, issues };
  }
  const name = normalizeName(halfWidth(rawName));

  // The ID number first: it settles the birth date and the gender.
  let idNumber: string | null = null;
  let idFrom15 = false;
  let idInfo: { birthDate: string; gender: '男' | '女' } | null = null;
  const id = idCell(cell('idNumber'));
  // A roster that gives ID numbers and not this one: said, so that nobody goes in without one unflagged.
  if (id.kind === 'empty' && col('idNumber') >= 0) warn('idNumber', 'id_missing', '身份证号为空，请补录');
  if (id.kind === 'lost') {
    warn('idNumber', 'id_lost', `身份证号被 Excel 存成了数字，末几位已丢失（显示为 ${id.shown}），须按原件补录`);
  } else if (id.kind === 'text') {
    const check = checkIdNumber(id.text);
    if (check.ok) {
      idNumber = check.normalized;
      idFrom15 = check.from15;
      idInfo = check;
    } else if (check.code === 'checkDigit') {
      idNumber = check.normalized;
      idInfo = check;
      warn('idNumber', 'id_check_digit', check.message);
    } else {
      warn('idNumber', 'id_invalid', `身份证号“${id.text}”无效：${check.message}`);
    }
  }

  const birth = parseDateCell(cell('birthDate'), book.date1904);
  let birthDate = birth.value;
  if (birth.ambiguousMonths) {
    const fromId = idInfo?.birthDate.slice(0, 7);
    if (fromId && birth.ambiguousMonths.includes(fromId)) birthDate = fromId;
    else
      warn(
        'birthDate',
        'date_ambiguous',
        `出生年月“${String(cell('birthDate'))}”无法判断是${Number(birth.ambiguousMonths[0].slice(5))}月还是${Number(birth.ambiguousMonths[1].slice(5))}月，请核对`,
      );
  }
  if (birth.problem) warn('birthDate', 'date_invalid', birth.problem);
  const gender = genderOf(text('gender'));
  if (text('gender') && !gender) warn('gender', 'gender_invalid', `性别“${text('gender')}”无法识别`);
  if (idInfo) {
    for (const w of crossCheckId(idInfo, { birthDate, gender })) warn('idNumber', 'id_mismatch', w);
    // The ID number gives the full date where the roster gives less.
    if (!birthDate || idInfo.birthDate.startsWith(birthDate)) birthDate = idInfo.birthDate;
  }

  const categoryText = text('category');
  let cat = categoryOf(categoryText) ?? categoryOf(categoryText ? (valueMaps.category?.[categoryText] ?? null) : null);
  if (!cat) {
    cat = categoryOf(['离休', '退职', '退休'].find((c) => sheet.name.includes(c)) ?? null) ?? { category: '退休' };
    if (categoryText) {
      issues.push({
        column: label('category'),
        code: 'category_unknown',
        message: `人员类别“${categoryText}”无法识别，暂按“${cat.category}”导入`,
        value: categoryText,
      });
      flags.push(`人员类别“${categoryText}”无法识别，暂按“${cat.category}”导入`);
    }
  }

  const retirement = parseDateCell(cell('retirementDate'), book.date1904);
  if (retirement.problem) warn('retirementDate', 'date_invalid', retirement.problem);
  if (retirement.ambiguousMonths)
    warn('retirementDate', 'date_ambiguous', `离退休时间“${String(cell('retirementDate'))}”无法判断月份，请核对`);
  const workStart = parseDateCell(cell('workStartDate'), book.date1904);

  let partyMember: boolean | null = null;
  let politicalStatus: string | null = null;
  if (col('party') >= 0) {
    const party = partyOf(text('party'));
    if (party) {
      partyMember = party.member;
      politicalStatus = party.political;
    } else {
      partyMember = false;
      politicalStatus = text('party');
    }
  }

  let status: ImportedPerson['status'] = null;
  let statusDate: string | null = null;
  const statusText = text('status');
  const remark = texts('note', '；');
  if (col('status') >= 0 || col('note') >= 0 || col('alive') >= 0 || col('deathDate') >= 0) status = '在册';
  if (statusText && /迁出|转出/.test(statusText)) status = '迁出';
  // A status column says it; a remark like 2019年3月去世 says it where there is none.
  const death = deathIn(statusText) ?? (statusText ? null : deathIn(remark));
  if (death) {
    status = '已故';
    statusDate = death.date;
  }
  const statusDateCell = parseDateCell(cell('statusDate'), book.date1904);
  if (statusDateCell.value) statusDate = statusDateCell.value;
  if (statusDateCell.problem) warn('statusDate', 'date_invalid', statusDateCell.problem);
  // Columns that decide the status: 是否健在 否, and 已故时间 with a date (issue 14: the person stayed 在册).
  const aliveText = text('alive')?.replace(/\s/g, '') ?? null;
  let saidAlive = false;
  if (aliveText) {
    const yes = /^(是|有|y|√|健在|在世|在|存活)$/i.test(aliveText);
    const no = /^(否|无|n|×|已故|去世|死亡|故|病故|逝世)$/i.test(aliveText);
    // 是否健在 asks whether alive; 是否已故 asks the opposite.
    const asksAlive = !/故|去世|死亡|逝世/.test(conceptOf(label('alive')));
    const wordDeath = deathIn(aliveText);
    if ((yes || no) && /^(健在|在世|在|存活)$/.test(aliveText)) saidAlive = true;
    else if ((yes || no) && /^(已故|去世|死亡|故|病故|逝世)$/.test(aliveText)) status = '已故';
    else if (yes || no) {
      if (yes === asksAlive) saidAlive = true;
      else status = '已故';
    } else if (wordDeath) {
      status = '已故';
      statusDate = wordDeath.date ?? statusDate;
    } else warn('alive', 'alive_unknown', `“${label('alive')}”的“${aliveText}”无法识别，请核实`);
    if (saidAlive && status === '已故' && death)
      warn(
        'alive',
        'status_conflict',
        `“${label('alive')}”为“${aliveText}”，但“${label(col('status') >= 0 ? 'status' : 'note')}”说已去世，按已故导入，请核实`,
      );
  }
  const deathCell = parseDateCell(cell('deathDate'), book.date1904);
  const deathText = text('deathDate');
  if (deathCell.value || (deathText && deathIn(deathText))) {
    if (saidAlive)
      warn(
        'deathDate',
        'status_conflict',
        `“${label('alive')}”为“${aliveText}”，但“${label('deathDate')}”为 ${deathText}，按已故导入，请核实`,
      );
    if (status === '迁出')
      warn('deathDate', 'status_conflict', `状态为迁出，但“${label('deathDate')}”为 ${deathText}，按已故导入，请核实`);
    status = '已故';
    statusDate = deathCell.value ?? deathIn(deathText)?.date ?? statusDate;
  } else if (deathText && /^(是|已故|去世|死亡)$/.test(deathText)) {
    status = '已故';
  } else if (deathCell.problem && !/^(否|无|-|—|\/)$/.test(deathText ?? '')) {
    warn('deathDate', 'date_invalid', deathCell.problem);
    notesFromDeath.push(`${label('deathDate')}：${deathText}`);
  }
  const care = careOf(text('care'));
  if (care.unknown.length) warn('care', 'care_unknown', `重点关爱中的“${care.unknown.join('、')}”无法识别，已记入备注`);
  // Values the file cannot be trusted with keep the row: said, and kept in the notes.
  const checked = (f: ImportField, ok: RegExp, what: string) => {
    const t = text(f)?.replace(/\s/g, '') ?? null;
    if (t === null || ok.test(t)) return t;
    warn(f, `${f}_invalid`, `${what}“${t}”格式不对，已记入备注`);
    extraNotes.push(`${what}：${t}`);
    return null;
  };
  const extraNotes: string[] = [];
  /**
   * A field the roster writes in words of its own (正处 for 正县处级, 不计入): read as the file's
   * value; a word that reads as none stays in the notes and the file is flagged with it, the field
   * left empty (or, for 统计标志, as a new file has it: `unread`).
   */
  const read = <T>(f: ImportField, as: (t: string) => T | null, unread = '') => {
    const t = text(f);
    if (t === null) return null;
    const value = as(t);
    if (value !== null) return value;
    warn(f, `${f}_unknown`, `${label(f)}“${t}”无法识别${unread}，已记入备注`);
    extraNotes.push(`${label(f)}：${t}`);
    return null;
  };
  const unitNature = read('unitNature', unitNatureOf);
  const rank = read('rank', rankOf);
  const counted = read('counted', countedOf, '，暂按计入统计导入');
  const approvedOn = read('treatmentApprovedOn', () => parseDateCell(cell('treatmentApprovedOn'), book.date1904).value);
  const postcode = checked('postcode', /^\d{6}$/, '邮编');
  const bankAccount = checked('bankAccount', /^\d{8,40}$/, '银行账号');
  const living = text('living');
  const livingOk = living === null || (LIVING_ARRANGEMENTS as readonly string[]).includes(living);
  if (!livingOk) warn('living', 'living_unknown', `居住情况“${living}”无法识别，已记入备注`);

  // Columns that map to no field are kept in the notes, never dropped.
  const notes: string[] = [];
  // 缴费年限: whole years as given; `35年6个月` or `35.5` count 35 full years (as the adjustment
  // rule counts them) and keep what the file said in the notes; anything else is left to staff.
  let contributionYears: number | null = null;
  const years = text('contributionYears');
  if (years) {
    const y = /^(\d{1,2})(?:\.(\d+)|年(?:零?(\d{1,2})个?月)?)?$/.exec(halfWidth(years).replace(/\s/g, ''));
    const whole = y ? Number(y[1]) : NaN;
    if (!y || whole > 70) {
      notes.push(`缴费年限：${years}`);
      warn('contributionYears', 'years', `缴费年限“${years}”无法识别，已记入备注，请核实`);
    } else {
      contributionYears = whole;
      if ((y[2] && Number(y[2]) > 0) || (y[3] && Number(y[3]) > 0)) {
        notes.push(`缴费年限：${years}`);
        warn('contributionYears', 'years', `缴费年限“${years}”按满 ${whole} 年计，原文已记入备注`, false);
      }
    }
  }
  if (remark) notes.push(remark);
  if (care.unknown.length) notes.push(`重点关爱：${care.unknown.join('、')}`);
  if (!livingOk) notes.push(`居住情况：${living}`);
  notes.push(...extraNotes, ...notesFromDeath);
  // Columns no field took are kept in the notes and the person is flagged 待核实: never dropped.
  const unplaced: string[] = [];
  const width = Math.max(header.fields.length, row.length);
  for (let c = 0; c < width; c++) {
    if ((header.fields[c] ?? null) !== null) continue;
    const t = cellText(row[c] ?? null);
    if (t === null) continue;
    const name = header.labels[c] || `第${c + 1}列`;
    notes.push(`${name}：${t}`);
    unplaced.push(`“${name}”`);
  }
  if (unplaced.length)
    flags.push(`${unplaced.join('')}${unplaced.length > 1 ? '这几列' : '一列'}没有对应的字段，内容已记入备注，请核实`);

  return {
    issues,
    person: {
      name,
      gender: gender ?? idInfo?.gender ?? null,
      ethnicity: text('ethnicity'),
      birthDate,
      idNumber,
      idFrom15,
      category: cat.category,
      staffType: (cat.staffType ??
        (text('staffType') === '干部' || text('staffType') === '工人'
          ? text('staffType')
          : null)) as ImportedPerson['staffType'],
      workStartDate: workStart.value,
      retirementDate: retirement.value,
      formerUnit: text('formerUnit'),
      formerPosition: text('formerPosition'),
      contributionYears,
      unitNature,
      rank,
      treatment: text('treatment'),
      treatmentApprovedOn: approvedOn,
      treatmentApprovalNo: text('treatmentApprovalNo'),
      counted,
      level: text('level'),
      remoteUnit: text('remoteUnit'),
      remoteUnitPhone: text('remoteUnitPhone'),
      remoteCommunity: text('remoteCommunity'),
      remoteCommunityPhone: text('remoteCommunityPhone'),
      remotePolice: text('remotePolice'),
      remotePolicePhone: text('remotePolicePhone'),
      phone: texts('phone', '、'),
      address: text('address'),
      partyMember,
      politicalStatus,
      status,
      statusDate,
      postcode,
      area: text('area'),
      building: text('building'),
      community: text('community'),
      health: text('health'),
      living: livingOk ? living : null,
      care: care.fields,
      bankName: text('bankName'),
      bankAccount,
      note: notes.length ? notes.join('；') : null,
      reviewFlags: flags,
    },
  };
}

const PHONE_NUMBER = /^[0-9+\-()\s转]+$/;

/** The roster's person as the input of a file; phones that are not phone numbers go to the notes. */
export function toPersonInput(p: ImportedPerson): { input: PersonInput | null; issues: RowIssue[] } {
  const phones: { label: string | null; number: string }[] = [];
  const notes: string[] = p.note ? [p.note] : [];
  const flags = [...p.reviewFlags];
  for (const part of (p.phone ?? '')
    .split(/[、,，;；/]+/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (PHONE_NUMBER.test(part)) phones.push({ label: null, number: part });
    else {
      notes.push(`联系电话：${part}`);
      flags.push(`联系电话“${part}”不是电话号码，已记入备注`);
    }
  }
  const parsed = PersonInput.safeParse({
    name: p.name,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birthDate: p.birthDate,
    idNumber: p.idNumber,
    category: p.category,
    staffType: p.staffType,
    workStartDate: p.workStartDate,
    retirementDate: p.retirementDate,
    formerUnit: p.formerUnit,
    formerPosition: p.formerPosition,
    contributionYears: p.contributionYears,
    unitNature: p.unitNature,
    rank: p.rank,
    treatment: p.treatment,
    treatmentApprovedOn: p.treatmentApprovedOn,
    treatmentApprovalNo: p.treatmentApprovalNo,
    counted: p.counted ?? true,
    level: p.level,
    remoteUnit: p.remoteUnit,
    remoteUnitPhone: p.remoteUnitPhone,
    remoteCommunity: p.remoteCommunity,
    remoteCommunityPhone: p.remoteCommunityPhone,
    remotePolice: p.remotePolice,
    remotePolicePhone: p.remotePolicePhone,
    politicalStatus: p.politicalStatus,
    phones,
    address: p.address,
    status: p.status ?? '在册',
    statusDate: p.statusDate,
    postcode: p.postcode,
    area: p.area,
    building: p.building,
    community: p.community,
    health: p.health,
    living: p.living,
    ...p.care,
    bankName: p.bankName,
    bankAccount: p.bankAccount,
    note: notes.length ? notes.join('；') : null,
    reviewFlags: flags,
  });
  if (!parsed.success)
    return { input: null, issues: [{ column: '', code: 'invalid', message: describeIssues(parsed.error) }] };
  return { input: parsed.data, issues: [] };
}

/** The key duplicates are found by: the ID number, else the name and a full birth date. */
const keyOf = (p: PersonInput) =>
  p.idNumber ? `id:${p.idNumber}` : p.birthDate?.length === 10 ? `nb:${p.name}|${p.birthDate}` : null;

export function analyzeSheet(sheet: SourceSheet, book: SourceBook, spec: AnalysisSpec = {}): AnalyzedSheet {
  const header = headerFor(sheet, spec);
  if (!header) {
    return {
      name: sheet.name,
      hidden: sheet.hidden,
      header: null,
      rows: sheet.rows.map(
        (row, r) =>
          new AnalyzedRow(
            { sheet, book, header: null, valueMaps: spec.valueMaps },
            r + 1,
            rowTexts(row).some((t) => t) ? 'note' : 'blank',
            null,
            NO_ISSUES,
          ),
      ),
    };
  }
  const context = { sheet, book, header, valueMaps: spec.valueMaps };
  const rows = sheet.rows.map((_, r) => analyzeRow(context, r));
  return { name: sheet.name, hidden: sheet.hidden, header, rows };
}

/** One row (0-based `r`) of a sheet under its header. */
function analyzeRow(context: SheetContext & { header: HeaderGuess }, r: number): AnalyzedRow {
  const { sheet, book, header, valueMaps } = context;
  const row = sheet.rows[r];
  const outcome = classify(row, r, sheet, header);
  const { person, issues } =
    outcome === 'data' ? personOf(row, sheet, header, book, valueMaps) : { person: null, issues: NO_ISSUES };
  return new AnalyzedRow(context, r + 1, outcome, person, issues.length ? issues : NO_ISSUES);
}

/** The issues of a row that has none: one list for all of them. */
const NO_ISSUES: RowIssue[] = Object.freeze([]) as unknown as RowIssue[];

/**
 * A row analysed again after a correction in the preview (importer/sessions.ts), under the
 * sheet's header as it stands; null where the correction may change more than its row: a row of
 * the header, or one of those the header and its columns are told from (the first 20 rows, and
 * the 200 rows below the header whose values vote on the columns: columns.ts) when the header it
 * gives is no longer the same. Then the whole sheet is analysed again.
 */
export function reanalyzeRow(
  analyzed: AnalyzedSheet,
  sheet: SourceSheet,
  book: SourceBook,
  spec: AnalysisSpec,
  r: number,
): AnalyzedRow | null {
  const header = analyzed.header;
  if (!header || r <= header.lastRow) return null;
  if (r < Math.max(20, header.lastRow + 1 + 200) && JSON.stringify(headerFor(sheet, spec)) !== JSON.stringify(header))
    return null;
  return analyzeRow({ sheet, book, header, valueMaps: spec.valueMaps }, r);
}

/** The header found, or the one the user chose; with the columns' fields the user chose. */
function headerFor(sheet: SourceSheet, spec: AnalysisSpec): HeaderGuess | null {
  const chosen = spec.headers?.[sheet.name];
  let header = chosen ? headerAt(sheet, chosen.firstRow, chosen.lastRow, spec.taught) : findHeader(sheet, spec.taught);
  const fields = spec.fields?.[sheet.name];
  if (header?.taught?.some(Boolean)) header = { ...header, chosen: true };
  if (header && fields) {
    const why = spec.fieldReasons?.[sheet.name] ?? '按所选';
    const recognised = header;
    header = {
      ...header,
      chosen: true,
      fields: header.labels.map((_, c) => fields[c] ?? null),
      reasons: header.labels.map((_, c) =>
        (fields[c] ?? null) === (recognised.fields[c] ?? null)
          ? recognised.reasons[c]
          : `${why}：${fields[c] ? (FIELD_WORDS[fields[c]!] ?? fields[c]) : '不对应字段'}`,
      ),
    };
  }
  return header && header.fields.includes('name') ? header : null;
}

export function analyzeBook(book: SourceBook, spec: AnalysisSpec = {}): AnalyzedSheet[] {
  return book.sheets.map((s) => analyzeSheet(s, book, spec));
}
