// Whether an analysed file looks like a roster at all. A roster has each person once; a table with
// many rows for few names (an attendance log: 序号 + 姓名, 7,461 rows of 129 names) is something
// else, and importing it as a roster makes a file for every row (issue 14). Such a sheet is not
// refused, since the office may know better, but it is never imported without being asked: the
// preview says so, and a commit needs `confirmNotRoster` (the CLI's --force).
import type { NotARoster } from '../contract/imports';
import { grouped } from '../shared/importLimits';
import type { AnalyzedRow, AnalyzedSheet } from './analyze';

/** Who a row is, as a roster tells people apart: by ID number, else by name. */
const personKey = (r: AnalyzedRow) => (r.idNumber ? `id:${r.idNumber}` : `name:${r.name}`);

/** Below this many people a sheet is too small to tell. */
const MIN_ROWS = 20;
/** A sheet with at least this many rows for each distinct person on average is not a roster. */
const ROWS_PER_PERSON = 2;

/**
 * The sheets that do not look like a roster, among the rows that would be imported (the sheets
 * and rows the user excluded do not count). A person is told by ID number, else by name.
 */
export function notARoster(
  sheets: AnalyzedSheet[],
  excludedSheets: Set<string> = new Set(),
  excludedRows: Set<string> = new Set(),
): NotARoster[] {
  const doubts: NotARoster[] = [];
  for (const sheet of sheets) {
    if (!sheet.header || excludedSheets.has(sheet.name)) continue;
    const people = sheet.rows.filter(
      (r) => r.outcome === 'data' && r.name !== null && !excludedRows.has(`${r.sheet}!${r.row}`),
    );
    if (people.length < MIN_ROWS) continue;
    const persons = new Set(people.map(personKey)).size;
    if (people.length < ROWS_PER_PERSON * persons) continue;
    const names = new Set(people.map((p) => p.name)).size;
    const fields = sheet.header.fields;
    const rosterColumns = fields.includes('idNumber') || fields.includes('birthDate') || fields.includes('category');
    doubts.push({
      sheet: sheet.name,
      rows: people.length,
      names,
      message:
        `工作表“${sheet.name}”有 ${grouped(people.length)} 行，只有 ${grouped(names)} 个不同的姓名（平均每人 ${Math.round(people.length / names)} 行）` +
        `${rosterColumns ? '' : '，也没有身份证号、出生日期或人员类别列'}：不像花名册，更像考勤、报销之类的明细表。` +
        `照此导入会建立 ${grouped(people.length)} 份人员档案。请确认这确实是花名册再导入，否则请换一个文件或排除这张工作表`,
    });
  }
  return doubts;
}

/**
 * Which sheets notARoster doubts, kept up to date a row at a time (a correction in the preview,
 * importer/sessions.ts): each sheet's people counted by who they are, so that the question costs
 * the corrected row, and the whole file is looked at again only where a sheet is in doubt.
 */
export class RosterShapeTally {
  private readonly sheets: { header: boolean; people: number; persons: Map<string, number> }[];

  constructor(sheets: AnalyzedSheet[]) {
    this.sheets = sheets.map((s) => ({ header: s.header !== null, people: 0, persons: new Map() }));
    sheets.forEach((s, i) => s.rows.forEach((r) => this.count(i, r, 1)));
  }

  /** Counts a sheet's row in (1) or out (-1). */
  count(sheet: number, row: AnalyzedRow, sign: 1 | -1): void {
    if (row.outcome !== 'data' || row.name === null) return;
    const s = this.sheets[sheet];
    const key = personKey(row);
    const n = (s.persons.get(key) ?? 0) + sign;
    if (n > 0) s.persons.set(key, n);
    else s.persons.delete(key);
    s.people += sign;
  }

  /** Whether notARoster doubts any sheet (with nothing excluded). */
  doubts(): boolean {
    return this.sheets.some((s) => s.header && s.people >= MIN_ROWS && s.people >= ROWS_PER_PERSON * s.persons.size);
  }
}
