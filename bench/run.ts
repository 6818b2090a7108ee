// npm run bench [-- --people 100000 --runs 300 --only import|claims|letters|adjust|hostile|lists|startup|statistics|encryption]
// Seeds made-up retirees into a temporary database and prints p50/p95 of the list's searches and
// of a filtered, sorted page, each next to the same query as a plain LIKE scan over the table
// (measured in the same run), and the time to open and migrate the database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ListQuery } from '../src-main/contract/retirees';
import { AppContext } from '../src-main/app/context';
import { createDemoUnits, makeDemoPeople, prng } from '../src-main/demo/generate';
import type { Store } from '../src-main/db/store';
import { listPersons } from '../src-main/retirees/list';
import { createPerson, parsePhones } from '../src-main/retirees/persons';
import { nameReadings } from '../src-main/retirees/searchIndex';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { bornOnOrBefore, todayIso } from '../src-main/shared/dates';
import { benchExport, benchImport } from './importExport';
import { benchClaims, seedClaimLines } from './claims';
import { benchLetters } from './letters';
import { benchAdjustments } from './adjustments';
import { benchHostile } from './hostile';
import { benchStartup } from './startup';
import { benchActivity, benchStatistics } from './statistics';
import { benchLists, cachedPeopleDb } from './lists';
import { benchEncryption, seedPeople } from './encryption';
import { percentiles } from './listsQueries';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '300' },
    'import-rows': { type: 'string', default: '50000' },
    'claim-lines': { type: 'string', default: '1000000' },
    'import-runs': { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const PEOPLE = Number(values.people);
const RUNS = Number(values.runs);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retiree-bench-'));
const dbPath = path.join(dir, 'bench.sqlite');

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const fmt = (n: number) => n.toFixed(2).padStart(8);
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function claimLines(ctx: AppContext): string[] {
  const LINES = Number(values['claim-lines']);
  const seeded = seedClaimLines(ctx, LINES);
  const m = benchClaims(ctx, RUNS, time, percentiles);
  const row = (
    label: string,
    x: { ours: { p50: number; p95: number }; scan: { p50: number; p95: number } },
    target: number,
  ) =>
    `${label.padEnd(34)}${fmt(x.ours.p50)} ${fmt(x.ours.p95)}     ${fmt(x.scan.p50)} ${fmt(x.scan.p95)}    ${(x.scan.p95 / x.ours.p95).toFixed(1).padStart(7)}x   p95 < ${target} ms: ${x.ours.p95 < target ? 'met' : 'MISSED'}`;
  return [
    `claims: ${LINES.toLocaleString('en')} approved lines of ${PEOPLE.toLocaleString('en')} people seeded in ${seeded.seconds.toFixed(1)} s`,
    '                                      ours (ms)          plain scan (ms)       p95 ratio   target',
    '                                     p50      p95          p50      p95        scan/ours',
    row("a person's year statement", m.statement, 20),
    row('approving a claim (3 lines)', m.approve, 20),
    row("a month's report, vs main's code", m.report, 30),
  ];
}

if (values.only === 'letters') {
  for (const line of await benchLetters()) console.log(line);
  process.exit(0);
}

if (values.only === 'lists' || !values.only)
  for (const line of [...(await benchLists({ people: PEOPLE, runs: RUNS })), '']) console.log(line);
if (values.only === 'lists') process.exit(0);

if (values.only === 'hostile') {
  for (const line of await benchHostile(dir)) console.log(line);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

const encryptionOptions = {
  runs: RUNS,
  rows: Number(values['import-rows']),
  importRuns: Number(values['import-runs']),
};
if (values.only === 'encryption') {
  // The people a run of the lists left in its cache, when there are; seeded anew otherwise.
  const seeded = cachedPeopleDb(PEOPLE) ?? (await seedPeople(dbPath, PEOPLE), dbPath);
  for (const line of await benchEncryption(seeded, dir, encryptionOptions)) console.log(line);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

if (values.only === 'import') {
  for (const line of await benchImport(dir, Number(values['import-rows']))) console.log(line);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

// --- open and migrate -------------------------------------------------------------------------
const fresh: number[] = [];
for (let i = 0; i < 10; i++) {
  const file = path.join(dir, `fresh-${i}.sqlite`);
  const t = process.hrtime.bigint();
  const ctx = await AppContext.start({ dbPath: file, noAutomaticBackup: true });
  fresh.push(Number(process.hrtime.bigint() - t) / 1e6);
  ctx.close();
}

// --- seed -------------------------------------------------------------------------------------
// One part alone (start-up, claims, the adjustment check) measures a copy of the people a run of
// the lists left in its cache, when there is one: seeding them through createPerson takes minutes.
const cached = ['startup', 'claims', 'adjust', 'statistics'].includes(values.only ?? '')
  ? cachedPeopleDb(PEOPLE)
  : null;
if (cached) {
  fs.copyFileSync(cached, dbPath);
  console.log(`${PEOPLE.toLocaleString('en')} people: a copy of ${cached}`);
}
const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
// Writes wait for the full check of a database that has people already (it holds the write lock).
await ctx.integrityChecked;
const store: Store = ctx.store;
const seedStart = Date.now();
if (!cached) {
  saveOfficeSettings(store, { orgName: '基准测试', operatorName: '基准测试' });
  store.tx(() => {
    const units = createDemoUnits(store);
    for (const p of makeDemoPeople(PEOPLE, 7, units)) createPerson(store, p, { acceptWarnings: false });
  });
}
const seedSeconds = (Date.now() - seedStart) / 1000;

if (values.only === 'startup') {
  for (const line of [`load average ${loadAverage()}`, ...(await benchStartup(ctx)), `load average ${loadAverage()}`])
    console.log(line);
  ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

if (values.only === 'statistics') {
  for (const line of [`load average ${loadAverage()}`, ...benchStatistics(ctx), `load average ${loadAverage()}`])
    console.log(line);
  // The year's work needs the claims: the same lines the claims bench seeds.
  const seeded = seedClaimLines(ctx, Number(values['claim-lines']));
  console.log(`claims: ${values['claim-lines']} approved lines seeded in ${seeded.seconds.toFixed(1)} s`);
  for (const line of [`load average ${loadAverage()}`, ...(await benchActivity(ctx)), `load average ${loadAverage()}`])
    console.log(line);
  ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

if (values.only === 'adjust') {
  console.log(`load average ${loadAverage()}`);
  for (const line of await benchAdjustments(ctx, dir)) console.log(line);
  console.log(`load average ${loadAverage()}`);
  ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

if (values.only === 'claims') {
  console.log(`load average ${loadAverage()}`);
  for (const line of claimLines(ctx)) console.log(line);
  console.log(`load average ${loadAverage()}`);
  ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

// The baseline: what a plain implementation would do, a LIKE scan over one text column per person
// holding the same searchable text (name, every initials and full-pinyin reading, ID, phones).
store.raw.exec('CREATE TABLE naive_search (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
const insertNaive = store.raw.prepare('INSERT INTO naive_search (id, text) VALUES (?, ?)');
store.tx(() => {
  for (const r of store.raw.prepare('SELECT id, name, id_number, phones FROM persons').all() as Array<{
    id: number;
    name: string;
    id_number: string | null;
    phones: string;
  }>) {
    const readings = nameReadings(r.name);
    const first = readings.map((x) => x[0]);
    const text = [
      r.name,
      readings.map((x) => x.map((s) => s[0]).join('')).join(''),
      first.map((s) => s[0]).join(''),
      first.join(''),
      r.id_number ?? '',
      ...parsePhones(r.phones).map((p) => p.number.replace(/\D/g, '')),
    ].join(' ');
    insertNaive.run(r.id, text);
  }
});
ctx.close();

const reopen: number[] = [];
let bench!: AppContext;
for (let i = 0; i < 5; i++) {
  bench?.close();
  const t = process.hrtime.bigint();
  bench = await AppContext.start({ dbPath, noAutomaticBackup: true });
  reopen.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const db = bench.store;
const startupLines = await benchStartup(bench);
const statisticsLines = benchStatistics(bench);

// --- the queries ------------------------------------------------------------------------------
const r = prng(11);
const sample = db.raw.prepare('SELECT name, id_number FROM persons WHERE id = ?');
const total = PEOPLE;
const people = Array.from(
  { length: RUNS },
  () => sample.get(1 + Math.floor(r() * total)) as { name: string; id_number: string },
);
const today = todayIso();

const nameFragments = people.map((p) => [...p.name].slice(-2).join(''));
const initials = people.map((p) =>
  nameReadings(p.name)
    .map((x) => x[0][0])
    .join(''),
);
// Six digits from the birth date and sequence part (what staff read off a paper file).
const idFragments = people.map((p) => {
  const start = 6 + Math.floor(r() * 7);
  return p.id_number.slice(start, start + 6);
});

const PAGE_COLUMNS =
  'p.id, p.name, p.gender, p.birth_date, p.id_number, p.category, p.status, p.former_unit, p.area, p.building';
const likePage = db.raw.prepare(
  `SELECT ${PAGE_COLUMNS} FROM persons p JOIN naive_search s ON s.id = p.id WHERE s.text LIKE ? ORDER BY p.name_sort, p.id LIMIT 50`,
);
const likeCount = db.raw.prepare('SELECT count(*) FROM naive_search WHERE text LIKE ?');

function measureSearch(terms: string[]) {
  const ours = terms.map((q) => time(() => listPersons(db, ListQuery.parse({ q }), today)));
  const like = terms.map((q) =>
    time(() => {
      likeCount.get(`%${q.toLowerCase()}%`);
      likePage.all(`%${q.toLowerCase()}%`);
    }),
  );
  return { ours: percentiles(ours), like: percentiles(like) };
}

// A filtered, sorted page: 在册 退休 aged 80+, by birth date, at a random page; and a deep page of
// everyone by name. The baseline is the same SQL forced to scan the table (NOT INDEXED).
const pages = Array.from({ length: RUNS }, (_, i) =>
  i % 2 === 0
    ? { statuses: ['在册'], categories: ['退休'], minAge: 80, sort: 'birthDate', page: 1 + Math.floor(r() * 40) }
    : { sort: 'name', page: 1 + Math.floor(r() * (total / 50)) },
);
const scanFiltered = db.raw.prepare(
  `SELECT ${PAGE_COLUMNS} FROM persons p NOT INDEXED WHERE status = '在册' AND category = '退休' AND birth_date <= ? ORDER BY (birth_date IS NULL), birth_date, id LIMIT 50 OFFSET ?`,
);
const scanFilteredCount = db.raw.prepare(
  `SELECT count(*) FROM persons NOT INDEXED WHERE status = '在册' AND category = '退休' AND birth_date <= ?`,
);
const scanAll = db.raw.prepare(
  `SELECT ${PAGE_COLUMNS} FROM persons p NOT INDEXED ORDER BY name_sort, id LIMIT 50 OFFSET ?`,
);
const scanAllCount = db.raw.prepare('SELECT count(*) FROM persons NOT INDEXED');
function measurePages() {
  const ours = pages.map((q) => time(() => listPersons(db, ListQuery.parse(q), today)));
  const cutoff = bornOnOrBefore(80, today);
  const scan = pages.map((q) =>
    time(() => {
      if (q.minAge) {
        scanFilteredCount.get(cutoff);
        scanFiltered.all(cutoff, (q.page - 1) * 50);
      } else {
        scanAllCount.get();
        scanAll.all((q.page - 1) * 50);
      }
    }),
  );
  return { ours: percentiles(ours), like: percentiles(scan) };
}

// Warm the page cache and the statement cache as a running app has them.
measureSearch(nameFragments.slice(0, 20));
measurePages();

const rows = [
  ['search: name fragment', measureSearch(nameFragments), 15],
  ['search: pinyin initials', measureSearch(initials), 15],
  ['search: ID fragment', measureSearch(idFragments), 15],
  ['list: filtered, sorted page', measurePages(), 30],
] as const;

const size = fs.statSync(dbPath).size;
console.log(`retiree-office benchmark: ${PEOPLE.toLocaleString('en')} people, ${RUNS} queries each`);
console.log(
  `SQLite ${(db.raw.prepare('select sqlite_version() v').get() as { v: string }).v}, Node ${process.version}, ${os.cpus().length} cores`,
);
console.log(
  `seeded in ${seedSeconds.toFixed(1)} s (every person through createPerson: validation, audit, index); database ${(size / 1024 / 1024).toFixed(0)} MB`,
);
console.log('');
console.log('                                   ours (ms)          plain LIKE scan (ms)   p95 ratio   target');
console.log('                                  p50      p95          p50      p95        LIKE/ours');
for (const [label, m, target] of rows) {
  const verdict = m.ours.p95 < target ? `p95 < ${target} ms: met` : `p95 < ${target} ms: MISSED`;
  console.log(
    `${label.padEnd(30)}${fmt(m.ours.p50)} ${fmt(m.ours.p95)}     ${fmt(m.like.p50)} ${fmt(m.like.p95)}    ${(m.like.p95 / m.ours.p95).toFixed(1).padStart(7)}x   ${verdict}`,
  );
}
const f = percentiles(fresh);
const o = percentiles(reopen);
console.log('');
console.log(`open + migrate, new database:               p50 ${fmt(f.p50)} ms  p95 ${fmt(f.p95)} ms`);
console.log(
  `open + header check + migrations, ${(PEOPLE / 1000).toFixed(0)}k db:  p50 ${fmt(o.p50)} ms  p95 ${fmt(o.p95)} ms`,
);
for (const line of startupLines) console.log(line);
for (const line of statisticsLines) console.log(line);
console.log('');
for (const line of await benchExport(bench, dir)) console.log(line);
console.log('');
for (const line of claimLines(bench)) console.log(line);
for (const line of await benchActivity(bench)) console.log(line);
console.log('');
for (const line of await benchAdjustments(bench, dir)) console.log(line);
bench.close();
console.log('');
for (const line of await benchImport(dir, Number(values['import-rows']))) console.log(line);
console.log('');
for (const line of await benchLetters()) console.log(line);
console.log('');
for (const line of await benchEncryption(dbPath, dir, encryptionOptions)) console.log(line);
fs.rmSync(dir, { recursive: true, force: true });
