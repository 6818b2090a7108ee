// Bundles the Electron main process and the preload into out/ (CommonJS: a sandboxed preload
// must be one CommonJS file). electron and better-sqlite3 stay external.
import { build } from 'esbuild';

// bench/appBundle.ts bundles the processes the bench measures with the same options.
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
  sourcemap: true,
  logLevel: 'warning',
  // app/context.ts finds the TypeScript child entries through import.meta.url only when no
  // launcher is given; the shell gives its own, naming the bundles below, so the empty
  // import.meta of CommonJS is fine.
  logOverride: { 'empty-import-meta': 'silent' },
};

await build({ ...common, entryPoints: ['src-main/shell/main.ts'], outfile: 'out/main.cjs' });
await build({ ...common, entryPoints: ['src-main/shell/preload.ts'], outfile: 'out/preload.cjs' });
// Files from outside are read in a utility process, its own bundle (src-main/shell/processes.ts).
await build({ ...common, entryPoints: ['src-main/app/importProcess.ts'], outfile: 'out/import-session.cjs' });
// …and a list read a chunk of rows at a time on a thread of its own there (src-main/spreadsheet/stream.ts).
await build({ ...common, entryPoints: ['src-main/app/readThread.ts'], outfile: 'out/read-thread.cjs' });
