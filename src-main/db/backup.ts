// Backups: written with SQLite's online backup API to a temporary file, opened and checked, and
// only then renamed into place (Zotero's db.js does the same), then rotated: 7 daily, 4 weekly,
// every pre-migration and manual copy kept. Attachments live in the database, so every backup
// holds them.
import fs from 'node:fs';
import path from 'node:path';
import { openRaw, quickCheck } from './open';
import type { Store } from './store';

export type BackupKind = 'daily' | 'weekly' | 'pre-migration' | 'manual' | 'before-restore';

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  daily: '每日自动',
  weekly: '每周自动',
  'pre-migration': '升级前',
  manual: '手动',
  'before-restore': '恢复前',
};

export interface BackupInfo {
  name: string;
  kind: BackupKind;
  /** Local time the backup was taken, `YYYY-MM-DDTHH:MM:SS`. */
  takenAt: string;
  size: number;
}

const NAME = /^(daily|weekly|pre-migration|manual|before-restore)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.sqlite$/;

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
  found.sort((a, b) => (a.info.takenAt !== b.info.takenAt ? (a.info.takenAt < b.info.takenAt ? 1 : -1) : b.written - a.written));
  return found.map((f) => f.info);
}

/** Opens a database file read-only and checks it: 'ok' or what is wrong, in Chinese. */
export function verifyDatabaseFile(file: string): string {
  try {
    const raw = openRaw(file, { readonly: true });
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

/** Writes a verified backup of the open database into `dir`. */
export async function writeBackup(store: Store, dir: string, kind: BackupKind, now = new Date()): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  let name = `${kind}-${stamp(now)}.sqlite`;
  for (let i = 1; fs.existsSync(path.join(dir, name)); i++) {
    name = `${kind}-${stamp(new Date(now.getTime() + i * 1000))}.sqlite`;
  }
  const final = path.join(dir, name);
  const tmp = `${final}.tmp`;
  fs.rmSync(tmp, { force: true });
  try {
    await store.raw.backup(tmp);
    const verdict = verifyDatabaseFile(tmp);
    if (verdict !== 'ok') throw new Error(`备份文件校验失败：${verdict}`);
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
    const old = listBackups(dir).filter((b) => b.kind === kind).slice(KEEP[kind]);
    for (const b of old) {
      fs.rmSync(path.join(dir, b.name));
      removed.push(b.name);
    }
  }
  return removed;
}

/** The newest backup that opens and passes its check, if any. */
export function newestGoodBackup(dir: string): BackupInfo | null {
  for (const b of listBackups(dir)) {
    if (verifyDatabaseFile(path.join(dir, b.name)) === 'ok') return b;
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

/** Copies a backup into place at `file` through a temporary file and a rename. */
export function installCopy(backupFile: string, file: string): void {
  const tmp = `${file}.restoring`;
  fs.copyFileSync(backupFile, tmp);
  fs.renameSync(tmp, file);
}

export { stamp as backupStamp };
