// The floor of an import: what the database alone takes to write the same people, in one
// transaction, as raw prepared inserts with no app code between them: each person's row (the
// table's indexes built after them), their search-index row, one import-log row each, and the
// import's own row.
// Everything the inserts need (the columns, the search tokens, the log's JSON) is made before the
// clock starts. `importFloor.ts FILE DB CACHE_MB` prints { ms, rows, persons, indexes, search, log, commit } as JSON
// (the time of each kind of write), measured in a process
// of its own on a new database with the page cache and temporary store the import's child uses.
import fs from 'node:fs';
import { AppContext } from '../src-main/app/context';
import { openStore } from '../src-main/db/open';
import { analyzeImport, readImport } from '../src-main/importer/commit';
import { nameSortKey, searchTokens } from '../src-main/retirees/searchIndex';

const [file, dbPath, cacheMb] = process.argv.slice(2);
(await AppContext.start({ dbPath, noAutomaticBackup: true })).close();

const { book, sha256 } = await readImport(fs.readFileSync(file), file);
const prepared = analyzeImport(file, sha256, book, {});
const now = new Date().toISOString().slice(0, 19);
const rows = prepared.sheets
  .flatMap((s) => s.rows)
  .map((r) => {
    const p = r.converted?.input ?? null;
    const person = p && {
      name: p.name,
      name_sort: nameSortKey(p.name),
      gender: p.gender,
      ethnicity: p.ethnicity,
      birth_date: p.birthDate,
      id_number: p.idNumber,
      category: p.category,
      staff_type: p.staffType,
      work_start_date: p.workStartDate,
      retirement_date: p.retirementDate,
      former_unit: p.formerUnit,
      former_position: p.formerPosition,
      political_status: p.politicalStatus,
      phones: JSON.stringify(p.phones),
      address: p.address,
      status: p.status,
      note: p.note,
      review_flags: JSON.stringify(p.reviewFlags),
      created_at: now,
      updated_at: now,
    };
    const tokens =
      p && searchTokens({ name: p.name, idNumber: p.idNumber, phones: p.phones.map((x) => x.number) }).join(' ');
    return {
      sheet: r.sheet,
      row: r.row,
      outcome: p ? 'inserted' : r.outcome,
      raw: JSON.stringify(r.raw()),
      person,
      tokens,
    };
  });

const store = openStore(dbPath, { cacheMb: Number(cacheMb), memoryTemp: true });
const columns = Object.keys(rows.find((r) => r.person)!.person!);
const insertPerson = store.raw.prepare(
  `INSERT INTO persons (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
);
const insertTokens = store.raw.prepare('INSERT INTO person_search (rowid, tokens) VALUES (?, ?)');
const insertLog = store.raw.prepare(
  "INSERT INTO import_rows (import_id, sheet, row, outcome, person_id, raw, issues) VALUES (?, ?, ?, ?, ?, ?, '[]')",
);
// The fastest order known for these writes, each kind timed: persons' own indexes dropped and
// built after the rows, the search rows written after the people (FTS5 writes what it holds in
// memory at every statement that may need undoing, which an INSERT into persons is: see
// batchSearchIndex in src-main/retirees/searchIndex.ts), the commit.
const spent = { persons: 0, indexes: 0, search: 0, log: 0, commit: 0 };
const t = performance.now();
const indexes = store.raw
  .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'persons' AND sql IS NOT NULL")
  .all() as { name: string; sql: string }[];
store.raw.exec('BEGIN IMMEDIATE');
for (const { name } of indexes) store.raw.exec(`DROP INDEX "${name}"`);
const importId = store.raw
  .prepare(
    "INSERT INTO imports (file_name, file_sha256, format, at, operator, summary) VALUES (?, ?, 'xlsx', ?, '基准测试', '{}')",
  )
  .run(file, sha256, now).lastInsertRowid;
const ids: (number | bigint | null)[] = [];
for (const r of rows) {
  let personId: number | bigint | null = null;
  let at = performance.now();
  if (r.person) {
    personId = insertPerson.run(r.person).lastInsertRowid;
    const inserted = performance.now();
    spent.persons += inserted - at;
    at = inserted;
  }
  ids.push(personId);
  insertLog.run(importId, r.sheet, r.row, r.outcome, personId, r.raw);
  spent.log += performance.now() - at;
}
let at = performance.now();
for (const { sql } of indexes) store.raw.exec(sql);
spent.indexes = performance.now() - at;
at = performance.now();
rows.forEach((r, i) => {
  if (r.tokens !== null) insertTokens.run(ids[i], r.tokens);
});
spent.search = performance.now() - at;
at = performance.now();
store.raw.exec('COMMIT');
spent.commit = performance.now() - at;
const ms = performance.now() - t;
store.close();
console.log(JSON.stringify({ ms, rows: rows.length, ...spent }));
