// Encryption at rest (issue 18): the list's searches, a filtered page and a 50,000-row import, each
// on an encrypted database next to the same on a plain one, measured in the same run, taken in
// turns (plain, encrypted, plain, …) so that the shared machine's slow spells fall on both.
// Target: each encrypted figure ≤ 1.15× its plain figure.
import fs from 'node:fs';
import path from 'node:path';
import { AppContext } from '../src-main/app/context';
import { encryptDatabase } from '../src-main/app/encryption';
import { ListQuery } from '../src-main/contract/retirees';
import { createDemoUnits, makeDemoPeople, prng } from '../src-main/demo/generate';
import { operatorLabel } from '../src-main/db/keyring';
import { listPersons } from '../src-main/retirees/list';
import { createPerson } from '../src-main/retirees/persons';
import { nameReadings } from '../src-main/retirees/searchIndex';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { todayIso } from '../src-main/shared/dates';
import { writeRoster } from './importExport';
import { percentiles } from './listsQueries';

const SECRET = { label: operatorLabel('基准测试'), secret: 'bench-password' };
const TARGET = 1.15;

/** A database of `people` made-up people, seeded as bench/run.ts seeds its own. */
export async function seedPeople(file: string, people: number): Promise<void> {
  const ctx = await AppContext.start({ dbPath: file, noAutomaticBackup: true });
  saveOfficeSettings(ctx.store, { orgName: '基准测试', operatorName: '基准测试' });
  ctx.store.tx(() => {
    const units = createDemoUnits(ctx.store);
    for (const p of makeDemoPeople(people, 7, units)) createPerson(ctx.store, p, { acceptWarnings: false });
  });
  ctx.close();
}

function ms(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function msAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * `seeded` (a plain database, left as it is) copied twice, one copy encrypted; the searches and
 * pages on both, in turns; then a fresh plain and a fresh encrypted database each importing the
 * same `rows`-row roster through the app's import (its child process), in turns, `importRuns` times.
 */
export async function benchEncryption(
  seeded: string,
  dir: string,
  options: { runs: number; rows: number; importRuns: number },
): Promise<string[]> {
  const plainFile = path.join(dir, 'enc-bench-plain.sqlite');
  const encFile = path.join(dir, 'enc-bench-encrypted.sqlite');
  for (const f of [plainFile, encFile]) fs.copyFileSync(seeded, f);
  await encryptDatabase(encFile, SECRET);
  const plain = await AppContext.start({ dbPath: plainFile, noAutomaticBackup: true });
  const enc = await AppContext.start({ dbPath: encFile, noAutomaticBackup: true, secret: SECRET });
  await Promise.all([plain.integrityChecked, enc.integrityChecked]);
  const today = todayIso();
  const r = prng(11);
  const count = plain.store.raw.prepare('SELECT max(id) FROM persons').pluck().get() as number;
  const sample = plain.store.raw.prepare('SELECT name, id_number FROM persons WHERE id = ?');
  const picked = Array.from(
    { length: options.runs },
    () => sample.get(1 + Math.floor(r() * count)) as { name: string; id_number: string | null },
  );
  const queries: [string, ListQuery[]][] = [
    ['search: name fragment', picked.map((p) => ListQuery.parse({ q: [...p.name].slice(-2).join('') }))],
    [
      'search: pinyin initials',
      picked.map((p) =>
        ListQuery.parse({
          q: nameReadings(p.name)
            .map((x) => x[0][0])
            .join(''),
        }),
      ),
    ],
    ['search: ID fragment', picked.map((p) => ListQuery.parse({ q: (p.id_number ?? '000000000000').slice(8, 14) }))],
    [
      'list: filtered, sorted page',
      picked.map((_, i) =>
        ListQuery.parse(
          i % 2 === 0
            ? { statuses: ['在册'], categories: ['退休'], minAge: 80, sort: 'birthDate', page: 1 + (i % 40) }
            : { sort: 'name', page: 1 + ((i * 37) % Math.max(1, Math.floor(count / 50))) },
        ),
      ),
    ],
  ];
  const lines = [
    `encryption at rest: ${count.toLocaleString('en')} people, ${options.runs} queries each, plain and encrypted (ChaCha20-Poly1305) in turns`,
    '                                   plain (ms)         encrypted (ms)       ratio enc/plain   target',
    '                                  p50      p95          p50      p95        p50     p95',
  ];
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  const verdict = (a: number, b: number) => (a <= TARGET * b ? `<= ${TARGET}x: met` : `<= ${TARGET}x: MISSED`);
  for (const [label, qs] of queries) {
    // Warm both page caches as a running app has them.
    for (const q of qs.slice(0, 20)) for (const c of [plain, enc]) listPersons(c.store, q, today);
    const a: number[] = [];
    const b: number[] = [];
    for (const q of qs) {
      a.push(ms(() => listPersons(plain.store, q, today)));
      b.push(ms(() => listPersons(enc.store, q, today)));
    }
    const pa = percentiles(a);
    const pb = percentiles(b);
    lines.push(
      `${label.padEnd(30)}${fmt(pa.p50)} ${fmt(pa.p95)}     ${fmt(pb.p50)} ${fmt(pb.p95)}    ${(pb.p50 / pa.p50).toFixed(2).padStart(5)}x ${(pb.p95 / pa.p95).toFixed(2).padStart(5)}x   p95 ${verdict(pb.p95, pa.p95)}`,
    );
  }
  plain.close();
  enc.close();

  // The import: a new database each time, as an office's first roster.
  const roster = path.join(dir, `enc-roster-${options.rows}.xlsx`);
  await writeRoster(roster, options.rows);
  const bytes = fs.readFileSync(roster);
  const times = { plain: [] as number[], encrypted: [] as number[] };
  for (let i = 0; i < options.importRuns; i++) {
    for (const kind of ['plain', 'encrypted'] as const) {
      const file = path.join(dir, `enc-import-${kind}-${i}.sqlite`);
      if (kind === 'encrypted') await encryptDatabase(file, SECRET);
      const ctx = await AppContext.start({
        dbPath: file,
        noAutomaticBackup: true,
        secret: kind === 'encrypted' ? SECRET : undefined,
      });
      saveOfficeSettings(ctx.store, { orgName: '基准测试', operatorName: '基准测试' });
      times[kind].push(await msAsync(() => ctx.imports.importFile(path.basename(roster), bytes, { dryRun: false })));
      ctx.close();
    }
  }
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((x, y) => x - y);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const ip = median(times.plain);
  const ie = median(times.encrypted);
  lines.push(
    `import of ${options.rows.toLocaleString('en')} rows, end to end (median of ${options.importRuns}): plain ${(ip / 1000).toFixed(2)} s, encrypted ${(ie / 1000).toFixed(2)} s   ratio ${(ie / ip).toFixed(2)}x   ${verdict(ie, ip)}`,
    `  each run, in turns (s): plain ${times.plain.map((t) => (t / 1000).toFixed(1)).join(', ')}; encrypted ${times.encrypted.map((t) => (t / 1000).toFixed(1)).join(', ')}`,
  );
  return lines;
}
