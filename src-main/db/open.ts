// Opening the database file: the SQLite version floor and the connection's pragmas; and what an
// error from the disk or from SQLite means for the user (one place decides: storageProblem).
import fs from 'node:fs';
import nodeModule from 'node:module';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { UserError } from '../shared/errors';
import { type DataKey, keyringFile, makePrivate } from './keyring';
import { Store } from './store';

// SQLite3MultipleCiphers takes a key for a file it opens itself (the backup API's destination) as
// URI parameters; the driver reads this once, when it loads (its src/addon.cpp, ConfigureURI).
process.env.SQLITE_USE_URI = '1';

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
  /** The data key of an encrypted database (db/keyring.ts); none for a plain one. */
  key?: DataKey;
  /**
   * Temporary files in memory (https://sqlite.org/pragma.html#pragma_temp_store), for a connection
   * that inserts many files: a table with triggers makes every INSERT keep a statement journal
   * (https://sqlite.org/tempfiles.html#statement_journal_files), a temporary file holding each page
   * of the table's indexes the row changes; in memory it costs half as much. Not for the app's own
   * connection, whose backups and sorts may be as large as the database.
   */
  memoryTemp?: boolean;
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

// The encryption (https://utelle.github.io/SQLite3MultipleCiphers/docs/ciphers/cipher_chacha20/):
// ChaCha20 with a Poly1305 tag on every page, SQLite3MultipleCiphers' default. The tag makes a page
// changed on disk fail to read (refused, never returned as data); ChaCha20 is fast in software, on
// an office PC without AES instructions too. The key is 256 random bits already, not a password:
// one round of its key derivation is all it needs (a password's stretching is the keyring's scrypt).
const CIPHER = { cipher: 'chacha20', kdf_iter: '1' } as const;

/** The pragmas that key a connection, before it reads a page (https://utelle.github.io/SQLite3MultipleCiphers/docs/configuration/config_sql_pragmas/). */
export function keyPragmas(key: DataKey): string[] {
  return [`cipher = '${CIPHER.cipher}'`, `kdf_iter = ${CIPHER.kdf_iter}`, `hexkey = '${key.toString('hex')}'`];
}

/** A file name SQLite opens with the key (a URI: https://sqlite.org/uri.html), or the name as it is without one. */
export function keyedName(file: string, key: DataKey | undefined): string {
  if (!key) return file;
  let p = path
    .resolve(file)
    .replace(/\\/g, '/')
    .replace(/[%?#]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  if (!p.startsWith('/')) p = `/${p}`; // C:/… on Windows
  return `file://${p}?cipher=${CIPHER.cipher}&kdf_iter=${CIPHER.kdf_iter}&hexkey=${key.toString('hex')}`;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether the file begins as a plain SQLite database does (an encrypted one begins with random bytes). */
export function isPlainDatabaseFile(file: string): boolean {
  const head = Buffer.alloc(16);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    return fs.readSync(fd, head, 0, 16, 0) === 16 && head.equals(SQLITE_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** An encrypted database: a file that is not plain SQLite, with its keyring beside it. */
export function isEncryptedDatabase(file: string): boolean {
  return (
    fs.existsSync(keyringFile(file)) && fs.existsSync(file) && fs.statSync(file).size > 0 && !isPlainDatabaseFile(file)
  );
}

/** What SQLite's "file is not a database" means when a key was given, in Chinese. */
function keyRefusal(e: unknown, file: string): unknown {
  if (storageProblem(e) !== 'damaged') return e;
  if (isPlainDatabaseFile(file)) {
    return new UserError(
      'not_encrypted',
      `数据库文件（${file}）尚未加密，不能用密钥打开。数据库未打开，也未作任何改动`,
    );
  }
  return new UserError(
    'wrong_key',
    `无法用这个密钥打开数据库文件（${file}）：密钥不属于这个文件，或文件已被改动、损坏。数据库未打开，也未作任何改动`,
  );
}

export function openRaw(file: string, options: OpenOptions = {}): BetterSqlite3.Database {
  if (!options.key && isEncryptedDatabase(file)) {
    throw new UserError('locked', `数据库已加密（${file}），需要密码才能打开。数据库未打开，也未作任何改动`);
  }
  if (!options.readonly) privateDatabaseFile(file);
  const raw = new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    nativeBinding: options.nativeBinding,
  });
  if (options.key) {
    try {
      for (const p of keyPragmas(options.key)) raw.pragma(p);
      // The first page read tells a wrong key (or a changed first page) from a sound file.
      headerCheck(raw);
    } catch (e) {
      raw.close();
      throw keyRefusal(e, file);
    }
  }
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
  if (options.memoryTemp) raw.pragma('temp_store = MEMORY');
  return raw;
}

export function openStore(file: string, options: OpenOptions = {}): Store {
  return new Store(openRaw(file, options), file, options.key ?? null);
}

/**
 * The database file and its -wal and -shm readable by their owner only. A new file is made so
 * before SQLite writes a page into it; SQLite gives the -wal and -shm files it makes the mode of
 * the database file (os_unix.c, findCreateFileMode).
 */
function privateDatabaseFile(file: string): void {
  if (file === '' || file === ':memory:') return;
  if (!fs.existsSync(file)) {
    try {
      fs.closeSync(fs.openSync(file, 'wx', 0o600));
    } catch {
      // SQLite will say what is wrong with the folder.
    }
  }
  for (const suffix of ['', '-wal', '-shm']) makePrivate(file + suffix, 'file');
}

/**
 * SQLite's online backup of `raw` into `dest` (https://sqlite.org/backup.html), the destination
 * encrypted with `key` when one is given. The driver's own backup() opens the destination without
 * a key, which SQLite3MultipleCiphers refuses for an encrypted source; this does the same steps
 * (its lib/methods/backup.js) on a destination named with its key (keyedName).
 */
export function backupDatabase(
  raw: BetterSqlite3.Database,
  dest: string,
  options: { key?: DataKey | null; progress?: (info: BetterSqlite3.BackupMetadata) => number } = {},
): Promise<BetterSqlite3.BackupMetadata> {
  if (!options.key) return raw.backup(dest, options.progress ? { progress: options.progress } : undefined);
  fs.accessSync(path.dirname(dest));
  const handle = (raw as unknown as Record<symbol, NativeDatabase>)[driverSymbol()];
  const job = handle.backup(raw, 'main', keyedName(dest, options.key), false);
  return new Promise((resolve, reject) => {
    let rate = 0;
    const step = () => {
      try {
        const progress = job.transfer(rate);
        if (!progress.remainingPages) {
          job.close();
          return resolve(progress);
        }
        rate = options.progress ? options.progress(progress) : 100;
        setImmediate(step);
      } catch (e) {
        job.close();
        reject(e);
      }
    };
    setImmediate(step);
  });
}

interface NativeDatabase {
  backup(
    db: BetterSqlite3.Database,
    attached: string,
    dest: string,
    unlink: boolean,
  ): { transfer(pages: number): BetterSqlite3.BackupMetadata; close(): void };
}

/** The driver's handle on its native connection (its lib/util.js, cppdb). */
function driverSymbol(): symbol {
  const resolver = typeof require === 'function' ? require : nodeModule.createRequire(import.meta.url);
  return (resolver('better-sqlite3-multiple-ciphers/lib/util') as { cppdb: symbol }).cppdb;
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
