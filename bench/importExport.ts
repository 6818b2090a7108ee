// The import and export figures of `npm run bench`:
// - a generated 50,000-row roster imported end to end (the wizard's open and preview, then the
//   commit, all in the wizard's worker), next to ExcelJS's streaming reader alone reading the same file; the
//   peak RSS of the process; the longest main-thread event-loop delay while it runs;
// - 100,000 people exported, next to ExcelJS's streaming writer writing the same cells.
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { ListQuery } from '../src-main/api/contract';
import { AppContext } from '../src-main/app/context';
import { makeDemoPeople } from '../src-main/demo/generate';
import { ALL_EXPORT_COLUMNS, EXPORT_COLUMNS, cellValue, exportRoster, startRosterSheet } from '../src-main/exporter/roster';
import { saveOfficeSettings } from '../src-main/settings/settings';

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

export async function benchImport(dir: string, rows = 50_000): Promise<string[]> {
  const file = path.join(dir, 'roster-50k.xlsx');
  await writeRoster(file, rows);
  let t = performance.now();
  await streamRead(file);
  const baseline = performance.now() - t;

  const ctx = await AppContext.start({ dbPath: path.join(dir, 'import.sqlite'), noAutomaticBackup: true });
  saveOfficeSettings(ctx.store, { orgName: '基准测试', operatorName: '基准测试' });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const openDelay = monitorEventLoopDelay({ resolution: 5 });
  const commitDelay = monitorEventLoopDelay({ resolution: 5 });

  t = performance.now();
  openDelay.enable();
  const preview = await ctx.imports.open('roster-50k.xlsx', fs.readFileSync(file));
  // One more turn of the loop, so that a block just before this point is recorded too.
  await new Promise((resolve) => setTimeout(resolve, 20));
  openDelay.disable();
  const opened = performance.now() - t;
  commitDelay.enable();
  const job = await ctx.imports.commit(preview.session, {});
  const done = await ctx.jobs.settled(job.id);
  await new Promise((resolve) => setTimeout(resolve, 20));
  commitDelay.disable();
  const total = performance.now() - t;
  clearInterval(sampler);
  if (done?.state !== 'done') throw new Error(`import ${done?.state}: ${done?.error?.message}`);
  ctx.close();
  const ms = (h: ReturnType<typeof monitorEventLoopDelay>) => `${(h.max / 1e6).toFixed(0)} ms`;
  return [
    `import of ${rows.toLocaleString('en')} rows (.xlsx), end to end: ${seconds(total)}  (wizard open + preview ${seconds(opened)}, commit in the worker ${seconds(total - opened)})`,
    `  ExcelJS streaming reader alone:        ${seconds(baseline)}   ratio ${(total / baseline).toFixed(1)}x   target <= 1.5x: ${total / baseline <= 1.5 ? 'met' : 'MISSED'}`,
    `  peak RSS:                              ${(peak / 1024 / 1024).toFixed(0)} MB   target < 500 MB: ${peak < 500 * 1024 * 1024 ? 'met' : 'MISSED'}`,
    `  longest main-thread event-loop delay:  while committing ${ms(commitDelay)} (target < 50 ms: ${commitDelay.max / 1e6 < 50 ? 'met' : 'MISSED'}); while the wizard reads and previews the file ${ms(openDelay)}`,
  ];
}

export async function benchExport(ctx: AppContext, dir: string): Promise<string[]> {
  const file = path.join(dir, 'export.xlsx');
  let t = performance.now();
  const n = await exportRoster(ctx.store, file, ListQuery.parse({}));
  const ours = performance.now() - t;

  // The same cells (values and formats), already in memory, through ExcelJS's streaming writer.
  const cols = ALL_EXPORT_COLUMNS.map((k) => EXPORT_COLUMNS[k]);
  const rows = ctx.store.raw.prepare('SELECT * FROM persons ORDER BY name_sort, id').all() as Parameters<(typeof cols)[number]['value']>[0][];
  const cells = rows.map((r) => cols.map((c) => cellValue(c.kind, c.value(r))));
  t = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'baseline.xlsx'), useStyles: true, useSharedStrings: false });
  const ws = startRosterSheet(wb, cols, '花名册');
  for (const r of cells) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  const baseline = performance.now() - t;
  return [
    `export of ${n.toLocaleString('en')} people to .xlsx: ${seconds(ours)}`,
    `  ExcelJS streaming writer, same cells and formats:  ${seconds(baseline)}   ratio ${(ours / baseline).toFixed(2)}x   target <= 1.3x: ${ours / baseline <= 1.3 ? 'met' : 'MISSED'}`,
  ];
}
