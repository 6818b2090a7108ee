// Encrypting an office's database where it is (issue 18, item 5): the plain database is backed up
// and the backup checked; the keyring is written; an encrypted copy is made, checked, and takes the
// database's place; then every backup, the new one among them, is encrypted the same way, so that
// no plain copy is left in the data folder. Each step can be run again: a run that stopped half way
// (the power went) is finished by running it again with the same secret.
import fs from 'node:fs';
import path from 'node:path';
import { listBackups, writeBackup } from '../db/backup';
import {
  copyKeyring,
  createKeyring,
  type DataKey,
  keyringFile,
  makePrivate,
  makePrivateDir,
  readKeyring,
  unlockKeyring,
  writeKeyring,
} from '../db/keyring';
import {
  headerCheck,
  isPlainDatabaseFile,
  keyedName,
  openRaw,
  openStore,
  quickCheck,
  storageProblem,
} from '../db/open';
import type { Store } from '../db/store';
import { newRecoveryCode } from '../operators/operators';
import { UserError } from '../shared/errors';
import { dataPaths, prepareDataFolder } from './paths';

export interface EncryptionProgress {
  /** What is being done, in Chinese. */
  step: string;
  done: number;
  total: number;
}

export interface EncryptionResult {
  key: DataKey;
  /** The recovery code made by this run (print it once, keep it apart); null when a run before made it. */
  recoveryCode: string | null;
  /** Files that were left plain because they could not be read (a damaged copy kept aside): said to the office. */
  leftPlain: string[];
}

/** Counts every table's rows: the encrypted copy must hold what the plain file held. */
function tableCounts(raw: ReturnType<typeof openRaw>): string {
  const tables = raw
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return tables.map((t) => `${t}:${String(raw.prepare(`SELECT count(*) FROM "${t}"`).pluck().get())}`).join(',');
}

/**
 * Writes an encrypted copy of the plain database `file` to `file.encrypting`, checks it (quick_check,
 * the same tables with the same numbers of rows), then puts it in the plain file's place with its
 * keyring beside it. A file that is not plain is left as it is.
 */
function encryptFile(file: string, key: DataKey, keyringOf: string, nativeBinding?: string): void {
  if (!isPlainDatabaseFile(file)) return;
  const tmp = `${file}.encrypting`;
  fs.rmSync(tmp, { force: true });
  // Opened for writing, so that closing it, the last connection, empties its -wal into the file
  // and deletes it: no plain -wal is left beside the encrypted file that takes its place.
  const plain = openRaw(file, { nativeBinding });
  let counts: string;
  try {
    const check = quickCheck(plain);
    if (check !== 'ok') throw new UserError('damaged', `完整性检查未通过：${check}`);
    counts = tableCounts(plain);
    // VACUUM INTO a name carrying the key writes an encrypted copy (SQLite3MultipleCiphers).
    plain.prepare('VACUUM INTO ?').run(keyedName(tmp, key));
  } finally {
    plain.close();
  }
  try {
    makePrivate(tmp, 'file');
    // In WAL mode, as the file it replaces was (VACUUM INTO writes a rollback-journal file): the
    // app's first open then changes nothing in it.
    const copy = openRaw(tmp, { nativeBinding, key });
    try {
      const check = quickCheck(copy);
      if (check !== 'ok' || tableCounts(copy) !== counts) {
        throw new Error(`加密后的副本校验未通过（${check}）`);
      }
    } finally {
      copy.close();
    }
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (path.resolve(keyringOf) !== path.resolve(file)) copyKeyring(keyringOf, file);
    fs.renameSync(tmp, file);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Encrypts the database at `dbPath` (and its backups) under a new key wrapped by `secret` (labelled
 * `label`, e.g. `operator:张三`: the administrator who chose it) and by a new recovery code, made
 * as every recovery code is (operators/operators.ts, newRecoveryCode: the code that resets an
 * administrator's password is the code that opens the file). The other operators' entries are
 * made when their password is next set or they sign in while the database is open. A database with
 * a keyring already is unlocked with `secret` and whatever is still plain is finished. A new
 * database (no file yet, or an empty one) only gets its keyring: it is created encrypted when first
 * opened with the key.
 */
export async function encryptDatabase(
  dbPath: string,
  secret: { label: string; secret: string },
  options: { nativeBinding?: string; onProgress?: (p: EncryptionProgress) => void } = {},
): Promise<EncryptionResult> {
  const paths = dataPaths(dbPath);
  const ringFile = keyringFile(paths.dbPath);
  const existing = readKeyring(ringFile);
  let key: DataKey;
  let recoveryCode: string | null = null;
  if (existing) {
    key = unlockKeyring(existing, secret.secret, secret.label);
  } else {
    const made = createKeyring([secret]);
    key = made.key;
    if (!fs.existsSync(paths.dbPath) || fs.statSync(paths.dbPath).size === 0) {
      prepareDataFolder(paths.dbPath);
      writeKeyring(ringFile, made.keyring);
      return { key, recoveryCode: null, leftPlain: [] };
    }
    if (!isPlainDatabaseFile(paths.dbPath)) {
      throw new UserError('bad_file', `不是可以加密的数据库文件（${paths.dbPath}），未作任何改动`);
    }
    // No change without a backup to go back to (DESIGN: data safety): checked before anything else.
    const damaged = (problem: string) =>
      new UserError('damaged', `数据库文件检查未通过（${problem}），不能加密，未作任何改动。请先恢复备份`);
    let store: Store;
    try {
      store = openStore(paths.dbPath, { nativeBinding: options.nativeBinding });
      headerCheck(store.raw);
    } catch (e) {
      if (storageProblem(e) === 'damaged') throw damaged(e instanceof Error ? e.message : String(e));
      throw e;
    }
    try {
      const check = quickCheck(store.raw);
      if (check !== 'ok') throw damaged(check);
      options.onProgress?.({ step: '正在备份数据库', done: 0, total: 1 });
      await writeBackup(store, paths.backupsDir, 'before-encryption');
    } finally {
      store.close();
    }
    writeKeyring(ringFile, made.keyring);
    options.onProgress?.({ step: '正在加密数据库', done: 0, total: 1 });
    encryptFile(paths.dbPath, key, paths.dbPath, options.nativeBinding);
    // The recovery code, in the database (its hash) and in the keyring, before anything else.
    const keyed = openStore(paths.dbPath, { nativeBinding: options.nativeBinding, key });
    try {
      recoveryCode = await newRecoveryCode(keyed);
    } finally {
      keyed.close();
    }
  }
  const backups = listBackups(paths.backupsDir).map((b) => path.join(paths.backupsDir, b.name));
  const keptAside = fs.existsSync(paths.keptAsideDir)
    ? fs
        .readdirSync(paths.keptAsideDir)
        .filter((n) => n.endsWith('.sqlite'))
        .map((n) => path.join(paths.keptAsideDir, n))
    : [];
  const files = [paths.dbPath, ...backups, ...keptAside].filter((f) => isPlainDatabaseFile(f));
  const leftPlain: string[] = [];
  for (const [i, file] of files.entries()) {
    const step =
      file === paths.dbPath
        ? '正在加密数据库'
        : `正在加密${backups.includes(file) ? '备份' : '留存的旧数据库'} ${path.basename(file)}`;
    options.onProgress?.({ step, done: i, total: files.length });
    try {
      encryptFile(file, key, paths.dbPath, options.nativeBinding);
    } catch (e) {
      // The database itself must be encrypted; a damaged copy kept aside may not be readable.
      if (file === paths.dbPath || backups.includes(file)) throw e;
      leftPlain.push(file);
    }
  }
  options.onProgress?.({ step: '加密完成', done: files.length, total: files.length });
  for (const dir of [paths.backupsDir, paths.keptAsideDir]) if (fs.existsSync(dir)) makePrivateDir(dir);
  return { key, recoveryCode, leftPlain };
}
