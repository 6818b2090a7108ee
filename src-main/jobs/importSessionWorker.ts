// The import wizard's worker: it reads the file, keeps it and the user's choices, answers the
// wizard's questions (preview pages, corrections) and commits the import in one transaction on its
// own connection. The other lists that come as spreadsheets (the pension adjustment list, a claims
// ledger) are read and saved here as well. Everything heavy happens here; the main thread only passes small messages, so
// the window and the search stay responsive whatever the size of the roster.
import { parentPort, workerData } from 'node:worker_threads';
import type { RpcError } from '../api/contract';
import { openStore } from '../db/open';
import { commitImport, type CommitOptions } from '../importer/commit';
import { ImportSessions, type RowFilter } from '../importer/sessions';
import { readSource } from '../importer/sources';
import { UserError } from '../shared/errors';
import { Cancelled, type SessionCall, type SessionMessage } from './protocol';

const { dbPath, nativeBinding } = workerData as { dbPath: string; nativeBinding?: string };
// The import writes mostly new pages and looks up single rows: a small page cache does as well
// (measured) and leaves the memory to the file being read.
const store = openStore(dbPath, { nativeBinding, cacheMb: 16 });
const sessions = new ImportSessions((bytes, fileName) => readSource(bytes, fileName));
const post = (m: SessionMessage) => parentPort!.postMessage(m);

function rpcError(e: unknown): RpcError {
  if (e instanceof UserError) return { code: e.code, message: e.message };
  return { code: 'internal', message: `导入未完成，数据未作改动（${e instanceof Error ? e.message : String(e)}）` };
}

function commit(args: { session: string; options: Omit<CommitOptions, 'onProgress' | 'dryRun'>; jobId: string; cancel: SharedArrayBuffer }): void {
  const cancelled = new Int32Array(args.cancel);
  let last = 0;
  try {
    const report = commitImport(store, sessions.prepared(args.session), {
      ...args.options,
      onProgress: (done, total) => {
        if (Atomics.load(cancelled, 0) === 1) throw new Cancelled();
        if (done - last >= 200 || done === total) {
          last = done;
          post({ type: 'job', jobId: args.jobId, patch: { done, total } });
        }
      },
    });
    sessions.close(args.session);
    // The screen shows the counts and the rows with problems; the log in the database has every row.
    const rows = report.rows.filter((r) => r.issues.length > 0 || r.outcome === 'rejected');
    post({ type: 'job', jobId: args.jobId, patch: { state: 'done', result: { ...report, rows } } });
  } catch (e) {
    if (e instanceof Cancelled) post({ type: 'job', jobId: args.jobId, patch: { state: 'cancelled' } });
    else post({ type: 'job', jobId: args.jobId, patch: { state: 'failed', error: rpcError(e) } });
  }
}

async function answer(call: SessionCall): Promise<unknown> {
  const a = call.args as Record<string, never>;
  switch (call.method) {
    case 'open':
      return sessions.open(store, a.fileName, Buffer.from(a.bytes as Uint8Array));
    case 'rows':
      return sessions.rows(a.session, a.sheet, a.filter as RowFilter, a.page);
    case 'setHeader':
      return sessions.setHeader(store, a.session, a.sheet, a.firstRow, a.lastRow);
    case 'setFields':
      return sessions.setFields(store, a.session, a.sheet, a.fields);
    case 'editCell':
      return sessions.editCell(store, a.session, a.sheet, a.row, a.col, a.value);
    case 'mapValue':
      return sessions.mapValue(store, a.session, a.field, a.value, a.target);
    // The year's pension adjustment list and a legacy claims ledger: read, matched and saved here
    // too. Loaded when first asked for, so that a roster import does not carry their modules
    // (ExcelJS among them) in its memory.
    case 'adjustments':
      return (await import('../adjustments/adjustments')).importAdjustments(store, Buffer.from(a.bytes as Uint8Array), a.fileName, a.year);
    case 'ledger':
      return (await import('../claims/ledger')).importLedger(store, Buffer.from(a.bytes as Uint8Array), a.fileName, { dryRun: a.dryRun });
    case 'commit':
      // Answered at once; the commit itself runs next and reports through its job.
      setImmediate(() => commit(call.args as Parameters<typeof commit>[0]));
      return null;
    default:
      throw new UserError('unknown_method', `不支持的操作：${call.method}`);
  }
}

parentPort!.on('message', (call: SessionCall) => {
  answer(call).then(
    (value) => post({ type: 'reply', id: call.id, ok: true, value }),
    (e: unknown) => post({ type: 'reply', id: call.id, ok: false, error: rpcError(e) }),
  );
});
