// The full integrity check (PRAGMA quick_check) of a database the app already has open, run in a
// worker thread on its own connection, so that start-up answers the first search without waiting
// for a read of every page (issue 17, item 4: 0.9 s at 100,000 people, seconds on an old PC).
//
// While it runs the worker holds SQLite's write lock (BEGIN IMMEDIATE): every writer, in this
// process or another (the import's child, the CLI), waits for the check through its busy timeout,
// while readers go on (WAL: https://sqlite.org/wal.html). The check therefore reads exactly the
// database as it is, and nothing is written into a file before it is known to be sound.
//
// quick_check reads pages through SQLite, not V8: a damaged file cannot make it run away with the
// heap, which is why a thread will do here where reading an untrusted file needs a child process
// (jobs/launcher.ts).
import nodeModule from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DataKey } from './keyring';
import { keyPragmas } from './open';

export type IntegrityVerdict =
  /** quick_check said ok. */
  | { state: 'ok' }
  /** What SQLite found wrong (quick_check's first problems, or SQLITE_CORRUPT while reading). */
  | { state: 'damaged'; problem: string }
  /** The check could not run (the thread did not start, the file went away): nothing is known. */
  | { state: 'failed'; problem: string };

export interface RunningCheck {
  /** Settles once the worker holds the write lock (or found it held by another writer past its wait). */
  readonly locked: Promise<void>;
  readonly verdict: Promise<IntegrityVerdict>;
  /** Stops the check (the app closing): the verdict becomes 'failed'. */
  stop(): Promise<void>;
}

// Plain JavaScript run by the worker (eval: no TypeScript loader, no bundle of its own). It loads
// the same better-sqlite3 the app runs, by path.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
  for (const p of workerData.keyPragmas) db.pragma(p);
  db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    // Another process is writing past the wait: check what is committed, without the lock.
    if (!/^SQLITE_(BUSY|LOCKED)/.test(String(e && e.code))) throw e;
  }
  parentPort.postMessage({ type: 'locked' });
  const rows = db.pragma('quick_check(5)');
  const said = rows.map((r) => r.quick_check).join('; ');
  parentPort.postMessage(said === 'ok' ? { type: 'verdict', state: 'ok' } : { type: 'verdict', state: 'damaged', problem: said });
} catch (e) {
  const code = String(e && e.code);
  const message = e instanceof Error ? e.message : String(e);
  const damaged = /^SQLITE_(CORRUPT|NOTADB)/.test(code);
  parentPort.postMessage({ type: 'verdict', state: damaged ? 'damaged' : 'failed', problem: message });
} finally {
  // Closing ends the transaction (a rollback: nothing was written) and lets the writers in.
  if (db && db.open) db.close();
}
`;

/** Where better-sqlite3 is, for the worker: the app's CommonJS bundle has `require`, the ES modules import.meta. */
function betterSqlitePath(): string {
  const resolver = typeof require === 'function' ? require : nodeModule.createRequire(import.meta.url);
  return resolver.resolve('better-sqlite3-multiple-ciphers');
}

export function startIntegrityCheck(
  file: string,
  options: { nativeBinding?: string; busyTimeoutMs?: number; key?: DataKey | null } = {},
): RunningCheck {
  let settleLocked = () => {};
  const locked = new Promise<void>((resolve) => (settleLocked = resolve));
  let worker: Worker;
  try {
    worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        module: betterSqlitePath(),
        file,
        nativeBinding: options.nativeBinding,
        // The thread is this process's: the key goes to it in memory, as to any connection here.
        keyPragmas: options.key ? keyPragmas(options.key) : [],
        busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      },
    });
  } catch (e) {
    settleLocked();
    const problem = e instanceof Error ? e.message : String(e);
    return { locked, verdict: Promise.resolve({ state: 'failed', problem }), stop: async () => {} };
  }
  // A check left running must not keep a CLI command's process alive.
  worker.unref();
  const verdict = new Promise<IntegrityVerdict>((resolve) => {
    worker.on('message', (m: { type: 'locked' } | ({ type: 'verdict' } & IntegrityVerdict)) => {
      if (m.type === 'locked') return settleLocked();
      settleLocked();
      const { type: _t, ...v } = m;
      resolve(v as IntegrityVerdict);
    });
    worker.on('error', (e) => {
      settleLocked();
      resolve({ state: 'failed', problem: e.message });
    });
    worker.on('exit', (code) => {
      settleLocked();
      resolve({ state: 'failed', problem: `检查线程提前结束（代码 ${code}）` });
    });
  });
  return {
    locked,
    verdict,
    stop: async () => {
      await worker.terminate();
    },
  };
}
