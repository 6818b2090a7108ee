// src-main/db/schema.ts, the types every Kysely query is checked against, is what the migrations
// make: generated from a freshly migrated database (scripts/generate-schema.ts), never kept by hand.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { generateSchema, SCHEMA_FILE, schemaSource } from '../scripts/generate-schema';
import { migrateToLatest } from '../src-main/db/migrate';
import { openStore } from '../src-main/db/open';
import type { Store } from '../src-main/db/store';
import { tempDir } from './helpers';

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

async function migrated(): Promise<Store> {
  store = openStore(path.join(tempDir(), 'schema.sqlite'));
  await migrateToLatest(store);
  return store;
}

/** One table's interface in generated text. */
const tableInterface = (source: string, name: string) =>
  new RegExp(`export interface ${name} \\{\\n[^}]*\\n\\}`).exec(source)?.[0];

describe('schema.ts', () => {
  test('is what the migrations make: every table and column with its type, and nothing else', async () => {
    expect(
      fs.readFileSync(SCHEMA_FILE, 'utf8'),
      'src-main/db/schema.ts differs from the migrated database: run `npm run schema` and commit the result',
    ).toBe(await generateSchema());
  });

  test('a column a migration adds shows up, so schema.ts not following it fails the test above', async () => {
    const { raw } = await migrated();
    const before = schemaSource(raw);
    raw.exec(
      'alter table persons add column nickname text; alter table visits add column minutes integer not null default 0; create table extra (id integer primary key autoincrement, note text)',
    );
    const after = schemaSource(raw);
    expect(after).not.toBe(before);
    expect(tableInterface(after, 'PersonsTable')).toContain('  nickname: string | null;\n');
    expect(tableInterface(after, 'VisitsTable')).toContain('  minutes: Generated<number>;\n');
    expect(tableInterface(after, 'ExtraTable')).toBe(
      'export interface ExtraTable {\n  id: Generated<number>;\n  note: string | null;\n}',
    );
    expect(after).toContain('  extra: ExtraTable;\n');
    // A column dropped goes too: nothing in schema.ts outlives the table it describes.
    raw.exec('alter table persons drop column nickname');
    expect(schemaSource(raw)).not.toContain('nickname');
  });

  test('SQLite types become the TypeScript types better-sqlite3 returns; nullability and defaults are kept', async () => {
    const { raw } = await migrated();
    raw.exec(
      "create table typed (id integer primary key autoincrement, n integer not null, t text not null, b blob, r real, maybe_n integer, maybe_t text, d text not null default 'x')",
    );
    expect(tableInterface(schemaSource(raw), 'TypedTable')).toBe(
      [
        'export interface TypedTable {',
        '  id: Generated<number>;',
        '  n: number;',
        '  t: string;',
        '  b: Buffer | null;',
        '  r: number | null;',
        '  maybe_n: number | null;',
        '  maybe_t: string | null;',
        '  d: Generated<string>;',
        '}',
      ].join('\n'),
    );
    // A key the app gives (a plain INTEGER PRIMARY KEY, as deaths.person_id) must be named by an insert.
    expect(tableInterface(schemaSource(raw), 'DeathsTable')).toContain('  person_id: number;\n');
  });

  test('a column without an agreed type is refused, not guessed', async () => {
    const { raw } = await migrated();
    raw.exec('create table vague (id integer primary key autoincrement, amount numeric)');
    expect(() => schemaSource(raw)).toThrow(/vague\.amount: declared type "numeric"/);
  });
});
