// Vitest's globalSetup: the CLI and the browser harness bundled once per run (esbuild, as
// scripts/build-shell.mjs bundles the app), so that a test that starts one of them as a process
// starts plain Node on one file instead of tsx transforming src-main again in every process: about
// 3 s of CPU a start under tsx, under 1 s bundled. Same sources, same entry files, a real process.
// The bundles are written under .tmp/ in the checkout (ignored by git, ESLint and Prettier), so that
// the packages left outside them (node_modules) resolve as they do for the sources.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled entries: `node <cli> retirees --db …` runs as `npm run --silent cli -- retirees --db …`. */
    bundles: { cli: string; web: string };
  }
}

const root = path.resolve(import.meta.dirname, '..');

/**
 * The command that starts `entry` as a process of its own, for spawn/execFile:
 * `entryCommand('cli', args)` runs as `npm run --silent cli -- …args` does, and
 * `entryCommand('web', args)` as the harness of `npm run web -- …args` (its build step aside).
 */
export function entryCommand(entry: 'cli' | 'web', args: string[]): [string, string[]] {
  return [process.execPath, [inject('bundles')[entry], ...args]];
}

/**
 * Each source file keeps its own import.meta.url: src-main finds files beside it that way (the
 * import child's entry, jobs/child-boot.mjs, dist-renderer), and in one bundle every module would
 * otherwise share the bundle's address.
 */
const sourceImportMetaUrl: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      };
    });
  },
};

export default async function bundleEntries(project: TestProject) {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const outdir = fs.mkdtempSync(path.join(root, '.tmp', 'test-bundles-'));
  const { build } = await import('esbuild');
  await build({
    entryPoints: { cli: 'src-main/cli/main.ts', web: 'src-main/web/main.ts' },
    absWorkingDir: root,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // node_modules stays where it is, loaded by Node as the sources load it (better-sqlite3 is native).
    packages: 'external',
    plugins: [sourceImportMetaUrl],
    // A real `require` in the bundle's scope, for the driver's files that src-main requires by name
    // (db/open.ts, db/integrity.ts): esbuild's stand-in for it in ES modules refuses a dynamic require.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  project.provide('bundles', { cli: path.join(outdir, 'cli.mjs'), web: path.join(outdir, 'web.mjs') });
  return () => fs.rmSync(outdir, { recursive: true, force: true });
}
