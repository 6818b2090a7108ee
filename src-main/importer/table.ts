// Reading a fixed-purpose list (a claims ledger, the agency's pension adjustment list) out of a
// sheet: the header is the first row, within the first twenty, where every required column is
// found by its synonyms; below it, blank rows and the 合计/注/制表 lines are not data. Each data
// row keeps its raw values by header label, for the log that proves nothing was dropped.
import { normalizeLabel } from './columns';
import type { Store } from '../db/store';
import { checkIdNumber } from '../shared/idNumber';
import type { CellValue } from './sources';
import { cellText, idCell } from './values';

export interface TableHeader<F extends string> {
  /** 0-based row of the header. */
  row: number;
  columns: Map<F, number>;
  labels: string[];
}

export function findTableHeader<F extends string>(rows: CellValue[][], synonyms: Record<F, string[]>, required: F[]): TableHeader<F> | null {
  const fieldOf = (label: string): F | null => {
    for (const [field, words] of Object.entries(synonyms) as [F, string[]][]) if (words.includes(label)) return field;
    return null;
  };
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const labels = (rows[r] ?? []).map((v) => normalizeLabel(v));
    const columns = new Map<F, number>();
    labels.forEach((l, c) => {
      const f = fieldOf(l);
      if (f && !columns.has(f)) columns.set(f, c);
    });
    if (required.every((f) => columns.has(f))) return { row: r, columns, labels };
  }
  return null;
}

/** What a row below the header is: data, blank, or a closing line (合计, 注, 制表人, 审核). */
export function tableRowKind(row: CellValue[]): 'data' | 'blank' | 'total' {
  const first = row.map((v) => cellText(v)?.trim() ?? '').find((t) => t !== '');
  if (first === undefined) return 'blank';
  return /^(合计|总计|小计|注|制表|审核)/.test(first) ? 'total' : 'data';
}

/** A row's non-empty cells by header label (or 第N列), as the file gave them. */
export function rawCells(row: CellValue[], labels: string[]): Record<string, string> {
  return Object.fromEntries(
    row.flatMap((v, c) => (v === null || v === '' ? [] : [[labels[c] || `第${c + 1}列`, v instanceof Date ? v.toISOString().slice(0, 10) : String(v)]])),
  );
}

/**
 * The person an ID-number cell names, matched by ID number only (a 15-digit number by its
 * 18-digit form); or why there is none, said the way the report says it.
 */
export function personByIdCell(
  store: Store,
  value: CellValue,
): { id: number; name: string; status: string; idNumber: string } | { problem: string; code: 'id_missing' | 'person_unknown'; idNumber: string | null } {
  const id = idCell(value);
  if (id.kind !== 'text') {
    return { code: 'id_missing', idNumber: null, problem: id.kind === 'lost' ? `身份证号已被 Excel 改成科学计数（${id.shown}），无法识别` : '缺少身份证号' };
  }
  const check = checkIdNumber(id.text);
  const idNumber = check.ok || check.code === 'checkDigit' ? check.normalized : id.text.trim().toUpperCase();
  const person = store.prepare('SELECT id, name, status FROM persons WHERE id_number = ?').get(idNumber) as { id: number; name: string; status: string } | undefined;
  if (!person) return { code: 'person_unknown', idNumber, problem: `身份证号 ${id.text} 未在档案中找到` };
  return { ...person, idNumber };
}
