// The open database and what happens to it over the app's life: the start-up sequence (open,
// check, recover, back up, migrate), the daily backup, and restoring a backup. The Electron
// shell, the browser harness and the CLI all start through here.
import { flushAccessLog } from '../audit/access';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json';
import type { AppInfo } from '../contract/app';
import {
  automaticBackup,
  backupStamp,
  installCopy,
  listBackups,
  moveDatabaseFiles,
  newestGoodBackup,
  prepareRestoreSource,
  removeDatabaseFiles,
  restoreInto,
  verifyDatabaseFile,
  describeBackup,
  writeBackup,
  type BackupInfo,
} from '../db/backup';
import { startIntegrityCheck, type IntegrityVerdict, type RunningCheck } from '../db/integrity';
import { copyKeyring, type DataKey, keyringFile, readKeyring, unlockKeyring } from '../db/keyring';
import { migrateToLatest, pendingMigrations, refuseNewerDatabase } from '../db/migrate';
import {
  describeStorageProblem,
  headerCheck,
  openRaw,
  openStore,
  quickCheck,
  readOnlyProblem,
  SqliteTooOldError,
  storageProblem,
  type OpenOptions,
} from '../db/open';
import type { Store } from '../db/store';
import { getOfficeSettings } from '../settings/settings';
import { hasOperators, idleMinutes, setUpOffice } from '../operators/operators';
import { Session } from '../operators/session';
import { UserError } from '../shared/errors';
import { formatChineseDate } from '../shared/dates';
import { IMPORT_CACHE_MB, IMPORT_V8_FLAGS, ImportService, READ_LIMITS, WIZARD_GONE } from '../importer/service';
import { Jobs } from '../jobs/jobs';
import { forkLauncher, lazyLauncher, type ProcessLauncher } from '../jobs/launcher';
import { ChildWorker, type ReadLimits } from '../jobs/worker';
import { ListImports } from './listImports';
import { scheduledOffsiteCopy } from './offsite';
import { DB_KEY_ENV, dataPaths, prepareDataFolder, type DataPaths } from './paths';
import { reindexPending } from '../retirees/persons';
import { mergeSearchIndex } from '../retirees/searchIndex';

export interface StartOptions extends OpenOptions {
  dbPath: string;
  /** Skip the automatic daily backup (the CLI's read-only commands, the benchmark). */
  noAutomaticBackup?: boolean;
  /**
   * A damaged database and no usable backup: the app starts on a new, empty database and tells the
   * user ('start-empty'); the CLI refuses and leaves the damaged file where it is ('refuse').
   */
  onDamageWithoutBackup?: 'start-empty' | 'refuse';
  /**
   * How child processes for untrusted input (the import) are started: Electron's utility
   * process in the app (src-main/shell/processes.ts); `child_process.fork` of the TypeScript
   * entries otherwise (the browser harness, the CLI, the tests).
   */
  launcher?: ProcessLauncher;
  /**
   * The bundle of the thread that reads a file a chunk of rows at a time (spreadsheet/stream.ts),
   * for the child processes started from bundles (the app's out/read-thread.cjs); the TypeScript
   * source otherwise.
   */
  readThread?: string;
  /**
   * The secret that opens an encrypted database (db/keyring.ts): an operator's password with its
   * label (`operator:<name>`), or the recovery code. Needed when the database has a keyring;
   * `key` (OpenOptions) may be given instead by whoever unlocked it already.
   */
  secret?: { secret: string; label?: string };
  /** Who is signed in: the desk's own (app/desk.ts), kept when the database opens after a log-in. */
  session?: Session;
}

/**
 * The data key of the database at `dbPath`: none for a plain database (no keyring beside it);
 * unwrapped by the secret for an encrypted one. No secret, or a wrong one, is refused in Chinese.
 */
export function unlockDatabase(dbPath: string, secret?: { secret: string; label?: string }): DataKey | undefined {
  const keyring = readKeyring(keyringFile(dbPath));
  if (!keyring) return undefined;
  if (!secret) {
    throw new UserError(
      'locked',
      `数据库已加密（${dbPath}），需要输入密码或恢复码才能打开。数据库未打开，也未作任何改动`,
    );
  }
  return unlockKeyring(keyring, secret.secret, secret.label);
}

/**
 * A restored backup brings back the passwords of its day (the operators' hashes, the recovery
 * code's): its keyring, which wraps the same key with the same passwords, takes the database's
 * place, so that the password that signs in is still the one that opens the file.
 */
function keyringOfBackup(backup: string, dbPath: string): void {
  if (fs.existsSync(keyringFile(backup))) copyKeyring(backup, dbPath);
}

/** What start-up did with a damaged database. */
export interface Recovery {
  /** What SQLite said was wrong. */
  problem: string;
  /** Where the damaged file (and its -wal, -shm) now is, as it was. */
  keptAsideAs: string;
  /** The backup put in its place; null when there was none and a new database was started. */
  restoredFrom: BackupInfo | null;
  restoredFromFile: string | null;
  /** People in the damaged file, when it could still be counted. */
  peopleBefore: number | null;
  peopleAfter: number | null;
}

/** Recovery in lines for a terminal (the CLI writes them to stderr). */
export function describeRecovery(r: Recovery): string[] {
  const lines = [`数据库文件已损坏（${r.problem}）。`, `损坏的文件已原样移到：${r.keptAsideAs}`];
  if (r.restoredFrom)
    lines.push(
      `已从备份 ${r.restoredFrom.name}（${describeTakenAt(r.restoredFrom.takenAt)}）恢复：${r.restoredFromFile}`,
    );
  else lines.push('没有可用的备份，已新建空数据库。');
  const before = r.peopleBefore === null ? '损坏前人数无法读出' : `损坏前 ${r.peopleBefore} 人`;
  lines.push(
    `人员档案：${before}，恢复后 ${r.peopleAfter ?? 0} 人。${r.restoredFrom ? '该备份之后录入的内容不在恢复后的数据库中。' : ''}`,
  );
  return lines;
}

/** People in a database file, read-only; null when it cannot be read. */
function countPeople(file: string, options: OpenOptions): number | null {
  try {
    const raw = openRaw(file, { readonly: true, nativeBinding: options.nativeBinding, key: options.key });
    try {
      return (raw.prepare('select count(*) as n from persons').get() as { n: number }).n;
    } finally {
      raw.close();
    }
  } catch {
    return null;
  }
}

/** A storage fault as a UserError the user can read, or the error as it was. */
function storageError(e: unknown, file: string): unknown {
  if (e instanceof UserError || e instanceof SqliteTooOldError) return e;
  const problem = storageProblem(e);
  const message = describeStorageProblem(e, file);
  return problem && message ? new UserError(problem, message) : e;
}

/** Why a backup could not be written, in a few words. */
function backupFailureReason(e: unknown, dir: string): string {
  switch (storageProblem(e)) {
    case 'disk_full':
      return '磁盘已满';
    case 'read_only':
      return `备份文件夹 ${dir} 无法写入`;
    default:
      return `备份文件夹 ${dir} 无法写入：${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * The launcher's name for the child process that reads files from outside (app/importProcess.ts:
 * the roster import, the adjustment list, a claims ledger); the shell names its bundle.
 */
export const IMPORT_PROCESS = 'importSession';

/** The child processes' entries as TypeScript, for forkLauncher (the app's bundle names its own). */
export function nodeLauncher(): ProcessLauncher {
  return forkLauncher({ [IMPORT_PROCESS]: fileURLToPath(new URL('./importProcess.ts', import.meta.url)) });
}

export interface ImportProcess {
  launcher: ProcessLauncher;
  dbPath: string;
  nativeBinding?: string;
  key?: DataKey | null;
  /** StartOptions.readThread. */
  readThread?: string;
}

/** The client of the child process that reads files, on its own connection to the database file. */
export function fileWorker(process: ImportProcess, limits: ReadLimits = READ_LIMITS): ChildWorker {
  const args = [
    JSON.stringify({
      dbPath: process.dbPath,
      nativeBinding: process.nativeBinding,
      cacheMb: IMPORT_CACHE_MB,
      readThread: process.readThread,
    }),
  ];
  const env: Record<string, string> = process.key ? { [DB_KEY_ENV]: process.key.toString('hex') } : {};
  return new ChildWorker(
    process.launcher,
    IMPORT_PROCESS,
    { v8Flags: IMPORT_V8_FLAGS, args, env },
    limits,
    WIZARD_GONE,
  );
}

function describeTakenAt(takenAt: string): string {
  return `${formatChineseDate(takenAt.slice(0, 10))} ${takenAt.slice(11, 16)}`;
}

/**
 * Opens the file and makes the cheap check (db/open.ts, headerCheck); the damage in words, or null
 * when none is seen. The rest is the full check's, in the background (AppContext.integrity). Only
 * what SQLite calls damage (SQLITE_CORRUPT, SQLITE_NOTADB) is damage: a read-only folder, a full
 * disk or a lock is said as such and nothing is moved.
 */
function damage(file: string, options: OpenOptions): string | null {
  try {
    const raw = openRaw(file, options);
    try {
      headerCheck(raw);
      return null;
    } finally {
      raw.close();
    }
  } catch (e) {
    if (e instanceof SqliteTooOldError) throw e;
    if (storageProblem(e) === 'damaged') return e instanceof Error ? e.message : String(e);
    const err = storageError(e, file);
    if (err instanceof UserError) throw err;
    throw new UserError(
      'cannot_open',
      `无法打开数据库文件（${file}）：${e instanceof Error ? e.message : String(e)}。未作任何改动`,
    );
  }
}

/** What the full check of the database has found so far. */
export type IntegrityStatus =
  | { state: 'checking' }
  | { state: 'ok' }
  /** Damage found after start: writes are refused; `backup` is the newest backup that passes its check. */
  | { state: 'damaged'; problem: string; message: string; backup: BackupInfo | null };

/** Why writes stop when the full check finds damage, and what the user can do. */
export function damagedMessage(problem: string, backup: BackupInfo | null): string {
  const offer = backup
    ? `可以恢复到最近一份校验通过的备份（${describeTakenAt(backup.takenAt)}，${backup.name}）：恢复前当前数据库会原样另存，之后录入的内容需要重新录入`
    : '没有校验通过的备份，请联系技术人员';
  return `数据库文件检查发现损坏（${problem}）。为免损坏扩大，已停止保存任何修改，现有记录仍可查阅。${offer}。`;
}

/** A failed restore, in words: the database is as it was in every case. */
function restoreFailure(e: unknown, dbPath: string): UserError {
  if (e instanceof UserError) return e;
  const unchanged = '当前数据未作任何改动';
  switch (storageProblem(e)) {
    case 'busy':
      return new UserError(
        'busy',
        `另一个程序正在使用数据库（正在写入，例如命令行导入或另一个窗口），本次恢复未进行，${unchanged}。请等它结束后再恢复`,
      );
    case 'disk_full':
      return new UserError(
        'disk_full',
        `磁盘已满，恢复未完成（${path.dirname(dbPath)} 所在的磁盘），${unchanged}。请清理磁盘空间后再试`,
      );
    case 'read_only':
      return new UserError('read_only', `${describeStorageProblem(e, dbPath)}；恢复未完成，${unchanged}`);
    default:
      return new UserError(
        'restore_failed',
        `恢复未完成（${e instanceof Error ? e.message : String(e)}），${unchanged}`,
      );
  }
}

export class AppContext {
  /** Long work off the main process (imports), each on its own connection to the same file. */
  readonly jobs = new Jobs();
  /** Who is signed in on the app's window (the browser harness keeps one per token, web/server.ts). */
  readonly session: Session;
  /** The child process that reads files from outside: what it runs is app/importProcess.ts. */
  private readonly files: ChildWorker;
  /** The import wizard, run in the child process that reads files. */
  readonly imports: ImportService;
  /** The adjustment list and claims ledgers, read and saved in the same child. */
  readonly lists: ListImports;
  private integrityStatus: IntegrityStatus = { state: 'ok' };
  private check: RunningCheck | null = null;
  /** Settles when the full check has said (at once for a database this start created or restored). */
  integrityChecked: Promise<IntegrityStatus> = Promise.resolve(this.integrityStatus);

  private constructor(
    readonly store: Store,
    readonly paths: DataPaths,
    readonly notices: string[],
    private readonly options: StartOptions,
    /** Set when start-up found the database damaged and recovered it. */
    readonly recovery: Recovery | null = null,
  ) {
    this.session = options.session ?? new Session();
    this.files = fileWorker({
      launcher: options.launcher ?? lazyLauncher(nodeLauncher),
      dbPath: paths.dbPath,
      nativeBinding: options.nativeBinding,
      key: options.key,
      readThread: options.readThread,
    });
    this.imports = new ImportService(this.files, this.jobs, () => this.store);
    this.lists = new ListImports(this.files, () => this.store);
  }

  static async start(startOptions: StartOptions): Promise<AppContext> {
    const paths = dataPaths(startOptions.dbPath);
    try {
      prepareDataFolder(paths.dbPath);
    } catch (e) {
      throw storageError(e, paths.dbPath);
    }
    // Every connection of this start, the check's thread and the import's child open the file with the key.
    const options: StartOptions = {
      ...startOptions,
      key: startOptions.key ?? unlockDatabase(paths.dbPath, startOptions.secret),
    };
    // A folder or file that cannot be written is said as such before anything is opened: SQLite
    // would report it as SQLITE_CANTOPEN or SQLITE_READONLY, which is not damage.
    const readOnly = readOnlyProblem(paths.dbPath);
    if (readOnly) throw new UserError('read_only', readOnly);
    const notices: string[] = [];
    let recovery: Recovery | null = null;
    const existed = fs.existsSync(paths.dbPath);
    if (existed) {
      const problem = damage(paths.dbPath, options);
      if (problem !== null) {
        recovery = AppContext.recover(paths, problem, options);
        notices.push(AppContext.recoveryNotice(recovery));
      }
    }
    let store: Store;
    try {
      store = openStore(paths.dbPath, options);
    } catch (e) {
      throw storageError(e, paths.dbPath);
    }
    try {
      // A database from a newer program is refused before anything is written to it or beside it.
      refuseNewerDatabase(store);
      const pending = await pendingMigrations(store);
      const hasData = store.raw.prepare("select 1 from sqlite_master where name = 'persons'").get() !== undefined;
      if (pending.length > 0 && hasData) {
        // No upgrade without a backup to go back to (DESIGN: data safety).
        try {
          await writeBackup(store, paths.backupsDir, 'pre-migration');
        } catch (e) {
          throw new UserError(
            'backup_failed',
            `升级数据库前未能备份（${backupFailureReason(e, paths.backupsDir)}），数据库未升级，也未作任何改动。请腾出磁盘空间或检查备份文件夹后再启动`,
          );
        }
      }
      await migrateToLatest(store);
      if (recovery?.restoredFrom)
        recovery.peopleAfter = (store.raw.prepare('select count(*) as n from persons').get() as { n: number }).n;
    } catch (e) {
      store.close();
      throw storageError(e, paths.dbPath);
    }
    const ctx = new AppContext(store, paths, notices, options, recovery);
    // A file this start created, or put back from a backup that passed its check, is known sound.
    if (existed && !recovery) await ctx.checkInBackground();
    ctx.reindexSearchInBackground();
    if (!options.noAutomaticBackup) {
      // A full disk must not keep the office out of its records: start, and say that no backup
      // was taken (the renderer shows every notice, app.info).
      try {
        await ctx.automaticBackup();
      } catch (e) {
        notices.push(
          `未能完成今天的自动备份（${backupFailureReason(e, paths.backupsDir)}）。程序照常运行，但今天的数据还没有备份：请腾出磁盘空间或检查备份文件夹，然后在“系统设置 › 数据备份”中点“立即备份”。`,
        );
      }
      // The copy that leaves the machine (app/offsite.ts), once a day when a folder is chosen.
      const offsite = await scheduledOffsiteCopy(store);
      if (offsite) notices.push(offsite);
    }
    return ctx;
  }

  /**
   * A damaged database is moved aside (never overwritten or deleted) and the newest backup that
   * passes its check takes its place. Without a usable backup, the app starts a new database (and
   * says so); the CLI (`onDamageWithoutBackup: 'refuse'`) leaves everything as it is.
   */
  private static recover(paths: DataPaths, problem: string, options: StartOptions): Recovery {
    const good = newestGoodBackup(paths.backupsDir, options.key);
    if (!good && options.onDamageWithoutBackup === 'refuse') {
      throw new UserError(
        'damaged',
        `数据库文件已损坏（${problem}），没有可用的备份，无法恢复。数据库文件原样留在 ${paths.dbPath}，未作任何改动，也没有新建数据库。请联系技术人员。`,
      );
    }
    const peopleBefore = countPeople(paths.dbPath, options);
    const aside = path.join(paths.keptAsideDir, `damaged-${backupStamp(new Date())}.sqlite`);
    const restoredFromFile = good ? path.join(paths.backupsDir, good.name) : null;
    try {
      moveDatabaseFiles(paths.dbPath, aside);
      // The keyring stays with the database; the file kept aside gets a copy, to be read later.
      if (options.key) copyKeyring(paths.dbPath, aside);
    } catch (e) {
      throw storageError(e, paths.dbPath);
    }
    if (restoredFromFile) {
      try {
        installCopy(restoredFromFile, paths.dbPath);
        if (options.key) keyringOfBackup(restoredFromFile, paths.dbPath);
      } catch (e) {
        // A full disk, say: put the damaged file back where it was rather than leave no file, which
        // the next start would take for a new office and fill with an empty database.
        fs.rmSync(`${paths.dbPath}.restoring`, { force: true });
        moveDatabaseFiles(aside, paths.dbPath);
        throw storageError(e, paths.dbPath);
      }
    }
    return {
      problem,
      keptAsideAs: aside,
      restoredFrom: good,
      restoredFromFile,
      peopleBefore,
      peopleAfter: good ? null : 0,
    };
  }

  private static recoveryNotice(r: Recovery): string {
    if (!r.restoredFrom) {
      return `数据库文件已损坏（${r.problem}），已原样保存到 ${r.keptAsideAs}。没有可用的备份，程序已新建空数据库，请联系技术人员。`;
    }
    return `数据库文件已损坏（${r.problem}），已原样保存到 ${r.keptAsideAs}，并已从 ${describeTakenAt(r.restoredFrom.takenAt)} 的备份恢复。该时间之后录入的内容需要重新录入。`;
  }

  /** The office, the operator, where the data is and the versions: what the settings page and the about box show. */
  info(): Omit<AppInfo, 'operator'> {
    const office = getOfficeSettings(this.store);
    return {
      ...office,
      needsFirstPassword: office.configured && !hasOperators(this.store),
      locked: false,
      idleMinutes: idleMinutes(this.store),
      dbPath: this.paths.dbPath,
      backupsDir: this.paths.backupsDir,
      keptAsideDir: this.paths.keptAsideDir,
      notices: this.notices,
      integrity: this.integrityInfo(),
      sqliteVersion: (this.store.raw.prepare('select sqlite_version() as v').get() as { v: string }).v,
      appVersion: packageJson.version,
    };
  }

  /** The first start's questions (the office's name, its first administrator and their password). */
  setup(office: { orgName: string; operatorName: string; password?: string }) {
    return setUpOffice(this.store, office);
  }

  /** The full check as app.info carries it: its state, and on damage the words and the backup offered. */
  private integrityInfo(): AppInfo['integrity'] {
    const i = this.integrityStatus;
    return i.state === 'damaged'
      ? { state: i.state, message: i.message, backup: i.backup && describeBackup(i.backup) }
      : { state: i.state, message: null, backup: null };
  }

  /** What the full check has found so far (app.info shows it; the home page warns of damage). */
  get integrity(): IntegrityStatus {
    return this.integrityStatus;
  }

  /**
   * Starts the full check in its thread (db/integrity.ts) and returns once the thread holds the
   * write lock, so that no write of this start comes before it. Damage found stops every write and
   * tells the user, offering the newest backup that passes its check: never restored without asking.
   */
  private async checkInBackground(): Promise<void> {
    this.integrityStatus = { state: 'checking' };
    const check = startIntegrityCheck(this.paths.dbPath, {
      nativeBinding: this.options.nativeBinding,
      key: this.options.key,
    });
    this.check = check;
    this.integrityChecked = check.verdict.then((v) => this.settleIntegrity(check, v));
    await check.locked;
  }

  private settleIntegrity(check: RunningCheck, verdict: IntegrityVerdict): IntegrityStatus {
    if (this.check !== check) return this.integrityStatus;
    this.check = null;
    let v = verdict;
    if (v.state === 'failed') {
      // The thread could not do it (it did not start, say): the check is made here, as before.
      try {
        const said = quickCheck(this.store.raw);
        v = said === 'ok' ? { state: 'ok' } : { state: 'damaged', problem: said };
      } catch (e) {
        v =
          storageProblem(e) === 'damaged'
            ? { state: 'damaged', problem: e instanceof Error ? e.message : String(e) }
            : { state: 'ok' };
      }
    }
    if (v.state === 'damaged') {
      const backup = newestGoodBackup(this.paths.backupsDir, this.options.key);
      const message = damagedMessage(v.problem, backup);
      this.store.refuseWrites(message);
      this.integrityStatus = { state: 'damaged', problem: v.problem, message, backup };
    } else {
      this.integrityStatus = { state: 'ok' };
    }
    return this.integrityStatus;
  }

  async automaticBackup(now = new Date()): Promise<BackupInfo[]> {
    return automaticBackup(this.store, this.paths.backupsDir, now);
  }

  listBackups(): BackupInfo[] {
    return listBackups(this.paths.backupsDir);
  }

  async backupNow(): Promise<BackupInfo> {
    try {
      return await writeBackup(this.store, this.paths.backupsDir, 'manual');
    } catch (e) {
      if (storageProblem(e) === 'disk_full')
        throw new UserError('disk_full', `磁盘已满，备份未完成（${this.paths.backupsDir}），请清理磁盘空间后再试`);
      throw e;
    }
  }

  /**
   * Replaces the data with a backup's, inside the open database (db/backup.ts, restoreInto): the
   * backup is checked and brought to this schema on a copy first; SQLite's write lock refuses the
   * restore while another process writes; the data it replaces is kept aside. Nothing is renamed
   * and no connection is closed, so a failed restore leaves the database, and the app, as they were.
   */
  async restore(name: string): Promise<{ restoredFrom: BackupInfo; keptAsideAs: string }> {
    if (this.jobs.running) throw new UserError('busy', '正在导入，请等导入结束后再恢复备份');
    const backup = this.listBackups().find((b) => b.name === name);
    if (!backup) throw new UserError('not_found', '没有找到这个备份文件');
    const file = path.join(this.paths.backupsDir, name);
    const verdict = verifyDatabaseFile(file, this.options.key);
    if (verdict !== 'ok') throw new UserError('bad_backup', `这个备份无法使用（${verdict}），当前数据未作任何改动`);
    const source = `${this.paths.dbPath}.restore-source`;
    const aside = path.join(this.paths.keptAsideDir, `replaced-${backupStamp(new Date())}.sqlite`);
    let keptAsideAs: string;
    try {
      const pageSize = this.store.raw.pragma('page_size', { simple: true }) as number;
      await prepareRestoreSource(file, source, {
        pageSize,
        nativeBinding: this.options.nativeBinding,
        key: this.options.key,
      });
      // A damaged database is kept as its pages are: it cannot be copied record by record.
      keptAsideAs = await restoreInto(this.store, source, aside, {
        nativeBinding: this.options.nativeBinding,
        keepAsIs: this.integrityStatus.state === 'damaged',
      });
    } catch (e) {
      throw restoreFailure(e, this.paths.dbPath);
    } finally {
      removeDatabaseFiles(source);
    }
    // The wizard's sessions were matched against the data that was replaced.
    this.files.close();
    // The data now is the backup's, which passed its check: writes go on.
    if (this.integrityStatus.state === 'damaged') {
      this.store.allowWrites();
      this.integrityStatus = { state: 'ok' };
    }
    if (this.options.key) keyringOfBackup(file, this.paths.dbPath);
    return { restoredFrom: backup, keptAsideAs };
  }

  private reindexTimer: NodeJS.Timeout | null = null;

  /**
   * Rewrites the search tokens a migration listed (0015), 100 files at a time between other work,
   * then merges the index's segments a step at a time: each step is one short transaction, so the
   * window and every write stay responsive, and the old tokens answer searches until a file's new
   * ones are written.
   */
  reindexSearchInBackground(): void {
    const step = () => {
      this.reindexTimer = null;
      if (!this.store.raw.open || this.store.writesRefused) return;
      // The start-up check holds the write lock until it is done: the index waits for it.
      if (this.integrityStatus.state === 'checking') return later(500);
      let more: boolean;
      try {
        more = reindexPending(this.store, 100) > 0 || this.store.tx(() => mergeSearchIndex(this.store));
      } catch (e) {
        // An import's long transaction holds the lock: try again later. Anything else waits for the next start.
        if (storageProblem(e) === 'busy') return later(1000);
        return;
      }
      if (more) later(10);
    };
    // Unreferenced: a CLI command ends when it is done; the rest waits for the next start.
    const later = (ms: number) => (this.reindexTimer = setTimeout(step, ms).unref());
    if (this.store.raw.prepare('SELECT 1 FROM person_search_pending LIMIT 1').get() !== undefined) later(0);
  }

  close(): void {
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    this.files.close();
    void this.check?.stop();
    this.check = null;
    // Access rows that waited for a lock held elsewhere (audit/access.ts) are written before closing.
    try {
      if (this.store.raw.open) flushAccessLog(this.store, { wait: true });
    } catch {
      // A damaged or read-only file: nothing more can be written to it.
    }
    // The query planner's statistics follow the office's growth: re-analysed only where they are
    // out of date, approximately (https://sqlite.org/pragma.html#pragma_optimize). Never a reason
    // not to close.
    try {
      if (this.store.raw.open) this.store.raw.exec('PRAGMA analysis_limit = 1000; PRAGMA optimize;');
    } catch {
      // A damaged or read-only file: the statistics can wait.
    }
    this.store.close();
  }
}
