// The status of long jobs run elsewhere (an import's commit, in the import's child process, on
// its own connection to the database file, so that the window and the search stay responsive:
// WAL lets this process read the last committed state while the child writes,
// https://sqlite.org/wal.html): progress, result, and how to cancel. Whoever starts a job says
// what cancelling it does; for an import that is ending its child process, which SQLite turns
// into a rollback of the transaction it had open.
import { randomUUID } from 'node:crypto';
import type { JobStatus } from '../contract/imports';
import { UserError } from '../shared/errors';

interface Job {
  status: JobStatus;
  cancel: () => void;
  cancelRequested: boolean;
  ended: Promise<void>;
  end: () => void;
}

export class Jobs {
  private readonly jobs = new Map<string, Job>();

  create(kind: JobStatus['kind'], cancel: (id: string) => void): JobStatus {
    const id = randomUUID();
    let end = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    const job: Job = {
      status: { id, kind, state: 'running', done: 0, total: 0, result: null, error: null },
      cancel: () => cancel(id),
      cancelRequested: false,
      ended,
      end,
    };
    this.jobs.set(id, job);
    return { ...job.status };
  }

  update(id: string, patch: Partial<JobStatus>): void {
    const job = this.jobs.get(id);
    if (!job || job.status.state !== 'running') return;
    Object.assign(job.status, patch);
    if (job.status.state !== 'running') job.end();
  }

  status(id: string): JobStatus | null {
    const job = this.jobs.get(id);
    return job ? { ...job.status } : null;
  }

  /** A job the caller names: its status, or a refusal when there is none (ended with a restart, or never was). */
  find(id: string): JobStatus {
    const status = this.status(id);
    if (!status) throw new UserError('not_found', '没有找到这个后台任务');
    return status;
  }

  /** Asks the job to stop; its state says when it has (cancelled, or done if it had finished). */
  cancel(id: string): void {
    const job = this.jobs.get(id);
    if (!job || job.status.state !== 'running' || job.cancelRequested) return;
    job.cancelRequested = true;
    job.cancel();
  }

  cancelRequested(id: string): boolean {
    return this.jobs.get(id)?.cancelRequested ?? false;
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
