// The import and export figures of `npm run bench`:
// - a generated 50,000-row roster imported end to end (the wizard's open and preview, then the
//   commit, all in the import's child process), next to ExcelJS's streaming reader alone reading the same
//   file; the peak RSS of the app's process and the child together; the longest main-thread
//   event-loop delay while it runs;
// - 100,000 people exported, next to ExcelJS's streaming writer writing the same cells.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ListQuery } from '../src-main/api/contract';
import { AppContext } from '../src-main/app/context';
import { makeDemoPeople } from '../src-main/demo/generate';
import { ALL_EXPORT_COLUMNS, EXPORT_COLUMNS, cellValue, exportRoster, startRosterSheet } from '../src-main/exporter/roster';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function writeRoster(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['序号', '姓名', '性别', '出生日期', '身份证号', '人员类别', '退休时间', '原单位', '联系电话', '家庭住址', '政治面貌']).commit();
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
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      row.eachCell(() => cells++);
    }
  }
  return cells;
}

/**
 * The import as the app runs it (the wizard's open and preview, then the commit, both in the
 * import's child process), measured in a process of its own (bench/importProcess.ts), so that the
 * peak RSS is the import's and not that of the bench generating the file or reading it with ExcelJS.
 */
export async function benchImport(dir: string, rows = 50_000): Promise<string[]> {
  const file = path.join(dir, 'roster-50k.xlsx');
  await writeRoster(file, rows);
  const t = performance.now();
  await streamRead(file);
  const baseline = performance.now() - t;

  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'importProcess.ts'), file, path.join(dir, 'import.sqlite')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`the import process failed (${child.status})`);
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as ImportFigures;
  return [
    `import of ${rows.toLocaleString('en')} rows (.xlsx), end to end: ${seconds(r.totalMs)}  (wizard open + preview ${seconds(r.openMs)}, commit in the child process ${seconds(r.totalMs - r.openMs)})`,
    `  ExcelJS streaming reader alone:        ${seconds(baseline)}   ratio ${(r.totalMs / baseline).toFixed(1)}x   target <= 1.5x: ${r.totalMs / baseline <= 1.5 ? 'met' : 'MISSED'}`,
    `  peak RSS (app process + child):        ${r.peakRssMb.toFixed(0)} MB   target < 500 MB: ${r.peakRssMb < 500 ? 'met' : 'MISSED'}  (until the preview is shown: ${r.openPeakRssMb.toFixed(0)} MB)`,
    `  longest main-thread event-loop delay:  while committing ${r.commitDelayMs.toFixed(0)} ms (target < 50 ms: ${r.commitDelayMs < 50 ? 'met' : 'MISSED'}); while the wizard reads and previews the file ${r.openDelayMs.toFixed(0)} ms`,
  ];
}

export interface ImportFigures {
  totalMs: number;
  openMs: number;
  peakRssMb: number;
  /** Until the preview is shown. */
  openPeakRssMb: number;
  openDelayMs: number;
  commitDelayMs: number;
}

/**
 * Our export next to ExcelJS's streaming writer writing the same cells from memory: three runs of
 * each, taken in turns so that the shared machine's slow spells fall on both, and the medians.
 */
export async function benchExport(ctx: AppContext, dir: string, runs = 3): Promise<string[]> {
  const file = path.join(dir, 'export.xlsx');
  const cols = ALL_EXPORT_COLUMNS.map((k) => EXPORT_COLUMNS[k]);
  const rows = ctx.store.raw.prepare('SELECT * FROM persons ORDER BY name_sort, id').all() as Parameters<(typeof cols)[number]['value']>[0][];
  const cells = rows.map((r) => cols.map((c) => cellValue(c.kind, c.value(r))));
  const ours: number[] = [];
  const baseline: number[] = [];
  let n = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    n = await exportRoster(ctx.store, file, ListQuery.parse({}));
    ours.push(performance.now() - t);
    t = performance.now();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'baseline.xlsx'), useStyles: true, useSharedStrings: false });
    const ws = startRosterSheet(wb, cols, '花名册');
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
