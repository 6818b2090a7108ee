// The app's side of the import wizard: every call goes to the import's child process
// (importer/sessionProcess.ts, started by the launcher the app was given: jobs/launcher.ts) and
// comes back as a promise. The readers keep their limits (shared/importLimits.ts); reading a file
// also has a time limit and the child a heap limit, so that a file that still makes the reader
// run away ends the child, not the app: the app says 这个文件无法读取（…）, starts a new child at
// the next call, and the database is untouched.
import type { AdjustmentRunView, ImportPreview, ImportReport, JobStatus, LedgerImportReport, PreviewRow } from '../api/contract';
import type { Store } from '../db/store';
import { ChildChannel, ChildGone } from '../jobs/channel';
import type { Jobs } from '../jobs/jobs';
import type { ProcessLauncher } from '../jobs/launcher';
import { UserError } from '../shared/errors';
import { IMPORT_LIMITS, unreadableFile } from '../shared/importLimits';
import type { CommitOptions } from './commit';
import type { RowFilter } from './sessions';

export interface ReadLimits {
  timeoutMs: number;
  maxMemoryMb: number;
}

// The child's heap limit is also what makes V8 collect: without a tight one its heap grows far
// beyond what the import keeps alive (about 5 kB a row: the file, its analysis, the dry run),
// since collecting is put off while there is room. 640 MB holds a roster of over 100,000 rows.
export const READ_LIMITS: ReadLimits = { timeoutMs: IMPORT_LIMITS.readSeconds * 1000, maxMemoryMb: IMPORT_LIMITS.heapMb };

/**
 * How the child collects garbage. V8 allocates straight into the old generation ("pretenures")
 * objects made where most objects have outlived a young collection; an import first makes what it
 * keeps for every row (the file, its analysis, the dry run) and then, at the same places, what it
 * throws away, which then piles up in the old generation until the heap nears its limit: 50,000
 * rows took the child's heap to 630 MB for 75 MB alive. Without pretenuring the garbage dies young:
 * the same import peaks at about 270 MB of heap, no slower (bench/importProcess.ts).
 */
export const IMPORT_V8_FLAGS = ['--no-allocation-site-pretenuring'];

/**
 * The import child's page cache, in MiB. The import writes mostly new pages and looks up single
 * rows: a small cache does as well (measured: bench/importFloor.ts at 16, 64 and 256 MiB) and
 * leaves the memory to the file being read.
 */
export const IMPORT_CACHE_MB = 16;

/** The launcher's name for the import's child process (the table is the app's: app/context.ts). */
export const IMPORT_PROCESS = 'importSession';

/** Files go to the child in pieces of this size (a multiple of 3: base64 splits evenly): no single message is larger. */
const UPLOAD_CHUNK = 6 * 1024 * 1024;

/**
 * A file as it reaches the app: bytes (the CLI), or base64 text (the window and the harness
 * send JSON), which is decoded a piece at a time on its way to the child, so that this process
 * never holds the decoded file beside its text.
 */
export type FileData = Buffer | { base64: string };

/** The pieces of a file, each a copy of its own (a view would carry its whole buffer with it). */
function* pieces(file: FileData): Generator<Uint8Array> {
  // An empty file is one empty piece: the child is told, and says the file is empty.
  if ((Buffer.isBuffer(file) ? file.length : file.base64.length) === 0) yield new Uint8Array(0);
  if (Buffer.isBuffer(file)) {
    for (let at = 0; at < file.length; at += UPLOAD_CHUNK) yield Uint8Array.prototype.slice.call(file, at, at + UPLOAD_CHUNK);
    return;
  }
  // 4 characters of base64 are 3 bytes: pieces of UPLOAD_CHUNK bytes are slices of this many.
  const chars = (UPLOAD_CHUNK / 3) * 4;
  for (let at = 0; at < file.base64.length; at += chars) yield Buffer.from(file.base64.slice(at, at + chars), 'base64');
}

export interface ImportProcess {
  launcher: ProcessLauncher;
  dbPath: string;
  nativeBinding?: string;
}

export class ImportService {
  private readonly channel: ChildChannel;

  constructor(
    process: ImportProcess,
    private readonly jobs: Jobs,
    /** The app's connection (it changes when a backup is restored). */
    private readonly store: () => Store,
    private readonly limits: ReadLimits = READ_LIMITS,
  ) {
    this.channel = new ChildChannel(process.launcher, IMPORT_PROCESS, {
      heapMb: limits.maxMemoryMb,
      v8Flags: IMPORT_V8_FLAGS,
      args: [JSON.stringify({ dbPath: process.dbPath, nativeBinding: process.nativeBinding, cacheMb: IMPORT_CACHE_MB })],
    });
  }

  /** The child's process id while one runs (the bench reads its peak memory). */
  get childPid(): number | null {
    return this.channel.pid;
  }

  /** The child's end, in words: for a file it was reading, or for the wizard it kept. */
  private describeGone(e: ChildGone, fileName: string | null): UserError {
    if (e.why === 'killed') return new UserError('cancelled', '导入向导已关闭，数据未作改动，请重新选择文件');
    if (fileName === null) return new UserError('expired', '导入向导的后台进程已结束，数据未作改动，请重新选择文件');
    if (e.why === 'timeout') {
      const seconds = Math.max(1, Math.round(this.limits.timeoutMs / 1000));
      return new UserError(
        'bad_file',
        `${unreadableFile(`读取“${fileName}”超过 ${seconds} 秒仍未完成，已停止`)}。文件可能设置了整列的数据有效性或格式，请在 Excel 中另存为新文件后再导入`,
      );
    }
    if (e.exit?.outOfMemory) {
      return new UserError('bad_file', `${unreadableFile(`读取所需内存超过 ${this.limits.maxMemoryMb} MB 的上限，已停止`)}。请把文件拆小，或在 Excel 中另存为新文件后再导入`);
    }
    const how = e.exit?.signal ? `信号 ${e.exit.signal}` : `代码 ${e.exit?.code ?? '未知'}`;
    return new UserError('bad_file', unreadableFile(`读取它的后台进程意外退出，${how}`));
  }

  private async call<T>(method: string, args: Record<string, unknown>, fileName: string | null = null, timeoutMs?: number): Promise<T> {
    try {
      return await this.channel.call<T>(method, args, { timeoutMs });
    } catch (e) {
      throw e instanceof ChildGone ? this.describeGone(e, fileName) : e;
    }
  }

  /** Hands a file to the child, in pieces, for the call that follows; its size in bytes. */
  private async upload(fileName: string, file: FileData): Promise<number> {
    const total = Buffer.isBuffer(file) ? file.length : Buffer.byteLength(file.base64, 'base64');
    let at = 0;
    for (const chunk of pieces(file)) {
      await this.call('upload', { at, total, chunk }, fileName);
      at += chunk.length;
    }
    return at;
  }

  /** Hands a file to the child, then calls `method` on it, under the read time limit. */
  private async withFile<T>(method: string, fileName: string, file: FileData, args: Record<string, unknown> = {}): Promise<T> {
    const size = await this.upload(fileName, file);
    return this.call(method, { ...args, fileName, size }, fileName, this.limits.timeoutMs);
  }

  open(fileName: string, file: FileData): Promise<ImportPreview> {
    return this.withFile('open', fileName, file);
  }

  /**
   * The year's pension adjustment list, imported (or only tried, `dryRun`) in the child
   * (src-main/adjustments); `map` says what columns are (`{ "表头文字": "字段名" }`).
   */
  adjustments(fileName: string, file: FileData, year: number, options: { dryRun?: boolean; map?: Record<string, string | null> } = {}): Promise<AdjustmentRunView> {
    return this.withFile('adjustments', fileName, file, { year, dryRun: options.dryRun ?? false, map: options.map ?? null });
  }

  /** A legacy claims ledger, checked (dry run) or imported in the child (src-main/claims/ledger.ts); `map` as for adjustments. */
  ledger(fileName: string, file: FileData, dryRun: boolean, map?: Record<string, string | null>): Promise<LedgerImportReport> {
    return this.withFile('ledger', fileName, file, { dryRun, map: map ?? null });
  }

  /**
   * The CLI's import: read, analyse and commit (or only try, `dryRun`) in the child, in one
   * call, every row reported; `onProgress` hears the rows written.
   */
  async importFile(
    fileName: string,
    bytes: Buffer,
    options: { dryRun: boolean; map?: Record<string, string | null>; confirmNotRoster?: boolean; onProgress?: (done: number, total: number) => void },
  ): Promise<ImportReport> {
    const size = await this.upload(fileName, bytes);
    try {
      return await this.channel.call<ImportReport>(
        'importFile',
        { fileName, size, dryRun: options.dryRun, map: options.map ?? null, confirmNotRoster: options.confirmNotRoster ?? false },
        { onEvent: (e) => options.onProgress?.((e as { done: number }).done, (e as { total: number }).total) },
      );
    } catch (e) {
      throw e instanceof ChildGone ? this.describeGone(e, fileName) : e;
    }
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

  /** The newest roster import in the database (to tell, after the child ended, whether its commit made it). */
  private newestImport(): number {
    const row = this.store().raw.prepare("SELECT coalesce(max(id), 0) AS id FROM imports WHERE kind = 'roster'").get() as { id: number };
    return row.id;
  }

  /**
   * Starts the commit in the child; its progress and result come through the job. Cancelling
   * ends the child: SQLite rolls back the transaction it had open, and the wizard's sessions go
   * with it (the file is chosen again).
   */
  commit(session: string, options: Omit<CommitOptions, 'onProgress' | 'dryRun'>): JobStatus {
    const before = this.newestImport();
    const status = this.jobs.create('import', () => this.channel.kill());
    const id = status.id;
    this.channel
      .call<ImportReport>('commit', { session, options }, { onEvent: (e) => this.jobs.update(id, e as Partial<JobStatus>) })
      .then(
        (report) => this.jobs.update(id, { state: 'done', done: report.dataRows, total: report.dataRows, result: report }),
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
      const made = this.store().raw.prepare("SELECT summary FROM imports WHERE kind = 'roster' AND id > ? ORDER BY id DESC LIMIT 1").get(before) as { summary: string } | undefined;
      if (made) return { state: 'done', result: { ...(JSON.parse(made.summary) as ImportReport), rows: [] } };
      if (this.jobs.cancelRequested(id)) return { state: 'cancelled' };
      const how = e.exit?.outOfMemory ? `所需内存超过 ${this.limits.maxMemoryMb} MB 的上限` : e.exit?.signal ? `后台进程意外退出，信号 ${e.exit.signal}` : `后台进程意外退出，代码 ${e.exit?.code ?? '未知'}`;
      return { state: 'failed', error: { code: 'internal', message: `导入未完成，数据未作改动（${how}）` } };
    }
    if (e instanceof UserError) return { state: 'failed', error: { code: e.code, message: e.message } };
    return { state: 'failed', error: { code: 'internal', message: `导入未完成，数据未作改动（${e instanceof Error ? e.message : String(e)}）` } };
  }

  /** Ends the child (closing the app, restoring a backup): open wizards are dropped. */
  close(): void {
    this.channel.kill();
  }
}
