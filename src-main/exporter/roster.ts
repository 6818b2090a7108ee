// The roster to .xlsx, as the office sends it upward, through the documents kit (a title row, a
// frozen header, ID and phone numbers as text, full dates as dates and partial ones as text),
// streamed to the file, so 100,000 people export in bounded memory. Its headers are the
// importer's own words, so an exported file imports back unchanged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXPORT_COLUMN_KEYS, type ListQuery } from '../contract/retirees';
import type { Store } from '../db/store';
import { careText } from '../importer/values';
import { conditions, orderBy } from '../retirees/list';
import { parsePhones } from '../retirees/persons';
import { formatChineseDate, todayIso } from '../shared/dates';
import { formatDateAs, formatIdAs } from '../shared/exportFormats';
import { maskBankAccount, maskIdNumber, maskPhone } from '../shared/mask';
import type { TemplateInput } from '../contract/exportTemplates';
import { getOfficeSettings } from '../settings/settings';
import type { PersonField } from '../shared/fields';
import type { PersonsTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { fieldColumn } from '../documents/columns';
import { tableWorkbook, tableWorkbookFile, type TableColumn, type TableValue } from '../documents/tableWorkbook';

type Row = Selectable<PersonsTable>;

/** A column of the export: a field of the file (its label and kind from shared/fields), a width, its value in a row. */
export interface Column extends TableColumn {
  width: number;
  value: (r: Row) => TableValue;
}

function column(field: PersonField, width: number, value: (r: Row) => TableValue): Column {
  return { ...fieldColumn(field), width, value };
}

export type ExportColumn = (typeof EXPORT_COLUMN_KEYS)[number];

export const EXPORT_COLUMNS: Record<ExportColumn, Column> = {
  name: column('name', 10, (r) => r.name),
  gender: column('gender', 6, (r) => r.gender),
  ethnicity: column('ethnicity', 8, (r) => r.ethnicity),
  birthDate: column('birthDate', 12, (r) => r.birth_date),
  idNumber: column('idNumber', 21, (r) => r.id_number),
  category: column('category', 9, (r) => r.category),
  staffType: column('staffType', 7, (r) => r.staff_type),
  workStartDate: column('workStartDate', 13, (r) => r.work_start_date),
  retirementDate: column('retirementDate', 12, (r) => r.retirement_date),
  formerUnit: column('formerUnit', 16, (r) => r.former_unit),
  formerPosition: column('formerPosition', 14, (r) => r.former_position),
  contributionYears: column('contributionYears', 9, (r) => r.contribution_years),
  unitNature: column('unitNature', 9, (r) => r.unit_nature),
  rank: column('rank', 14, (r) => r.rank),
  treatment: column('treatment', 14, (r) => r.treatment),
  treatmentApprovedOn: column('treatmentApprovedOn', 13, (r) => r.treatment_approved_on),
  treatmentApprovalNo: column('treatmentApprovalNo', 18, (r) => r.treatment_approval_no),
  // 是/否, as the importer reads it back (values.ts countedOf).
  counted: column('counted', 9, (r) => (r.counted === 0 ? '否' : '是')),
  level: column('level', 10, (r) => r.level),
  remoteUnit: column('remoteUnit', 18, (r) => r.remote_unit),
  remoteUnitPhone: column('remoteUnitPhone', 14, (r) => r.remote_unit_phone),
  remoteCommunity: column('remoteCommunity', 18, (r) => r.remote_community),
  remoteCommunityPhone: column('remoteCommunityPhone', 14, (r) => r.remote_community_phone),
  remotePolice: column('remotePolice', 16, (r) => r.remote_police),
  remotePolicePhone: column('remotePolicePhone', 14, (r) => r.remote_police_phone),
  politicalStatus: column('politicalStatus', 12, (r) => r.political_status),
  phone: column(
    'phones',
    26,
    (r) =>
      parsePhones(r.phones)
        .map((p) => p.number)
        .join('、') || null,
  ),
  address: column('address', 36, (r) => r.address),
  postcode: column('postcode', 8, (r) => r.postcode),
  area: column('area', 8, (r) => r.area),
  building: column('building', 8, (r) => r.building),
  community: column('community', 12, (r) => r.community),
  health: column('health', 10, (r) => r.health),
  living: column('living', 11, (r) => r.living),
  care: column(
    'care',
    20,
    (r) =>
      careText({
        careAloneChildless: r.care_alone_childless === 1,
        careDisability: r.care_disability as '失能' | '半失能' | null,
        careHardship: r.care_hardship === 1,
        careEmptyNest: r.care_empty_nest === 1,
        remote: r.remote === 1,
        remoteCity: r.remote_city,
        remoteArea: r.remote_area === 1,
      }) || null,
  ),
  bankName: column('bankName', 20, (r) => r.bank_name),
  bankAccount: column('bankAccount', 22, (r) => r.bank_account),
  status: column('status', 6, (r) => r.status),
  statusDate: column('statusDate', 12, (r) => r.status_date),
  note: column('note', 30, (r) => r.note),
};

export const ALL_EXPORT_COLUMNS: ExportColumn[] = [...EXPORT_COLUMN_KEYS];

/** A class whose instances read a raw row (an array) by column name, through prototype getters. */
function rowView(columns: string[]): new (a: unknown[]) => object {
  class View {
    constructor(readonly a: unknown[]) {}
  }
  columns.forEach((name, i) =>
    Object.defineProperty(View.prototype, name, {
      get(this: View) {
        return this.a[i];
      },
    }),
  );
  return View;
}

/** The columns a masked export masks (shared/mask.ts), and how. */
const MASKED_COLUMNS: Partial<Record<ExportColumn, Column>> = {
  idNumber: { ...EXPORT_COLUMNS.idNumber, value: (r) => maskIdNumber(r.id_number) },
  phone: {
    ...EXPORT_COLUMNS.phone,
    value: (r) =>
      parsePhones(r.phones)
        .map((p) => maskPhone(p.number))
        .join('、') || null,
  },
  bankAccount: { ...EXPORT_COLUMNS.bankAccount, value: (r) => maskBankAccount(r.bank_account) },
};

/**
 * The columns an export writes: the keys given, masked unless `full`; through a template, in its
 * order under its headings, its dates and ID numbers in its formats. A template shapes the columns
 * only: a masked export stays masked whatever its ID format (shared/exportFormats.ts).
 */
export function exportColumns(
  keys: readonly ExportColumn[],
  full: boolean,
  template?: Pick<TemplateInput, 'columns' | 'idFormat' | 'dateFormat'>,
): Column[] {
  const plain = (k: ExportColumn) => (full ? undefined : MASKED_COLUMNS[k]) ?? EXPORT_COLUMNS[k];
  if (!template) return keys.map(plain);
  return template.columns.map(({ key, heading }) => {
    const c = plain(key);
    const label = heading ?? c.label;
    if (key === 'idNumber' && full)
      return { ...c, label, value: (r: Row) => formatIdAs(c.value(r) as string | null, template.idFormat) };
    // The office's own format keeps full dates as date cells; the others are text as the recipient writes them.
    if (c.kind === 'date' && template.dateFormat !== 'iso')
      return {
        ...c,
        label,
        kind: 'text' as const,
        value: (r: Row) => formatDateAs(c.value(r) as string | null, template.dateFormat),
      };
    return { ...c, label };
  });
}

/** The people the list query selects, in its order: their ids (a few hundred kB for 100,000 people). */
function selectedIds(store: Store, query: ListQuery, today: string): number[] {
  return store
    .all(
      store.kysely
        .selectFrom('persons')
        .select('id')
        .where((eb) => conditions(eb, query, today))
        .$call((qb) => orderBy(qb, query)),
    )
    .map((r) => r.id);
}

/** The people of `ids` as rows, in that order, read at once through a view (see exportRoster). */
function rowsOf(store: Store, ids: readonly number[]): Row[] {
  if (ids.length === 0) return [];
  const { sql, parameters } = store.kysely.selectFrom('persons').selectAll().where('id', 'in', ids).compile();
  // Rows as arrays, read through a view: better-sqlite3 building an object of 40 properties per
  // row took as long as everything else the export does besides writing.
  const stmt = store.raw.prepare(sql).raw(true);
  const View = rowView(stmt.columns().map((c) => c.name));
  const byId = new Map(
    (stmt.all(...(parameters as unknown[])) as unknown[][]).map((a) => [a[0] as number, new View(a) as unknown as Row]),
  );
  // A file deleted since the export started is left out.
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The title line of a list sent through a template, and the line under it with the export date in its format. */
export function templateTitle(
  template: Pick<TemplateInput, 'title' | 'dateFormat'>,
  today: string,
): { title: string; subtitle: string } {
  return { title: template.title, subtitle: `导出日期：${formatDateAs(today, template.dateFormat)}` };
}

export interface ExportOptions {
  /** The columns, in this order (all of them by default). */
  columns?: ExportColumn[];
  /** A template's columns, headings, formats and title (in place of `columns`). */
  template?: TemplateInput;
  /**
   * Full ID numbers, phones and bank accounts: the file that imports back (PIPL: the router logs
   * it). By default they are masked, as a list sent outside should be.
   */
  full?: boolean;
  today?: string;
}

/** Writes the people the list query selects, in its order, to `file`. Returns how many. */
export async function exportRoster(
  store: Store,
  file: string,
  query: ListQuery,
  { columns = ALL_EXPORT_COLUMNS, full = false, today = todayIso(), template }: ExportOptions = {},
): Promise<number> {
  const cols = exportColumns(columns, full, template);
  const { orgName } = getOfficeSettings(store);
  // The same filters and order as the list on screen. The ids are read first, in that order; the
  // rows then in batches by id, so that between batches the writer flushes to disk (bounded
  // memory) and other calls get the connection. (Paging with OFFSET would walk past every row
  // already written, once per batch.)
  const ids = selectedIds(store, query, today);
  async function* rows(): AsyncGenerator<TableValue[]> {
    const BATCH = 2000;
    for (let at = 0; at < ids.length; at += BATCH) {
      for (const r of rowsOf(store, ids.slice(at, at + BATCH))) yield cols.map((c) => c.value(r));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return tableWorkbookFile(file, {
    ...(template
      ? { name: template.title, ...templateTitle(template, today) }
      : { name: '花名册', title: `${orgName}离退休人员花名册（${formatChineseDate(today)}导出）` }),
    columns: cols,
    rows: rows(),
  });
}

/** The first people of the list as a template writes them, masked: what its editor previews. */
export function templatePreviewRows(
  store: Store,
  template: TemplateInput,
  query: ListQuery,
  count = 5,
  today = todayIso(),
): { headings: string[]; rows: TableValue[][] } {
  const cols = exportColumns(ALL_EXPORT_COLUMNS, false, template);
  const rows = rowsOf(store, selectedIds(store, { ...query }, today).slice(0, count));
  return { headings: cols.map((c) => c.label), rows: rows.map((r) => cols.map((c) => c.value(r))) };
}

/** A file name from a title: what Windows refuses in a name taken out. */
export function fileNameFrom(title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are among what Windows refuses in a file name
  const refused = /[<>:"/\\|?*\u0000-\u001f]/g;
  return title.replace(refused, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || '名单';
}

/**
 * The roster as a download: written to a temporary file (the writer streams, in bounded memory),
 * read back whole, and the temporary folder removed whatever happens.
 */
export async function rosterDownload(
  store: Store,
  query: ListQuery,
  options: Pick<ExportOptions, 'columns' | 'full' | 'template'> = {},
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retiree-export-'));
  try {
    const file = path.join(dir, 'roster.xlsx');
    const today = todayIso();
    const count = await exportRoster(store, file, query, { ...options, today });
    const masked = options.full ? '' : '（脱敏）';
    const name = options.template ? fileNameFrom(options.template.title) : '离退休人员花名册';
    return { fileName: `${name}-${today}${masked}.xlsx`, count, data: fs.readFileSync(file) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A blank roster with the headers the importer knows and drop-down lists for the choice fields
 * (rows 3 to 2,002), for offices that start a new roster by hand.
 */
export function importTemplate(): Promise<Buffer> {
  return tableWorkbook({
    name: '花名册',
    title: '离退休人员花名册（出生日期等可写作 1952-10-05 或 1952-10；身份证号请按文本填写）',
    columns: ALL_EXPORT_COLUMNS.map((k) => EXPORT_COLUMNS[k]),
    rows: [],
    blankRows: 2000,
  });
}
