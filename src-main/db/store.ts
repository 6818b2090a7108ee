// One connection to the database, and the only way domains run SQL.
//
// Kysely builds and type-checks the queries; better-sqlite3 runs them synchronously on the one
// connection. Synchronous execution matters: a transaction (`store.tx`) runs start to finish
// without yielding to the event loop, so no other IPC call can interleave its statements with a
// half-done write. Compiled statements are cached by their SQL text, so the hot paths (search,
// list) pay for `prepare` once, not on every call.
import BetterSqlite3 from 'better-sqlite3';
import { type Compilable, Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';

export type Row = Record<string, unknown>;

export class Store {
  readonly kysely: Kysely<Database>;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    readonly raw: BetterSqlite3.Database,
    readonly file: string,
  ) {
    this.kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
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

  all<T>(query: Compilable<T>): T[] {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).all(...(parameters as unknown[])) as T[];
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
    return this.raw.transaction(fn).immediate();
  }

  close(): void {
    this.statements.clear();
    if (this.raw.open) this.raw.close();
  }
}
