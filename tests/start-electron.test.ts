// `npm start` where Electron cannot be had (no network to its servers, as on the CI machine): one
// line saying what failed and that `npm run web` shows the same app, a non-zero exit, no stack.
// Nothing here reaches the network: Electron's tooling is a stand-in folder
// (RETIREE_ELECTRON_TOOLING_DIR) whose install.js fails as Electron's own does without its
// servers, or npm runs offline with an empty cache.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from './helpers';

const root = path.resolve(import.meta.dirname, '..');
const script = path.join(root, 'scripts', 'start-electron.mjs');
const pins = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).electronTooling as Record<
  string,
  string
>;

/** A tooling folder with the pinned packages "installed", and Electron's install.js as given. */
function standInTooling(installJs: string): string {
  const dir = tempDir();
  for (const [name, version] of Object.entries(pins)) {
    fs.mkdirSync(path.join(dir, 'node_modules', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  }
  fs.writeFileSync(path.join(dir, 'node_modules', 'electron', 'install.js'), installJs);
  return dir;
}

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

function expectOneLineWithoutStack(r: ReturnType<typeof start>): string {
  expect(r.status).not.toBe(0);
  expect(r.status).not.toBeNull();
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at /m);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('npm run web');
  expect(lines[0]).toMatch(/browser/);
  expect(lines[0]).toContain('浏览器');
  return lines[0];
}

describe('npm start without Electron', () => {
  test('a download that fails is one line naming Electron and npm run web, without the stack', () => {
    // What electron/install.js does when @electron/get cannot fetch: console.error(err.stack); exit 1.
    const tooling = standInTooling(
      "const e = new TypeError('fetch failed'); e.cause = new Error('connect ECONNREFUSED'); console.error(e.stack); process.exit(1);",
    );
    const line = expectOneLineWithoutStack(start({ RETIREE_ELECTRON_TOOLING_DIR: tooling }));
    expect(line).toContain(`Electron ${pins.electron} could not be downloaded`);
    expect(line).toContain('未能下载');
    expect(line).toContain('fetch failed');
    expect(line).not.toContain('TypeError');
  });

  test("Electron's tooling that cannot be installed from the registry is one line too", () => {
    const tooling = tempDir();
    const line = expectOneLineWithoutStack(
      start({
        RETIREE_ELECTRON_TOOLING_DIR: tooling,
        npm_config_offline: 'true',
        npm_config_cache: tempDir(),
        npm_config_update_notifier: 'false',
      }),
    );
    expect(line).toContain('could not be installed');
    expect(line).toContain('未能从 npm 安装');
    expect(line).toContain('ENOTCACHED');
    // Nothing of it landed in the default install.
    expect(fs.existsSync(path.join(root, 'node_modules', 'electron'))).toBe(false);
  });
});
