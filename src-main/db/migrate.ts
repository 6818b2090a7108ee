// Bringing the database to the latest schema with Kysely's migrator and the static list in
// migrations/index.ts.
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { migrations } from '../../migrations';
import type { Store } from './store';

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function migratorFor(store: Store): Migrator {
  return new Migrator({ db: store.kysely, provider });
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
