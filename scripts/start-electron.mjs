// `npm start`: the desktop app on a developer machine that can download Electron.
// 1. Electron's binary is downloaded here, not at `npm install` (which must work offline from
//    Electron's servers: CI never downloads it).
// 2. better-sqlite3 is built for Electron's ABI into .electron-native/, apart from the copy built
//    for Node in node_modules, so `npm test` still works afterwards.
// 3. The renderer and the shell are built, and Electron starts with the given arguments.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

run(process.execPath, [require.resolve('electron/install.js')]);
const electronVersion = require('electron/package.json').version;

const nativeDir = path.join(root, '.electron-native', `electron-${electronVersion}`, 'better-sqlite3');
const binding = path.join(nativeDir, 'build', 'Release', 'better_sqlite3.node');
if (!fs.existsSync(binding)) {
  fs.rmSync(nativeDir, { recursive: true, force: true });
  fs.cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), nativeDir, { recursive: true });
  fs.rmSync(path.join(nativeDir, 'build'), { recursive: true, force: true });
  run(
    process.execPath,
    [
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    nativeDir,
  );
}

run(process.execPath, [require.resolve('vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
run(process.execPath, [path.join(root, 'scripts', 'build-shell.mjs')]);

const child = spawn(require('electron'), [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, RETIREE_NATIVE_BINDING: binding },
});
child.on('exit', (code) => process.exit(code ?? 0));
