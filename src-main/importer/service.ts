// The main thread's side of the import wizard: every call goes to the import session worker
// (jobs/importSessionWorker.ts) and comes back as a promise. Reading a file has a time limit and
// the worker a memory limit: a file that makes the reader run away (whole-column data validations
// can make ExcelJS crawl) is stopped with a message, the worker is replaced, and the database is
// untouched.
import type { Worker } from 'node:worker_threads';
import type { AdjustmentRunView, ImportPreview, JobStatus, LedgerImportReport, PreviewRow } from '../api/contract';
import { Jobs, spawnWorker } from '../jobs/jobs';
import type { SessionCall, SessionMessage } from '../jobs/protocol';
import { UserError } from '../shared/errors';
import type { CommitOptions } from './commit';
import type { RowFilter } from './sessions';

export interface ReadLimits {
  timeoutMs: number;
  maxMemoryMb: number;
}

// The worker's heap limit is also what makes V8 collect: without a tight one its heap grows far
// beyond what the import keeps alive (about 5 kB a row: the file, its analysis, the dry run),
// since collecting is put off while there is room. 640 MB holds a roster of over 100,000 rows.
export const READ_LIMITS: ReadLimits = { timeoutMs: 120_000, maxMemoryMb: 640 };

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout | null;
}

export class ImportService {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly db: { dbPath: string; nativeBinding?: string },
    private readonly jobs: Jobs,
    private readonly limits: ReadLimits = READ_LIMITS,
  ) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker('importSession', { dbPath: this.db.dbPath, nativeBinding: this.db.nativeBinding }, { maxOldGenerationSizeMb: this.limits.maxMemoryMb, maxYoungGenerationSizeMb: 16 });
    worker.on('message', (m: SessionMessage) => {
      if (m.type === 'job') return this.jobs.update(m.jobId, m.patch);
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (p.timer) clearTimeout(p.timer);
      if (m.ok) p.resolve(m.value);
      else p.reject(new UserError(m.error.code, m.error.message));
    });
    worker.on('error', (e) => {
      const message = /memory|heap/i.test(e.message)
        ? `导入所需内存超过 ${this.limits.maxMemoryMb} MB，已停止，数据未作改动。请把文件拆小或另存为新文件后再导入`
        : `导入的后台进程出错，已停止，数据未作改动（${e.message}）`;
      this.reset(message);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.reset('导入的后台进程意外中止，数据未作改动，请重新选择文件');
    });
    this.worker = worker;
    return worker;
  }

  /** Drops the worker and every open wizard; what was waiting is told why. */
  private reset(message: string): void {
    const worker = this.worker;
    this.worker = null;
    for (const [id, p] of this.pending) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(new UserError('bad_file', message));
      this.pending.delete(id);
    }
    this.jobs.failRunning(message);
    void worker?.terminate();
  }

  private call<T>(method: string, args: Record<string, unknown>, options: { timeoutMs?: number; timeoutMessage?: string; transfer?: ArrayBuffer[] } = {}): Promise<T> {
    const worker = this.ensure();
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = options.timeoutMs ? setTimeout(() => this.reset(options.timeoutMessage ?? '导入操作超时'), options.timeoutMs) : null;
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      worker.postMessage({ id, method, args } satisfies SessionCall, options.transfer ?? []);
    });
  }

  /** Hands a file to the worker (a copy of its own, moved, not copied again) under the read time limit. */
  private withFile<T>(method: string, fileName: string, bytes: Buffer, args: Record<string, unknown> = {}): Promise<T> {
    const own = new Uint8Array(bytes);
    return this.call(method, { ...args, fileName, bytes: own }, {
      transfer: [own.buffer],
      timeoutMs: this.limits.timeoutMs,
      timeoutMessage: `读取“${fileName}”超过 ${Math.max(1, Math.round(this.limits.timeoutMs / 1000))} 秒仍未完成，已停止。文件可能设置了整列的数据有效性或格式，请在 Excel 中另存为新文件后再导入`,
    });
  }

  open(fileName: string, bytes: Buffer): Promise<ImportPreview> {
    return this.withFile('open', fileName, bytes);
  }

  /** The year's pension adjustment list, imported in the worker (src-main/adjustments). */
  adjustments(fileName: string, bytes: Buffer, year: number): Promise<AdjustmentRunView> {
    return this.withFile('adjustments', fileName, bytes, { year });
  }

  /** A legacy claims ledger, checked (dry run) or imported in the worker (src-main/claims/ledger.ts). */
  ledger(fileName: string, bytes: Buffer, dryRun: boolean): Promise<LedgerImportReport> {
    return this.withFile('ledger', fileName, bytes, { dryRun });
  }

  rows(session: string, sheet: string | null, filter: RowFilter, page: number): Promise<{ total: number; rows: PreviewRow[] }> {
    return this.call('rows', { session, sheet, filter, page });
  }

  setHeader(session: string, sheet: string, firstRow: number, lastRow: number): Promise<ImportPreview> {
    return this.call('setHeader', { session, sheet, firstRow, lastRow });
  }

  setFields(session: string, sheet: string, fields: (string | null)[]): Promise<ImportPreview> {
    return this.call('setFields', { session, sheet, fields });
  }

  editCell(session: string, sheet: string, row: number, col: number, value: string | null): Promise<ImportPreview> {
    return this.call('editCell', { session, sheet, row, col, value });
  }

  mapValue(session: string, field: string, value: string, target: string): Promise<ImportPreview> {
    return this.call('mapValue', { session, field, value, target });
  }

  /** Starts the commit in the worker; its progress and result come through the job. */
  async commit(session: string, options: Omit<CommitOptions, 'onProgress' | 'dryRun'>): Promise<JobStatus> {
    const { status, cancel } = this.jobs.create('import');
    try {
      await this.call('commit', { session, options, jobId: status.id, cancel });
    } catch (e) {
      this.jobs.update(status.id, { state: 'failed', error: { code: 'internal', message: (e as Error).message } });
      throw e;
    }
    return status;
  }

  /** Ends the worker (closing the app, restoring a backup): open wizards are dropped. */
  close(): void {
    this.reset('导入向导已关闭');
  }
}
