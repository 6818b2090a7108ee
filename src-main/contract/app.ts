// The contract of the app itself: the office's setup and the backups.
import { z } from 'zod';
import { Empty, chars, method } from './common';
import type { SignedInOperator } from '../shared/permissions';

export interface BackupEntry {
  name: string;
  kind: string;
  kindLabel: string;
  takenAt: string;
  size: number;
}

export interface AppInfo {
  orgName: string;
  operatorName: string;
  configured: boolean;
  dbPath: string;
  backupsDir: string;
  keptAsideDir: string;
  /** What happened at start that the user must be told (a recovery from a backup …). */
  notices: string[];
  /**
   * The full check of the database, which finishes after start: while 'checking' saves wait for
   * it; 'damaged' refuses every save, says why (`message`) and offers the newest backup that
   * passes its check (`backup`), restored only when the user confirms.
   */
  integrity: { state: 'checking' | 'ok' | 'damaged'; message: string | null; backup: BackupEntry | null };
  sqliteVersion: string;
  appVersion: string;
  /** Who is signed in here; null shows the log-in screen. */
  operator: SignedInOperator | null;
  /** An office set up before operators existed: its first start now asks for the administrator's password. */
  needsFirstPassword: boolean;
  /**
   * The database is encrypted and still closed (app/desk.ts): the log-in (or the recovery code)
   * opens it; the office's name and settings are read once it is open.
   */
  locked: boolean;
  /** Minutes without use after which the app locks (设置). */
  idleMinutes: number;
}

/** The first start: the app as it is now, and the recovery code shown once (null when the office was only renamed). */
export interface SetupResult extends AppInfo {
  recoveryCode: string | null;
}

export const appMethods = {
  'app.info': method<AppInfo>()(Empty, 'open'),
  // The first start sets up the office and its first administrator (password typed twice); an
  // administrator renames the office with it later (the passwords are then not sent).
  'app.setup': method<SetupResult>()(
    z
      .object({
        orgName: z.string().trim().min(1, '请填写单位名称').max(100),
        operatorName: z.string().trim().min(1, '请填写经办人姓名').max(50),
        password: z.string().max(128).optional(),
        password2: z.string().max(128).optional(),
      })
      .refine((v) => v.password === v.password2, { message: '两次输入的密码不一致', path: ['password2'] }),
    'setup',
  ),
  'backups.list': method<BackupEntry[]>()(Empty, 'admin'),
  'backups.create': method<BackupEntry>()(Empty, 'admin'),
  'backups.restore': method<{ restoredFrom: BackupEntry; keptAsideAs: string }>()(
    z.object({ name: chars(100).regex(/^[a-z-]+-\d{8}-\d{6}\.sqlite$/, '备份文件名不正确') }),
    'admin',
  ),
} as const;
