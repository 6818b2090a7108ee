// The list and search rows of issue 17: `npm run bench` (or `-- --only lists`). Each row next to
// its baseline, the same queries through the baseline commit's own code on the same 100,000
// people, measured in the same run (bench/listsBaseline.ts in a child process); where that code
// cannot be had (no git), the issue's "now" figure, and the table says which.
//
// The 100,000 people take minutes to seed, so the databases are kept under
// /tmp/retiree-bench-cache between runs: the baseline's (seeded by its code), and this code's
// copy of it after its migrations and the search reindex, keyed by a hash of what made them.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListQuery } from '../src-main/contract/retirees';
import { AppContext } from '../src-main/app/context';
import { dataPaths } from '../src-main/app/paths';
import { createDemoUnits, makeDemoPeople, prng } from '../src-main/demo/generate';
import { listPersons } from '../src-main/retirees/list';
import { mergeSearchIndex } from '../src-main/retirees/searchIndex';
import { createPerson, reindexPending } from '../src-main/retirees/persons';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { type Figure, LIST_ROWS, type ListRowKey, measureLists } from './listsQueries';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CACHE = path.join(os.tmpdir(), 'retiree-bench-cache');

/** main before issue 17's lists and search: the code the issue's "now" figures were taken on. */
export const LISTS_BASELINE = 'cc81a61';

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** The baseline's src-main and migrations, unpacked once under the cache; null without git. */
function baselineCode(rev: string): { dir: string; commit: string } | null {
  try {
    const commit = git('rev-parse', '--verify', `${rev}^{commit}`);
    const dir = path.join(CACHE, `code-${commit.slice(0, 12)}`);
    if (!fs.existsSync(path.join(dir, 'package.json'))) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const tar = execFileSync('git', ['archive', '--format=tar', commit, 'src-main', 'migrations', 'package.json'], {
        cwd: ROOT,
        maxBuffer: 1 << 30,
      });
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
      baselineModules(dir);
    }
    return { dir, commit };
  } catch {
    return null;
  }
}

/**
 * The baseline's node_modules: this checkout's packages, each linked, and `better-sqlite3` (the
 * driver the baseline imports; this code has since moved to its drop-in fork with encryption,
 * better-sqlite3-multiple-ciphers, which has the same API and file format) linked to the fork.
 */
function baselineModules(dir: string): void {
  const ours = fs.realpathSync(path.join(ROOT, 'node_modules'));
  const theirs = path.join(dir, 'node_modules');
  fs.mkdirSync(theirs);
  for (const name of fs.readdirSync(ours)) fs.symlinkSync(path.join(ours, name), path.join(theirs, name));
  if (!fs.existsSync(path.join(theirs, 'better-sqlite3')))
    fs.symlinkSync(path.join(ours, 'better-sqlite3-multiple-ciphers'), path.join(theirs, 'better-sqlite3'));
}

/** A hash of the files that decide what this code's database holds beyond the baseline's. */
function codeHash(): string {
  const h = crypto.createHash('sha256');
  const files = [
    ...fs.readdirSync(path.join(ROOT, 'migrations')).map((f) => path.join('migrations', f)),
    'src-main/retirees/searchIndex.ts',
  ].sort();
  for (const f of files) h.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  return h.digest('hex').slice(0, 12);
}

function seedHere(dbPath: string, people: number): Promise<void> {
  return (async () => {
    const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
    saveOfficeSettings(ctx.store, { orgName: '基准测试', operatorName: '基准测试' });
    ctx.store.tx(() => {
      const units = createDemoUnits(ctx.store);
      for (const p of makeDemoPeople(people, 7, units)) createPerson(ctx.store, p, { acceptWarnings: false });
    });
    ctx.close();
  })();
}

const fmt = (n: number) => n.toFixed(2).padStart(8);

/** The baseline's database of `people` under the cache: seeded by the baseline's code, or by this one without git. */
const baseDbOf = (people: number, code: { commit: string } | null) =>
  path.join(CACHE, `people-${people}-${code ? code.commit.slice(0, 12) : 'here'}.sqlite`);

/** This code's database: the baseline's, upgraded (migrations, then the search reindex). */
const ourDbOf = (people: number, baseDb: string) =>
  path.join(CACHE, `people-${people}-${path.basename(baseDb, '.sqlite').split('-').pop()}-ours-${codeHash()}.sqlite`);

/**
 * This code's database of `people` as a run of the lists left it under the cache, or null: the
 * start-up, claims and adjustment rows (`--only startup|claims|adjust`) measure a copy of it instead of seeding anew.
 */
export function cachedPeopleDb(people: number, baseline = LISTS_BASELINE): string | null {
  const file = ourDbOf(people, baseDbOf(people, baselineCode(baseline)));
  return fs.existsSync(file) ? file : null;
}

export async function benchLists(options: { people: number; runs: number; baseline?: string }): Promise<string[]> {
  const { people, runs } = options;
  fs.mkdirSync(CACHE, { recursive: true });
  const lines: string[] = [];
  const code = baselineCode(options.baseline ?? LISTS_BASELINE);
  let baseline: Record<ListRowKey, Figure> | null = null;
  const baseDb = baseDbOf(people, code);
  if (code) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'bench/listsBaseline.ts'), code.dir, baseDb, String(people), String(runs)],
      {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    );
    if (child.status !== 0) throw new Error(`baseline run failed: ${child.stderr}`);
    const out = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
      seedSeconds: number | null;
      figures: Record<ListRowKey, Figure>;
    };
    baseline = out.figures;
    if (out.seedSeconds !== null)
      lines.push(
        `${people.toLocaleString('en')} people seeded by ${code.commit.slice(0, 7)}'s code in ${out.seedSeconds.toFixed(1)} s (kept in ${CACHE})`,
      );
  } else if (!fs.existsSync(baseDb)) await seedHere(baseDb, people);

  // This code's database: the baseline's, upgraded as an office's would be (migrations, then the
  // background reindex of the search, here run to the end before measuring).
  const ourDb = ourDbOf(people, baseDb);
  if (!fs.existsSync(ourDb)) {
    const building = `${ourDb}.building`;
    fs.copyFileSync(baseDb, building);
    let t = performance.now();
    const ctx = await AppContext.start({ dbPath: building, noAutomaticBackup: true });
    const migrate = performance.now() - t;
    t = performance.now();
    while (reindexPending(ctx.store, 1000) > 0);
    while (ctx.store.tx(() => mergeSearchIndex(ctx.store, 1000)));
    const reindex = performance.now() - t;
    ctx.store.raw.pragma('wal_checkpoint(TRUNCATE)');
    ctx.close();
    fs.renameSync(building, ourDb);
    // The backup start-up takes before migrating (DESIGN: no upgrade without one) is not kept here.
    fs.rmSync(dataPaths(building).backupsDir, { recursive: true, force: true });
    lines.push(
      `upgrade of the ${people.toLocaleString('en')}-people database: open + migrations ${(migrate / 1000).toFixed(1)} s, search reindex and merge (background in the app) ${(reindex / 1000).toFixed(1)} s`,
    );
  }
  const ctx = await AppContext.start({ dbPath: ourDb, noAutomaticBackup: true });
  const ours = measureLists(
    { listPersons, parse: (i) => ListQuery.parse(i), raw: ctx.store.raw, store: ctx.store, prng },
    people,
    runs,
  );
  ctx.close();

  const source = code ? `${code.commit.slice(0, 7)}'s code, this run` : 'the issue\'s "now" (no git here)';
  lines.unshift(
    `lists and search (issue 17): ${people.toLocaleString('en')} people, ${runs} queries each; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  lines.push(
    `                                              ours (ms)          baseline (ms)        p95 ratio   target`,
  );
  lines.push(
    `                                            p50      p95          p50      p95        base/ours   baseline: ${source}`,
  );
  for (const row of LIST_ROWS) {
    const o = ours[row.key];
    const b = baseline?.[row.key] ?? row.issueNow;
    const verdict = `p95 < ${row.target} ms: ${o.p95 < row.target ? 'met' : 'missed'}`;
    // A row the issue gives no "now" for has no baseline without git.
    const base = b
      ? `${fmt(b.p50)} ${fmt(b.p95)}    ${(b.p95 / o.p95).toFixed(1).padStart(7)}x`
      : `${'—'.padStart(8)} ${'—'.padStart(8)}    ${'—'.padStart(8)}`;
    lines.push(`${row.label.padEnd(40)}${fmt(o.p50)} ${fmt(o.p95)}     ${base}   ${verdict}`);
  }
  return lines;
}
