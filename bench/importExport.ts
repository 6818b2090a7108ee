// The import and export figures of `npm run bench`:
// - a generated 50,000-row roster, and one twice as long, imported end to end (the wizard's open,
//   preview and corrections, then the commit, in the import's child process), each next to ExcelJS's
//   streaming reader alone reading the same file and to the floor (the same rows as raw inserts);
//   the peak RSS of the app's process and of the child; the longest main-thread event-loop delay;
//   a correction in the preview;
// - 100,000 people exported, next to ExcelJS's streaming writer writing the same cells.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ListQuery } from '../src-main/contract/retirees';
import { AppContext } from '../src-main/app/context';
import { makeDemoPeople } from '../src-main/demo/generate';
import { IMPORT_CACHE_MB } from '../src-main/importer/service';
import { ALL_EXPORT_COLUMNS, EXPORT_COLUMNS, exportRoster } from '../src-main/exporter/roster';
import { columnCell, startTableSheet } from '../src-main/documents/tableWorkbook';
import { APP_BUNDLE } from './appBundle';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function writeRoster(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('花名册');
  ws.addRow([
    '序号',
    '姓名',
    '性别',
    '出生日期',
    '身份证号',
    '人员类别',
    '退休时间',
    '原单位',
    '联系电话',
    '家庭住址',
    '政治面貌',
  ]).commit();
  makeDemoPeople(rows, 31).forEach((p, i) => {
    ws.addRow([
      i + 1,
      p.name,
      p.gender,
      new Date(`${p.birthDate}T00:00:00Z`),
      p.idNumber,
      p.category,
      p.retirementDate,
      p.formerUnit,
      p.phones[0]?.number,
      p.address,
      p.politicalStatus,
    ]).commit();
  });
  ws.commit();
  await wb.commit();
}

/** ExcelJS's streaming reader alone: every cell's value of every row. */
export async function streamRead(file: string): Promise<number> {
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      row.eachCell(() => cells++);
    }
  }
  return cells;
}

/** A script of this folder run in a Node process of its own; the last line it prints, as JSON. */
function runAlone<T>(command: string[]): T {
  const child = spawnSync(process.execPath, command, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${command.join(' ')} failed (${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as T;
}

const root = path.resolve(import.meta.dirname, '..');

/**
 * The app's side of the import (bench/importProcess.ts) and the import's child, each bundled as
 * the app ships its processes (scripts/build-shell.mjs: esbuild, CommonJS, better-sqlite3 left
 * out), so that their memory is the product's and not that of tsx compiling TypeScript as it runs.
 */
async function bundles(): Promise<{ app: string; child: string }> {
  const { build } = await import('esbuild');
  // Inside the project (.tmp/ is not kept), so that they find its node_modules as the app finds its own.
  const dir = path.join(root, '.tmp', 'bench-import');
  const common: import('esbuild').BuildOptions = { ...APP_BUNDLE, external: [...APP_BUNDLE.external, 'esbuild'] };
  const app = path.join(dir, 'import-app.mjs');
  const child = path.join(dir, 'import-session.cjs');
  // The app's side awaits at its top level: an ES module, with require for the CommonJS it bundles.
  await build({
    ...common,
    format: 'esm',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    entryPoints: [path.join(root, 'bench/importProcess.ts')],
    outfile: app,
  });
  await build({ ...common, entryPoints: [path.join(root, 'src-main/app/importProcess.ts')], outfile: child });
  return { app, child };
}

/** One size: the roster written, ExcelJS's streaming read of it, the import, the floor. */
async function measureImport(dir: string, rows: number) {
  const file = path.join(dir, `roster-${rows}.xlsx`);
  await writeRoster(file, rows);
  const t = performance.now();
  await streamRead(file);
  const baseline = performance.now() - t;
  // The import as the app runs it (the wizard's open, preview and corrections, then the commit,
  // in the import's child process), measured in a process of its own, so that the memory is the
  // import's and not that of the bench generating the file or reading it with ExcelJS.
  const built = await bundles();
  const ours = runAlone<ImportFigures>([
    built.app,
    file,
    path.join(dir, `import-${rows}.sqlite`),
    built.child,
    path.join(import.meta.dirname, 'childBoot.mjs'),
  ]);
  const floor = runAlone<FloorFigures>([
    '--import',
    'tsx',
    path.join(import.meta.dirname, 'importFloor.ts'),
    file,
    path.join(dir, `floor-${rows}.sqlite`),
    String(IMPORT_CACHE_MB),
  ]);
  return { file, baseline, ours, floor: floor.ms, floorParts: floor };
}

/**
 * The import figures of issue 14, each next to what it is measured against in the same run:
 * `rows` and twice as many, end to end against ExcelJS's streaming reader alone reading the same
 * file; the floor (bench/importFloor.ts); the memory of the app's process and of the import's
 * child; the main thread's longest event-loop delay; a correction in the preview.
 */
export async function benchImport(dir: string, rows = 50_000): Promise<string[]> {
  const one = await measureImport(dir, rows);
  const two = await measureImport(dir, rows * 2);
  const r = one.ours;
  const n = (x: number) => x.toLocaleString('en');
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const sumOfPeaks = r.appPeakMb + r.childPeakMb;
  const worstCorrection = Math.max(...r.correctionsMs);
  const scale = two.ours.totalMs / r.totalMs;
  const size = (s: typeof one) => [
    `import of ${n(s.ours.inserted)} rows (.xlsx), end to end: ${seconds(s.ours.totalMs)}  (wizard open + preview ${seconds(s.ours.openMs)}, commit in the child process ${seconds(s.ours.commitMs)})`,
    `  ExcelJS streaming reader alone:           ${seconds(s.baseline)}   ours/ExcelJS ${x(s.ours.totalMs, s.baseline)}   target <= 3x: ${verdict(s.ours.totalMs <= 3 * s.baseline)}`,
    `  floor (raw prepared inserts, one tx):     ${seconds(s.floor)}   commit/floor ${x(s.ours.commitMs, s.floor)}   end to end/floor ${x(s.ours.totalMs, s.floor)}   floor/ExcelJS ${x(s.floor, s.baseline)}`,
    `    of which: persons ${seconds(s.floorParts.persons)}, their indexes built after ${seconds(s.floorParts.indexes)}, search index ${seconds(s.floorParts.search)}, one log row each ${seconds(s.floorParts.log)}, commit ${seconds(s.floorParts.commit)}`,
    `    the floor and reading the file with ExcelJS (nothing is written that was not read): ${seconds(s.floor + s.baseline)} = ${x(s.floor + s.baseline, s.baseline)} ExcelJS`,
  ];
  return [
    ...size(one),
    `  peak RSS: app process ${r.appPeakMb.toFixed(0)} MB + import child ${r.childPeakMb.toFixed(0)} MB = ${sumOfPeaks.toFixed(0)} MB (sum of the two peaks; sampled together at most ${r.sampledTogetherPeakMb.toFixed(0)} MB, until the preview ${r.openTogetherPeakMb.toFixed(0)} MB)   target < 400 MB (the sum: the user's machine): ${verdict(sumOfPeaks < 400)}`,
    `  longest main-thread event-loop delay:     while committing ${r.commitDelayMs.toFixed(0)} ms, while the wizard reads and previews the file ${r.openDelayMs.toFixed(0)} ms   target < 50 ms: ${verdict(Math.max(r.commitDelayMs, r.openDelayMs) < 50)}`,
    `  a correction in the preview (${r.correctionsMs.length} cells):      slowest ${worstCorrection.toFixed(1)} ms, median ${[...r.correctionsMs].sort((a, b) => a - b)[Math.floor(r.correctionsMs.length / 2)].toFixed(1)} ms   target <= 50 ms: ${verdict(worstCorrection <= 50)}`,
    ...size(two),
    `  ${n(two.ours.inserted)} rows / ${n(r.inserted)} rows, end to end: ${scale.toFixed(2)}x   (ExcelJS ${x(two.baseline, one.baseline)}, floor ${x(two.floor, one.floor)})   target <= 2.2x: ${verdict(scale <= 2.2)}`,
  ];
}

/** The floor (bench/importFloor.ts): its time, and the time of each kind of write in it. */
interface FloorFigures {
  ms: number;
  rows: number;
  persons: number;
  indexes: number;
  search: number;
  log: number;
  commit: number;
}

export interface ImportFigures {
  totalMs: number;
  openMs: number;
  commitMs: number;
  /** Each correction in the preview, in the order made. */
  correctionsMs: number[];
  correctionMs: number;
  appPeakMb: number;
  childPeakMb: number;
  /** The two processes' resident memory added up at the same moment, the highest sample. */
  sampledTogetherPeakMb: number;
  /** The same, until the preview is shown. */
  openTogetherPeakMb: number;
  openDelayMs: number;
  commitDelayMs: number;
  inserted: number;
}

/**
 * Our export next to ExcelJS's streaming writer writing the same cells from memory: three runs of
 * each, taken in turns so that the shared machine's slow spells fall on both, and the medians.
 */
export async function benchExport(ctx: AppContext, dir: string, runs = 3): Promise<string[]> {
  const file = path.join(dir, 'export.xlsx');
  const cols = ALL_EXPORT_COLUMNS.map((k) => EXPORT_COLUMNS[k]);
  const rows = ctx.store.raw.prepare('SELECT * FROM persons ORDER BY name_sort, id').all() as Parameters<
    (typeof cols)[number]['value']
  >[0][];
  const cells = rows.map((r) => cols.map((c) => columnCell(c.kind, c.value(r))));
  const ours: number[] = [];
  const baseline: number[] = [];
  let n = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    n = await exportRoster(ctx.store, file, ListQuery.parse({}));
    ours.push(performance.now() - t);
    t = performance.now();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path.join(dir, 'baseline.xlsx'),
      useStyles: true,
      useSharedStrings: false,
    });
    const ws = startTableSheet(wb, { name: '花名册', title: '花名册', columns: cols });
    for (const r of cells) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    baseline.push(performance.now() - t);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratio = median(ours) / median(baseline);
  return [
    `export of ${n.toLocaleString('en')} people to .xlsx (median of ${runs}): ${seconds(median(ours))}`,
    `  ExcelJS streaming writer, same cells and formats:  ${seconds(median(baseline))}   ratio ${ratio.toFixed(2)}x   target <= 1.3x: ${ratio <= 1.3 ? 'met' : 'MISSED'}`,
  ];
}
