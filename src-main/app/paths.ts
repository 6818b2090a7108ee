// Where the data lives. The default is the folder Electron calls userData for this product
// (%APPDATA%\离退休服务管理 on Windows, ~/.config/离退休服务管理 on Linux), so that `npm start`,
// `npm run web` and the CLI open the same database; `--db PATH` overrides it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makePrivateDir } from '../db/keyring';

export const PRODUCT_NAME = '离退休服务管理';
export const DEFAULT_DB_NAME = 'retiree-office.sqlite';
/** The environment variable that hands the database key to the child process that imports (app/importProcess.ts). */
export const DB_KEY_ENV = 'RETIREE_OFFICE_DB_KEY';
/** The environment variable the CLI reads an operator's password (or the recovery code) from. */
export const PASSWORD_ENV = 'RETIREE_OFFICE_PASSWORD';

export function defaultDataDir(): string {
  if (process.platform === 'win32') {
    return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), PRODUCT_NAME);
}

export interface DataPaths {
  dbPath: string;
  /** Verified, rotating backups of this database. */
  backupsDir: string;
  /** Damaged and replaced database files, kept, never deleted by the app. */
  keptAsideDir: string;
}

export function dataPaths(dbPath: string): DataPaths {
  const abs = path.resolve(dbPath);
  const stem = path.join(path.dirname(abs), path.basename(abs, path.extname(abs)));
  return { dbPath: abs, backupsDir: `${stem}-backups`, keptAsideDir: `${stem}-kept-aside` };
}

/**
 * Makes the database's folder if it is missing. Readable by the office's account only (0700): a
 * folder made here, and the app's own default folder; a folder named with --db that exists is the
 * user's (it may be /tmp or a shared drive) and is left as it is.
 */
export function prepareDataFolder(dbPath: string): void {
  const folder = path.dirname(path.resolve(dbPath));
  if (!fs.existsSync(folder) || folder === defaultDataDir()) makePrivateDir(folder);
}
