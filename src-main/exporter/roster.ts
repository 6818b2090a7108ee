// The roster to .xlsx, as the office sends it upward: a title row, a styled and frozen header,
// sensible widths, ID and phone numbers as text (so Excel never shows 2.1E+17), dates as real
// dates (partial ones as text, keeping their precision). Written with ExcelJS's streaming writer,
// so 100,000 people export in bounded memory. Its headers are the importer's own words, so an
// exported file imports back unchanged.
import ExcelJS from 'exceljs';
import { EXPORT_COLUMN_KEYS, type ListQuery } from '../api/contract';
import type { Store } from '../db/store';
import { careText } from '../importer/values';
import { conditions, orderBy } from '../retirees/list';
import { parsePhones } from '../retirees/persons';
import { formatChineseDate, todayIso } from '../shared/dates';
import { getOfficeSettings } from '../settings/settings';
import { CATEGORIES, GENDERS, LIVING_ARRANGEMENTS, POLITICAL_STATUSES, STAFF_TYPES, STATUSES } from '../shared/person';
import type { PersonsTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { addTableRow, type TableValue } from '../documents/tableWorkbook';

type Row = Selectable<PersonsTable>;
type Kind = 'text' | 'date' | 'number';

export interface Column {
  header: string;
  width: number;
  kind: Kind;
  value: (r: Row) => string | null;
}

export const EXPORT_COLUMNS = {
  name: { header: '姓名', width: 10, kind: 'text', value: (r) => r.name },
  gender: { header: '性别', width: 6, kind: 'text', value: (r) => r.gender },
  ethnicity: { header: '民族', width: 8, kind: 'text', value: (r) => r.ethnicity },
  birthDate: { header: '出生日期', width: 12, kind: 'date', value: (r) => r.birth_date },
  idNumber: { header: '身份证号', width: 21, kind: 'text', value: (r) => r.id_number },
  category: { header: '人员类别', width: 9, kind: 'text', value: (r) => r.category },
  staffType: { header: '身份', width: 7, kind: 'text', value: (r) => r.staff_type },
  workStartDate: { header: '参加工作时间', width: 13, kind: 'date', value: (r) => r.work_start_date },
  retirementDate: { header: '离退休时间', width: 12, kind: 'date', value: (r) => r.retirement_date },
  formerUnit: { header: '原单位', width: 16, kind: 'text', value: (r) => r.former_unit },
  formerPosition: { header: '原职务', width: 12, kind: 'text', value: (r) => r.former_position },
  contributionYears: { header: '缴费年限', width: 9, kind: 'number', value: (r) => (r.contribution_years === null ? null : String(r.contribution_years)) },
  politicalStatus: { header: '政治面貌', width: 12, kind: 'text', value: (r) => r.political_status },
  phone: { header: '联系电话', width: 26, kind: 'text', value: (r) => parsePhones(r.phones).map((p) => p.number).join('、') || null },
  address: { header: '住址', width: 36, kind: 'text', value: (r) => r.address },
  postcode: { header: '邮编', width: 8, kind: 'text', value: (r) => r.postcode },
  area: { header: '片区', width: 8, kind: 'text', value: (r) => r.area },
  building: { header: '楼栋', width: 8, kind: 'text', value: (r) => r.building },
  community: { header: '社区', width: 12, kind: 'text', value: (r) => r.community },
  health: { header: '健康状况', width: 10, kind: 'text', value: (r) => r.health },
  living: { header: '居住情况', width: 11, kind: 'text', value: (r) => r.living },
  care: {
    header: '重点关爱',
    width: 20,
    kind: 'text',
    value: (r) =>
      careText({
        careAloneChildless: r.care_alone_childless === 1,
        careDisability: r.care_disability as '失能' | '半失能' | null,
        careHardship: r.care_hardship === 1,
        careEmptyNest: r.care_empty_nest === 1,
        remote: r.remote === 1,
        remoteCity: r.remote_city,
        remoteArea: r.remote_area === 1,
      }) || null,
  },
  bankName: { header: '开户行', width: 20, kind: 'text', value: (r) => r.bank_name },
  bankAccount: { header: '银行账号', width: 22, kind: 'text', value: (r) => r.bank_account },
  status: { header: '状态', width: 6, kind: 'text', value: (r) => r.status },
  statusDate: { header: '状态日期', width: 12, kind: 'date', value: (r) => r.status_date },
  note: { header: '备注', width: 30, kind: 'text', value: (r) => r.note },
} satisfies Record<(typeof EXPORT_COLUMN_KEYS)[number], Column>;

export type ExportColumn = (typeof EXPORT_COLUMN_KEYS)[number];
export const ALL_EXPORT_COLUMNS: ExportColumn[] = [...EXPORT_COLUMN_KEYS];

export function cellValue(kind: Kind, v: string | null): TableValue {
  if (v === null) return null;
  // A full date is a real date cell; a partial one (1952-10) stays text so nothing is invented.
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
  if (kind === 'number') return Number(v);
  return v;
}

/** The sheet with its title row, its styled and frozen header, widths and date formats. */
export function startRosterSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, cols: Column[], titleText: string): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 2 }] });
  // Text is written as text cells whatever it looks like; only dates need a number format.
  sheet.columns = cols.map((c) => ({ width: c.width, ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
  const title = addTableRow(sheet, [titleText]);
  title.font = { bold: true, size: 14 };
  title.height = 24;
  sheet.mergeCells(1, 1, 1, Math.max(1, cols.length));
  title.commit();
  const header = addTableRow(sheet, cols.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  header.commit();
  return sheet;
}

/** A class whose instances read a raw row (an array) by column name, through prototype getters. */
function rowView(columns: string[]): new (a: unknown[]) => object {
  class View {
    constructor(readonly a: unknown[]) {}
  }
  columns.forEach((name, i) => Object.defineProperty(View.prototype, name, { get(this: View) { return this.a[i]; } }));
  return View;
}

/** Writes the people the list query selects, in its order, to `file`. Returns how many. */
export async function exportRoster(
  store: Store,
  file: string,
  query: ListQuery,
  columns: ExportColumn[] = ALL_EXPORT_COLUMNS,
  today = todayIso(),
): Promise<number> {
  const cols = columns.map((k) => EXPORT_COLUMNS[k]);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const { orgName } = getOfficeSettings(store);
  const sheet = startRosterSheet(workbook, cols, `${orgName}离退休人员花名册（${formatChineseDate(today)}导出）`);

  // The same filters and order as the list on screen. The ids are read first, in that order (a
  // few hundred kB for 100,000 people); the rows then in batches by id, so that between batches
  // the writer flushes to disk (bounded memory) and other calls get the connection. (Paging with
  // OFFSET would walk past every row already written, once per batch.)
  const ids = store
    .all(store.kysely.selectFrom('persons').select('id').where((eb) => conditions(eb, query, today)).$call((qb) => orderBy(qb, query)))
    .map((r) => r.id);
  const BATCH = 2000;
  let n = 0;
  for (let at = 0; at < ids.length; at += BATCH) {
    const chunk = ids.slice(at, at + BATCH);
    const { sql, parameters } = store.kysely.selectFrom('persons').selectAll().where('id', 'in', chunk).compile();
    // Rows as arrays, read through a view: better-sqlite3 building an object of 40 properties per
    // row took as long as everything else the export does besides writing.
    const stmt = store.raw.prepare(sql).raw(true);
    const View = rowView(stmt.columns().map((c) => c.name));
    const byId = new Map((stmt.all(...(parameters as unknown[])) as unknown[][]).map((a) => [a[0] as number, new View(a) as unknown as Row]));
    for (const id of chunk) {
      // A file deleted since the export started is left out.
      const r = byId.get(id);
      if (!r) continue;
      addTableRow(sheet, cols.map((c) => cellValue(c.kind, c.value(r)))).commit();
      n++;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await workbook.commit();
  return n;
}


const CHOICES: Partial<Record<ExportColumn, readonly string[]>> = {
  gender: GENDERS,
  category: CATEGORIES,
  staffType: STAFF_TYPES,
  politicalStatus: POLITICAL_STATUSES,
  living: LIVING_ARRANGEMENTS,
  status: STATUSES,
};

/**
 * A blank roster with the headers the importer knows and drop-down lists for the choice fields,
 * for offices that start a new roster by hand. Validations cover rows 3 to 2,002, never whole
 * columns (whole-column validations make spreadsheet readers crawl).
 */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 2 }] });
  const cols = ALL_EXPORT_COLUMNS.map((k) => [k, EXPORT_COLUMNS[k]] as const);
  sheet.columns = cols.map(([, c]) => ({ width: c.width, style: { numFmt: c.kind === 'date' ? 'yyyy-mm-dd' : c.kind === 'number' ? '0' : '@' } }));
  addTableRow(sheet, ['离退休人员花名册（出生日期等可写作 1952-10-05 或 1952-10；身份证号请按文本填写）']).font = { bold: true };
  sheet.mergeCells(1, 1, 1, cols.length);
  const header = addTableRow(sheet, cols.map(([, c]) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } }));
  cols.forEach(([key], i) => {
    const list = CHOICES[key];
    if (!list) return;
    const letter = sheet.getColumn(i + 1).letter;
    for (let r = 3; r <= 2002; r++) {
      sheet.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list.join(',')}"`],
        showErrorMessage: true,
        errorTitle: '请从列表中选择',
        error: `可选：${list.join('、')}`,
      };
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
