// Finding the header of a roster and mapping its columns to the fields of a file.
import type { CellValue, SourceSheet } from './sources';

export const IMPORT_FIELDS = {
  seq: ['序号', '编号', '顺序号'],
  name: ['姓名', '名字'],
  gender: ['性别'],
  ethnicity: ['民族'],
  birthDate: ['出生日期', '出生年月', '出生时间', '出生年月日', '生日'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '身份证', '公民身份证号码', '证件号码'],
  category: ['人员类别', '离退休类别', '类别', '离退休类型'],
  staffType: ['身份', '干部工人'],
  workStartDate: ['参加工作时间', '参加工作日期', '工作时间'],
  retirementDate: ['离退休时间', '退休日期', '退休年月', '退休时间', '离退休日期', '离休时间', '离休日期'],
  formerUnit: ['原单位', '工作单位', '所在单位', '原工作单位', '原单位部门', '单位', '部门'],
  formerPosition: ['原职务', '职务', '职称', '原职务职称'],
  contributionYears: ['缴费年限', '缴费年限年', '累计缴费年限', '缴费年限含视同'],
  phone: ['联系电话', '联系方式', '电话', '手机', '手机号', '手机号码', '电话号码'],
  address: ['住址', '家庭住址', '现住址', '联系地址', '地址', '居住地址'],
  party: ['政治面貌', '党员', '是否党员'],
  postcode: ['邮编', '邮政编码'],
  area: ['片区'],
  building: ['楼栋', '楼号'],
  community: ['社区', '所在社区'],
  health: ['健康状况', '身体状况'],
  living: ['居住情况', '居住状况'],
  care: ['重点关爱', '关爱类型'],
  bankName: ['开户行', '开户银行'],
  bankAccount: ['银行账号', '银行卡号', '账号'],
  status: ['状态', '人员状态'],
  statusDate: ['状态日期', '去世日期', '迁出日期', '去世时间'],
  note: ['备注', '说明'],
} as const;

export type ImportField = keyof typeof IMPORT_FIELDS;

/** `姓  名`, `性　别`, `身份证号码：` → the bare label. */
export function normalizeLabel(v: CellValue): string {
  if (v === null || v === undefined) return '';
  return String(v)
    .replace(/[\s\u3000]+/g, '')
    .replace(/[：:（）()*＊/／、]/g, '')
    .trim();
}

const BY_LABEL = new Map<string, ImportField>();
for (const [field, labels] of Object.entries(IMPORT_FIELDS) as [ImportField, readonly string[]][]) {
  for (const l of labels) BY_LABEL.set(normalizeLabel(l), field);
}

export function fieldForLabel(label: string): ImportField | null {
  return BY_LABEL.get(normalizeLabel(label)) ?? null;
}

export interface HeaderGuess {
  /** The first and last row of the header (two rows where group cells sit above the labels). */
  firstRow: number;
  lastRow: number;
  /** One label per column, as the file says it; '' where the column has none. */
  labels: string[];
  /** The field of each column, or null where it maps to none (kept in the notes). */
  fields: (ImportField | null)[];
}

function score(labels: string[]): number {
  const fields = labels.map(fieldForLabel).filter((f) => f !== null);
  return fields.includes('name') ? new Set(fields).size : 0;
}

/**
 * The header is the row (or pair of rows) among the first 20 whose labels match the most fields,
 * and it must have 姓名. A pair is a row of group cells (merged, like 基本情况 over 姓名/性别)
 * above a row of labels: each column takes the lower label, or the upper one where the lower is
 * empty (a label merged down over both rows).
 */
export function findHeader(sheet: SourceSheet): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  let bestScore = 1;
  const limit = Math.min(sheet.rows.length, 20);
  for (let r = 0; r < limit; r++) {
    const candidates = [headerAt(sheet, r, r)];
    // A pair only where the upper row adds to the lower one (not a title row above a header).
    if (r + 1 < sheet.rows.length) {
      const pair = headerAt(sheet, r, r + 1);
      if (score(pair.labels) > score(headerAt(sheet, r + 1, r + 1).labels)) candidates.push(pair);
    }
    for (const c of candidates) {
      const s = score(c.labels);
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
  }
  return best;
}

/** The header the user pointed at: one row, or two (group cells above labels). */
export function headerAt(sheet: SourceSheet, firstRow: number, lastRow: number): HeaderGuess {
  const upper = sheet.rows[firstRow] ?? [];
  const lower = sheet.rows[lastRow] ?? [];
  const width = Math.max(upper.length, lower.length);
  const labels = Array.from({ length: width }, (_, c) => {
    const low = normalizeLabel(lower[c] ?? null);
    const up = normalizeLabel(upper[c] ?? null);
    return lastRow === firstRow ? up : low && fieldForLabel(low) ? low : fieldForLabel(up) ? up : low || up;
  });
  const seen = new Set<ImportField>();
  const fields = labels.map(fieldForLabel).map((f) => (f && !seen.has(f) ? (seen.add(f), f) : null));
  return { firstRow, lastRow, labels, fields };
}
