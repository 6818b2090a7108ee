// One import, measured alone in this process (the app's) and the import's child process:
// `importProcess.ts FILE DB` prints its figures as JSON (see benchImport in importExport.ts).
// Memory is sampled for each process and for the two together; each process's own high-water mark
// (VmHWM) is read at the end as well, since a peak may fall between two samples.
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { PreviewRow } from '../src-main/contract/imports';
import { AppContext } from '../src-main/app/context';
import { IMPORT_PROCESS } from '../src-main/app/context';
import { forkLauncher } from '../src-main/jobs/launcher';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { checkCharacter } from '../src-main/shared/idNumber';
import type { ImportFigures } from './importExport';
import { peakResidentBytes, residentBytes } from './processMemory';

const [file, dbPath, childBundle, childBoot] = process.argv.slice(2);
// The child from its bundle, started as the app starts it; else from TypeScript, as the tests do.
const launcher = childBundle ? forkLauncher({ [IMPORT_PROCESS]: childBundle }, childBoot) : undefined;
const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true, launcher });
saveOfficeSettings(ctx.store, { orgName: '基准测试', operatorName: '基准测试' });
const peak = { app: 0, child: 0, together: 0 };
const sample = () => {
  const app = process.memoryUsage().rss;
  const pid = ctx.imports.childPid;
  const child = (pid && residentBytes(pid)) ?? 0;
  peak.app = Math.max(peak.app, app);
  peak.child = Math.max(peak.child, child);
  peak.together = Math.max(peak.together, app + child);
};
const sampler = setInterval(sample, 25);
const openDelay = monitorEventLoopDelay({ resolution: 5 });
const commitDelay = monitorEventLoopDelay({ resolution: 5 });
// One more turn of the loop, so that a block just before a phase ends is recorded too.
const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

const t = performance.now();
openDelay.enable();
const preview = await ctx.imports.open(path.basename(file), fs.readFileSync(file));
await turn();
openDelay.disable();
const openMs = performance.now() - t;
const openPeak = { ...peak };

// Corrections in the preview, each as the wizard sends it: a phone number, a name, an ID number
// (which changes the key duplicates are found by), on rows spread over the file. Timed apart from
// the import's own time.
const sheet = preview.sheets.find((s) => s.header)!;
const col = (field: string) => sheet.header!.fields.indexOf(field);
const corrections: number[] = [];
const rows = ctx.imports;
let correctionMs = 0;
for (const [i, at] of [0.1, 0.5, 0.9].entries()) {
  const page = Math.max(1, Math.floor((at * sheet.dataRows) / 100));
  const { rows: shown } = await rows.rows(preview.session, sheet.name, 'all', page);
  const row: PreviewRow = shown.find((r) => r.outcome === 'inserted')!;
  const id = row.cells[col('idNumber')];
  const edits: [number, string][] = [
    [col('phone'), '13900001111'],
    [col('name'), `${row.cells[col('name')]}${'改'.repeat(i + 1)}`],
    // A new valid number for the same birth date and gender: the row's key changes.
    [col('idNumber'), `${id.slice(0, 14)}${String((Number(id.slice(14, 17)) + 500) % 1000).padStart(3, '0')}`],
  ];
  for (const [c, value] of edits) {
    const fixed = c === col('idNumber') ? value.slice(0, 17).padEnd(17, '0') : value;
    const text = c === col('idNumber') ? fixed + checkCharacter(fixed) : fixed;
    const s = performance.now();
    await ctx.imports.editCell(preview.session, sheet.name, row.row, c, text);
    corrections.push(performance.now() - s);
  }
  correctionMs += corrections.slice(-edits.length).reduce((a, b) => a + b, 0);
}

const c = performance.now();
commitDelay.enable();
const job = await ctx.imports.commit(preview.session, {});
const done = await ctx.jobs.settled(job.id);
await turn();
commitDelay.disable();
const commitMs = performance.now() - c;
clearInterval(sampler);
sample();
const pid = ctx.imports.childPid;
const appHwm = process.resourceUsage().maxRSS * 1024;
const childHwm = (pid && peakResidentBytes(pid)) ?? 0;
if (done?.state !== 'done') throw new Error(`import ${done?.state}: ${done?.error?.message}`);
ctx.close();
const mb = (b: number) => b / 1024 / 1024;
const figures: ImportFigures = {
  totalMs: openMs + commitMs,
  openMs,
  commitMs,
  correctionsMs: corrections,
  correctionMs,
  appPeakMb: mb(Math.max(peak.app, appHwm)),
  childPeakMb: mb(Math.max(peak.child, childHwm)),
  sampledTogetherPeakMb: mb(peak.together),
  openTogetherPeakMb: mb(openPeak.together),
  openDelayMs: openDelay.max / 1e6,
  commitDelayMs: commitDelay.max / 1e6,
  inserted: (done.result as { inserted: number }).inserted,
};
console.log(JSON.stringify(figures));
