// The client of a child process that reads files from outside (jobs/channel.ts under it): calls
// by name that come back as promises, a file handed over in pieces, a time limit for reading it,
// and the child's end in words. It knows nothing of what the child runs: the methods are the
// entry's (the app registers them, app/importProcess.ts), and whoever holds the worker names
// them. Reading has a time limit and the child a heap limit, so that a file that still makes the
// reader run away ends the child, not the app: the caller hears 这个文件无法读取（…）, a new child
// starts at the next call, and the database is untouched.
import { UserError } from '../shared/errors';
import { unreadableFile } from '../shared/importLimits';
import { ChildChannel, ChildGone } from './channel';
import type { LaunchOptions, ProcessLauncher } from './launcher';

export { ChildGone };

export interface ReadLimits {
  timeoutMs: number;
  maxMemoryMb: number;
}

/** What to tell the user when the child ends under a call that reads no file (state it kept is gone). */
export interface GoneWords {
  /** Ended by kill() (a cancel, closing). */
  closed: string;
  /** Ended on its own, or past a time limit. */
  ended: string;
}

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
    for (let at = 0; at < file.length; at += UPLOAD_CHUNK)
      yield Uint8Array.prototype.slice.call(file, at, at + UPLOAD_CHUNK);
    return;
  }
  // 4 characters of base64 are 3 bytes: pieces of UPLOAD_CHUNK bytes are slices of this many.
  const chars = (UPLOAD_CHUNK / 3) * 4;
  for (let at = 0; at < file.base64.length; at += chars) yield Buffer.from(file.base64.slice(at, at + chars), 'base64');
}

export interface WorkerCallOptions {
  /** The file the call reads (handed over first): the child's end is then said of it. */
  file?: { name: string; data: FileData };
  /** Whether reading the file has the time limit (a whole import, which writes, has none). */
  timeLimit?: boolean;
  onEvent?: (event: unknown) => void;
}

export class ChildWorker {
  private readonly channel: ChildChannel;

  constructor(
    launcher: ProcessLauncher,
    entry: string,
    options: Omit<LaunchOptions, 'heapMb'>,
    readonly limits: ReadLimits,
    private readonly words: GoneWords,
  ) {
    this.channel = new ChildChannel(launcher, entry, { ...options, heapMb: limits.maxMemoryMb });
  }

  /** The child's process id while one runs (the bench reads its peak memory). */
  get pid(): number | null {
    return this.channel.pid;
  }

  /** The child's end, in words: for a file it was reading, or for what it kept. */
  describeGone(e: ChildGone, fileName: string | null): UserError {
    if (e.why === 'killed') return new UserError('cancelled', this.words.closed);
    if (fileName === null) return new UserError('expired', this.words.ended);
    if (e.why === 'timeout') {
      const seconds = Math.max(1, Math.round(this.limits.timeoutMs / 1000));
      return new UserError(
        'bad_file',
        `${unreadableFile(`读取“${fileName}”超过 ${seconds} 秒仍未完成，已停止`)}。文件可能设置了整列的数据有效性或格式，请在 Excel 中另存为新文件后再导入`,
      );
    }
    if (e.exit?.outOfMemory) {
      return new UserError(
        'bad_file',
        `${unreadableFile(`读取所需内存超过 ${this.limits.maxMemoryMb} MB 的上限，已停止`)}。请把文件拆小，或在 Excel 中另存为新文件后再导入`,
      );
    }
    const how = e.exit?.signal ? `信号 ${e.exit.signal}` : `代码 ${e.exit?.code ?? '未知'}`;
    return new UserError('bad_file', unreadableFile(`读取它的后台进程意外退出，${how}`));
  }

  /** Calls `method` in the child (handing its file over first); the child's end comes back as a UserError. */
  async call<T>(method: string, args: Record<string, unknown>, options: WorkerCallOptions = {}): Promise<T> {
    const fileName = options.file?.name ?? null;
    try {
      if (!options.file) return await this.channel.call<T>(method, args, { onEvent: options.onEvent });
      const size = await this.upload(options.file.data);
      const timeoutMs = options.timeLimit === false ? undefined : this.limits.timeoutMs;
      return await this.channel.call<T>(method, { ...args, fileName, size }, { timeoutMs, onEvent: options.onEvent });
    } catch (e) {
      throw e instanceof ChildGone ? this.describeGone(e, fileName) : e;
    }
  }

  /**
   * Calls `method` in the child as it is: the child's end is rejected as ChildGone, for a caller
   * that decides what it means (a commit that may have made it to the database before).
   */
  start<T>(method: string, args: Record<string, unknown>, onEvent?: (event: unknown) => void): Promise<T> {
    return this.channel.call<T>(method, args, { onEvent });
  }

  /** Hands a file to the child, in pieces, for the call that follows; its size in bytes. */
  private async upload(file: FileData): Promise<number> {
    const total = Buffer.isBuffer(file) ? file.length : Buffer.byteLength(file.base64, 'base64');
    let at = 0;
    for (const chunk of pieces(file)) {
      await this.channel.call('upload', { at, total, chunk });
      at += chunk.length;
    }
    return at;
  }

  /** Ends the child now (a cancel, closing the app, restoring a backup): what it kept is gone. */
  close(): void {
    this.channel.kill();
  }
}
