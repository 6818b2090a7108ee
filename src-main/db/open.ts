// Opening the database file: the SQLite version floor and the connection's pragmas.
import BetterSqlite3 from 'better-sqlite3';
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
    throw new SqliteTooOldError(`SQLite ${version} 过旧（需要 ${MIN_SQLITE_VERSION} 或更新版本），为防止数据损坏，程序不能启动`);
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

/** `PRAGMA quick_check`: 'ok', or the first problems SQLite reports. */
export function quickCheck(raw: BetterSqlite3.Database): string {
  const rows = raw.pragma('quick_check(5)') as { quick_check: string }[];
  return rows.map((r) => r.quick_check).join('; ');
}
