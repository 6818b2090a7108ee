// Long work (an import of 50,000 rows) runs in a worker thread with its own connection to the
// database file, so the window and the search stay responsive: WAL lets this process read the
// last committed state while the worker writes (https://sqlite.org/wal.html). Progress is
// reported, and a cancel rolls the worker's one transaction back.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { JobStatus } from '../api/contract';
import type { WorkerInput, WorkerMessage } from './protocol';

export type JobKind = 'import';

/** Where each worker's code is: the bundled .cjs in the Electron build, TypeScript elsewhere. */
let bundledWorkers: Record<JobKind, string> | null = null;
export function useBundledWorkers(files: Record<JobKind, string>): void {
  bundledWorkers = files;
}

function spawn(kind: JobKind, input: Omit<WorkerInput, 'entry'>): Worker {
  if (bundledWorkers) return new Worker(bundledWorkers[kind], { workerData: { ...input, entry: bundledWorkers[kind] } });
  const entry = new URL(`./${kind}Worker.ts`, import.meta.url).href;
  return new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { ...input, entry } });
}

export class Jobs {
  private readonly jobs = new Map<string, { status: JobStatus; cancel: Int32Array; finished: Promise<void> }>();

  constructor(private readonly db: { dbPath: string; nativeBinding?: string }) {}

  start(kind: JobKind, payload: unknown): JobStatus {
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
