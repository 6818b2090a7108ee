// The import job: reads the file, applies what the user settled, and commits it in one
// transaction on its own connection, reporting progress; a cancel rolls everything back.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../db/open';
import { commitImport, prepareImport, type CommitOptions, type ImportSpec } from '../importer/commit';
import { UserError } from '../shared/errors';
import { Cancelled, type WorkerInput, type WorkerMessage } from './protocol';

export interface ImportJobPayload {
  fileName: string;
  bytes: Uint8Array;
  spec: ImportSpec;
  options: Omit<CommitOptions, 'onProgress' | 'dryRun'>;
}

const input = workerData as WorkerInput<ImportJobPayload>;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const cancelled = new Int32Array(input.cancel);

async function run() {
  const store = openStore(input.dbPath, { nativeBinding: input.nativeBinding });
  try {
    const prepared = await prepareImport(Buffer.from(input.payload.bytes), input.payload.fileName, input.payload.spec);
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
    post({ type: 'done', result: report });
  } catch (e) {
    if (e instanceof Cancelled) post({ type: 'cancelled' });
    else if (e instanceof UserError) post({ type: 'failed', error: { code: e.code, message: e.message } });
    else post({ type: 'failed', error: { code: 'internal', message: `导入未完成，数据未作改动（${e instanceof Error ? e.message : String(e)}）` } });
  } finally {
    store.close();
  }
}

void run();
