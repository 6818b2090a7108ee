// The contract of the app itself: the office's setup and the backups.
import { z } from 'zod';
import { Empty, chars, method } from './common';

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
}

export const appMethods = {
  'app.info': method<AppInfo>()(Empty),
  'app.setup': method<AppInfo>()(
    z.object({
      orgName: z.string().trim().min(1, '请填写单位名称').max(100),
      operatorName: z.string().trim().min(1, '请填写经办人姓名').max(50),
    }),
  ),
  'backups.list': method<BackupEntry[]>()(Empty),
  'backups.create': method<BackupEntry>()(Empty),
  'backups.restore': method<{ restoredFrom: BackupEntry; keptAsideAs: string }>()(
    z.object({ name: chars(100).regex(/^[a-z-]+-\d{8}-\d{6}\.sqlite$/, '备份文件名不正确') }),
  ),
} as const;
