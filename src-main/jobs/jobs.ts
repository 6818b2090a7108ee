// Long work (an import of 50,000 rows) runs in a worker thread with its own connection to the
// database file, so the window and the search stay responsive: WAL lets this process read the
// last committed state while the worker writes (https://sqlite.org/wal.html). Progress is
// reported, and a cancel rolls the worker's one transaction back.
import { randomUUID } from 'node:crypto';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { UserError } from '../shared/errors';
import type { JobStatus } from '../api/contract';
import type { WorkerInput, WorkerMessage } from './protocol';

export type JobKind = 'import' | 'read';

/** Where each worker's code is: the bundled .cjs in the Electron build, TypeScript elsewhere. */
let bundledWorkers: Record<JobKind, string> | null = null;
export function useBundledWorkers(files: Record<JobKind, string>): void {
  bundledWorkers = files;
}

function spawn(kind: JobKind, input: Omit<WorkerInput, 'entry'>, resourceLimits?: ResourceLimits): Worker {
  if (bundledWorkers) return new Worker(bundledWorkers[kind], { workerData: { ...input, entry: bundledWorkers[kind] }, resourceLimits });
  const entry = new URL(`./${kind}Worker.ts`, import.meta.url).href;
  return new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { ...input, entry }, resourceLimits });
}

export interface ReadLimits {
  timeoutMs: number;
  maxMemoryMb: number;
}

export const READ_LIMITS: ReadLimits = { timeoutMs: 120_000, maxMemoryMb: 2048 };

/**
 * Reads a roster in a worker with a time and a memory limit; resolves with what the reader
 * produced, rejects with a message in Chinese when the file cannot be read within them.
 */
export function readIsolated<T>(payload: { fileName: string; bytes: Uint8Array }, limits: ReadLimits = READ_LIMITS): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = spawn('read', { dbPath: '', cancel: new SharedArrayBuffer(4), payload }, { maxOldGenerationSizeMb: limits.maxMemoryMb });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new UserError('bad_file', `读取“${payload.fileName}”超过 ${Math.round(limits.timeoutMs / 1000)} 秒仍未完成，已停止。文件可能设置了整列的数据有效性或格式，请在 Excel 中另存为新文件后再导入`))),
      limits.timeoutMs,
    );
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'done') finish(() => resolve(m.result as T));
      if (m.type === 'failed') finish(() => reject(new UserError(m.error.code, m.error.message)));
    });
    worker.on('error', (e) =>
      finish(() =>
        reject(
          new UserError(
            'bad_file',
            /memory|heap/i.test(e.message) ? `读取“${payload.fileName}”所需内存超过 ${limits.maxMemoryMb} MB，已停止。请把文件拆小或另存为新文件后再导入` : `无法读取这个文件：${e.message}`,
          ),
        ),
      ),
    );
    worker.on('exit', () => finish(() => reject(new UserError('bad_file', `读取“${payload.fileName}”时后台进程意外中止`))));
  });
}

export class Jobs {
  private readonly jobs = new Map<string, { status: JobStatus; cancel: Int32Array; finished: Promise<void> }>();

  constructor(private readonly db: { dbPath: string; nativeBinding?: string }) {}

  start(kind: JobStatus['kind'], payload: unknown): JobStatus {
    const id = randomUUID();
    const cancel = new SharedArrayBuffer(4);
    const status: JobStatus = { id, kind, state: 'running', done: 0, total: 0, result: null, error: null };
    const worker = spawn(kind, { dbPath: this.db.dbPath, nativeBinding: this.db.nativeBinding, cancel, payload });
    const finished = new Promise<void>((resolve) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') Object.assign(status, { done: m.done, total: m.total });
        else if (m.type === 'done') Object.assign(status, { state: 'done', result: m.result });
        else if (m.type === 'failed') Object.assign(status, { state: 'failed', error: m.error });
        else if (m.type === 'cancelled') status.state = 'cancelled';
      });
      worker.on('error', (e) => {
        Object.assign(status, { state: 'failed', error: { code: 'internal', message: `后台任务出错：${e.message}，数据未作改动` } });
      });
      worker.on('exit', () => {
        if (status.state === 'running') Object.assign(status, { state: 'failed', error: { code: 'internal', message: '后台任务意外中止，数据未作改动' } });
        resolve();
      });
    });
    this.jobs.set(id, { status, cancel: new Int32Array(cancel), finished });
    return { ...status };
  }

  status(id: string): JobStatus | null {
    const job = this.jobs.get(id);
    return job ? { ...job.status } : null;
  }

  cancel(id: string): void {
    const job = this.jobs.get(id);
    if (job) Atomics.store(job.cancel, 0, 1);
  }

  /** Resolves when the job has ended (for tests and for closing the app). */
  async settled(id: string): Promise<JobStatus | null> {
    await this.jobs.get(id)?.finished;
    return this.status(id);
  }

  get running(): boolean {
    return [...this.jobs.values()].some((j) => j.status.state === 'running');
  }
}
