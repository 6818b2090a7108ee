// The app's side of the import wizard: every call goes to the child process that reads files
// (its methods: importer/sessionMethods.ts; its client: jobs/worker.ts, made by the app) and
// comes back as a promise. The readers keep their limits (shared/importLimits.ts); reading a file
// also has a time limit and the child a heap limit, so that a file that still makes the reader
// run away ends the child, not the app: the app says 这个文件无法读取（…）, starts a new child at
// the next call, and the database is untouched.
import type { ImportPreview, ImportReport, JobStatus, PreviewRow } from '../contract/imports';
import type { Store } from '../db/store';
import type { Jobs } from '../jobs/jobs';
import { ChildGone, type ChildWorker, type FileData, type ReadLimits } from '../jobs/worker';
import { actingOperator, currentOperator } from '../settings/settings';
import { UserError } from '../shared/errors';
import { IMPORT_LIMITS } from '../shared/importLimits';
import type { CommitOptions } from './commit';
import type { RowFilter } from './sessions';

// The child's heap limit is also what makes V8 collect: without a tight one its heap grows far
// beyond what the import keeps alive (about 5 kB a row: the file, its analysis, the dry run),
// since collecting is put off while there is room. 640 MB holds a roster of over 100,000 rows.
export const READ_LIMITS: ReadLimits = {
  timeoutMs: IMPORT_LIMITS.readSeconds * 1000,
  maxMemoryMb: IMPORT_LIMITS.heapMb,
};

/**
 * How the child collects garbage. V8 allocates straight into the old generation ("pretenures")
 * objects made where most objects have outlived a young collection; an import first makes what it
 * keeps for every row (the file, its analysis, the dry run) and then, at the same places, what it
 * throws away, which then piles up in the old generation until the heap nears its limit: 50,000
 * rows took the child's heap to 630 MB for 75 MB alive. Without pretenuring the garbage dies young:
 * the same import peaks at about 270 MB of heap, no slower (bench/importProcess.ts).
 *
 * Its young generation is kept small (semi-spaces of 4 MB, where V8 grows them to 16 MB): what an
 * import makes for a row and throws away is small and dies at once, so a larger nursery only adds
 * to the resident memory (50,000 rows: 40 MB less at the peak, not slower: bench/importProcess.ts).
 *
 * And its heap grows by 15 % before the next full collection instead of V8's own factor (1.1 to 4,
 * by how fast the program allocates: an import allocates fast, so it was let grow most): the
 * commit's 50,000 rows took the child from 215 to 320–330 MB resident, most of the growth
 * garbage not yet collected; at 15 %, 290–300 MB (and 269–275 MB with the rows kept packed:
 * importer/analyze.ts), the commit's time unchanged within the noise (bench/importProcess.ts,
 * runs in turns).
 */
export const IMPORT_V8_FLAGS = [
  '--no-allocation-site-pretenuring',
  '--max-semi-space-size=4',
  '--heap-growing-percent=15',
];

/**
 * The import child's page cache, in MiB. The import writes mostly new pages and looks up single
 * rows: a small cache does as well (measured: bench/importFloor.ts at 16, 64 and 256 MiB) and
 * leaves the memory to the file being read.
 */
export const IMPORT_CACHE_MB = 16;

/** What the wizard's user is told when its child ends under a call that reads no file: the sessions it kept are gone. */
export const WIZARD_GONE = {
  closed: '导入向导已关闭，数据未作改动，请重新选择文件',
  ended: '导入向导的后台进程已结束，数据未作改动，请重新选择文件',
};

export class ImportService {
  constructor(
    /** The child process that reads files (app/context.ts, fileWorker). */
    private readonly worker: ChildWorker,
    private readonly jobs: Jobs,
    /** The app's connection (it changes when a backup is restored). */
    private readonly store: () => Store,
  ) {}

  /** The child's process id while one runs (the bench reads its peak memory). */
  get childPid(): number | null {
    return this.worker.pid;
  }

  private call<T>(method: string, args: Record<string, unknown>): Promise<T> {
    return this.worker.call<T>(method, args);
  }

  open(fileName: string, file: FileData): Promise<ImportPreview> {
    return this.worker.call('open', {}, { file: { name: fileName, data: file } });
  }

  /**
   * The CLI's import: read, analyse and commit (or only try, `dryRun`) in the child, in one
   * call, every row reported; `onProgress` hears the rows written.
   */
  async importFile(
    fileName: string,
    bytes: Buffer,
    options: {
      dryRun: boolean;
      map?: Record<string, string | null>;
      confirmNotRoster?: boolean;
      onProgress?: (done: number, total: number) => void;
    },
  ): Promise<ImportReport> {
    // The child writes on its own connection: a refusal of writes on the app's (a damaged file) is said here.
    if (!options.dryRun) this.store().refuseIfReadOnly();
    return this.worker.call<ImportReport>(
      'importFile',
      {
        dryRun: options.dryRun,
        map: options.map ?? null,
        confirmNotRoster: options.confirmNotRoster ?? false,
        operator: actingOperator(),
      },
      {
        file: { name: fileName, data: bytes },
        timeLimit: false,
        onEvent: (e) => options.onProgress?.((e as { done: number }).done, (e as { total: number }).total),
      },
    );
  }

  rows(
    session: string,
    sheet: string | null,
    filter: RowFilter,
    page: number,
  ): Promise<{ total: number; rows: PreviewRow[] }> {
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

  /** The newest roster import in the database (to tell, after the child ended, whether its commit made it). */
  private newestImport(): number {
    const row = this.store()
      .raw.prepare("SELECT coalesce(max(id), 0) AS id FROM imports WHERE kind = 'roster'")
      .get() as { id: number };
    return row.id;
  }

  /**
   * Starts the commit in the child; its progress and result come through the job. Cancelling
   * ends the child: SQLite rolls back the transaction it had open, and the wizard's sessions go
   * with it (the file is chosen again). One import at a time; refused before the child starts
   * when no operator is set up to name in the audit log.
   */
  commit(session: string, options: Omit<CommitOptions, 'onProgress' | 'dryRun'>): JobStatus {
    this.store().refuseIfReadOnly();
    if (this.jobs.running) throw new UserError('busy', '已有一个导入正在进行，请等它结束');
    currentOperator(this.store());
    const before = this.newestImport();
    const status = this.jobs.create('import', () => this.worker.close());
    const id = status.id;
    this.worker
      .start<ImportReport>('commit', { session, options, operator: actingOperator() }, (e) =>
        this.jobs.update(id, e as Partial<JobStatus>),
      )
      .then(
        (report) =>
          this.jobs.update(id, { state: 'done', done: report.dataRows, total: report.dataRows, result: report }),
        (e: unknown) => this.jobs.update(id, this.commitEnded(e, id, before)),
      );
    return status;
  }

  /**
   * How a commit that did not report its end ended. If the child was gone after the transaction
   * committed (a cancel or a crash in the moment between), the import is in the database, and
   * the job says so with its counts; otherwise nothing of it was kept.
   */
  private commitEnded(e: unknown, id: string, before: number): Partial<JobStatus> {
    if (e instanceof ChildGone) {
      const made = this.store()
        .raw.prepare("SELECT summary FROM imports WHERE kind = 'roster' AND id > ? ORDER BY id DESC LIMIT 1")
        .get(before) as { summary: string } | undefined;
      if (made) return { state: 'done', result: { ...(JSON.parse(made.summary) as ImportReport), rows: [] } };
      if (this.jobs.cancelRequested(id)) return { state: 'cancelled' };
      const how = e.exit?.outOfMemory
        ? `所需内存超过 ${this.worker.limits.maxMemoryMb} MB 的上限`
        : e.exit?.signal
          ? `后台进程意外退出，信号 ${e.exit.signal}`
          : `后台进程意外退出，代码 ${e.exit?.code ?? '未知'}`;
      return { state: 'failed', error: { code: 'internal', message: `导入未完成，数据未作改动（${how}）` } };
    }
    if (e instanceof UserError) return { state: 'failed', error: { code: e.code, message: e.message } };
    return {
      state: 'failed',
      error: { code: 'internal', message: `导入未完成，数据未作改动（${e instanceof Error ? e.message : String(e)}）` },
    };
  }

  /** Ends the child (closing the app, restoring a backup): open wizards are dropped. */
  close(): void {
    this.worker.close();
  }
}
