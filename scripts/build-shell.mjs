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
};

await build({ ...common, entryPoints: ['src-main/shell/main.ts'], outfile: 'out/main.cjs' });
await build({ ...common, entryPoints: ['src-main/shell/preload.ts'], outfile: 'out/preload.cjs' });
