// DESIGN, the floors: spreadsheet/ reads files into bounded tables of cells and knows nothing of
// what they list; jobs/ runs long work in a child process and knows nothing of what it runs. The
// app registers the child's methods (app/importProcess.ts); the domains use the spreadsheet layer
// from below and jobs/ only through its client (jobs/worker.ts, jobs/jobs.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const src = path.resolve(import.meta.dirname, '../src-main');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [p] : [];
  });
}

/** Each relative import of src-main's files, as `from-folder/file → src-main-relative target`. */
function imports(): { from: string; to: string }[] {
  return files(src).flatMap((f) =>
    [
      ...fs
        .readFileSync(f, 'utf8')
        .matchAll(/(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g),
    ].map((m) => ({
      from: path.relative(src, f).split(path.sep).join('/'),
      to: path
        .relative(src, path.resolve(path.dirname(f), m[1] ?? m[2]))
        .split(path.sep)
        .join('/'),
    })),
  );
}

const folderOf = (p: string) => p.split('/')[0];

describe('the spreadsheet and jobs floors', () => {
  const all = imports();

  test('the check sees the imports it judges', () => {
    expect(all.some((i) => i.from === 'importer/analyze.ts' && i.to === 'spreadsheet/cells')).toBe(true);
    expect(all.some((i) => i.from === 'claims/ledger.ts' && i.to === 'spreadsheet/sources')).toBe(true);
    expect(all.some((i) => i.from === 'importer/service.ts' && i.to === 'jobs/worker')).toBe(true);
  });

  test('spreadsheet/ imports only itself, shared/ and the formula rule of documents/', () => {
    const out = all.filter(
      (i) =>
        folderOf(i.from) === 'spreadsheet' &&
        !['spreadsheet', 'shared'].includes(folderOf(i.to)) &&
        i.to !== 'documents/formulas',
    );
    expect(out).toEqual([]);
  });

  test('jobs/ imports no domain: only itself, shared/ and the contract', () => {
    const out = all.filter(
      (i) => folderOf(i.from) === 'jobs' && !['jobs', 'shared', 'contract'].includes(folderOf(i.to)),
    );
    expect(out).toEqual([]);
  });

  test('below the app, jobs/ is used only through its client', () => {
    const above = new Set(['app', 'shell', 'web', 'cli', 'jobs']);
    const out = all.filter(
      (i) => !above.has(folderOf(i.from)) && folderOf(i.to) === 'jobs' && !['jobs/worker', 'jobs/jobs'].includes(i.to),
    );
    expect(out).toEqual([]);
  });
});
