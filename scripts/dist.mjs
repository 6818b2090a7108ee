// `npm run dist`: the installers (electron-builder.yml). Like `npm start`, it installs Electron's
// tooling on demand (scripts/electron-tooling.mjs): the default install holds none of it. The
// Electron version comes from package.json's electronTooling, as electron-builder cannot find
// electron in node_modules. Extra arguments go to electron-builder (`npm run dist -- --linux deb`).
import {
  buildApp,
  ensureElectronTooling,
  fail,
  pinned,
  root,
  runVisible,
  StepFailed,
  toolingRequire,
} from './electron-tooling.mjs';

try {
  ensureElectronTooling();
  buildApp();
  runVisible(
    process.execPath,
    [
      toolingRequire.resolve('electron-builder/cli.js'),
      '--projectDir',
      root,
      '--config',
      'electron-builder.yml',
      `-c.electronVersion=${pinned.electron}`,
      ...process.argv.slice(2),
    ],
    { cwd: root },
    (cause) =>
      new StepFailed(
        'electron-builder 未能生成安装包（见上方输出）',
        'electron-builder could not make the packages, see above',
        cause,
      ),
  );
} catch (e) {
  fail(e, 'npm run dist');
}
