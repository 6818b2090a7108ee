// DESIGN: only src-main/shell imports 'electron'; the contract imports nothing from Node.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name) ? [rel] : [];
  });
}

const IMPORTS_ELECTRON = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]electron(?:\/[^'"]*)?['"]/;

describe('architecture', () => {
  test("no file outside src-main/shell imports 'electron'", () => {
    // scripts/start-electron.mjs is the developer's launcher, not app code: it asks the electron
    // package where the binary is.
    const files = ['src-main', 'src-renderer', 'migrations', 'tests'].flatMap(sources);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter(
      (f) =>
        !f.startsWith(path.join('src-main', 'shell') + path.sep) &&
        f !== path.join('tests', 'architecture.test.ts') &&
        IMPORTS_ELECTRON.test(fs.readFileSync(path.join(root, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  test('the check itself recognises every form of import', () => {
    for (const s of [
      "import { app } from 'electron';",
      'const e = require("electron")',
      "await import('electron')",
      "import 'electron/main';",
    ]) {
      expect(IMPORTS_ELECTRON.test(s)).toBe(true);
    }
    expect(IMPORTS_ELECTRON.test("import x from 'electron-builder'")).toBe(false);
  });

  test('the contract and the shared modules import nothing from Node', () => {
    for (const f of [...sources('src-main/contract'), ...sources('src-main/shared')]) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      expect(text, f).not.toMatch(/from ['"](node:|fs|path|better-sqlite3|kysely)/);
    }
  });

  test('the contract imports only zod, its own files and shared/', () => {
    // DESIGN "The shape": the renderer, the router and every domain import the contract, so the
    // contract imports none of them.
    const files = sources('src-main/contract');
    expect(files.length).toBeGreaterThan(5);
    const outside = files.flatMap((f) =>
      [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)]
        .map((m) => m[1])
        .filter((spec) => {
          if (spec === 'zod') return false;
          if (!spec.startsWith('.')) return true;
          const target = path.relative(
            path.join(root, 'src-main'),
            path.resolve(path.dirname(path.join(root, f)), spec),
          );
          return !(target.startsWith('contract' + path.sep) || target.startsWith('shared' + path.sep));
        })
        .map((spec) => `${f}: ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  test('migrations import nothing from the app', () => {
    for (const f of sources('migrations')) {
      expect(fs.readFileSync(path.join(root, f), 'utf8'), f).not.toMatch(/from ['"]\.\.\/src-/);
    }
  });
});
