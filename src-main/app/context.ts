// The open database and what happens to it over the app's life: the start-up sequence (open,
// check, recover, back up, migrate), the daily backup, and restoring a backup. The Electron
// shell, the browser harness and the CLI all start through here.
import fs from 'node:fs';
import path from 'node:path';
import {
  automaticBackup,
  backupStamp,
  installCopy,
  listBackups,
  moveDatabaseFiles,
  newestGoodBackup,
  verifyDatabaseFile,
  writeBackup,
  type BackupInfo,
} from '../db/backup';
import { migrateToLatest, pendingMigrations } from '../db/migrate';
import { openRaw, openStore, quickCheck, SqliteTooOldError, type OpenOptions } from '../db/open';
import type { Store } from '../db/store';
import { UserError } from '../shared/errors';
import { formatChineseDate } from '../shared/dates';
import { ImportService } from '../importer/service';
import { Jobs } from '../jobs/jobs';
import { dataPaths, type DataPaths } from './paths';

export interface StartOptions extends OpenOptions {
  dbPath: string;
  /** Skip the automatic daily backup (the CLI's read-only commands, the benchmark). */
  noAutomaticBackup?: boolean;
}

function describeTakenAt(takenAt: string): string {
  return `${formatChineseDate(takenAt.slice(0, 10))} ${takenAt.slice(11, 16)}`;
}

/** Opens the file and runs quick_check; the problem in words, or null when it is sound. */
function damage(file: string, options: OpenOptions): string | null {
  try {
    const raw = openRaw(file, options);
    try {
      const check = quickCheck(raw);
      return check === 'ok' ? null : check;
    } finally {
      raw.close();
    }
  } catch (e) {
    if (e instanceof SqliteTooOldError) throw e;
    return e instanceof Error ? e.message : String(e);
  }
}

export class AppContext {
  /** Long work off the main thread (imports), each on its own connection to the same file. */
  readonly jobs = new Jobs();
  /** The import wizard, run by its worker. */
  readonly imports: ImportService;

  private constructor(
    public store: Store,
    readonly paths: DataPaths,
    readonly notices: string[],
    private readonly options: StartOptions,
  ) {
    this.imports = new ImportService({ dbPath: paths.dbPath, nativeBinding: options.nativeBinding }, this.jobs);
  }

  static async start(options: StartOptions): Promise<AppContext> {
    const paths = dataPaths(options.dbPath);
    fs.mkdirSync(path.dirname(paths.dbPath), { recursive: true });
    const notices: string[] = [];
    const existed = fs.existsSync(paths.dbPath);
    if (existed) {
      const problem = damage(paths.dbPath, options);
      if (problem !== null) notices.push(AppContext.recover(paths, problem));
    }
    const store = openStore(paths.dbPath, options);
    try {
      const pending = await pendingMigrations(store);
      const hasData = store.raw.prepare("select 1 from sqlite_master where name = 'persons'").get() !== undefined;
      if (pending.length > 0 && hasData) await writeBackup(store, paths.backupsDir, 'pre-migration');
      await migrateToLatest(store);
    } catch (e) {
      store.close();
      throw e;
    }
    const ctx = new AppContext(store, paths, notices, options);
    if (!options.noAutomaticBackup) await ctx.automaticBackup();
    return ctx;
  }

  /**
   * A damaged database is moved aside (never overwritten or deleted) and the newest backup that
   * passes its check takes its place. Returns what the user must be told.
   */
  private static recover(paths: DataPaths, problem: string): string {
    const aside = path.join(paths.keptAsideDir, `damaged-${backupStamp(new Date())}.sqlite`);
    moveDatabaseFiles(paths.dbPath, aside);
    const good = newestGoodBackup(paths.backupsDir);
    if (!good) {
      return `数据库文件已损坏（${problem}），已原样保存到 ${aside}。没有可用的备份，程序已新建空数据库，请联系技术人员。`;
    }
    installCopy(path.join(paths.backupsDir, good.name), paths.dbPath);
    return `数据库文件已损坏（${problem}），已原样保存到 ${aside}，并已从 ${describeTakenAt(good.takenAt)} 的备份恢复。该时间之后录入的内容需要重新录入。`;
  }

  async automaticBackup(now = new Date()): Promise<BackupInfo[]> {
    return automaticBackup(this.store, this.paths.backupsDir, now);
  }

  listBackups(): BackupInfo[] {
    return listBackups(this.paths.backupsDir);
  }

  async backupNow(): Promise<BackupInfo> {
    return writeBackup(this.store, this.paths.backupsDir, 'manual');
  }

  /**
   * Replaces the database with a backup. The backup is checked first; the current database is
   * backed up and also kept aside as it was, then the copy is put in place and migrated.
   */
  async restore(name: string): Promise<{ restoredFrom: BackupInfo; keptAsideAs: string }> {
    if (this.jobs.running) throw new UserError('busy', '正在导入，请等导入结束后再恢复备份');
    const backup = this.listBackups().find((b) => b.name === name);
    if (!backup) throw new UserError('not_found', '没有找到这个备份文件');
    const file = path.join(this.paths.backupsDir, name);
    const verdict = verifyDatabaseFile(file);
    if (verdict !== 'ok') throw new UserError('bad_backup', `这个备份无法使用（${verdict}），当前数据未作任何改动`);
    const aside = path.join(this.paths.keptAsideDir, `replaced-${backupStamp(new Date())}.sqlite`);
    // The wizard's worker holds a connection to the file that is about to move.
    this.imports.close();
    this.store.close();
    moveDatabaseFiles(this.paths.dbPath, aside);
    try {
      installCopy(file, this.paths.dbPath);
      this.store = openStore(this.paths.dbPath, this.options);
      await migrateToLatest(this.store);
    } catch (e) {
      // Put the database that was in use back, as it was.
      if (this.store.raw.open) this.store.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(this.paths.dbPath + suffix, { force: true });
      moveDatabaseFiles(aside, this.paths.dbPath);
      this.store = openStore(this.paths.dbPath, this.options);
      throw new UserError('restore_failed', `恢复未完成（${e instanceof Error ? e.message : String(e)}），已换回原来的数据库`);
    }
    return { restoredFrom: backup, keptAsideAs: aside };
  }

  close(): void {
    this.imports.close();
    this.store.close();
  }
}
