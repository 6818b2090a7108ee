// One import, measured alone in this process and the import's child process: `importProcess.ts
// FILE DB` prints its figures as JSON (see benchImport in importExport.ts). The peak RSS is this
// process's and the child's together (each sampled; the child's own peak read before it ends).
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AppContext } from '../src-main/app/context';
import { saveOfficeSettings } from '../src-main/settings/settings';
import type { ImportFigures } from './importExport';
import { peakResidentBytes, residentBytes } from './processMemory';

const [file, dbPath] = process.argv.slice(2);
const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
saveOfficeSettings(ctx.store, { orgName: '基准测试', operatorName: '基准测试' });
let peak = process.memoryUsage().rss;
const both = () => {
  const child = ctx.imports.childPid;
  return process.memoryUsage().rss + ((child && residentBytes(child)) ?? 0);
};
const sampler = setInterval(() => (peak = Math.max(peak, both())), 50);
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
const openPeak = peak;
commitDelay.enable();
const job = await ctx.imports.commit(preview.session, {});
const done = await ctx.jobs.settled(job.id);
await turn();
commitDelay.disable();
const totalMs = performance.now() - t;
clearInterval(sampler);
// The child's own high-water mark may fall between two samples.
const child = ctx.imports.childPid;
if (child) peak = Math.max(peak, process.memoryUsage().rss + (peakResidentBytes(child) ?? 0));
if (done?.state !== 'done') throw new Error(`import ${done?.state}: ${done?.error?.message}`);
ctx.close();
const figures: ImportFigures = { totalMs, openMs, peakRssMb: peak / 1024 / 1024, openPeakRssMb: openPeak / 1024 / 1024, openDelayMs: openDelay.max / 1e6, commitDelayMs: commitDelay.max / 1e6 };
console.log(JSON.stringify(figures));
