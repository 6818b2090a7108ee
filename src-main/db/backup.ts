// Backups: written with SQLite's online backup API to a temporary file, opened and checked, and
// only then renamed into place (Zotero's db.js does the same), then rotated: 7 daily, 4 weekly,
// every pre-migration and manual copy kept. Attachments live in the database, so every backup
// holds them. Restoring writes a backup into the open database with the same API, under SQLite's
// own lock, so that no file is ever renamed under a connection.
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../shared/errors';
import { copyKeyring, type DataKey, keyringFile, makePrivate, makePrivateDir } from './keyring';
import { migrateToLatest, unknownMigrations } from './migrate';
import { backupDatabase, keyedName, openRaw, openStore, quickCheck, storageProblem } from './open';
import type { Store } from './store';

export type BackupKind =
  | 'daily'
  | 'weekly'
  | 'pre-migration'
  | 'manual'
  | 'before-restore'
  | 'before-encryption'
  /** A copy in the folder the office chose (app/offsite.ts). */
  | 'offsite';

const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  daily: '每日自动',
  weekly: '每周自动',
  'pre-migration': '升级前',
  manual: '手动',
  'before-restore': '恢复前',
  'before-encryption': '加密前',
  offsite: '异地副本',
};

export interface BackupInfo {
  name: string;
  kind: BackupKind;
  /** Local time the backup was taken, `YYYY-MM-DDTHH:MM:SS`. */
  takenAt: string;
  size: number;
}

/** A backup as the settings page lists it: with its kind in words. */
export function describeBackup(b: BackupInfo): BackupInfo & { kindLabel: string } {
  return { ...b, kindLabel: BACKUP_KIND_LABELS[b.kind] };
}

const NAME =
  /^(daily|weekly|pre-migration|manual|before-restore|before-encryption|offsite)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.sqlite$/;

function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

export function parseBackupName(name: string): Omit<BackupInfo, 'size'> | null {
  const m = NAME.exec(name);
  if (!m) return null;
  return { name, kind: m[1] as BackupKind, takenAt: `${m[2]}-${m[3]}-${m[4]}T${m[5]}:${m[6]}:${m[7]}` };
}

export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  const found = fs.readdirSync(dir).flatMap((name) => {
    const info = parseBackupName(name);
    if (!info) return [];
    const stat = fs.statSync(path.join(dir, name));
    return [{ info: { ...info, size: stat.size }, written: stat.mtimeMs }];
  });
  // Newest first; backups taken within the same second are ordered by when they were written.
  found.sort((a, b) =>
    a.info.takenAt !== b.info.takenAt ? (a.info.takenAt < b.info.takenAt ? 1 : -1) : b.written - a.written,
  );
  return found.map((f) => f.info);
}

/** Opens a database file read-only (with the key, when encrypted) and checks it: 'ok' or what is wrong, in Chinese. */
export function verifyDatabaseFile(file: string, key?: DataKey | null): string {
  try {
    const raw = openRaw(file, { readonly: true, key: key ?? undefined });
    try {
      const check = quickCheck(raw);
      if (check !== 'ok') return `完整性检查未通过：${check}`;
      const hasPersons = raw.prepare("select 1 from sqlite_master where type = 'table' and name = 'persons'").get();
      return hasPersons ? 'ok' : '文件中没有人员档案表';
    } finally {
      raw.close();
    }
  } catch (e) {
    return `无法打开：${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Writes a verified backup of the open database into `dir`: encrypted with the database's key when
 * it has one, its keyring beside it (`<name>.keys`), both readable by their owner only.
 */
export async function writeBackup(store: Store, dir: string, kind: BackupKind, now = new Date()): Promise<BackupInfo> {
  makePrivateDir(dir);
  let name = `${kind}-${stamp(now)}.sqlite`;
  for (let i = 1; fs.existsSync(path.join(dir, name)); i++) {
    name = `${kind}-${stamp(new Date(now.getTime() + i * 1000))}.sqlite`;
  }
  const final = path.join(dir, name);
  const tmp = `${final}.tmp`;
  fs.rmSync(tmp, { force: true });
  try {
    await backupDatabase(store.raw, tmp, { key: store.key });
    makePrivate(tmp, 'file');
    const verdict = verifyDatabaseFile(tmp, store.key);
    if (verdict !== 'ok') throw new Error(`备份文件校验失败：${verdict}`);
    // The keyring first: a backup is never there without the secrets that open it.
    if (store.key) copyKeyring(store.file, final);
    fs.renameSync(tmp, final);
  } finally {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}-wal`, { force: true });
    fs.rmSync(`${tmp}-shm`, { force: true });
  }
  return { ...parseBackupName(name)!, size: fs.statSync(final).size };
}

function mondayOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * The automatic backup: once a day, and a weekly one the first time in an ISO week. Returns what
 * it wrote (nothing if today's backup exists).
 */
export async function automaticBackup(store: Store, dir: string, now = new Date()): Promise<BackupInfo[]> {
  const today = parseBackupName(`daily-${stamp(now)}.sqlite`)!.takenAt.slice(0, 10);
  const existing = listBackups(dir);
  const written: BackupInfo[] = [];
  if (!existing.some((b) => b.kind === 'daily' && b.takenAt.startsWith(today))) {
    written.push(await writeBackup(store, dir, 'daily', now));
  }
  const week = mondayOf(today);
  if (!existing.some((b) => b.kind === 'weekly' && mondayOf(b.takenAt.slice(0, 10)) === week)) {
    written.push(await writeBackup(store, dir, 'weekly', now));
  }
  rotateBackups(dir);
  return written;
}

export const KEEP = { daily: 7, weekly: 4 } as const;

/** Deletes all but the newest 7 daily and 4 weekly backups; other kinds are kept. */
export function rotateBackups(dir: string): string[] {
  const removed: string[] = [];
  for (const kind of ['daily', 'weekly'] as const) {
    const old = listBackups(dir)
      .filter((b) => b.kind === kind)
      .slice(KEEP[kind]);
    for (const b of old) {
      fs.rmSync(path.join(dir, b.name));
      fs.rmSync(keyringFile(path.join(dir, b.name)), { force: true });
      removed.push(b.name);
    }
  }
  return removed;
}

/** The newest backup that opens (with the key, when encrypted) and passes its check, if any. */
export function newestGoodBackup(dir: string, key?: DataKey | null): BackupInfo | null {
  for (const b of listBackups(dir)) {
    if (verifyDatabaseFile(path.join(dir, b.name), key) === 'ok') return b;
  }
  return null;
}

/** Moves a database file and its -wal and -shm companions to `dest` (never deletes them). */
export function moveDatabaseFiles(file: string, dest: string): void {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, dest + suffix);
  }
}

/**
 * Copies a backup into place at `file` through a temporary file and a rename. Only for a file no
 * connection has open (start-up recovery, after the damaged file was moved aside).
 */
export function installCopy(backupFile: string, file: string): void {
  const tmp = `${file}.restoring`;
  fs.copyFileSync(backupFile, tmp);
  fs.renameSync(tmp, file);
}

/** Deletes a scratch database file of ours and its -wal, -shm and -journal companions, and its keyring. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal', '.keys']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Makes the copy a restore reads from, so that the backup file itself is never changed: the backup
 * is copied (online backup API), brought to this program's schema, given the live database's page
 * size (a WAL database only takes pages of its own size from the backup API:
 * https://sqlite.org/c3ref/backup_finish.html, SQLITE_READONLY) and checked. A backup written by a
 * newer program, with migrations this one does not know, is refused.
 */
export async function prepareRestoreSource(
  backupFile: string,
  copy: string,
  target: { pageSize: number; nativeBinding?: string; key?: DataKey | null },
): Promise<void> {
  removeDatabaseFiles(copy);
  const key = target.key ?? undefined;
  const backup = openRaw(backupFile, { readonly: true, nativeBinding: target.nativeBinding, key });
  try {
    await backupDatabase(backup, copy, { key });
  } finally {
    backup.close();
  }
  const store = openStore(copy, { nativeBinding: target.nativeBinding, key });
  try {
    const unknown = unknownMigrations(store.raw);
    if (unknown.length > 0) {
      throw new UserError(
        'bad_backup',
        `这个备份来自较新版本的程序（含本程序不认识的数据库升级 ${unknown.join('、')}），不能在这里恢复，当前数据未作任何改动`,
      );
    }
    await migrateToLatest(store);
    // A plain rollback-journal file: the page size can change (VACUUM), and it opens read-only
    // without -wal and -shm files.
    store.raw.pragma('journal_mode = DELETE');
    if (store.raw.pragma('page_size', { simple: true }) !== target.pageSize) {
      store.raw.pragma(`page_size = ${target.pageSize}`);
      store.raw.exec('VACUUM');
    }
    const check = quickCheck(store.raw);
    if (check !== 'ok')
      throw new UserError('bad_backup', `这个备份无法使用（完整性检查未通过：${check}），当前数据未作任何改动`);
  } finally {
    store.close();
  }
}

/** How long a restore waits for another connection's write transaction to end before refusing. */
export const RESTORE_WAIT_MS = 3000;

/** Another connection (another process: the CLI importing, a second window) holds the write lock. */
export class DatabaseBusyError extends Error {
  readonly code = 'SQLITE_BUSY';
}

function fsyncFile(file: string): void {
  if (!fs.existsSync(file)) return;
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes the database file `source` into the open database `live`, with SQLite's online backup API
 * (https://sqlite.org/backup.html): better-sqlite3's `backup()` opens its own connection to the
 * live file and copies every page in one write transaction. That connection takes SQLite's write
 * lock first; while another process is writing, the lock is refused (SQLITE_BUSY) and nothing is
 * copied. Once the lock is held, and before a page is written, the live database as it then is gets
 * copied to `keepCurrentAs` (VACUUM INTO: a consistent snapshot, checked and synced), so that what
 * is replaced is kept exactly. Any failure before the commit rolls the transaction back: the live
 * database is as it was, and its connections, never closed, go on working. After the commit every
 * connection to the file sees the restored data (the backup changes the schema cookie). Returns
 * where the replaced database was kept.
 */
export async function restoreInto(
  live: Store,
  source: string,
  keepCurrentAs: string,
  options: { waitMs?: number; nativeBinding?: string; keepAsIs?: boolean } = {},
): Promise<string> {
  const keepTmp = `${keepCurrentAs}.tmp`;
  const key = live.key ?? undefined;
  const from = openRaw(source, { readonly: true, nativeBinding: options.nativeBinding, key });
  try {
    const deadline = Date.now() + (options.waitMs ?? RESTORE_WAIT_MS);
    for (;;) {
      let kept = false;
      const progress = await backupDatabase(from, live.file, {
        key,
        // Called after the first step, which copied no page but took the destination's write lock
        // (sqlite3_backup_step keeps it until the last step); returning the largest count copies
        // all the rest, and commits, in the next step.
        progress: () => {
          if (!kept) {
            keepSnapshot(live, keepTmp, options.keepAsIs ?? false);
            kept = true;
          }
          return 0x7fffffff;
        },
      });
      if (progress.totalPages > 0) break;
      // better-sqlite3 reports SQLITE_BUSY on the first step as a finished backup of no pages
      // (src/objects/backup.cpp passes SQLITE_BUSY through as progress): nothing was copied.
      if (Date.now() >= deadline) throw new DatabaseBusyError('database is locked by another connection');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (e) {
    from.close();
    removeDatabaseFiles(keepTmp);
    // The pages written before a full disk stopped the copy stay in the -wal file, uncommitted and
    // taking the space the office needs: give it back (https://sqlite.org/pragma.html#pragma_wal_checkpoint).
    if (storageProblem(e) === 'disk_full') {
      try {
        live.raw.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // The checkpoint is a courtesy; the database is unchanged either way.
      }
    }
    throw e;
  }
  from.close();
  // The backup's connection commits with better-sqlite3's default synchronous=NORMAL for WAL, which
  // does not sync the WAL at commit; the DESIGN asks for FULL: sync it here.
  // Past the commit the restore is done: a failure to sync or to name the kept copy is not a
  // failed restore, and the copy stays where it is.
  try {
    fsyncFile(`${live.file}-wal`);
    fsyncFile(live.file);
    fs.renameSync(keepTmp, keepCurrentAs);
    for (const suffix of ['-wal', '.keys']) {
      if (fs.existsSync(keepTmp + suffix)) fs.renameSync(keepTmp + suffix, keepCurrentAs + suffix);
    }
    return keepCurrentAs;
  } catch {
    return keepTmp;
  }
}

/**
 * A synced copy of the live database as it is now, at `file`: checked, or, for a database found
 * damaged (`asIs`), its pages as they are (sqlite3_serialize: no record is read, so damage does not
 * stop the copy; https://sqlite.org/c3ref/serialize.html).
 */
function keepSnapshot(live: Store, file: string, asIs: boolean): void {
  removeDatabaseFiles(file);
  makePrivateDir(path.dirname(file));
  const key = live.key ?? undefined;
  if (asIs) {
    if (key) {
      // serialize() would give the pages decrypted: the encrypted files are copied as they are
      // instead, under the write lock the restore holds (no writer changes them meanwhile).
      for (const suffix of ['', '-wal']) {
        if (fs.existsSync(live.file + suffix)) fs.copyFileSync(live.file + suffix, file + suffix);
      }
      copyKeyring(live.file, file);
    } else fs.writeFileSync(file, live.raw.serialize(), { mode: 0o600 });
    fsyncFile(file);
    return;
  }
  // VACUUM INTO writes the copy encrypted with the key named in its URI.
  live.raw.prepare('VACUUM INTO ?').run(keyedName(file, key));
  makePrivate(file, 'file');
  fsyncFile(file);
  const verdict = verifyDatabaseFile(file, key);
  if (verdict !== 'ok') throw new Error(`当前数据库的副本校验失败：${verdict}`);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  if (key) copyKeyring(live.file, file);
}

export { stamp as backupStamp };
