// Reading a roster file, isolated: a file that makes the reader run away (whole-column data
// validations can make ExcelJS crawl for minutes and eat memory) is stopped by the time and
// memory limits of this worker, and the window never freezes while a large file is parsed.
import { parentPort, workerData } from 'node:worker_threads';
import { readSource } from '../importer/sources';
import { UserError } from '../shared/errors';
import type { WorkerInput, WorkerMessage } from './protocol';

const input = workerData as WorkerInput<{ fileName: string; bytes: Uint8Array }>;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

readSource(Buffer.from(input.payload.bytes), input.payload.fileName).then(
  (book) => post({ type: 'done', result: book }),
  (e: unknown) =>
    post({
      type: 'failed',
      error: e instanceof UserError ? { code: e.code, message: e.message } : { code: 'bad_file', message: `无法读取这个文件：${e instanceof Error ? e.message : String(e)}` },
    }),
);
