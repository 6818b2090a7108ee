// The roster to .xlsx, as the office sends it upward, through the documents kit (a title row, a
// frozen header, ID and phone numbers as text, full dates as dates and partial ones as text),
// streamed to the file, so 100,000 people export in bounded memory. Its headers are the
// importer's own words, so an exported file imports back unchanged.
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
import { tableWorkbook, tableWorkbookFile, type ColumnKind, type TableColumn, type TableValue } from '../documents/tableWorkbook';

type Row = Selectable<PersonsTable>;

export interface Column {
  header: string;
  width: number;
  kind: ColumnKind;
  value: (r: Row) => TableValue;
}

export const EXPORT_COLUMNS = {
  name: { header: '姓名', width: 10, kind: 'text', value: (r) => r.name },
  gender: { header: '性别', width: 6, kind: 'text', value: (r) => r.gender },
  ethnicity: { header: '民族', width: 8, kind: 'text', value: (r) => r.ethnicity },
  birthDate: { header: '出生日期', width: 12, kind: 'date', value: (r) => r.birth_date },
  idNumber: { header: '身份证号', width: 21, kind: 'id', value: (r) => r.id_number },
  category: { header: '人员类别', width: 9, kind: 'text', value: (r) => r.category },
  staffType: { header: '身份', width: 7, kind: 'text', value: (r) => r.staff_type },
  workStartDate: { header: '参加工作时间', width: 13, kind: 'date', value: (r) => r.work_start_date },
  retirementDate: { header: '离退休时间', width: 12, kind: 'date', value: (r) => r.retirement_date },
  formerUnit: { header: '原单位', width: 16, kind: 'text', value: (r) => r.former_unit },
  formerPosition: { header: '原职务', width: 12, kind: 'text', value: (r) => r.former_position },
  contributionYears: { header: '缴费年限', width: 9, kind: 'number', value: (r) => r.contribution_years },
  politicalStatus: { header: '政治面貌', width: 12, kind: 'text', value: (r) => r.political_status },
  phone: { header: '联系电话', width: 26, kind: 'id', value: (r) => parsePhones(r.phones).map((p) => p.number).join('、') || null },
  address: { header: '住址', width: 36, kind: 'text', value: (r) => r.address },
  postcode: { header: '邮编', width: 8, kind: 'id', value: (r) => r.postcode },
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
  bankAccount: { header: '银行账号', width: 22, kind: 'id', value: (r) => r.bank_account },
  status: { header: '状态', width: 6, kind: 'text', value: (r) => r.status },
  statusDate: { header: '状态日期', width: 12, kind: 'date', value: (r) => r.status_date },
  note: { header: '备注', width: 30, kind: 'text', value: (r) => r.note },
} satisfies Record<(typeof EXPORT_COLUMN_KEYS)[number], Column>;

export type ExportColumn = (typeof EXPORT_COLUMN_KEYS)[number];
export const ALL_EXPORT_COLUMNS: ExportColumn[] = [...EXPORT_COLUMN_KEYS];

/** The columns as the documents kit writes them. */
export function rosterColumns(cols: readonly Column[]): TableColumn[] {
  return cols.map((c) => ({ label: c.header, kind: c.kind, width: c.width }));
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
  const { orgName } = getOfficeSettings(store);
  // The same filters and order as the list on screen. The ids are read first, in that order (a
  // few hundred kB for 100,000 people); the rows then in batches by id, so that between batches
  // the writer flushes to disk (bounded memory) and other calls get the connection. (Paging with
  // OFFSET would walk past every row already written, once per batch.)
  const ids = store
    .all(store.kysely.selectFrom('persons').select('id').where((eb) => conditions(eb, query, today)).$call((qb) => orderBy(qb, query)))
    .map((r) => r.id);
  async function* rows(): AsyncGenerator<TableValue[]> {
    const BATCH = 2000;
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
        if (r) yield cols.map((c) => c.value(r));
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return tableWorkbookFile(file, { name: '花名册', title: `${orgName}离退休人员花名册（${formatChineseDate(today)}导出）`, columns: rosterColumns(cols), rows: rows() });
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
 * A blank roster with the headers the importer knows and drop-down lists for the choice fields
 * (rows 3 to 2,002), for offices that start a new roster by hand.
 */
export function importTemplate(): Promise<Buffer> {
  return tableWorkbook({
    name: '花名册',
    title: '离退休人员花名册（出生日期等可写作 1952-10-05 或 1952-10；身份证号请按文本填写）',
    columns: ALL_EXPORT_COLUMNS.map((k) => ({ label: EXPORT_COLUMNS[k].header, kind: EXPORT_COLUMNS[k].kind, width: EXPORT_COLUMNS[k].width, choices: CHOICES[k] })),
    rows: [],
    blankRows: 2000,
  });
}
