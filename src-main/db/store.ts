// One connection to the database, and the only way domains run SQL.
//
// Kysely builds and type-checks the queries; better-sqlite3 runs them synchronously on the one
// connection. Synchronous execution matters: a transaction (`store.tx`) runs start to finish
// without yielding to the event loop, so no other IPC call can interleave its statements with a
// half-done write. Compiled statements are cached by their SQL text, so the hot paths (search,
// list) pay for `prepare` once, not on every call.
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { type Compilable, Kysely, SqliteDialect } from 'kysely';
import { UserError } from '../shared/errors';
import { type DataKey, KeyringHandle } from './keyring';
import type { Database } from './schema';

export type Row = Record<string, unknown>;

export class Store {
  readonly kysely: Kysely<Database>;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private refusal: string | null = null;
  /** The keyring beside an encrypted database, with the key in memory: null for a plain one. */
  readonly keyring: KeyringHandle | null;

  constructor(
    readonly raw: BetterSqlite3.Database,
    readonly file: string,
    /** The data key when the file is encrypted (db/keyring.ts): its backups are encrypted with it. */
    readonly key: DataKey | null = null,
  ) {
    this.kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    this.keyring = key && file ? new KeyringHandle(file, key) : null;
  }

  /** A cached prepared statement: for hot paths that write their SQL by hand. */
  prepare(sqlText: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sqlText);
    if (!stmt) {
      stmt = this.raw.prepare(sqlText);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sqlText, stmt);
    }
    return stmt;
  }

  /**
   * A stamp that changes whenever what the file holds may have changed: a commit by another
   * connection (data_version) or a row written through this one (total_changes, which also counts
   * rows later rolled back: a cache is dropped more often than needed, never kept too long). For a
   * cache of something read from the file (the statistics' roll).
   */
  dataStamp(): string {
    return this.prepare("SELECT (SELECT data_version FROM pragma_data_version()) || ':' || total_changes()")
      .pluck()
      .get() as string;
  }

  all<T>(query: Compilable<T>): T[] {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).all(...(parameters as unknown[])) as T[];
  }

  /**
   * The first column of every row: a long list of ids, without an object made for each row
   * (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#plucktogglestate).
   */
  column<T>(query: Compilable<Record<string, T>>): T[] {
    const { sql, parameters } = query.compile();
    const stmt = this.prepare(sql).pluck();
    try {
      return stmt.all(...(parameters as unknown[])) as T[];
    } finally {
      stmt.pluck(false);
    }
  }

  first<T>(query: Compilable<T>): T | undefined {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).get(...(parameters as unknown[])) as T | undefined;
  }

  run(query: Compilable<unknown>): BetterSqlite3.RunResult {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).run(...(parameters as unknown[]));
  }

  /**
   * Runs `fn` in one transaction: all of its writes commit, or none (DESIGN: data safety). Inside
   * a transaction already (a person saved as part of an import) it simply joins it: an error
   * aborts the whole outer transaction anyway, so a savepoint per call would only cost time.
   */
  tx<T>(fn: () => T): T {
    if (this.raw.inTransaction) return fn();
    this.refuseIfReadOnly();
    return this.raw.transaction(fn).immediate();
  }

  /**
   * Runs `fn` in one transaction that waits between its statements (a file read on another thread
   * while its rows are written as they come): all of its writes commit, or none. The write lock is
   * taken at once, so no other connection changes the file meanwhile. Only for a connection whose
   * calls run one at a time (the reading process: jobs/serve.ts): whatever else ran on it while
   * `fn` waits would join the transaction.
   *
   * Its commit is kept (written and synced to the WAL) without folding the WAL into the file: that
   * checkpoint (https://sqlite.org/wal.html#ckpt), which SQLite would run within the commit once
   * the WAL is long, runs as soon as the answer is on its way (setImmediate), so the clerk does not
   * wait for it (a list of 92,514 rows: about 50 ms of the check, bench/adjustments.ts).
   */
  async txWaiting<T>(fn: () => Promise<T>): Promise<T> {
    if (this.raw.inTransaction) throw new Error('txWaiting cannot run inside another transaction');
    this.refuseIfReadOnly();
    const every = this.raw.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.raw.exec('BEGIN IMMEDIATE');
    try {
      const value = await fn();
      this.raw.pragma('wal_autocheckpoint = 0');
      this.raw.exec('COMMIT');
      if (every > 0) setImmediate(() => this.checkpointIdle());
      return value;
    } catch (e) {
      if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
      throw e;
    } finally {
      this.raw.pragma(`wal_autocheckpoint = ${every}`);
    }
  }

  /**
   * Folds the WAL into the file (PASSIVE: it waits for nobody; frames a reader still uses stay for
   * later). Left to the next commit's automatic checkpoint inside a transaction, or where it fails
   * (writes refused, the file gone): nothing is lost by not folding now.
   */
  private checkpointIdle(): void {
    if (!this.raw.open || this.raw.inTransaction) return;
    try {
      this.raw.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // The WAL stays as it is, whole and synced; SQLite folds it at a later commit or at the next open.
    }
  }

  /**
   * Stops every write on this connection, saying why in words for the user (the file was found
   * damaged after start). A transaction is refused before it begins; a write outside one meets
   * SQLite's own query_only (https://sqlite.org/pragma.html#pragma_query_only).
   */
  refuseWrites(message: string): void {
    this.refusal = message;
    this.raw.pragma('query_only = ON');
  }

  allowWrites(): void {
    this.refusal = null;
    this.raw.pragma('query_only = OFF');
  }

  /** Why writes are refused, or null when they are not. */
  get writesRefused(): string | null {
    return this.refusal;
  }

  /** Throws the refusal, for work that writes elsewhere on the app's behalf (the import's child). */
  refuseIfReadOnly(): void {
    if (this.refusal) throw new UserError('damaged', this.refusal);
  }

  close(): void {
    this.statements.clear();
    if (this.raw.open) this.raw.close();
  }
}
