// The roster import's methods in the child process that reads files (registered by the app,
// app/importProcess.ts; called by importer/service.ts): it reads the file, keeps it and the
// user's choices, answers the wizard's questions (preview pages, corrections) and commits the
// import in one transaction on the child's own connection; the CLI's import runs here whole.
import type { ImportReport } from '../contract/imports';
import type { Store } from '../db/store';
import { UserError } from '../shared/errors';
import { unreadableFile } from '../shared/importLimits';
import { readSource } from '../spreadsheet/sources';
import { analyzeImport, commitImport, readImport, rememberedSpec, type CommitOptions } from './commit';
import { ROSTER } from './grammar';
import { teach } from './recognise';
import { ImportSessions, type RowFilter } from './sessions';

/** A method as the child serves it: its arguments, and a way to send events (progress) before it answers. */
type Method = (args: Record<string, unknown>, emit: (event: unknown) => void) => unknown;

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

/** The methods that read a file: an error there the readers did not foresee is the file's. */
export const ROSTER_READING = ['open'];

/** `file` gives a call the file handed over before it (jobs/serve.ts, receiveFiles). */
export function rosterSessionMethods(
  store: Store,
  file: (args: Record<string, unknown>) => Buffer,
): Record<string, Method> {
  const sessions = new ImportSessions((bytes, fileName) => readSource(bytes, fileName));
  return {
    open: (args) => sessions.open(store, args.fileName as string, file(args)),
    rows: ({ session, sheet, filter, page }) =>
      sessions.rows(session as string, sheet as string | null, filter as RowFilter, page as number),
    setHeader: ({ session, sheet, firstRow, lastRow }) =>
      sessions.setHeader(store, session as string, sheet as string, firstRow as number, lastRow as number),
    setFields: ({ session, sheet, fields }) =>
      sessions.setFields(store, session as string, sheet as string, fields as (string | null)[]),
    editCell: ({ session, sheet, row, col, value }) =>
      sessions.editCell(
        store,
        session as string,
        sheet as string,
        row as number,
        col as number,
        value as string | null,
      ),
    mapValue: ({ session, field, value, target }) =>
      sessions.mapValue(store, session as string, field as string, value as string, target as string),
    // A wizard's commit: progress as events, then the report. The screen shows the counts and
    // the rows with problems; the log in the database has every row.
    commit: ({ session, options }, emit) => {
      const report = commitImport(store, sessions.prepared(session as string), {
        ...(options as CommitOptions),
        reportRows: 'problems',
        onProgress: progress(emit),
      });
      sessions.close(session as string);
      return report satisfies ImportReport;
    },
    // The CLI's import: read, analyse and commit (or try, with dryRun) in one call, every row
    // reported; with the mappings remembered from the wizard, and --map over them.
    importFile: async (args, emit) => {
      const { fileName, dryRun } = args;
      const map = args.map as Record<string, string | null> | null;
      const taught = map ? teach(ROSTER, map, '按指定的对应', '--map') : undefined;
      let prepared;
      try {
        const { book, sha256 } = await readImport(file(args), fileName as string);
        prepared = analyzeImport(fileName as string, sha256, book, rememberedSpec(store, book, taught));
      } catch (e) {
        if (e instanceof UserError) throw e;
        throw new UserError('bad_file', unreadableFile((e instanceof Error ? e.message : String(e)).slice(0, 200)));
      }
      return commitImport(store, prepared, {
        dryRun: dryRun as boolean,
        confirmNotRoster: args.confirmNotRoster === true,
        onProgress: progress(emit),
      });
    },
  };
}
