// The app's side of the hostile bench (bench/hostile.ts): one app process (this one, an
// AppContext as the harness and Electron start it) that is sent each file as the window sends it
// (imports.open through the router: base64, the import service, its child process). For each
// file it prints one JSON line: the outcome, the wall time, this process's peak RSS during the
// call and the child's, whether this process still answers, and whether the database is as it
// was. The child is ended after each file, so that its peak is that file's alone.
//   node --import tsx bench/hostileApp.ts DB FILE…
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../src-main/router';
import { AppContext } from '../src-main/app/context';
import { seedDemo } from '../src-main/demo/generate';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { peakResidentBytes, residentBytes } from './processMemory';

export interface HostileOutcome {
  file: string;
  outcome: string;
  refused: boolean;
  ms: number;
  parentPeakMb: number;
  childPeakMb: number;
  alive: boolean;
  unchanged: boolean;
}

const [dbPath, ...files] = process.argv.slice(2);
const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
saveOfficeSettings(ctx.store, { orgName: '基准测试', operatorName: '基准测试' });
seedDemo(ctx.store, 200, 3);

/** Every row of the tables an import could touch, hashed. */
function databaseHash(): string {
  const hash = createHash('sha256');
  for (const table of ['persons', 'imports', 'import_rows', 'import_mappings', 'audit_log']) {
    for (const row of ctx.store.raw.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate())
      hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const mb = (bytes: number) => bytes / 1024 / 1024;

for (const file of files) {
  const before = databaseHash();
  // What the window sends: the file as base64 (read here, before the clock starts).
  const dataBase64 = fs.readFileSync(file).toString('base64');
  global.gc?.();
  let parentPeak = process.memoryUsage().rss;
  let childPeak = 0;
  const sample = () => {
    parentPeak = Math.max(parentPeak, process.memoryUsage().rss);
    const child = ctx.imports.childPid;
    if (child) childPeak = Math.max(childPeak, peakResidentBytes(child) ?? residentBytes(child) ?? 0);
  };
  const sampler = setInterval(sample, 10);
  const t = performance.now();
  const r = await dispatch(ctx, 'imports.open', { fileName: path.basename(file), dataBase64 }, () => {});
  const ms = performance.now() - t;
  sample();
  clearInterval(sampler);
  const alive = (await dispatch(ctx, 'retirees.list', {})).ok;
  const unchanged = databaseHash() === before;
  // A fresh child for the next file, so that its peak is that file's.
  ctx.imports.close();
  const result: HostileOutcome = {
    file: path.basename(file),
    outcome: r.ok ? `read: ${JSON.stringify((r.value as { counts?: unknown }).counts ?? null)}` : r.error.message,
    refused: !r.ok,
    ms,
    parentPeakMb: mb(parentPeak),
    childPeakMb: mb(childPeak),
    alive,
    unchanged,
  };
  console.log(JSON.stringify(result));
}
ctx.close();
