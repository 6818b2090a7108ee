// `npm run bench -- --only hostile`: the files of issue 13 that each took the app down, at full
// size, fed to the app (bench/hostileApp.ts: one app process, the router, the import's child
// process) and to the CLI (`cli import FILE --db …`, a process of its own and its import child).
// For each: the outcome (the message), the wall time, the peak memory of the process sent the
// file and of its import child (VmHWM from /proc, sampled every 10 ms), that the app process still
// answers, and that the database is as it was (a hash of every row of the tables an import
// touches). Target: every one refused in Chinese within 10 s and under 600 MB.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppContext } from '../src-main/app/context';
import { openRaw } from '../src-main/db/open';
import { seedDemo } from '../src-main/demo/generate';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { bombXlsx, commasCsv, hugeMergeXlsx, rowIndexXlsx, withDeclaredSize } from '../tests/hostileFiles';
import type { HostileOutcome } from './hostileApp';
import { peakResidentBytes } from './processMemory';

const root = path.resolve(import.meta.dirname, '..');
const MiB = 1024 * 1024;
const TARGET_MS = 10_000;
const TARGET_MB = 600;

interface HostileFile {
  name: string;
  what: string;
  bytes: number;
  /** What it inflates to, for the zip bombs. */
  inflates: number | null;
}

async function makeFiles(dir: string): Promise<HostileFile[]> {
  const files: HostileFile[] = [];
  const put = (name: string, what: string, bytes: Buffer, inflates: number | null = null) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    files.push({ name, what, bytes: bytes.length, inflates });
  };
  put('row-100000000.xlsx', '<row r="100000000">', await rowIndexXlsx());
  put('bomb-480MB.xlsx', 'zip bomb', await bombXlsx(480 * MiB), 480 * MiB);
  const big = await bombXlsx(3_900_000_000);
  put('bomb-3.9GB.xlsx', 'zip bomb', big, 3_900_000_000);
  // The same bomb declaring 190 MB, under the budget: it is inflated until it passes that.
  put(
    'bomb-3.9GB-says-190MB.xlsx',
    'zip bomb that lies',
    withDeclaredSize(big, 'xl/worksheets/sheet1.xml', 190 * MiB),
    3_900_000_000,
  );
  put('commas-50MB.csv', '50 MB of commas', commasCsv(50 * MiB));
  put('merge-A2-XFD1048576.xlsx', 'merge A2:XFD1048576', await hugeMergeXlsx());
  return files;
}

function databaseHash(dbPath: string): string {
  const raw = openRaw(dbPath, { readonly: true });
  try {
    const hash = createHash('sha256');
    for (const table of ['persons', 'imports', 'import_rows', 'import_mappings', 'audit_log']) {
      for (const row of raw.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate())
        hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    raw.close();
  }
}

/** A process's children (Linux: /proc/PID/task/PID/children). */
function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The CLI importing one file: its message, time, and the peaks of it and of its import child. */
async function cliRun(file: string, dbPath: string): Promise<HostileOutcome & { code: number | null }> {
  const before = databaseHash(dbPath);
  const t = performance.now();
  const cli = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', 'import', file, '--db', dbPath], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  cli.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  cli.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  let parentPeak = 0;
  const childPeaks = new Map<number, number>();
  const sample = () => {
    parentPeak = Math.max(parentPeak, peakResidentBytes(cli.pid!) ?? 0);
    for (const child of childrenOf(cli.pid!))
      childPeaks.set(child, Math.max(childPeaks.get(child) ?? 0, peakResidentBytes(child) ?? 0));
  };
  const sampler = setInterval(sample, 10);
  const code = await new Promise<number | null>((resolve) => cli.on('exit', (c) => resolve(c)));
  const ms = performance.now() - t;
  clearInterval(sampler);
  const message = (stderr.trim() || stdout.trim()).split('\n').at(-1) ?? '';
  return {
    file: path.basename(file),
    outcome: message,
    refused: code !== 0,
    code,
    ms,
    parentPeakMb: parentPeak / MiB,
    childPeakMb: Math.max(0, ...childPeaks.values()) / MiB,
    // A refusal is exit 1 with the message; a crash would be a signal or another code.
    alive: code === 1,
    unchanged: databaseHash(dbPath) === before,
  };
}

/** The app process, sent every file in turn; one line of figures per file. */
async function appRuns(
  dbPath: string,
  files: string[],
): Promise<{ results: HostileOutcome[]; exitCode: number | null }> {
  const app = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'hostileApp.ts'), dbPath, ...files],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  app.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  const exitCode = await new Promise<number | null>((resolve) => app.on('exit', (c) => resolve(c)));
  const results = out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as HostileOutcome);
  return { results, exitCode };
}

const size = (bytes: number) =>
  bytes >= 1e9
    ? `${(bytes / 1e9).toFixed(1)} GB`
    : bytes >= MiB
      ? `${(bytes / MiB).toFixed(1)} MB`
      : `${(bytes / 1024).toFixed(1)} kB`;
const pad = (s: string, n: number) =>
  s + ' '.repeat(Math.max(0, n - [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));

export async function benchHostile(dir: string): Promise<string[]> {
  const files = await makeFiles(dir);
  const seeded = path.join(dir, 'seeded.sqlite');
  const ctx = await AppContext.start({ dbPath: seeded, noAutomaticBackup: true });
  saveOfficeSettings(ctx.store, { orgName: '基准测试', operatorName: '基准测试' });
  seedDemo(ctx.store, 200, 3);
  ctx.close();

  const app = await appRuns(
    path.join(dir, 'app.sqlite'),
    files.map((f) => path.join(dir, f.name)),
  );
  const cli: (HostileOutcome & { code: number | null })[] = [];
  for (const f of files) {
    const dbPath = path.join(dir, `cli-${f.name}.sqlite`);
    fs.copyFileSync(seeded, dbPath);
    cli.push(await cliRun(path.join(dir, f.name), dbPath));
  }

  const lines = [
    'hostile files (issue 13): each sent to the app (router → import child process) and to the CLI (`cli import FILE --db …`)',
    `target: refused in Chinese within ${TARGET_MS / 1000} s, the process sent the file and its import child together under ${TARGET_MB} MB, the app process alive, the database unchanged`,
    '',
    `${pad('file', 30)}${pad('size', 10)}${pad('inflates', 10)}${pad('via', 5)}${pad('wall', 8)}${pad('peak: process + child', 24)}${pad('alive', 7)}${pad('db same', 9)}target  outcome`,
  ];
  const targetMet = (r: HostileOutcome) =>
    r.refused &&
    r.outcome.startsWith('这个文件无法读取') &&
    r.ms < TARGET_MS &&
    r.parentPeakMb + r.childPeakMb < TARGET_MB &&
    r.alive &&
    r.unchanged;
  let met = 0;
  for (const [i, f] of files.entries()) {
    for (const [via, r] of [
      ['app', app.results[i]],
      ['CLI', cli[i]],
    ] as const) {
      if (!r) {
        lines.push(
          `${pad(f.name, 30)}${pad(size(f.bytes), 10)}${pad(f.inflates ? size(f.inflates) : '', 10)}${pad(via, 5)}no result: the app process ended (exit ${app.exitCode})`,
        );
        continue;
      }
      const ok = targetMet(r);
      if (ok) met++;
      lines.push(
        `${pad(f.name, 30)}${pad(size(f.bytes), 10)}${pad(f.inflates ? size(f.inflates) : '', 10)}${pad(via, 5)}${pad(`${(r.ms / 1000).toFixed(2)} s`, 8)}` +
          `${pad(`${r.parentPeakMb.toFixed(0)} + ${r.childPeakMb.toFixed(0)} = ${(r.parentPeakMb + r.childPeakMb).toFixed(0)} MB`, 24)}${pad(via === 'CLI' ? `exit ${(r as { code: number | null }).code}` : r.alive ? 'yes' : 'NO', 7)}${pad(r.unchanged ? 'yes' : 'NO', 9)}${pad(ok ? 'met' : 'MISSED', 8)}${r.outcome}`,
      );
    }
  }
  lines.push(
    '',
    `${met} of ${files.length * 2} met the target; the app process ${app.exitCode === 0 ? 'ran to the end (exit 0)' : `ended with ${app.exitCode}`}`,
  );
  lines.push(
    `load average (1, 5, 15 min): ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${(await import('node:os')).cpus().length} cores`,
  );
  return lines;
}
