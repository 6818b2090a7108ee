// Where the adjustment check's time goes: seeds N people as `npm run bench` does (kept in
// $TMPDIR/adj-seed-N.sqlite for the next run), writes the bench's agency list, then runs reading
// the file alone, this tree's check and (given a second tree) another tree's check, in turns;
// prints the wall and CPU medians and, with --profile, the functions with the most self time.
//   npx tsx bench/adjustProfile.ts [people] [--other /path/to/tree] [--profile] [--runs 5] [--dry (trial runs: nothing stored)]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { AppContext } from '../src-main/app/context';
import { importAdjustments, type AdjustmentPhases } from '../src-main/adjustments/adjustments';
import { createDemoUnits, makeDemoPeople } from '../src-main/demo/generate';
import { createPerson } from '../src-main/retirees/persons';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { readSource } from '../src-main/spreadsheet/sources';
import { adjustmentList, useBundledReadThread } from './adjustments';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    other: { type: 'string' },
    profile: { type: 'boolean' },
    dry: { type: 'boolean' },
    runs: { type: 'string', default: '5' },
  },
});
const PEOPLE = Number(positionals[0] ?? 20000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retiree-adjprof-'));
const seed = path.join(os.tmpdir(), `adj-seed-${PEOPLE}.sqlite`);
const dbPath = path.join(dir, 'p.sqlite');
if (fs.existsSync(seed)) fs.copyFileSync(seed, dbPath);
const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
// Writes wait for the full check of the cached seed (it holds the write lock), past busy_timeout on a loaded machine.
await ctx.integrityChecked;
if (!fs.existsSync(seed)) {
  saveOfficeSettings(ctx.store, { orgName: '基准测试', operatorName: '基准测试' });
  ctx.store.tx(() => {
    const units = createDemoUnits(ctx.store);
    for (const p of makeDemoPeople(PEOPLE, 7, units)) createPerson(ctx.store, p, { acceptWarnings: false });
  });
  ctx.store.raw.pragma('wal_checkpoint(TRUNCATE)');
  fs.copyFileSync(dbPath, seed);
}
const { file, bytes, n } = await adjustmentList(ctx, dir);
await useBundledReadThread(dir);
const name = path.basename(file);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
function summary(profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] }, top = 30): string[] {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    total += t;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(src-main|node_modules)\//, '$1/')}`;
    byName.set(key, (byName.get(key) ?? 0) + t);
  }
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
}

type Check = typeof importAdjustments;
const other: Check | null = values.other
  ? ((await import(path.join(values.other, 'src-main/adjustments/adjustments.ts'))) as { importAdjustments: Check })
      .importAdjustments
  : null;
if (values.other) await useBundledReadThread(dir, values.other);
const work: [string, () => Promise<unknown>][] = [
  ['read', () => readSource(bytes, name)],
  ['check', () => importAdjustments(ctx.store, bytes, name, 2026, { phases, dryRun: values.dry })],
  ...(other
    ? [['other', () => other(ctx.store, bytes, name, 2026, { dryRun: values.dry })] as [string, () => Promise<unknown>]]
    : []),
];
const phases: AdjustmentPhases = { read: 0, check: 0, store: 0 };
const phaseTimes: AdjustmentPhases[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = new Map(work.map(([k]) => [k, { wall: [] as number[], cpu: [] as number[] }]));
console.log(
  `${n} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MB; load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
for (let i = 0; i < (values.profile ? 1 : Number(values.runs)); i++) {
  for (const [k, fn] of work) {
    const t = performance.now();
    const c = process.cpuUsage();
    await fn();
    const u = process.cpuUsage(c);
    times.get(k)!.wall.push(performance.now() - t);
    times.get(k)!.cpu.push((u.user + u.system) / 1000);
    if (k === 'check') phaseTimes.push({ ...phases });
    // The WAL folded after the answer (Store.txWaiting), before the next work is timed.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
const read = times.get('read')!;
for (const [k, { wall, cpu }] of times) {
  console.log(
    `${k.padEnd(6)} wall ${median(wall).toFixed(0).padStart(6)} ms (${(median(wall) / median(read.wall)).toFixed(2)}x)   cpu ${median(cpu).toFixed(0).padStart(6)} ms (${(median(cpu) / median(read.cpu)).toFixed(2)}x)   walls ${wall.map((x) => x.toFixed(0)).join(' ')}`,
  );
}
console.log(
  `phases of check: ${(['read', 'check', 'store'] as const).map((p) => `${p} ${median(phaseTimes.map((x) => x[p])).toFixed(0)}`).join('   ')} ms`,
);
console.log(
  `load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);

if (values.profile) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  for (const [k, fn] of work) {
    await session.post('Profiler.start');
    for (let i = 0; i < Number(values.runs); i++) await fn();
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(path.join(os.tmpdir(), `adj-${k}.cpuprofile`), JSON.stringify(profile));
    console.log(`${k}:`);
    for (const line of summary(profile as never)) console.log(line);
  }
}
ctx.close();
fs.rmSync(dir, { recursive: true, force: true });
