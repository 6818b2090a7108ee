// Backups that leave the machine (issue 18, item 6): a verified copy of the database, with its
// keyring, in a folder the office chooses (a USB stick, a shared drive), so that a dead disk does
// not take twenty years of files with it; and, on a new computer (换电脑), a new installation made
// from such a copy with an operator's password or the recovery code.
import fs from 'node:fs';
import path from 'node:path';
import { type BackupInfo, listBackups, verifyDatabaseFile, writeBackup } from '../db/backup';
import { copyKeyring, keyringFile, makePrivate, readKeyring, unlockKeyring } from '../db/keyring';
import { isPlainDatabaseFile } from '../db/open';
import type { Store } from '../db/store';
import { UserError } from '../shared/errors';
import { prepareDataFolder } from './paths';

/** Copies kept in the office's folder: the newest 7, older ones deleted by the next copy. */
export const KEEP_OFFSITE = 7;

/** How long after the last good copy the home page says a copy is overdue. */
export const OFFSITE_OVERDUE_DAYS = 7;

export interface OffsiteStatus {
  folder: string | null;
  /** When the last copy was tried, and whether it was written and checked. */
  lastAt: string | null;
  lastOk: boolean | null;
  lastMessage: string | null;
  /** When the last copy that was written and checked was made. */
  lastGoodAt: string | null;
  /** The last good copy is older than OFFSITE_OVERDUE_DAYS, or there is none. */
  overdue: boolean;
}

/** Where the last copy's date and result are kept: beside the database. */
function statusFile(dbPath: string): string {
  return `${dbPath}.offsite.json`;
}

interface StatusRecord {
  folder: string | null;
  lastAt: string | null;
  lastOk: boolean | null;
  lastMessage: string | null;
  lastGoodAt: string | null;
}

function readStatus(dbPath: string): StatusRecord {
  try {
    return JSON.parse(fs.readFileSync(statusFile(dbPath), 'utf8')) as StatusRecord;
  } catch {
    return { folder: null, lastAt: null, lastOk: null, lastMessage: null, lastGoodAt: null };
  }
}

function writeStatus(dbPath: string, status: StatusRecord): void {
  fs.writeFileSync(statusFile(dbPath), `${JSON.stringify(status, null, 2)}\n`, { mode: 0o600 });
}

export function offsiteStatus(dbPath: string, now = new Date()): OffsiteStatus {
  const s = readStatus(dbPath);
  const overdue =
    s.folder !== null &&
    (s.lastGoodAt === null || now.getTime() - new Date(s.lastGoodAt).getTime() > OFFSITE_OVERDUE_DAYS * 86_400_000);
  return { ...s, overdue };
}

/**
 * Writes a verified copy of the database (encrypted with its key, its keyring beside it) into
 * `folder`, keeps the newest KEEP_OFFSITE there, and records the date and the result. A folder that
 * cannot be written (the stick not plugged in) is recorded as a failure and said in Chinese.
 */
export async function copyOffsite(store: Store, folder: string, now = new Date()): Promise<BackupInfo> {
  const record = readStatus(store.file);
  record.folder = path.resolve(folder);
  record.lastAt = now.toISOString();
  try {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
      throw new UserError('not_found', `找不到备份副本的文件夹（${folder}）：U盘是否已插好、共享盘是否已连接？`);
    }
    const b = await writeBackup(store, folder, 'offsite', now);
    for (const old of listBackups(folder)
      .filter((x) => x.kind === 'offsite')
      .slice(KEEP_OFFSITE)) {
      fs.rmSync(path.join(folder, old.name), { force: true });
      fs.rmSync(keyringFile(path.join(folder, old.name)), { force: true });
    }
    Object.assign(record, { lastOk: true, lastMessage: `已写入并校验：${b.name}`, lastGoodAt: record.lastAt });
    return b;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    Object.assign(record, { lastOk: false, lastMessage: `未能写入备份副本（${message}）` });
    throw e instanceof UserError ? e : new UserError('backup_failed', `未能写入备份副本（${folder}）：${message}`);
  } finally {
    writeStatus(store.file, record);
  }
}

/**
 * 换电脑: makes the database of a new installation at `dbPath` from a copy, opened with a secret of
 * its keyring (an operator's password, or the recovery code). The copy is checked before anything
 * is written; nothing is written over an existing database. A copy without its keyring, or a wrong
 * secret, is refused in Chinese and nothing is made.
 */
export function installFromCopy(copy: string, dbPath: string, secret: { secret: string; label?: string }): void {
  const target = path.resolve(dbPath);
  if (fs.existsSync(target)) {
    throw new UserError('exists', `这里已有数据库（${target}），不能用备份副本覆盖，未作任何改动。请换一个位置`);
  }
  if (!fs.existsSync(copy)) throw new UserError('not_found', `找不到备份副本：${copy}`);
  const keyring = readKeyring(keyringFile(copy));
  let key;
  if (keyring) key = unlockKeyring(keyring, secret.secret, secret.label);
  else if (!isPlainDatabaseFile(copy)) {
    throw new UserError(
      'locked',
      `备份副本旁没有它的密钥文件（${path.basename(copy)}.keys），无法打开。请把这两个文件一起复制过来。未作任何改动`,
    );
  }
  const verdict = verifyDatabaseFile(copy, key);
  if (verdict !== 'ok') throw new UserError('bad_backup', `这个备份副本无法使用（${verdict}），未作任何改动`);
  prepareDataFolder(target);
  const tmp = `${target}.installing`;
  try {
    fs.copyFileSync(copy, tmp);
    makePrivate(tmp, 'file');
    if (keyring) copyKeyring(copy, target);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(keyringFile(target), { force: true });
    throw e;
  }
}

/**
 * The copy a start makes when a folder is chosen and no copy was made today; what the office must
 * be told (the copy failed, or the last good one is overdue), in Chinese, or null.
 */
export async function scheduledOffsiteCopy(store: Store, now = new Date()): Promise<string | null> {
  const before = offsiteStatus(store.file, now);
  if (!before.folder) return null;
  const today = now.toISOString().slice(0, 10);
  // Once a day; after a failure (the stick was out), at every start until a copy is made.
  if (before.lastOk !== true || before.lastAt?.slice(0, 10) !== today) {
    try {
      await copyOffsite(store, before.folder, now);
    } catch {
      // Recorded by copyOffsite; said below.
    }
  }
  const after = offsiteStatus(store.file, now);
  if (after.lastOk !== false && !after.overdue) return null;
  const last = after.lastGoodAt ? `上次成功是 ${after.lastGoodAt.slice(0, 10)}` : '还没有成功过';
  return `异地备份副本（${after.folder}）${after.lastOk === false ? `这次未能写入：${after.lastMessage}` : '已逾期'}；${last}。请插好U盘或连接共享盘，在“系统设置 › 数据备份”中重新复制。`;
}
