// The import wizard's state, kept in its child process (importer/sessionMethods.ts): the file as read,
// the choices the user made (header, columns, value words, corrected cells), and a dry run of the
// commit that tells each row's outcome, its problems and its duplicates before anything is written.
import { randomUUID } from 'node:crypto';
import type { Store } from '../db/store';
import { cellText } from '../spreadsheet/cells';
import { UserError } from '../shared/errors';
import { ROSTER_FIELDS, type ImportField } from './columns';
import { ROSTER, ROSTER_FIELD_NAMES } from './grammar';
import { reanalyzeRow } from './analyze';
import {
  analyzeImport,
  applyEdits,
  DryRun,
  headerSignature,
  readImport,
  rememberedSpec,
  rememberValue,
  type ImportSpec,
  type PreparedImport,
} from './commit';
import type { ImportPreview, NotARoster, PreviewRow } from '../contract/imports';
import type { SourceBook } from '../spreadsheet/tables';
import { notARoster, RosterShapeTally } from './rosterShape';

/** The fields as the wizard names them (grammar.ts). */
export const FIELD_NAMES = ROSTER_FIELD_NAMES;

interface Session {
  fileName: string;
  sha256: string;
  book: SourceBook;
  spec: ImportSpec;
  prepared: PreparedImport;
  store: Store;
  /**
   * What the commit would do with every row, as the preview shows it; let go while the import
   * commits (the commit decides every row again) and made again if the wizard asks after.
   */
  dryRun: DryRun | null;
  /** The sheets that do not look like a roster (./rosterShape.ts), and the tally that tells when to ask again. */
  notARoster: NotARoster[];
  shape: RosterShapeTally;
}

export type RowFilter = 'all' | 'problems' | 'duplicates' | 'skipped';

export class ImportSessions {
  private readonly sessions = new Map<string, Session>();

  /** `read` is how a file is read (readSource; the import's child process is the one to call it). */
  constructor(private readonly read: (bytes: Buffer, fileName: string) => Promise<SourceBook>) {}

  async open(store: Store, fileName: string, bytes: Buffer): Promise<ImportPreview> {
    const { book, sha256 } = await readImport(bytes, fileName, this.read);
    const spec: ImportSpec = { ...rememberedSpec(store, book), edits: [] };
    const session = { fileName, sha256, book, spec, store } as Session;
    this.refresh(store, session);
    const id = randomUUID();
    // One wizard at a time is what an office does; old sessions are let go.
    if (this.sessions.size > 3) this.sessions.delete(this.sessions.keys().next().value!);
    this.sessions.set(id, session);
    return this.preview(id);
  }

  private refresh(store: Store, s: Session): void {
    s.prepared = analyzeImport(s.fileName, s.sha256, s.book, s.spec);
    s.dryRun = new DryRun(store, s.prepared);
    s.shape = new RosterShapeTally(s.prepared.sheets);
    s.notARoster = notARoster(s.prepared.sheets);
  }

  private get(id: string): Session & { dryRun: DryRun } {
    const s = this.sessions.get(id);
    if (!s) throw new UserError('expired', '导入向导已失效，请重新选择文件');
    s.dryRun ??= new DryRun(s.store, s.prepared);
    return s as Session & { dryRun: DryRun };
  }

  preview(id: string): ImportPreview {
    const s = this.get(id);
    const { counts, totalRows, noteRows, unknownValues } = s.dryRun.figures();
    return {
      session: id,
      fileName: s.fileName,
      format: s.book.format,
      sheets: s.prepared.sheets.map((sheet, i) => ({
        name: sheet.name,
        hidden: sheet.hidden,
        rowCount: sheet.rows.length,
        hiddenRows: s.book.sheets[i].hiddenRows.size,
        dataRows: s.dryRun.report.sheets[i].dataRows,
        header: sheet.header,
      })),
      counts,
      totalRows,
      noteRows,
      notARoster: s.notARoster,
      unknownValues,
      fieldChoices: ROSTER_FIELDS.map((f) => ({ value: f, label: FIELD_NAMES[f] })),
    };
  }

  rows(
    id: string,
    sheet: string | null,
    filter: RowFilter,
    page: number,
    pageSize = 100,
  ): { total: number; rows: PreviewRow[] } {
    const s = this.get(id);
    const dry = s.dryRun;
    const matches: number[] = [];
    for (let i = 0; i < dry.size; i++) {
      if (sheet && dry.row(i).sheet !== sheet) continue;
      const outcome = dry.outcome(i);
      if (filter === 'problems' && !(dry.issues(i).length > 0 || outcome === 'rejected')) continue;
      if (filter === 'duplicates' && !['updated', 'skipped', 'merged'].includes(outcome)) continue;
      if (filter === 'skipped' && ['inserted', 'updated', 'merged', 'skipped', 'rejected'].includes(outcome)) continue;
      matches.push(i);
    }
    return {
      total: matches.length,
      rows: matches.slice((page - 1) * pageSize, page * pageSize).map((i) => {
        const r = dry.reportRow(i);
        const source = s.book.sheets.find((x) => x.name === r.sheet)!.rows[r.row - 1] ?? [];
        return { ...r, hidden: dry.row(i).hidden, cells: source.map((v) => cellText(v) ?? '') };
      }),
    };
  }

  setHeader(store: Store, id: string, sheet: string, firstRow: number, lastRow: number): ImportPreview {
    const s = this.get(id);
    if (lastRow < firstRow || lastRow - firstRow > 1)
      throw new UserError('invalid_input', '表头只能是一行，或上下相邻的两行');
    s.spec.headers = { ...s.spec.headers, [sheet]: { firstRow: firstRow - 1, lastRow: lastRow - 1 } };
    if (s.spec.fields) delete s.spec.fields[sheet];
    this.refresh(store, s);
    return this.preview(id);
  }

  /**
   * The user's mapping of a sheet's columns; it applies to every sheet of the file with the same
   * header (map once: 离退休年月 on three sheets is mapped once), and, once committed, is
   * remembered for files with that header.
   */
  setFields(store: Store, id: string, sheet: string, fields: (string | null)[]): ImportPreview {
    const s = this.get(id);
    const known: readonly string[] = ROSTER_FIELDS;
    const clean = fields.map((f) => (f && known.includes(f) ? (f as ImportField) : null));
    if (!clean.includes('name')) throw new UserError('invalid_input', '必须有一列对应“姓名”');
    const dup = clean.find((f, i) => f && !ROSTER.many?.includes(f) && clean.indexOf(f) !== i);
    if (dup) throw new UserError('invalid_input', `“${FIELD_NAMES[dup]}”只能对应一列`);
    const labels = s.prepared.sheets.find((x) => x.name === sheet)?.header?.labels;
    const same = labels
      ? s.prepared.sheets
          .filter((x) => x.header && headerSignature(x.header.labels) === headerSignature(labels))
          .map((x) => x.name)
      : [sheet];
    const fieldsBySheet = { ...s.spec.fields };
    const reasons = { ...s.spec.fieldReasons };
    for (const name of new Set([sheet, ...same])) {
      fieldsBySheet[name] = clean;
      reasons[name] = name === sheet ? '按所选' : `按所选（与“${sheet}”表头相同）`;
    }
    s.spec.fields = fieldsBySheet;
    s.spec.fieldReasons = reasons;
    this.refresh(store, s);
    return this.preview(id);
  }

  /**
   * A cell corrected in the preview: its row is analysed and decided again, with the rows that
   * share its person (the same ID number elsewhere in the file), and nothing else; a correction
   * in the header analyses the sheet again.
   */
  editCell(store: Store, id: string, sheet: string, row: number, col: number, value: string | null): ImportPreview {
    const s = this.get(id);
    const edit = { sheet, row, col, value: value === '' ? null : value };
    applyEdits(s.book, [edit]);
    (s.spec.edits ??= []).push(edit);
    const i = s.book.sheets.findIndex((x) => x.name === sheet);
    const again = reanalyzeRow(s.prepared.sheets[i], s.book.sheets[i], s.book, s.spec, row - 1);
    if (!again) this.refresh(store, s);
    else {
      const at = s.dryRun.position(i, row);
      s.shape.count(i, s.dryRun.row(at), -1);
      s.dryRun.replace(at, i, again);
      s.shape.count(i, again, 1);
      // The file is looked at as a whole only where a sheet is in doubt (its message counts rows and names).
      s.notARoster = s.shape.doubts() ? notARoster(s.prepared.sheets) : [];
    }
    return this.preview(id);
  }

  mapValue(store: Store, id: string, field: string, value: string, target: string): ImportPreview {
    const s = this.get(id);
    rememberValue(store, field, value, target);
    s.spec.valueMaps = { ...s.spec.valueMaps, [field]: { ...s.spec.valueMaps?.[field], [value]: target } };
    this.refresh(store, s);
    return this.preview(id);
  }

  /**
   * The analysed file with every correction and choice, ready to commit; the preview's dry run is
   * let go meanwhile (made again if the wizard asks for the preview after all).
   */
  prepared(id: string): PreparedImport {
    const s: Session = this.get(id);
    s.dryRun = null;
    return s.prepared;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }
}
