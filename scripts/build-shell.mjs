// Bundles the Electron main process and the preload into out/ (CommonJS: a sandboxed preload
// must be one CommonJS file). electron and better-sqlite3 stay external.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron', 'better-sqlite3'],
  sourcemap: true,
  logLevel: 'warning',
  // jobs.ts finds its TypeScript workers through import.meta.url only where the shell has not
  // named the bundled ones (useBundledWorkers), so the empty import.meta of CommonJS is fine.
  logOverride: { 'empty-import-meta': 'silent' },
};

await build({ ...common, entryPoints: ['src-main/shell/main.ts'], outfile: 'out/main.cjs' });
await build({ ...common, entryPoints: ['src-main/shell/preload.ts'], outfile: 'out/preload.cjs' });
// Long jobs run in worker threads; each is its own bundle (src-main/jobs/jobs.ts).
await build({ ...common, entryPoints: ['src-main/jobs/importSessionWorker.ts'], outfile: 'out/import-session-worker.cjs' });
