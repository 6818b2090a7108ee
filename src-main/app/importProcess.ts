// The child process that reads files from outside (jobs/launcher.ts: forked under Node, a
// utility process in the app; its client is jobs/worker.ts): the app registers here what it
// runs. The roster import's wizard and whole imports (importer/sessionMethods.ts), the pension
// adjustment list and a claims ledger (app/listImports.ts calls them) are read and saved here.
// Everything that reads a file from outside runs in this process, within the readers' limits
// (shared/importLimits.ts) and a heap limit, so that a file that still makes it run away ends
// this process, not the app.
import type { RpcError } from '../shared/errors';
import { openStore } from '../db/open';
import { DB_KEY_ENV } from './paths';
import { ROSTER_READING, rosterSessionMethods } from '../importer/sessionMethods';
import { receiveFiles, serveParent, type Handler } from '../jobs/serve';
import { actingAs } from '../settings/settings';
import { UserError } from '../shared/errors';
import { IMPORT_LIMITS, unreadableFile } from '../shared/importLimits';
import { useReadThreadBundle } from '../spreadsheet/stream';

const { dbPath, nativeBinding, cacheMb, readThread } = JSON.parse(process.argv[2]) as {
  dbPath: string;
  nativeBinding?: string;
  cacheMb: number;
  readThread?: string;
};
// The app's bundle of the thread that reads a list a chunk of rows at a time (spreadsheet/stream.ts).
if (readThread) useReadThreadBundle(readThread);
// The key of an encrypted database comes in the environment (app/context.ts, fileWorker), never
// on the command line; it is taken out of the environment before anything else runs here.
const hexKey = process.env[DB_KEY_ENV];
delete process.env[DB_KEY_ENV];
// A small page cache (importer/service.ts, IMPORT_CACHE_MB); the statement journals of its many
// inserts in memory (db/open.ts, memoryTemp).
const store = openStore(dbPath, {
  nativeBinding,
  cacheMb,
  memoryTemp: true,
  key: hexKey ? Buffer.from(hexKey, 'hex') : undefined,
});
const files = receiveFiles(IMPORT_LIMITS.fileBytes);

/** The methods that read a file: an error there the readers did not foresee is the file's. */
const READING = new Set([...ROSTER_READING, 'adjustments', 'ledger']);

function toError(e: unknown, method: string): RpcError {
  if (e instanceof UserError) return { code: e.code, message: e.message };
  const detail = e instanceof Error ? e.message : String(e);
  if (READING.has(method)) return { code: 'bad_file', message: unreadableFile(detail.slice(0, 200)) };
  return { code: 'internal', message: `导入未完成，数据未作改动（${detail.slice(0, 200)}）` };
}

/** Each call runs as the operator its parent's call ran as (settings/settings.ts actingAs): the audit rows name them. */
function asTheirOperator(handlers: Record<string, Handler>): Record<string, Handler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handle]) => [
      name,
      (args, emit) =>
        typeof args.operator === 'string' ? actingAs(args.operator, () => handle(args, emit)) : handle(args, emit),
    ]),
  );
}

serveParent(
  asTheirOperator({
    upload: files.upload,
    ...rosterSessionMethods(store, files.take),
    // Loaded when first asked for, so that a roster import does not carry their modules
    // (ExcelJS among them) in its memory.
    adjustments: async (args) =>
      (await import('../adjustments/adjustments')).importAdjustments(
        store,
        files.take(args),
        args.fileName as string,
        args.year as number,
        {
          dryRun: args.dryRun as boolean,
          map: (args.map as Record<string, string | null> | null) ?? undefined,
        },
      ),
    ledger: async (args) =>
      (await import('../claims/ledger')).importLedger(store, files.take(args), args.fileName as string, {
        dryRun: args.dryRun as boolean,
        map: (args.map as Record<string, string | null> | null) ?? undefined,
      }),
  }),
  toError,
);
