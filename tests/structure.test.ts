// The rules that keep the floors (.dependency-cruiser.cjs, run over the real tree by `npm run lint` in
// `npm test`) must catch what they are for: a back-arrow, a folder loop, the renderer reaching past the
// contract, a migration importing app code. Proved on a small tree made here, so the rules cannot pass
// by matching nothing.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import { afterEach, describe, expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs') as { forbidden: unknown[] };

let dir = '';
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function tree(files: Record<string, string>): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floors-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function violations(files: Record<string, string>): Promise<string[]> {
  const baseDir = tree(files);
  const result = await cruise(
    ['src-main', 'src-renderer', 'migrations'].filter((d) => fs.existsSync(path.join(baseDir, d))),
    {
      validate: true,
      ruleSet: { forbidden: config.forbidden } as never,
      baseDir,
      tsPreCompilationDeps: true,
    },
  );
  const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

const floors = {
  'src-main/shared/ids.ts': 'export const x = 1;\n',
  'src-main/db/open.ts': "import { x } from '../shared/ids';\nexport const db = x;\n",
  'src-main/contract/retirees.ts': "import { x } from '../shared/ids';\nexport type Person = { id: typeof x };\n",
  'src-main/retirees/persons.ts':
    "import { db } from '../db/open';\nimport type { Person } from '../contract/retirees';\nexport const p: Person | number = db;\n",
  'src-main/router.ts': "import { p } from './retirees/persons';\nexport const r = p;\n",
  'src-main/app/context.ts': "import { r } from '../router';\nexport const c = r;\n",
  'src-main/cli/main.ts':
    "import { c } from '../app/context';\nimport { db } from '../db/open';\nexport default [c, db];\n",
  'src-renderer/page.tsx':
    "import type { Person } from '../src-main/contract/retirees';\nexport const q: Person | null = null;\n",
  'migrations/0001-core.ts': 'export const up = 1;\n',
};

describe('the floors of the main process', () => {
  test('a tree whose imports all point down passes', async () => {
    expect(await violations(floors)).toEqual([]);
  });

  test('an import up a floor, a folder loop, the renderer past the contract and a migration importing app code each fail', async () => {
    const found = await violations({
      ...floors,
      'src-main/db/open.ts':
        "import { x } from '../shared/ids';\nimport { p } from '../retirees/persons';\nexport const db = x;\nexport const q = p;\n",
      'src-main/retirees/persons.ts':
        "import { db } from '../db/open';\nimport { r } from '../router';\nexport const p = [db, r];\n",
      'src-main/org/units.ts': "import { v } from '../visits/visits';\nexport const u = v;\n",
      'src-main/visits/visits.ts': "import { w } from '../org/other';\nexport const v = w;\n",
      'src-main/org/other.ts': 'export const w = 2;\n',
      'src-renderer/page.tsx': "import { p } from '../src-main/retirees/persons';\nexport const q = p;\n",
      'migrations/0001-core.ts': "import { x } from '../src-main/shared/ids';\nexport const up = x;\n",
    });
    const rules = new Set(found.map((f) => f.split(':')[0]));
    expect([...rules].sort()).toEqual([
      'migrations-are-frozen-and-alone',
      'no-circular',
      'no-folder-loop',
      'no-import-up-from-db',
      'no-import-up-from-domains',
      'renderer-sees-only-the-contract',
    ]);
    expect(found).toContain('no-import-up-from-db: src-main/db/open.ts → src-main/retirees/persons.ts');
    expect(found).toContain('no-import-up-from-domains: src-main/retirees/persons.ts → src-main/router.ts');
    expect(found).toContain('renderer-sees-only-the-contract: src-renderer/page.tsx → src-main/retirees/persons.ts');
  });
});

// ESLint (typescript-eslint, React's rules of hooks) and Prettier run over the real tree in
// `npm run lint`; here, that their configuration catches what it is for, on text made in the test.
describe('the lint and the format that npm test runs', () => {
  const root = path.resolve(import.meta.dirname, '..');

  test('npm test runs the floors, ESLint and Prettier before the tests', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    // A script's commands, with `npm run x` and `node scripts/at-once.mjs x y` (x and y at once) opened up.
    const commands = (script: string): string[] =>
      script
        .split('&&')
        .map((s) => s.trim())
        .flatMap((step) => {
          const atOnce = /^node scripts\/at-once\.mjs (.+)$/.exec(step);
          if (atOnce) return atOnce[1].split(' ').flatMap((name) => commands(scripts[name]));
          const run = /^npm run (\S+)$/.exec(step);
          return run ? commands(scripts[run[1]]) : [step];
        });
    const steps = commands(scripts.test);
    const lint = commands(scripts.lint);
    expect(lint).toEqual([
      expect.stringMatching(/^depcruise src-main src-renderer migrations/),
      'eslint .',
      'prettier --check .',
    ]);
    // All of the lint, and the type check, before the tests start.
    const tests = steps.indexOf('vitest run');
    expect(tests).toBeGreaterThan(0);
    for (const c of [...lint, ...commands(scripts.typecheck)]) expect(steps.slice(0, tests)).toContain(c);
  });

  test('ESLint refuses a hook called conditionally in the renderer and an unused variable in the main process', async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: root });
    const [renderer] = await eslint.lintText(
      "import { useState } from 'react';\nexport function A({ on }: { on: boolean }) {\n  if (on) {\n    const [v] = useState(1);\n    return v;\n  }\n  return 0;\n}\n",
      { filePath: path.join(root, 'src-renderer/pages/Probe.tsx') },
    );
    expect(renderer.messages.map((m) => m.ruleId)).toContain('react-hooks/rules-of-hooks');
    const [main] = await eslint.lintText('export function f() {\n  const unused = 1;\n  return 2;\n}\n', {
      filePath: path.join(root, 'src-main/retirees/probe.ts'),
    });
    expect(main.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-unused-vars');
    expect(main.errorCount).toBeGreaterThan(0);
  });

  test('Prettier finds text not in its format, leaves the printed html templates and the frozen migrations alone', async () => {
    const prettier = await import('prettier');
    const file = path.join(root, 'src-main/retirees/probe.ts');
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    expect(await prettier.check("export const a = {b:1,c:'x'}\n", options)).toBe(false);
    expect(await prettier.check("export const a = { b: 1, c: 'x' };\n", options)).toBe(true);
    // The html and css tagged templates are what gets printed: Prettier must not re-indent them.
    const printed = 'export const row = html`<tr><td>${name}</td></tr>`;\n';
    expect(await prettier.format(printed, options)).toBe(printed);
    const migration = path.join(root, 'migrations/0001-core.ts');
    expect((await prettier.getFileInfo(migration, { ignorePath: path.join(root, '.prettierignore') })).ignored).toBe(
      true,
    );
  });
});
