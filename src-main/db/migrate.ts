// Bringing the database to the latest schema with Kysely's migrator and the static list in
// migrations/index.ts.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Migrator, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations';
import { UserError } from '../shared/errors';
import type { Store } from './store';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** A migration's number, the version of the schema it leaves: '0012-ids-never-reused' → 12. */
const versionOf = (name: string) => Number.parseInt(name, 10);

/** The schema version this program brings a database to. */
export const SCHEMA_VERSION = Math.max(...Object.keys(migrations).map(versionOf));

/**
 * A database written by a newer version of the program: it has run migrations this one does not
 * know, so its tables may hold what this program would misread or overwrite. It is refused before
 * anything is written (no backup, no migration); Kysely's migrator would only say "corrupted
 * migrations", in English.
 */
export class DatabaseTooNewError extends UserError {
  constructor(
    readonly file: string,
    /** The number of the newest migration the database has run. */
    readonly version: number,
    readonly unknownMigrations: string[],
  ) {
    super(
      'database_too_new',
      `数据库来自更新版本的程序（第 ${version} 版），本程序只能打开第 ${SCHEMA_VERSION} 版及以前的数据库（${file}）。数据库未作任何改动。请安装新版本后再打开`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** The migrations the database has run, by name (none for a new, empty file). */
function executedMigrations(raw: BetterSqlite3.Database): string[] {
  const table = raw.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!table) return [];
  return (raw.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/** Migrations the database has run that this program does not know: it was written by a newer one. */
export function unknownMigrations(raw: BetterSqlite3.Database): string[] {
  return executedMigrations(raw).filter((name) => !(name in migrations));
}

/** Throws DatabaseTooNewError when the database was written by a newer version of the program. */
export function refuseNewerDatabase(store: Store): void {
  const unknown = unknownMigrations(store.raw);
  if (unknown.length === 0) return;
  const newest = Math.max(...executedMigrations(store.raw).map(versionOf).filter(Number.isFinite));
  throw new DatabaseTooNewError(store.file, newest, unknown);
}

/**
 * Runs migrations the way SQLite says a schema is changed when tables are rebuilt
 * (https://sqlite.org/lang_altertable.html#otheralter): foreign keys off, one transaction, and
 * `PRAGMA foreign_key_check` clean before it commits.
 *
 * - Kysely runs SQLite migrations without any transaction (its SqliteAdapter reports
 *   `supportsTransactionalDdl: false`, and refuses a migrator given one): a migration that failed
 *   half-way would stay half-done. SQLite's DDL is transactional, so the run is wrapped here.
 * - With foreign keys on, dropping the old copy of a table others refer to runs their ON DELETE
 *   CASCADEs (https://sqlite.org/foreignkeys.html#fk_schemacommands): rebuilding `persons` would
 *   empty contacts, visits, letters … `PRAGMA foreign_keys` is a no-op inside a transaction, so
 *   it is switched off before the transaction begins, and on again after it ends.
 */
async function runMigrations(
  store: Store,
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<MigrationResultSet> {
  const raw = store.raw;
  const enforced = raw.pragma('foreign_keys', { simple: true }) === 1;
  raw.pragma('foreign_keys = OFF');
  raw.exec('BEGIN IMMEDIATE');
  try {
    let result = await run(new Migrator({ db: store.kysely, provider }));
    // What the migrations did is checked; with none to run there is nothing to check, and the check
    // reads every reference in the file (seconds at a million claim lines, on every start).
    if (!result.error && (result.results?.length ?? 0) > 0) {
      const broken = raw.pragma('foreign_key_check') as { table: string; parent: string }[];
      if (broken.length > 0) {
        const where = [...new Set(broken.map((b) => `${b.table} → ${b.parent}`))].join('，');
        result = {
          ...result,
          error: new Error(`升级后有 ${broken.length} 条记录指向不存在的记录（${where}），已取消升级`),
        };
      }
    }
    raw.exec(result.error ? 'ROLLBACK' : 'COMMIT');
    return result;
  } catch (e) {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    throw e;
  } finally {
    if (enforced) raw.pragma('foreign_keys = ON');
  }
}

/** Kysely's migrator over the store, every run of it made as runMigrations says. */
class StoreMigrator extends Migrator {
  constructor(private readonly store: Store) {
    super({ db: store.kysely, provider });
  }

  override migrateToLatest(): Promise<MigrationResultSet> {
    return runMigrations(this.store, (m) => m.migrateToLatest());
  }

  override migrateTo(target: Parameters<Migrator['migrateTo']>[0]): Promise<MigrationResultSet> {
    return runMigrations(this.store, (m) => m.migrateTo(target));
  }

  override migrateUp(): Promise<MigrationResultSet> {
    return runMigrations(this.store, (m) => m.migrateUp());
  }

  override migrateDown(): Promise<MigrationResultSet> {
    return runMigrations(this.store, (m) => m.migrateDown());
  }
}

export function migratorFor(store: Store): Migrator {
  return new StoreMigrator(store);
}

export async function pendingMigrations(store: Store): Promise<string[]> {
  const all = await migratorFor(store).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

export async function migrateToLatest(store: Store): Promise<void> {
  refuseNewerDatabase(store);
  const { error, results } = await migratorFor(store).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '未知';
    throw new Error(`数据库升级失败（${failed}）：${error instanceof Error ? error.message : String(error)}`);
  }
}
