// Opening the database file: the SQLite version floor and the connection's pragmas; and what an
// error from the disk or from SQLite means for the user (one place decides: storageProblem).
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Store } from './store';

// SQLite before 3.51.3 can corrupt a WAL database when the WAL is reset while another
// connection writes ("WAL-reset bug", fixed in 3.51.3: https://sqlite.org/releaselog/3_51_3.html).
export const MIN_SQLITE_VERSION = '3.51.3';

export class SqliteTooOldError extends Error {}

export interface OpenOptions {
  readonly?: boolean;
  /** better-sqlite3 built for another runtime (Electron's ABI), see scripts/start-electron.mjs. */
  nativeBinding?: string;
  /** Page cache in MiB; 64 unless said otherwise. */
  cacheMb?: number;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export function openRaw(file: string, options: OpenOptions = {}): BetterSqlite3.Database {
  const raw = new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    nativeBinding: options.nativeBinding,
  });
  const version = (raw.prepare('select sqlite_version() as v').get() as { v: string }).v;
  if (compareVersions(version, MIN_SQLITE_VERSION) < 0) {
    raw.close();
    throw new SqliteTooOldError(
      `SQLite ${version} 过旧（需要 ${MIN_SQLITE_VERSION} 或更新版本），为防止数据损坏，程序不能启动`,
    );
  }
  raw.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    // https://sqlite.org/wal.html; better-sqlite3 builds with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1
    // (NORMAL), which can lose the last transactions on power loss: FULL is set explicitly.
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
  }
  raw.pragma('foreign_keys = ON');
  // 64 MiB of page cache instead of SQLite's 2 MiB default: the list and the search of 100,000
  // people touch pages all over the file (https://sqlite.org/pragma.html#pragma_cache_size).
  raw.pragma(`cache_size = -${(options.cacheMb ?? 64) * 1024}`);
  return raw;
}

export function openStore(file: string, options: OpenOptions = {}): Store {
  return new Store(openRaw(file, options), file);
}

/**
 * The cheap check start-up makes before anything else (issue 17, item 4): SQLite reads the file's
 * header (https://sqlite.org/fileformat.html#the_database_header: the magic string, the page size,
 * the page count) and the whole schema, which every statement needs. The rest of the pages are for
 * the full check (db/integrity.ts). SQLite's errors (SQLITE_CORRUPT, SQLITE_NOTADB) are thrown.
 */
export function headerCheck(raw: BetterSqlite3.Database): void {
  raw.prepare('SELECT count(*) FROM sqlite_schema').get();
}

/** `PRAGMA quick_check`: 'ok', or the first problems SQLite reports. */
export function quickCheck(raw: BetterSqlite3.Database): string {
  const rows = raw.pragma('quick_check(5)') as { quick_check: string }[];
  return rows.map((r) => r.quick_check).join('; ');
}

/**
 * What went wrong with the storage, if it is one of the faults the user can act on:
 * - `damaged`: the file is not a sound database (SQLITE_CORRUPT, SQLITE_NOTADB): recover it;
 * - `read_only`: the folder, the file or the file system cannot be written (SQLITE_CANTOPEN,
 *   SQLITE_READONLY_*, EACCES, EPERM, EROFS): say so and change nothing, it is not damage;
 * - `disk_full`: SQLITE_FULL, ENOSPC, EDQUOT;
 * - `busy`: another connection holds the lock (SQLITE_BUSY_*, SQLITE_LOCKED_*, EBUSY).
 * Null for everything else (a bug, a constraint). Extended result codes (`SQLITE_READONLY_DIRECTORY`)
 * count as their primary code (https://sqlite.org/rescode.html).
 */
export type StorageProblem = 'damaged' | 'read_only' | 'disk_full' | 'busy';

export function storageProblem(e: unknown): StorageProblem | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const primary = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  switch (primary) {
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return 'damaged';
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'read_only';
    case 'SQLITE_FULL':
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk_full';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
    case 'EBUSY':
      return 'busy';
    default:
      return null;
  }
}

function writable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The database file, its -wal and -shm companions and its folder must be writable; if one is not,
 * says which, in Chinese (null when all are). Root passes `access(W_OK)` whatever the mode bits,
 * but not on a read-only file system, which is what it then meets.
 */
export function readOnlyProblem(file: string): string | null {
  const dir = path.dirname(file);
  if (fs.existsSync(dir) && !writable(dir)) {
    return `数据库所在的文件夹是只读的（${dir}），程序无法在这里保存任何修改。数据库未打开，也未作任何改动。请让技术人员检查这个文件夹（或所在磁盘）的写入权限，或把数据库放到可以写入的位置`;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(f) && !writable(f)) {
      return `数据库文件是只读的（${f}），程序无法保存任何修改。数据库未打开，也未作任何改动。请让技术人员取消这个文件的只读属性（或检查写入权限）后再启动`;
    }
  }
  return null;
}

/** A sentence for the user about a storage fault while working on `file` (null for other errors). */
export function describeStorageProblem(e: unknown, file: string): string | null {
  switch (storageProblem(e)) {
    case 'read_only':
      return (
        readOnlyProblem(file) ??
        `无法写入数据库（${file}）：文件或所在文件夹是只读的、没有写入权限，或被其他程序锁定。请让技术人员检查后再试`
      );
    case 'disk_full':
      return `磁盘已满（${path.dirname(file)} 所在的磁盘），请清理磁盘空间后再试`;
    case 'busy':
      return `另一个程序正在使用数据库（${file}），请等它结束后再试`;
    case 'damaged':
      return `数据库文件已损坏（${file}）`;
    default:
      return null;
  }
}
