// The esbuild options the app's processes are bundled with (scripts/build-shell.mjs: CommonJS, for
// Node 22's Electron, electron and better-sqlite3 left out), for the bench's bundles of them: so
// that what is measured is what ships, not tsx compiling TypeScript as it runs.
import type { BuildOptions } from 'esbuild';

export const APP_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
  logLevel: 'warning',
  // A bundle is given the places of the files it needs; the sources' import.meta.url is not used.
  logOverride: { 'empty-import-meta': 'silent' },
} satisfies BuildOptions;
