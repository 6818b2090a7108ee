// Long work runs in worker threads, each with its own connection to the database file, so the
// window and the search stay responsive: WAL lets this process read the last committed state
// while a worker writes (https://sqlite.org/wal.html). This file starts workers (TypeScript under
// tsx here, bundled .cjs files in the Electron build) and keeps the status of the jobs they run:
// progress, result, and a cancel flag the worker checks between rows.
import { randomUUID } from 'node:crypto';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { JobStatus } from '../api/contract';

export type WorkerKind = 'importSession';

/** Where each worker's code is: the bundled .cjs in the Electron build, TypeScript elsewhere. */
let bundledWorkers: Record<WorkerKind, string> | null = null;
export function useBundledWorkers(files: Record<WorkerKind, string>): void {
  bundledWorkers = files;
}

export function spawnWorker(kind: WorkerKind, data: object, resourceLimits?: ResourceLimits): Worker {
  if (bundledWorkers) return new Worker(bundledWorkers[kind], { workerData: { ...data, entry: bundledWorkers[kind] }, resourceLimits });
  const entry = new URL(`./${kind}Worker.ts`, import.meta.url).href;
  return new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { ...data, entry }, resourceLimits });
}

interface Job {
  status: JobStatus;
  cancel: SharedArrayBuffer;
  ended: Promise<void>;
  end: () => void;
}

export class Jobs {
  private readonly jobs = new Map<string, Job>();

  create(kind: JobStatus['kind']): { status: JobStatus; cancel: SharedArrayBuffer } {
    const id = randomUUID();
    let end = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    const job: Job = { status: { id, kind, state: 'running', done: 0, total: 0, result: null, error: null }, cancel: new SharedArrayBuffer(4), ended, end };
    this.jobs.set(id, job);
    return { status: { ...job.status }, cancel: job.cancel };
  }

  update(id: string, patch: Partial<JobStatus>): void {
    const job = this.jobs.get(id);
    if (!job || job.status.state !== 'running') return;
    Object.assign(job.status, patch);
    if (job.status.state !== 'running') job.end();
  }

  /** Ends every running job as failed (its worker is gone: nothing it did was committed). */
  failRunning(message: string): void {
    for (const job of this.jobs.values()) this.update(job.status.id, { state: 'failed', error: { code: 'internal', message } });
  }

  status(id: string): JobStatus | null {
    const job = this.jobs.get(id);
    return job ? { ...job.status } : null;
  }

  cancel(id: string): void {
    const job = this.jobs.get(id);
    if (job) Atomics.store(new Int32Array(job.cancel), 0, 1);
  }

  /** Resolves when the job has ended (for tests and for closing the app). */
  async settled(id: string): Promise<JobStatus | null> {
    await this.jobs.get(id)?.ended;
    return this.status(id);
  }

  get running(): boolean {
    return [...this.jobs.values()].some((j) => j.status.state === 'running');
  }
}
