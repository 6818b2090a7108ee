// The import job: reads the file, applies what the user settled, and commits it in one
// transaction on its own connection, reporting progress; a cancel rolls everything back.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../db/open';
import type { AnalysisSpec } from '../importer/analyze';
import { analyzeImport, commitImport, type CommitOptions } from '../importer/commit';
import type { SourceBook } from '../importer/sources';
import { UserError } from '../shared/errors';
import { Cancelled, type WorkerInput, type WorkerMessage } from './protocol';

export interface ImportJobPayload {
  fileName: string;
  sha256: string;
  /** The file as the wizard read it, corrections applied. */
  book: SourceBook;
  spec: AnalysisSpec;
  options: Omit<CommitOptions, 'onProgress' | 'dryRun'>;
}

const input = workerData as WorkerInput<ImportJobPayload>;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const cancelled = new Int32Array(input.cancel);

function run() {
  const store = openStore(input.dbPath, { nativeBinding: input.nativeBinding });
  try {
    const { fileName, sha256, book, spec } = input.payload;
    const prepared = analyzeImport(fileName, sha256, book, spec);
    let last = 0;
    const report = commitImport(store, prepared, {
      ...input.payload.options,
      onProgress: (done, total) => {
        if (Atomics.load(cancelled, 0) === 1) throw new Cancelled();
        if (done - last >= 200 || done === total) {
          last = done;
          post({ type: 'progress', done, total });
        }
      },
    });
    // The screen shows the counts and the rows with problems; the log in the database has every row.
    post({ type: 'done', result: { ...report, rows: report.rows.filter((r) => r.issues.length > 0 || r.outcome === 'rejected') } });
  } catch (e) {
    if (e instanceof Cancelled) post({ type: 'cancelled' });
    else if (e instanceof UserError) post({ type: 'failed', error: { code: e.code, message: e.message } });
    else post({ type: 'failed', error: { code: 'internal', message: `导入未完成，数据未作改动（${e instanceof Error ? e.message : String(e)}）` } });
  } finally {
    store.close();
  }
}

run();
