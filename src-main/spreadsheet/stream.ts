// Reading a file from outside a few rows at a time, on a thread of its own, so that what the rows
// are for (the pension adjustment check matches and computes them) is done while the rest of the
// file is still being read: on two cores the check takes little longer than reading alone.
//
// bookEvents reads a book as events: each sheet, then its rows in order, a chunk at a time, the
// same rows readSource gives (merged ranges filled, ./tables.ts MergeFill). An .xlsx is read a row
// at a time (./xlsx.ts xlsxSheets); an .xls or a .csv, whose readers read the whole file at once,
// is read so and then given out the same way. readInThread runs bookEvents on a worker thread
// (runReadThread; its entry, app/readThread.ts, names the row readers a caller may ask it to read
// a table's rows with: RowPlan) and hands its events over as they come.
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, parentPort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { UserError, type ErrorCode } from '../shared/errors';
import { IMPORT_LIMITS, unreadableFile, type ImportLimits } from '../shared/importLimits';
import type { CellValue } from './cells';
import { readBook, refusal, sourceKind, XLSX_DAMAGED } from './sources';
import { MergeFill, type SourceBook, type SourceSheet } from './tables';
import { xlsxSheets } from './xlsx';

export type BookEvent =
  /** A sheet begins: its rows follow. */
  | { type: 'sheet'; name: string; hidden: boolean }
  /**
   * The sheet's next rows, the first of them row `from` (0-based); which of them are hidden, which
   * are title rows of a horizontal merge. `read`: what the reading thread made of them, as a plan
   * asked (RowPlan; `rows` is then empty).
   */
  | {
      type: 'rows';
      from: number;
      rows: CellValue[][];
      hidden: number[];
      merged: number[];
      read?: { count: number; value: unknown };
    }
  /**
   * What was given so far is to be forgotten: the book is given again from its first sheet. An
   * .xlsx whose rows are not in order (no spreadsheet program writes one) is read whole instead.
   */
  | { type: 'restart' }
  /** The whole book was read and is within every limit: only now are its rows good to keep. */
  | { type: 'end'; format: SourceBook['format']; date1904: boolean };

/** Rows a chunk gives at most. */
const CHUNK_ROWS = 1000;

class OutOfOrder extends Error {}

/** The book's events (see BookEvent); throws a UserError for a file it cannot read, as readSource does. */
export function* bookEvents(
  bytes: Buffer,
  fileName: string,
  limits: ImportLimits = IMPORT_LIMITS,
): Generator<BookEvent> {
  if (sourceKind(bytes, fileName, limits).kind !== 'xlsx') {
    yield* eventsOf(readBook(bytes, fileName, limits));
    return;
  }
  try {
    yield* xlsxEvents(bytes, limits);
  } catch (e) {
    if (!(e instanceof OutOfOrder)) throw refusal(e, XLSX_DAMAGED);
    yield { type: 'restart' };
    yield* eventsOf(readBook(bytes, fileName, limits));
  }
}

/** A book already read, as events. */
function* eventsOf(book: SourceBook): Generator<BookEvent> {
  for (const sheet of book.sheets) {
    yield { type: 'sheet', name: sheet.name, hidden: sheet.hidden };
    for (let from = 0; from < sheet.rows.length; from += CHUNK_ROWS) {
      const to = Math.min(from + CHUNK_ROWS, sheet.rows.length);
      const within = (set: Set<number>) => [...set].filter((r) => r >= from && r < to).sort((p, q) => p - q);
      yield {
        type: 'rows',
        from,
        rows: sheet.rows.slice(from, to),
        hidden: within(sheet.hiddenRows),
        merged: within(sheet.mergedRows),
      };
    }
  }
  yield { type: 'end', format: book.format, date1904: book.date1904 };
}

function* xlsxEvents(bytes: Buffer, limits: ImportLimits): Generator<BookEvent> {
  // Its rows are given out as they are read, copied to the caller and dropped here.
  const book = xlsxSheets(bytes, limits, { held: false });
  // The cells read so far, and those the merged ranges fill, against the workbook's limit.
  const cells = { n: 0 };
  for (const sheet of book.sheets) {
    yield { type: 'sheet', name: sheet.name, hidden: sheet.hidden };
    const fill = new MergeFill(sheet.name, sheet.merges, cells, limits);
    const hidden = new Set<number>();
    let read = 0;
    let given = 0;
    let ready: CellValue[][] = [];
    /** The next chunk of the rows ready, and what is told of them. */
    const chunk = (): BookEvent => {
      const from = given;
      const rows = ready.length > CHUNK_ROWS ? ready.splice(0, CHUNK_ROWS) : ready;
      if (rows === ready) ready = [];
      given += rows.length;
      const within = (r: number) => r >= from && r < given;
      const event: BookEvent = {
        type: 'rows',
        from,
        rows,
        hidden: [...hidden].filter(within),
        merged: [...fill.mergedRows].filter(within),
      };
      for (const r of hidden) if (r < given) hidden.delete(r);
      for (const r of fill.mergedRows) if (r < given) fill.mergedRows.delete(r);
      return event;
    };
    const push = (row: CellValue[]) => {
      cells.n += 1 + row.length;
      read++;
      for (const r of fill.push(row)) ready.push(r);
    };
    for (const row of sheet.rows) {
      if (row.index < read) throw new OutOfOrder();
      while (read < row.index) push([]);
      if (row.hidden) hidden.add(row.index);
      push(row.values);
      while (ready.length >= CHUNK_ROWS) yield chunk();
    }
    for (const r of fill.finish()) ready.push(r);
    while (ready.length) yield chunk();
  }
  yield { type: 'end', format: 'xlsx', date1904: book.date1904 };
}

/**
 * The sheets a book's events give, built as they come: at 'end', the book readSource gives. The
 * sheet being read is the last; its rows so far are there to use.
 */
export class BookFromEvents {
  sheets: SourceSheet[] = [];
  /** Set by 'end'. */
  book: SourceBook | null = null;

  take(e: BookEvent): void {
    switch (e.type) {
      case 'sheet':
        this.sheets.push({ name: e.name, hidden: e.hidden, rows: [], hiddenRows: new Set(), mergedRows: new Set() });
        break;
      case 'rows': {
        const sheet = this.sheets[this.sheets.length - 1];
        for (const row of e.rows) sheet.rows.push(row);
        // Rows the reading thread read for the caller are not here: their places are kept.
        if (e.read) sheet.rows.length = e.from + e.read.count;
        for (const r of e.hidden) sheet.hiddenRows.add(r);
        for (const r of e.merged) sheet.mergedRows.add(r);
        break;
      }
      case 'restart':
        this.sheets = [];
        break;
      case 'end':
        this.book = { format: e.format, sheets: this.sheets, date1904: e.date1904 };
    }
  }
}

// --- on a thread of its own ---------------------------------------------------------------------

/** What the reading thread is given: the file, the limits it is read within, and the port its plans come by. */
export interface ReadRequest {
  bytes: Uint8Array;
  fileName: string;
  limits: ImportLimits;
  plans: MessagePort;
}

/**
 * A sheet's rows to be read on the reading thread, from its next chunk on, by one of the thread's
 * row readers (runReadThread), with `args` (the table's columns): the rows come as what the reader
 * makes of them (BookEvent 'rows', `read`), so that the thread does that work while the caller
 * works on the rows before. `epoch`: the restarts before it (a plan for a book given again is old).
 */
export interface RowPlan {
  epoch: number;
  sheet: number;
  reader: string;
  args: unknown;
}

/** The reading thread's row readers, by name: each made for a table from its plan's `args`, reading a chunk of its rows. */
export type RowReaders = Record<string, (args: unknown) => (rows: CellValue[][]) => unknown>;

/** The book's events as the reading thread gives them, and the plans it can be given as they come. */
export interface ThreadReading extends AsyncIterable<BookEvent> {
  plan(p: Omit<RowPlan, 'epoch'>): void;
}

/**
 * The reading thread's work (the entry bundled for it names its row readers: app/readThread.ts):
 * reads the file it is given as the book's events and posts each as soon as it has it, a sheet's
 * rows read as its plan says once one has come; a file it cannot read, as the error readSource
 * would throw.
 */
export function runReadThread(readers: RowReaders): void {
  const port = parentPort!;
  const post = (m: ThreadMessage) => port.postMessage(m);
  port.once('message', ({ bytes, fileName, limits, plans }: ReadRequest) => {
    const planned = new Map<number, (rows: CellValue[][]) => unknown>();
    let epoch = 0;
    let sheet = -1;
    const takePlans = () => {
      for (let m = receiveMessageOnPort(plans); m; m = receiveMessageOnPort(plans)) {
        const p = m.message as RowPlan;
        const reader = readers[p.reader];
        if (p.epoch === epoch && reader) planned.set(p.sheet, reader(p.args));
      }
    };
    try {
      for (const event of bookEvents(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName, limits)) {
        if (event.type === 'restart') {
          epoch++;
          sheet = -1;
          planned.clear();
        } else if (event.type === 'sheet') sheet++;
        else if (event.type === 'rows') {
          takePlans();
          const read = planned.get(sheet);
          if (read) {
            post({ ...event, rows: [], read: { count: event.rows.length, value: read(event.rows) } });
            continue;
          }
        }
        post(event);
      }
    } catch (e) {
      post(
        e instanceof UserError
          ? { type: 'error', code: e.code, message: e.message }
          : {
              type: 'error',
              code: 'bad_file',
              message: unreadableFile(String((e as Error)?.message ?? e).slice(0, 200)),
            },
      );
    } finally {
      plans.close();
    }
  });
}

/** What the reading thread says: the book's events, or why it stopped. */
export type ThreadMessage = BookEvent | { type: 'error'; code: ErrorCode; message: string };

/** The reading thread's bundle (scripts/build-shell.mjs: out/read-thread.cjs of app/readThread.ts): the app's processes name it at start. */
let bundle: string | null = null;

export function useReadThreadBundle(file: string): void {
  bundle = file;
}

function startThread(limits: ImportLimits): Worker {
  // The reader makes short-lived values by the million (each row's cells, then what is read of
  // them): a young generation of 64 MB collects them less often (the adjustment check of 92,514
  // rows: about a tenth less CPU, bench/adjustProfile.ts).
  const resourceLimits = { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64 };
  // The bundle needs no loader, so the thread is not given the process's node options: where the
  // process runs under tsx (the bench), they would load tsx into the thread first, ~100 ms a start.
  if (bundle) return new Worker(bundle, { resourceLimits, execArgv: [] });
  // From the TypeScript sources (the harness, the CLI, the tests): started through tsx, as the
  // child processes are (jobs/child-boot.mjs). Found when a thread starts: the app's bundle has no import.meta.url.
  return new Worker(fileURLToPath(new URL('../jobs/child-boot.mjs', import.meta.url)), {
    argv: [fileURLToPath(new URL('../app/readThread.ts', import.meta.url))],
    resourceLimits,
  });
}

/**
 * bookEvents on a thread of its own, started at once (the caller may prepare meanwhile): each event
 * as soon as the thread has it. A file that makes the thread run out of memory is refused, as the
 * reading process refuses it (jobs/worker.ts).
 */
export function readInThread(bytes: Buffer, fileName: string, limits: ImportLimits = IMPORT_LIMITS): ThreadReading {
  const thread = startThread(limits);
  const plans = new MessageChannel();
  let restarts = 0;
  const queue: ThreadMessage[] = [];
  let taken = 0;
  let failed: UserError | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const woken = () => {
    wake?.();
    wake = null;
  };
  thread.on('message', (m: ThreadMessage) => {
    queue.push(m);
    woken();
  });
  thread.on('error', (e: Error & { code?: string }) => {
    failed = new UserError(
      'bad_file',
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `${unreadableFile(`读取所需内存超过 ${limits.heapMb} MB 的上限，已停止`)}。请把文件拆小，或在 Excel 中另存为新文件后再导入`
        : unreadableFile(`读取它的线程意外停止：${e.message.slice(0, 200)}`),
    );
    woken();
  });
  thread.on('exit', () => {
    exited = true;
    woken();
  });
  thread.postMessage({ bytes, fileName, limits, plans: plans.port2 } satisfies ReadRequest, [plans.port2]);
  async function* events(): AsyncGenerator<BookEvent> {
    try {
      for (;;) {
        if (taken < queue.length) {
          const m = queue[taken];
          queue[taken++] = undefined as never;
          if (m.type === 'error') throw new UserError(m.code, m.message);
          if (m.type === 'restart') restarts++;
          yield m;
          if (m.type === 'end') return;
        } else if (failed) throw failed;
        else if (exited) throw new UserError('bad_file', unreadableFile('读取它的线程意外退出'));
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      plans.port1.close();
      void thread.terminate();
    }
  }
  return Object.assign(events(), {
    plan: (p: Omit<RowPlan, 'epoch'>) => plans.port1.postMessage({ ...p, epoch: restarts } satisfies RowPlan),
  });
}
