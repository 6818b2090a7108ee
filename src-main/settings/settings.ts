// The office's settings: its name and the operator named at its first start; and who is acting
// now, whom every audit row names (the operator signed in: router.ts runs each call as them).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store } from '../db/store';
import { UserError } from '../shared/errors';

export interface OfficeSettings {
  orgName: string;
  operatorName: string;
  /** False until the first-run form has been filled in. */
  configured: boolean;
}

export function readSetting(store: Store, key: string): string | null {
  // Read on every audited write (the operator's name): a prepared statement, not a built query.
  const row = store.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeSetting(store: Store, key: string, value: string): void {
  store.run(
    store.kysely
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  );
}

export function getOfficeSettings(store: Store): OfficeSettings {
  const orgName = readSetting(store, 'org_name') ?? '';
  const operatorName = readSetting(store, 'operator_name') ?? '';
  return { orgName, operatorName, configured: orgName !== '' && operatorName !== '' };
}

export function saveOfficeSettings(store: Store, input: { orgName: string; operatorName: string }): OfficeSettings {
  const orgName = input.orgName.trim();
  const operatorName = input.operatorName.trim();
  if (!orgName) throw new UserError('invalid_input', '请填写单位名称');
  if (!operatorName) throw new UserError('invalid_input', '请填写经办人姓名');
  store.tx(() => {
    writeSetting(store, 'org_name', orgName);
    writeSetting(store, 'operator_name', operatorName);
  });
  return getOfficeSettings(store);
}

/**
 * The operator a call runs as (https://nodejs.org/api/async_context.html#class-asynclocalstorage):
 * the router runs every call of a signed-in operator inside it, and so does the import's child
 * process with the name its parent sends; it follows the call through every await.
 */
const acting = new AsyncLocalStorage<string>();

export function actingAs<T>(operator: string, fn: () => T): T {
  return acting.run(operator, fn);
}

/** The operator the current call runs as, or null outside one (a domain called directly, the demo). */
export function actingOperator(): string | null {
  return acting.getStore() ?? null;
}

/**
 * The operator that audit rows name: the one signed in whose call this is; outside a call (a
 * domain function called directly, the demo data) the operator named at the first start.
 * Refuses changes before the first-run form is filled in.
 */
export function currentOperator(store: Store): string {
  const signedIn = acting.getStore();
  if (signedIn) return signedIn;
  const name = readSetting(store, 'operator_name');
  if (!name) throw new UserError('not_configured', '请先在首次使用向导中填写单位名称和经办人');
  return name;
}
