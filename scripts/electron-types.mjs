// Copies Electron's own type declarations, unchanged, into types/electron/ (checked in), so that
// the shell is type-checked against the pinned Electron without electron in the default install
// (its engines want Node 22; see scripts/electron-tooling.mjs). Run after changing
// package.json's electronTooling.electron; tests/install.test.ts fails until the two agree.
import fs from 'node:fs';
import path from 'node:path';
import { ensureElectronTooling, fail, pinned, root, toolingRequire } from './electron-tooling.mjs';

try {
  ensureElectronTooling();
  const from = path.dirname(toolingRequire.resolve('electron/package.json'));
  const to = path.join(root, 'types', 'electron');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['electron.d.ts', 'LICENSE']) fs.copyFileSync(path.join(from, file), path.join(to, file));
  console.log(`types/electron/electron.d.ts: Electron ${pinned.electron}`);
} catch (e) {
  fail(e, 'npm run electron-types', null);
}
