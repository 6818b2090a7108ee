// The app as the Electron window and the browser harness hold it (issue 18, parts 5–6): the
// database open, or, when it is encrypted and nobody has signed in since the program started,
// closed. The key to an encrypted database is wrapped by each operator's password and by the
// recovery code (db/keyring.ts), so the log-in opens it: the password (or the recovery code)
// unwraps the key, the database opens with it, and the router then checks the operator's password
// hash, role and state as it does for a plain database.
//
// While closed, failed log-ins are counted in the keyring file beside the database (by label), and
// from the third in a row each makes the next attempt wait, as operators/signIn does once the
// database is open: the count survives the program being closed and started again. Someone who
// can change that file can also copy the database and guess offline, which scrypt (not the wait)
// makes slow.
//
// Locking (the idle time, Win+L, 退出登录) signs the operator out and keeps the database open,
// the key in memory: the scheduled backup and the copy off the machine go on while the desk is
// locked, and the next log-in is checked against the database. The key leaves memory when the
// program ends.
import fs from 'node:fs';
import path from 'node:path';
import packageJson from '../../package.json';
import { contract } from '../contract';
import type { AppInfo } from '../contract/app';
import type { RpcResult } from '../contract/common';
import { backupStamp, moveDatabaseFiles } from '../db/backup';
import {
  createKeyring,
  type DataKey,
  keyringFile,
  operatorLabel,
  readKeyring,
  RECOVERY_LABEL,
  unlockKeyring,
  writeKeyring,
} from '../db/keyring';
import { DEFAULT_IDLE_MINUTES, waitAfter, waitWords } from '../operators/operators';
import { Session } from '../operators/session';
import { dispatch, errorOf, type Logger, SIGNED_OUT } from '../router';
import { UserError } from '../shared/errors';
import { AppContext, type StartOptions } from './context';
import { dataPaths, prepareDataFolder } from './paths';

/** What a transport serves when the database is closed: only the log-in's own calls. */
const WHILE_LOCKED = new Set(['app.info', 'auth.login', 'auth.recover', 'auth.logout']);

const fail = (code: UserError['code'], message: string, details?: unknown): RpcResult<unknown> => ({
  ok: false,
  error: { code, message, details },
});

/**
 * The key of the encrypted database at `dbPath`, unwrapped by `secret` from `label`'s entry, for a
 * log-in (the desk's, the CLI's). A failure is counted in the keyring file and, from the third in a
 * row, makes the next attempt wait (operators/waitAfter); a wrong name and a wrong password are
 * refused in the same words, `wrong`. Nothing in the database is changed.
 */
export function unlockForLogIn(dbPath: string, label: string, secret: string, wrong: string): DataKey {
  const file = keyringFile(dbPath);
  const ring = readKeyring(file);
  if (!ring) throw new UserError('not_found', `找不到数据库的密钥文件（${file}），数据库未打开`);
  const known = ring.entries.some((e) => e.label === label);
  const attempt = ring.attempts?.[label] ?? { failures: 0, nextAttemptAt: null };
  const left = attempt.nextAttemptAt ? (Date.parse(attempt.nextAttemptAt) - Date.now()) / 1000 : 0;
  if (left > 0)
    throw new UserError(
      'forbidden',
      `连续输错 ${attempt.failures} 次，为防止他人猜测密码，请在 ${waitWords(left)}后再试`,
    );
  // An unknown name is not counted: there is no entry it could ever open.
  if (!known) throw new UserError('forbidden', wrong);
  try {
    const key = unlockKeyring(ring, secret, label);
    if (attempt.failures > 0) recordAttempts(file, label, null);
    return key;
  } catch (e) {
    if (!(e instanceof UserError) || e.code !== 'wrong_password') throw e;
    const failures = attempt.failures + 1;
    const wait = waitAfter(failures);
    recordAttempts(file, label, {
      failures,
      nextAttemptAt: wait ? new Date(Date.now() + wait * 1000).toISOString() : null,
    });
    throw new UserError('forbidden', wait ? `${wrong}。已连续输错多次，请在 ${waitWords(wait)}后再试` : wrong);
  }
}

function recordAttempts(
  file: string,
  label: string,
  attempt: { failures: number; nextAttemptAt: string | null } | null,
): void {
  const ring = readKeyring(file)!;
  const attempts = { ...ring.attempts };
  if (attempt) attempts[label] = attempt;
  else delete attempts[label];
  writeKeyring(file, { ...ring, attempts });
}

export class AppDesk {
  private current: AppContext | null = null;

  private constructor(
    private readonly options: StartOptions,
    /** Who is signed in on this desk: the same session before and after the database opens. */
    readonly session = new Session(),
  ) {}

  /** A desk on a database opened already (the tests' harness). */
  static around(ctx: AppContext): AppDesk {
    const desk = new AppDesk({ dbPath: ctx.paths.dbPath }, ctx.session);
    desk.current = ctx;
    return desk;
  }

  /**
   * The desk on the database at `options.dbPath`: opened at once when it is plain; a new one made
   * encrypted from the first start (its key in memory until the first administrator's password
   * and the recovery code wrap it: operators/setPassword); an encrypted one left closed until a
   * log-in opens it.
   */
  static async open(options: StartOptions & { encryptNew?: boolean }): Promise<AppDesk> {
    const desk = new AppDesk(options);
    const { dbPath } = dataPaths(options.dbPath);
    const ring = readKeyring(keyringFile(dbPath));
    if (ring && ring.entries.length === 0) desk.setAsideUnfinished(dbPath);
    if (!fs.existsSync(dbPath) && (options.encryptNew ?? true)) {
      // A new installation: encrypted from its first page.
      prepareDataFolder(dbPath);
      const made = createKeyring([]);
      writeKeyring(keyringFile(dbPath), made.keyring);
      await desk.start(made.key);
    } else if (!readKeyring(keyringFile(dbPath))) await desk.start(undefined);
    return desk;
  }

  /**
   * A database whose keyring holds no secret was made by a first start that ended before its
   * administrator was set up: its key was never kept, nothing in it can be read (and nothing was
   * written: the office's data waits for its setup). It is kept aside and a new one is made.
   */
  private setAsideUnfinished(dbPath: string): void {
    const { keptAsideDir } = dataPaths(dbPath);
    const aside = path.join(keptAsideDir, `unfinished-setup-${backupStamp(new Date())}.sqlite`);
    moveDatabaseFiles(dbPath, aside);
    fs.renameSync(keyringFile(dbPath), keyringFile(aside));
  }

  private async start(key: DataKey | undefined): Promise<AppContext> {
    const ctx = await AppContext.start({ ...this.options, key, session: this.session });
    this.current = ctx;
    return ctx;
  }

  /** What start-up must tell the office (a recovery, a backup that failed): known once the database is open. */
  get notices(): string[] {
    return this.current?.notices ?? [];
  }

  /** The open database; null while an encrypted one waits for a log-in. */
  get context(): AppContext | null {
    return this.current;
  }

  get dbPath(): string {
    return dataPaths(this.options.dbPath).dbPath;
  }

  /** A contract call, through the router once the database is open; before, the log-in that opens it. */
  async dispatch(
    method: string,
    input: unknown,
    session: Session = this.session,
    log?: Logger,
  ): Promise<RpcResult<unknown>> {
    if (this.current) return dispatch(this.current, method, input, log, session);
    if (!WHILE_LOCKED.has(method))
      return fail('forbidden', '数据库已加密，请先登录：登录时用密码打开数据库', SIGNED_OUT);
    if (method === 'app.info' || method === 'auth.logout') return { ok: true, value: this.lockedInfo() };
    const parsed = contract[method as 'auth.login' | 'auth.recover'].input.safeParse(input ?? {});
    // The router says what is wrong with the input, in words, once the database is open; here the
    // fields the log-in needs are checked only for being there.
    if (!parsed.success) return fail('invalid_input', '请填写姓名和密码');
    const data = parsed.data as { name: string; password: string; code?: string };
    const label = method === 'auth.recover' ? RECOVERY_LABEL : operatorLabel(data.name.trim());
    const wrong = method === 'auth.recover' ? '恢复码或管理员姓名不正确' : '姓名或密码不正确';
    let key: DataKey;
    try {
      key = unlockForLogIn(this.dbPath, label, method === 'auth.recover' ? data.code! : data.password, wrong);
      await this.start(key);
    } catch (e) {
      return { ok: false, error: errorOf(e, method, this.dbPath, log ?? ((m, err) => console.error(m, err))) };
    }
    const r = await dispatch(this.current!, method, input, log, session);
    if (!r.ok) this.closeDatabase();
    return r;
  }

  /** What app.info says while the database is closed: the log-in screen, and that it is encrypted. */
  private lockedInfo(): AppInfo {
    const paths = dataPaths(this.options.dbPath);
    return {
      orgName: '',
      operatorName: '',
      configured: true,
      locked: true,
      dbPath: paths.dbPath,
      backupsDir: paths.backupsDir,
      keptAsideDir: paths.keptAsideDir,
      notices: [],
      integrity: { state: 'ok', message: null, backup: null },
      sqliteVersion: '',
      appVersion: packageJson.version,
      operator: null,
      needsFirstPassword: false,
      idleMinutes: DEFAULT_IDLE_MINUTES,
    };
  }

  private closeDatabase(): void {
    this.current?.close();
    this.current = null;
    this.session.lock();
  }

  close(): void {
    this.closeDatabase();
  }
}
