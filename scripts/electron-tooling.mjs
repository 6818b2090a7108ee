// Electron's tooling, installed on demand for `npm start` and `npm run dist`, never by `npm install`.
//
// Why: Electron 45 and its tooling (@electron/get, @electron/rebuild, node-abi) declare Node
// >= 22.12 in their engines, and the project runs on Node 20.19+; in the default install they made
// npm print EBADENGINE warnings to every newcomer, and nothing but these two scripts needs them
// (tests/install.test.ts keeps it so). Their exact versions live in one place, package.json's
// `electronTooling`; they are installed into .electron-tooling/ (its own package.json), apart from
// node_modules, so that `npm install` neither prunes them nor sees them.
//
// Every failure ends in one line saying what failed, in Chinese and in plain English, and that
// `npm run web` shows the same app in a browser: no stack trace (see `fail`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import semver from 'semver';

export const root = path.resolve(import.meta.dirname, '..');
const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** { electron, electron-builder, node-gyp } → exact versions, from package.json. */
export const pinned = rootPackage.electronTooling;

/** Where the tooling is installed; RETIREE_ELECTRON_TOOLING_DIR points elsewhere (the tests do). */
export const toolingDir = path.resolve(
  process.env.RETIREE_ELECTRON_TOOLING_DIR || path.join(root, '.electron-tooling'),
);

/** `require` as seen from the tooling folder: its electron, electron-builder and node-gyp. */
export const toolingRequire = createRequire(path.join(toolingDir, 'package.json'));

const WEB_HINT = '同一程序可用 npm run web 在浏览器中打开 (npm run web shows the same app in a browser)';

/** A step that failed: what, in both languages, and the cause in a few words. */
export class StepFailed extends Error {
  constructor(zh, en, cause) {
    super(`${zh} (${en}${cause ? `: ${cause}` : ''})`);
  }
}

/** One line on stderr, exit 1. Whatever was thrown, the user never sees a stack trace. */
export function fail(error, command = 'npm start', hint = WEB_HINT) {
  const what =
    error instanceof StepFailed
      ? error.message
      : `出错 (${command} failed: ${firstLine(error instanceof Error ? error.message : String(error))})`;
  process.stderr.write(`${command}：${what}${hint ? `。${hint}` : ''}\n`);
  process.exit(1);
}

function firstLine(text) {
  return String(text).trim().split('\n')[0]?.trim() ?? '';
}

/**
 * The cause, in a few words, out of what a failed command printed: the message of the error it
 * printed with its stack (`TypeError: fetch failed` → `fetch failed`), else npm's error code and
 * message, else its last line.
 */
export function causeOf(output) {
  const lines = String(output ?? '')
    .split('\n')
    .map((l) => l.replace(/^(?:npm error|npm ERR!|gyp ERR!)\s*/, '').trim())
    .filter((l) => l && !l.startsWith('at '));
  const thrown = lines.map((l) => /^(?:stack\s+)?(?:\w*Error|\w*Exception): (.+)$/.exec(l)?.[1]).find(Boolean);
  const npmCode = lines.map((l) => /^code (\S+)$/.exec(l)?.[1]).find(Boolean);
  const cause =
    thrown ??
    (npmCode
      ? `${npmCode}: ${lines[lines.findIndex((l) => l === `code ${npmCode}`) + 1] ?? ''}`
      : (lines.at(-1) ?? ''));
  return cause.length > 200 ? `${cause.slice(0, 199)}…` : cause;
}

/** Runs a step's command with its output kept back: on failure, a StepFailed with its cause. */
export function runQuiet(cmd, args, options, onFailure) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (r.error) throw onFailure(r.error.message);
  if (r.status !== 0) throw onFailure(causeOf(r.stderr.trim() ? r.stderr : r.stdout));
  return r;
}

/** Runs a step whose output the user should see (builds): on failure, the output stays above our line. */
export function runVisible(cmd, args, options, onFailure) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.error) throw onFailure(r.error.message);
  if (r.status !== 0) throw onFailure(`exit code ${r.status}`);
}

/** The renderer (vite) and the shell's bundles (scripts/build-shell.mjs), their output shown. */
export function buildApp(viteArgs = []) {
  const failed = (zh, en) => (cause) =>
    new StepFailed(`未能构建${zh}（见上方输出）`, `the ${en} could not be built, see above`, cause);
  // vite's package exports no bin/ path: its bin is found through its package.json.
  const vitePackage = createRequire(path.join(root, 'package.json')).resolve('vite/package.json');
  const vite = path.join(path.dirname(vitePackage), JSON.parse(fs.readFileSync(vitePackage, 'utf8')).bin.vite);
  runVisible(process.execPath, [vite, 'build', ...viteArgs], { cwd: root }, failed('界面', 'renderer'));
  runVisible(
    process.execPath,
    [path.join(root, 'scripts', 'build-shell.mjs')],
    { cwd: root },
    failed('主进程', 'shell'),
  );
}

/** npm itself: the one running this script when there is one, else npm from the PATH. */
function npm(args, options) {
  const cli = process.env.npm_execpath;
  return cli && /\.[cm]?js$/.test(cli)
    ? [process.execPath, [cli, ...args], options]
    : ['npm', args, { ...options, shell: process.platform === 'win32' }];
}

function installedVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(toolingDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Installs the pinned tooling into the tooling folder unless it is there already. */
export function ensureElectronTooling() {
  if (Object.entries(pinned).every(([name, version]) => installedVersion(name) === version)) return;
  const list = Object.entries(pinned)
    .map(([name, version]) => `${name}@${version}`)
    .join(', ');
  console.log(
    `正在安装 Electron 开发工具 (installing ${list} into ${path.relative(root, toolingDir) || toolingDir}) …`,
  );
  fs.mkdirSync(toolingDir, { recursive: true });
  fs.writeFileSync(
    path.join(toolingDir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'retiree-office-electron-tooling',
        private: true,
        description:
          "Written by scripts/electron-tooling.mjs from package.json's electronTooling; not part of the default install.",
        dependencies: pinned,
        // electron-builder's Windows installer maker picks its 7-Zip at install time.
        allowScripts: { 'electron-winstaller': true },
      },
      null,
      2,
    )}\n`,
  );
  // --loglevel=error: npm's warnings about these packages' engines are summed up below in one line.
  const [cmd, args, options] = npm(['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: toolingDir });
  runQuiet(
    cmd,
    args,
    options,
    (cause) => new StepFailed('Electron 开发工具未能从 npm 安装', "Electron's tooling could not be installed", cause),
  );
  noteEngines();
}

/** One line where the tooling's engines exclude this Node (Electron 45's want Node 22.12+). */
function noteEngines() {
  let lock;
  try {
    lock = JSON.parse(fs.readFileSync(path.join(toolingDir, 'package-lock.json'), 'utf8'));
  } catch {
    return;
  }
  const wanting = new Map();
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    const range = entry?.engines?.node;
    if (
      key &&
      typeof range === 'string' &&
      !semver.satisfies(process.versions.node, range, { includePrerelease: true })
    ) {
      wanting.set(key.slice(key.lastIndexOf('node_modules/') + 13), semver.validRange(range) ?? range);
    }
  }
  if (wanting.size === 0) return;
  const ranges = [...new Set(wanting.values())].join(', ');
  console.log(
    `注意：${[...wanting.keys()].join('、')} 声明需要 Node ${ranges}，当前为 ${process.version}；如 Electron 无法下载或运行，请换用较新的 Node ` +
      `(note: these packages declare Node ${ranges}; this is ${process.version})`,
  );
}
