// The document register (文件登记, issue 21 item 4): the papers that come in (收文), go out (发文)
// and the policies the office works by (政策文件), each with its 文号, date, issuer, title, summary,
// 密级 and 办理情况, the file itself kept with it; listed by year and kind, searched by any part
// of its text (office/documentSearch.ts), printed as the 登记簿 and exported as a workbook. A 文号 is registered once per
// kind and year.
import type { PrintableView } from '../contract/common';
import type { DocumentFile, DocumentInput, DocumentKind, DocumentQuery, DocumentView } from '../contract/office';
import { nowIso, writeAudit } from '../audit/audit';
import { type Selectable, sql } from 'kysely';
import type { OfficeDocumentsTable } from '../db/schema';
import type { Store } from '../db/store';
import { html } from '../documents/html';
import { PRINT_FONTS, pageCss, printable, screenPageCss } from '../documents/print';
import { type TableColumn, tableWorkbook } from '../documents/tableWorkbook';
import {
  checkedRecordFile,
  insertRecordAttachment,
  readRecordAttachment,
  recordAttachments,
} from '../retirees/recordAttachments';
import { getOfficeSettings, currentOperator } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { documentMatch, indexDocument } from './documentSearch';

type DocumentRow = Selectable<OfficeDocumentsTable>;

function files(store: Store, documentId: number): DocumentFile[] {
  return recordAttachments(store, 'office_document_files', documentId);
}

function view(store: Store, r: DocumentRow): DocumentView {
  return {
    id: r.id,
    kind: r.kind as DocumentKind,
    year: r.year,
    docNo: r.doc_no,
    datedOn: r.dated_on,
    issuer: r.issuer,
    title: r.title,
    summary: r.summary,
    secrecy: r.secrecy,
    handling: r.handling,
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    files: files(store, r.id),
  };
}

function row(store: Store, id: number): DocumentRow {
  const r = store.first(store.kysely.selectFrom('office_documents').selectAll().where('id', '=', id));
  if (!r) throw new UserError('not_found', '没有找到这份文件的登记');
  return r;
}

export function getDocument(store: Store, id: number): DocumentView {
  return view(store, row(store, id));
}

const yearOf = (d: DocumentInput) => Number(d.datedOn.slice(0, 4));

/** A 文号 is registered once per kind and year: the one already there is named. */
function checkNumber(store: Store, d: DocumentInput, self: number | null): void {
  if (d.docNo === null) return;
  const other = store.first(
    store.kysely
      .selectFrom('office_documents')
      .select(['id', 'title'])
      .where('kind', '=', d.kind)
      .where('year', '=', yearOf(d))
      .where('doc_no', '=', d.docNo)
      .$if(self !== null, (q) => q.where('id', '!=', self!)),
  );
  if (other)
    throw new UserError('duplicate', `${yearOf(d)} 年的${d.kind}中已有文号“${d.docNo}”（《${other.title}》），未保存`, [
      { path: ['docNo'], message: '本年度同类文件中已有这个文号' },
    ]);
}

/** What the audit log keeps of a document (typed, so that tests/audit-words.test.ts sees its keys). */
interface DocumentSnapshot {
  kind?: DocumentKind;
  docNo?: string | null;
  datedOn?: string;
  issuer?: string | null;
  title?: string;
  summary?: string | null;
  secrecy?: string | null;
  handling?: string | null;
  attachment?: string;
}

const snapshot = (d: DocumentInput): DocumentSnapshot => ({
  kind: d.kind,
  docNo: d.docNo,
  datedOn: d.datedOn,
  issuer: d.issuer,
  title: d.title,
  summary: d.summary,
  secrecy: d.secrecy,
  handling: d.handling,
});

export function createDocument(store: Store, d: DocumentInput): DocumentView {
  return store.tx(() => {
    checkNumber(store, d, null);
    const id = Number(
      store
        .prepare(
          `INSERT INTO office_documents (kind, year, doc_no, dated_on, issuer, title, summary, secrecy, handling, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          d.kind,
          yearOf(d),
          d.docNo,
          d.datedOn,
          d.issuer,
          d.title,
          d.summary,
          d.secrecy,
          d.handling,
          nowIso(),
          currentOperator(store),
        ).lastInsertRowid,
    );
    indexDocument(store, id, d, true);
    writeAudit(store, {
      entity: 'office_document',
      entityId: id,
      personId: null,
      action: 'create',
      before: null,
      after: snapshot(d),
    });
    return getDocument(store, id);
  });
}

/** A document corrected or its 办理情况 brought up to date, against the version the form loaded. */
export function updateDocument(store: Store, d: DocumentInput & { id: number; version: number }): DocumentView {
  return store.tx(() => {
    const before = row(store, d.id);
    if (before.version !== d.version)
      throw new UserError('conflict', '这份文件的登记已被他人修改，请重新打开后再改', { version: before.version });
    checkNumber(store, d, d.id);
    store
      .prepare(
        `UPDATE office_documents SET kind = ?, year = ?, doc_no = ?, dated_on = ?, issuer = ?, title = ?, summary = ?,
           secrecy = ?, handling = ?, version = version + 1, updated_at = ? WHERE id = ?`,
      )
      .run(d.kind, yearOf(d), d.docNo, d.datedOn, d.issuer, d.title, d.summary, d.secrecy, d.handling, nowIso(), d.id);
    indexDocument(store, d.id, d, false);
    const was = snapshot({
      kind: before.kind as DocumentKind,
      docNo: before.doc_no,
      datedOn: before.dated_on,
      issuer: before.issuer,
      title: before.title,
      summary: before.summary,
      secrecy: before.secrecy as DocumentInput['secrecy'],
      handling: before.handling,
    });
    const now = snapshot(d);
    const changed = (Object.keys(now) as (keyof DocumentSnapshot)[]).filter((k) => was[k] !== now[k]);
    if (changed.length > 0)
      writeAudit(store, {
        entity: 'office_document',
        entityId: d.id,
        personId: null,
        action: 'update',
        before: Object.fromEntries(changed.map((k) => [k, was[k]])) as DocumentSnapshot,
        after: Object.fromEntries(changed.map((k) => [k, now[k]])) as DocumentSnapshot,
      });
    return getDocument(store, d.id);
  });
}

/** The register: a year, a kind, any text; the latest first. */
export function listDocuments(store: Store, q: DocumentQuery): DocumentView[] {
  const match = q.text === null ? null : documentMatch(q.text);
  if (q.text !== null && match === null) return [];
  return store
    .all(
      store.kysely
        .selectFrom('office_documents')
        .selectAll()
        .$if(q.year !== null, (s) => s.where('year', '=', q.year!))
        .$if(q.kind !== null, (s) => s.where('kind', '=', q.kind!))
        .$if(match !== null, (s) =>
          s.where(
            sql<boolean>`id IN (SELECT rowid FROM office_document_search WHERE office_document_search MATCH ${match})`,
          ),
        )
        .orderBy('dated_on', 'desc')
        .orderBy('id', 'desc')
        .limit(5000),
    )
    .map((r) => view(store, r));
}

export function attachToDocument(store: Store, id: number, file: { fileName: string; data: Buffer }): DocumentFile {
  const checked = checkedRecordFile(file);
  return store.tx(() => {
    row(store, id);
    const fileId = insertRecordAttachment(store, 'office_document_files', id, checked, file.data);
    writeAudit(store, {
      entity: 'office_document',
      entityId: id,
      personId: null,
      action: 'update',
      before: null,
      after: { attachment: checked.fileName } satisfies DocumentSnapshot,
    });
    return files(store, id).find((f) => f.id === fileId)!;
  });
}

export function readDocumentFile(store: Store, id: number): DocumentFile & { data: Buffer } {
  return readRecordAttachment(store, 'office_document_files', id);
}

const REGISTER_COLUMNS: TableColumn[] = [
  { label: '序号', kind: 'number', width: 6 },
  { label: '类别', kind: 'text', width: 9 },
  { label: '文号', kind: 'text', width: 18 },
  { label: '成文日期', kind: 'date', width: 12 },
  { label: '发文机关', kind: 'text', width: 18, wrap: true },
  { label: '标题', kind: 'text', width: 36, wrap: true },
  { label: '摘要', kind: 'text', width: 40, wrap: true },
  { label: '密级', kind: 'text', width: 7 },
  { label: '办理情况', kind: 'text', width: 24, wrap: true },
  { label: '附件', kind: 'text', width: 20, wrap: true },
];

/** The register's title for a filter: 2026 年收文登记簿. */
const registerTitle = (q: DocumentQuery) => `${q.year === null ? '' : `${q.year} 年`}${q.kind ?? '文件'}登记簿`;

const PRINT_CSS = `
${pageCss('A4', 'landscape', '15mm 12mm 15mm 12mm')}
.register { font-family: ${PRINT_FONTS}; color: #000; }
.register h1 { font-size: 18pt; text-align: center; margin: 0 0 3mm; letter-spacing: 0.1em; }
.register .sub { display: flex; justify-content: space-between; font-size: 10.5pt; margin: 0 0 2mm; }
.register table { width: 100%; border-collapse: collapse; font-size: 10pt; table-layout: fixed; }
.register th, .register td { border: 0.3mm solid #000; padding: 1mm 1.5mm; vertical-align: top; overflow-wrap: anywhere; }
.register th, .register td.c { white-space: nowrap; }
.register td.c { text-align: center; }
.register thead { display: table-header-group; }
.register tr { break-inside: avoid; }
${screenPageCss('.register', '273mm', '15mm 12mm 15mm 12mm')}
`;

/**
 * The register on paper (A4 landscape), as the office keeps its 收文/发文登记簿: the filter's
 * documents in the order they are dated, 序号, 文号, 成文日期, 发文机关, 标题, 摘要, 密级, 办理情况.
 */
export function documentsPrintable(store: Store, q: DocumentQuery, today = todayIso()): PrintableView {
  const docs = listDocuments(store, q).reverse();
  const { orgName } = getOfficeSettings(store);
  const title = registerTitle(q);
  const cols: [string, string][] = [
    ['序号', '12mm'],
    ...(q.kind === null ? ([['类别', '14mm']] as [string, string][]) : []),
    ['文号', '30mm'],
    ['成文日期', '29mm'],
    ['发文机关', '30mm'],
    ['标题', ''],
    ['摘要', ''],
    ['密级', '12mm'],
    ['办理情况', '32mm'],
  ];
  const rows = docs.map(
    (d, i) =>
      html`<tr><td class="c">${i + 1}</td>${q.kind === null ? html`<td class="c">${d.kind}</td>` : ''}<td>${d.docNo ?? ''}</td><td class="c">${formatChineseDate(d.datedOn)}</td><td>${d.issuer ?? ''}</td><td>${d.title}</td><td>${d.summary ?? ''}</td><td class="c">${d.secrecy ?? ''}</td><td>${d.handling ?? ''}</td></tr>`,
  );
  const body = html`<section class="register"><h1>${title}</h1><p class="sub"><span>${orgName}${q.text ? `　查找“${q.text}”` : ''}</span><span>共 ${docs.length} 件　${formatChineseDate(today)}</span></p><table><colgroup>${cols.map(([, w]) => (w ? html`<col style="width:${w}">` : html`<col>`))}</colgroup><thead><tr>${cols.map(([label]) => html`<th>${label}</th>`)}</tr></thead><tbody>${rows}</tbody></table></section>`;
  return { ...printable(title, PRINT_CSS, body), count: docs.length, missing: [] };
}

/** The register as a workbook: the rows the list shows, with the same filter. */
export async function documentsWorkbook(
  store: Store,
  q: DocumentQuery,
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const docs = listDocuments(store, q);
  const { orgName } = getOfficeSettings(store);
  const scope = registerTitle(q);
  const data = await tableWorkbook({
    name: '文件登记',
    title: scope,
    subtitle: `${orgName}　${q.text ? `查找“${q.text}”　` : ''}制表日期：${formatChineseDate(todayIso())}`,
    orientation: 'landscape',
    columns: REGISTER_COLUMNS,
    rows: docs.map((d, i) => [
      i + 1,
      d.kind,
      d.docNo ?? '',
      d.datedOn,
      d.issuer ?? '',
      d.title,
      d.summary ?? '',
      d.secrecy ?? '',
      d.handling ?? '',
      d.files.map((f) => f.fileName).join('、'),
    ]),
    ruled: true,
  });
  return { fileName: `${scope}.xlsx`, count: docs.length, data };
}
