// Bringing the database to the latest schema with Kysely's migrator and the static list in
// migrations/index.ts.
import { Migrator, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations';
import type { Store } from './store';

const provider: MigrationProvider = { getMigrations: async () => migrations };

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
async function runMigrations(store: Store, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<MigrationResultSet> {
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
        result = { ...result, error: new Error(`升级后有 ${broken.length} 条记录指向不存在的记录（${where}），已取消升级`) };
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
  const { error, results } = await migratorFor(store).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '未知';
    throw new Error(`数据库升级失败（${failed}）：${error instanceof Error ? error.message : String(error)}`);
  }
}
