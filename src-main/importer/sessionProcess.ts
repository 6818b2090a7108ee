// The import's child process (jobs/launcher.ts: forked under Node, a utility process in the
// app): it reads the file, keeps it and the user's choices, answers the wizard's questions
// (preview pages, corrections) and commits the import in one transaction on its own connection.
// The other lists that come as spreadsheets (the pension adjustment list, a claims ledger) are
// read and saved here as well, and the CLI's import runs here whole. Everything that reads a file
// from outside runs in this process, within the readers' limits (shared/importLimits.ts) and a
// heap limit, so that a file that still makes it run away ends this process, not the app.
import type { ImportReport, RpcError } from '../api/contract';
import { openStore } from '../db/open';
import { serveParent } from '../jobs/serve';
import { UserError } from '../shared/errors';
import { IMPORT_LIMITS, sizeText, unreadableFile } from '../shared/importLimits';
import { analyzeImport, commitImport, readImport, rememberedSpec, type CommitOptions } from './commit';
import { ROSTER } from './grammar';
import { teach } from './recognise';
import { ImportSessions, type RowFilter } from './sessions';
import { readSource } from '../spreadsheet/sources';

const { dbPath, nativeBinding, cacheMb } = JSON.parse(process.argv[2]) as { dbPath: string; nativeBinding?: string; cacheMb: number };
// A small page cache (importer/service.ts, IMPORT_CACHE_MB).
const store = openStore(dbPath, { nativeBinding, cacheMb });
const sessions = new ImportSessions((bytes, fileName) => readSource(bytes, fileName));

/** The methods that read a file: an error there the readers did not foresee is the file's. */
const READING = new Set(['open', 'adjustments', 'ledger']);

function toError(e: unknown, method: string): RpcError {
  if (e instanceof UserError) return { code: e.code, message: e.message };
  const detail = e instanceof Error ? e.message : String(e);
  if (READING.has(method)) return { code: 'bad_file', message: unreadableFile(detail.slice(0, 200)) };
  return { code: 'internal', message: `导入未完成，数据未作改动（${detail.slice(0, 200)}）` };
}

// The file comes in pieces (importer/service.ts), into one buffer of its announced size (at
// most: base64 text may decode to a little less); the call that reads it says how much was sent.
let upload: Buffer | null = null;
let received = 0;

function takeUpload(args: Record<string, unknown>): Buffer {
  if (!upload || received !== args.size) throw new UserError('bad_file', '文件没有完整传到读取进程，请重新选择文件');
  const bytes = upload.subarray(0, received);
  upload = null;
  return bytes;
}

/** Reports progress every 200 rows and at the end (each one a message to the parent). */
function progress(emit: (event: unknown) => void): CommitOptions['onProgress'] {
  let last = 0;
  return (done, total) => {
    if (done - last >= 200 || done === total) {
      last = done;
      emit({ done, total });
    }
  };
}

serveParent(
  {
    upload: ({ at, total, chunk }) => {
      const size = total as number;
      if (size > IMPORT_LIMITS.fileBytes) throw new UserError('too_large', unreadableFile(`文件超过 ${sizeText(IMPORT_LIMITS.fileBytes)} 的上限`));
      if (at === 0) {
        upload = Buffer.allocUnsafe(size);
        received = 0;
      }
      const piece = chunk as Uint8Array;
      if (!upload || (at as number) !== received || received + piece.length > upload.length) throw new UserError('bad_file', '文件没有完整传到读取进程，请重新选择文件');
      upload.set(piece, received);
      received += piece.length;
      return received;
    },
    open: (args) => sessions.open(store, args.fileName as string, takeUpload(args)),
    rows: ({ session, sheet, filter, page }) => sessions.rows(session as string, sheet as string | null, filter as RowFilter, page as number),
    setHeader: ({ session, sheet, firstRow, lastRow }) => sessions.setHeader(store, session as string, sheet as string, firstRow as number, lastRow as number),
    setFields: ({ session, sheet, fields }) => sessions.setFields(store, session as string, sheet as string, fields as (string | null)[]),
    editCell: ({ session, sheet, row, col, value }) => sessions.editCell(store, session as string, sheet as string, row as number, col as number, value as string | null),
    mapValue: ({ session, field, value, target }) => sessions.mapValue(store, session as string, field as string, value as string, target as string),
    // Loaded when first asked for, so that a roster import does not carry their modules
    // (ExcelJS among them) in its memory.
    adjustments: async (args) =>
      (await import('../adjustments/adjustments')).importAdjustments(store, takeUpload(args), args.fileName as string, args.year as number, {
        dryRun: args.dryRun as boolean,
        map: (args.map as Record<string, string | null> | null) ?? undefined,
      }),
    ledger: async (args) =>
      (await import('../claims/ledger')).importLedger(store, takeUpload(args), args.fileName as string, {
        dryRun: args.dryRun as boolean,
        map: (args.map as Record<string, string | null> | null) ?? undefined,
      }),
    // A wizard's commit: progress as events, then the report. The screen shows the counts and
    // the rows with problems; the log in the database has every row.
    commit: ({ session, options }, emit) => {
      const report = commitImport(store, sessions.prepared(session as string), { ...(options as CommitOptions), onProgress: progress(emit) });
      sessions.close(session as string);
      return { ...report, rows: report.rows.filter((r) => r.issues.length > 0 || r.outcome === 'rejected') } satisfies ImportReport;
    },
    // The CLI's import: read, analyse and commit (or try, with dryRun) in one call, every row
    // reported; with the mappings remembered from the wizard, and --map over them.
    importFile: async (args, emit) => {
      const { fileName, dryRun } = args;
      const map = args.map as Record<string, string | null> | null;
      const taught = map ? teach(ROSTER, map, '按指定的对应', '--map') : undefined;
      let prepared;
      try {
        const { book, sha256 } = await readImport(takeUpload(args), fileName as string);
        prepared = analyzeImport(fileName as string, sha256, book, rememberedSpec(store, book, taught));
      } catch (e) {
        throw e instanceof UserError ? e : new UserError('bad_file', toError(e, 'open').message);
      }
      return commitImport(store, prepared, { dryRun: dryRun as boolean, confirmNotRoster: args.confirmNotRoster === true, onProgress: progress(emit) });
    },
  },
  toError,
);

