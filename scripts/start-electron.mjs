// `npm start`: the desktop app on a developer machine that can download Electron.
// 1. Electron's tooling (package.json's electronTooling) is installed into .electron-tooling/ the
//    first time (scripts/electron-tooling.mjs), never by `npm install`.
// 2. Electron's binary is downloaded here, not at install time (CI never downloads it).
// 3. better-sqlite3 is built for Electron's ABI into .electron-native/, apart from the copy built
//    for Node in node_modules, so `npm test` still works afterwards.
// 4. The renderer and the shell are built, and Electron starts with the given arguments.
// A step that fails says so in one line, with `npm run web` as the way to see the app without
// Electron (the CI machine and any machine that cannot reach Electron's servers).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  buildApp,
  ensureElectronTooling,
  fail,
  pinned,
  root,
  runQuiet,
  StepFailed,
  toolingDir,
  toolingRequire,
} from './electron-tooling.mjs';

const require = createRequire(import.meta.url);
const electronVersion = pinned.electron;

function downloadElectron() {
  console.log(`正在准备 Electron ${electronVersion} (downloading Electron ${electronVersion} unless it is cached) …`);
  // Electron's install.js prints the error's stack when the download fails; its message is kept.
  runQuiet(
    process.execPath,
    [path.join(toolingDir, 'node_modules', 'electron', 'install.js')],
    { stdio: ['ignore', 'inherit', 'pipe'] },
    (cause) =>
      new StepFailed(
        `未能下载 Electron ${electronVersion}`,
        `Electron ${electronVersion} could not be downloaded`,
        cause,
      ),
  );
}

/** better-sqlite3 built for Electron's ABI, apart from node_modules; the path of its binding. */
function nativeBindingForElectron() {
  const nativeDir = path.join(
    root,
    '.electron-native',
    `electron-${electronVersion}`,
    'better-sqlite3-multiple-ciphers',
  );
  const binding = path.join(nativeDir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;
  console.log(`正在为 Electron ${electronVersion} 编译 better-sqlite3 (building better-sqlite3 for Electron) …`);
  fs.rmSync(nativeDir, { recursive: true, force: true });
  fs.cpSync(path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')), nativeDir, {
    recursive: true,
  });
  fs.rmSync(path.join(nativeDir, 'build'), { recursive: true, force: true });
  const args = [
    toolingRequire.resolve('node-gyp/bin/node-gyp.js'),
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ];
  runQuiet(process.execPath, args, { cwd: nativeDir }, (cause) => {
    fs.rmSync(nativeDir, { recursive: true, force: true });
    return new StepFailed(
      `未能为 Electron ${electronVersion} 编译 better-sqlite3`,
      `better-sqlite3 could not be built for Electron ${electronVersion}`,
      cause,
    );
  });
  return binding;
}

try {
  ensureElectronTooling();
  downloadElectron();
  const binding = nativeBindingForElectron();
  buildApp(['--logLevel', 'warn']);
  // electron's index.js is the path of its binary, now downloaded.
  const electronBinary = toolingRequire('electron');
  const child = spawn(electronBinary, [root, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, RETIREE_NATIVE_BINDING: binding },
  });
  child.on('error', (e) => fail(new StepFailed('未能启动 Electron', 'Electron could not be started', e.message)));
  child.on('exit', (code) => process.exit(code ?? 0));
} catch (e) {
  fail(e);
}
