// The contract of importing rosters (花名册导入): the wizard's session, its preview and report, the
// background job it runs in, the import history and undo.
import { z } from 'zod';
import { IMPORT_LIMITS } from '../shared/importLimits';
import { CATEGORIES } from '../shared/person';
import type { RpcError } from '../shared/errors';
import { ById, Empty, boundedRecord, chars, fileUpload, list, method, sheetName, uuid } from './common';

export interface RowIssue {
  column: string;
  code: string;
  message: string;
  /** The value in the file, where the user can map it (an unknown category word). */
  value?: string;
}

export type ImportOutcome = 'inserted' | 'updated' | 'merged' | 'skipped' | 'excluded' | 'rejected';
export type NonDataOutcome = 'title' | 'header' | 'blank' | 'total' | 'note';

export interface ReportRow {
  sheet: string;
  /** 1-based, as Excel shows it. */
  row: number;
  outcome: ImportOutcome | NonDataOutcome | 'data';
  personId: number | null;
  name: string | null;
  issues: RowIssue[];
  /** For a person already on file: the fields where the file and the roster differ. */
  conflicts: { field: string; existing: string; incoming: string }[];
}

export interface ImportCounts {
  dataRows: number;
  nonDataRows: number;
  inserted: number;
  updated: number;
  merged: number;
  skipped: number;
  excluded: number;
  rejected: number;
  needsReview: number;
}

export interface ImportReport extends ImportCounts {
  importId: number | null;
  file: string;
  /** Each sheet's header labels, the field of each column and why (imports logged before issue 14 lack fields and reasons). */
  sheets: {
    name: string;
    hidden: boolean;
    dataRows: number;
    header: string[] | null;
    fields?: (string | null)[] | null;
    reasons?: string[] | null;
  }[];
  rows: ReportRow[];
  /** Sheets that do not look like a roster (a dry run says so; a commit needs confirmNotRoster). */
  notARoster?: NotARoster[];
}

/**
 * A sheet that does not look like a roster: many rows for few names, like an attendance log
 * (issue 14: 7,461 rows of 129 names were taken for 7,461 people). Committing it needs the
 * user's explicit confirmation (`confirmNotRoster`).
 */
export interface NotARoster {
  sheet: string;
  rows: number;
  names: number;
  /** The question, in a sentence for the office. */
  message: string;
}

/**
 * A sheet's columns as the import recognised them: the label, the field (null: none, the values
 * are kept) and why (按表头：出生年月, 按内容判断：98% 为身份证号, 按指定的对应：身份证号).
 */
export interface ImportColumns {
  sheet: string;
  labels: string[];
  fields: (string | null)[];
  reasons: string[];
  /**
   * Only in a trial's answer where no sheet has every column the kind needs: the required fields
   * no column is (each entry: fields any one of which will do). Nothing is read until the user
   * maps a column to each.
   */
  missing?: string[][];
}

/** `{ "表头文字": "字段名" }`: a mapping the user gives an import (the CLI's --map; a field by its name or its Chinese name, null for none). */
export const ColumnMap = boundedRecord(chars(50).nullable(), 100, 500);

export interface ImportPreview {
  session: string;
  fileName: string;
  format: string;
  sheets: {
    name: string;
    hidden: boolean;
    rowCount: number;
    hiddenRows: number;
    dataRows: number;
    /** `reasons`: why each column has its field, or none (按表头：出生年月, 按内容判断：98% 为身份证号). */
    header: {
      firstRow: number;
      lastRow: number;
      labels: string[];
      fields: (string | null)[];
      reasons: string[];
    } | null;
  }[];
  counts: ImportCounts & { problems: number };
  /** Rows below the header that are totals or subtotals (合计行), and footers or notes (制表人, 注): not imported. */
  totalRows: number;
  noteRows: number;
  /** Empty unless a sheet looks like something other than a roster: then commit asks confirmNotRoster. */
  notARoster: NotARoster[];
  unknownValues: { field: string; value: string; count: number }[];
  fieldChoices: { value: string; label: string }[];
}

export interface PreviewRow extends ReportRow {
  hidden: boolean;
  cells: string[];
}

export interface JobStatus {
  id: string;
  kind: 'import';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  result: unknown;
  error: RpcError | null;
}

export interface ImportHistoryEntry {
  id: number;
  fileName: string;
  at: string;
  operator: string;
  undoneAt: string | null;
  counts: ImportCounts;
}

/** Fields an import wrote that were edited since: undo leaves them as edited. */
export interface KeptEdit {
  personId: number;
  name: string;
  /** The fields, by their Chinese labels. */
  fields: string[];
}

export interface UndoCheck {
  /** Files the import created that were changed again since: undoing removes them with those changes. */
  editedSince: { personId: number; name: string }[];
  /** Fields the import wrote to files it did not create, edited since: undo keeps the edits. */
  keptEdits: KeptEdit[];
}

export interface UndoResult {
  removed: number;
  restored: number;
  keptEdits: KeptEdit[];
  /** What was done and what was not, in a sentence for the office. */
  message: string;
}

export const importsMethods = {
  'imports.open': method<ImportPreview>()(
    fileUpload({ fileName: z.string().trim().min(1).max(200) }, 100),
    'files.write',
  ),
  'imports.rows': method<{ total: number; rows: PreviewRow[] }>()(
    z.object({
      session: uuid,
      sheet: sheetName.nullish().transform((v) => v ?? null),
      filter: z.enum(['all', 'problems', 'duplicates', 'skipped']).default('all'),
      page: z.number().int().min(1).default(1),
    }),
    'files.write',
  ),
  // Rows and columns are bounded by what a file may hold (shared/importLimits.ts), and by the
  // session's own sheet where the file is read (importer/commit.ts, applyEdits): issue 13, an
  // editCell with col 4294967294 made the worker build an array of that length.
  'imports.setHeader': method<ImportPreview>()(
    z.object({
      session: uuid,
      sheet: sheetName,
      firstRow: z.number().int().min(1).max(IMPORT_LIMITS.rows),
      lastRow: z.number().int().min(1).max(IMPORT_LIMITS.rows),
    }),
    'files.write',
  ),
  'imports.setFields': method<ImportPreview>()(
    z.object({ session: uuid, sheet: sheetName, fields: list(chars(50).nullable(), 500) }),
    'files.write',
  ),
  'imports.editCell': method<ImportPreview>()(
    z.object({
      session: uuid,
      sheet: sheetName,
      row: z.number().int().min(1).max(IMPORT_LIMITS.rows),
      col: z
        .number()
        .int()
        .min(0)
        .max(IMPORT_LIMITS.columns - 1),
      value: z.string().max(2000).nullable(),
    }),
    'files.write',
  ),
  'imports.mapValue': method<ImportPreview>()(
    z.object({ session: uuid, field: z.enum(['category']), value: z.string().max(100), target: z.enum(CATEGORIES) }),
    'files.write',
  ),
  'imports.commit': method<JobStatus>()(
    z.object({
      session: uuid,
      excludedSheets: list(sheetName, 1000).default([]),
      excludedRows: list(
        z.object({ sheet: sheetName, row: z.number().int().min(1).max(IMPORT_LIMITS.rows) }),
        200_000,
      ).default([]),
      duplicateMode: z.enum(['fillEmpty', 'overwrite', 'skip']).default('fillEmpty'),
      rowModes: boundedRecord(z.enum(['fillEmpty', 'overwrite', 'skip']), 300, 200_000).default({}),
      /** The user's answer to the preview's notARoster question: import it as a roster all the same. */
      confirmNotRoster: z.boolean().default(false),
    }),
    'files.write',
  ),
  'imports.history': method<ImportHistoryEntry[]>()(Empty, 'read'),
  'imports.undoCheck': method<UndoCheck>()(ById, 'read'),
  'imports.undo': method<UndoResult>()(ById, 'admin'),
  'jobs.status': method<JobStatus>()(z.object({ id: uuid }), 'signedIn'),
  'jobs.cancel': method<JobStatus>()(z.object({ id: uuid }), 'files.write'),
  'imports.template': method<{ fileName: string; dataBase64: string }>()(Empty, 'read'),
  'imports.errorWorkbook': method<{ fileName: string; rows: number; dataBase64: string }>()(ById, 'files.write'),
} as const;
