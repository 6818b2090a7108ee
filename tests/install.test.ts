// `npm install` on the Node the README names prints no warning the project expects: no package of
// the default install declares an `engines.node` that excludes it (npm's EBADENGINE), and every
// install script it runs is approved in `allowScripts` (npm's install-scripts notice). Electron's
// tooling, whose engines want Node 22, stays out of the default install: `npm start` and
// `npm run dist` install it on demand (scripts/electron-tooling.mjs).
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

interface LockEntry {
  version?: string;
  name?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
  hasInstallScript?: boolean;
  link?: boolean;
}

const pkg = readJson('package.json');
const lock = readJson('package-lock.json') as { lockfileVersion: number; packages: Record<string, LockEntry> };
const installed = Object.entries(lock.packages).filter(([key]) => key !== '');
const nameOf = (key: string, entry: LockEntry) =>
  entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Where npm puts an optional package only on the platforms it is for (@rolldown/binding-*). */
const presentHere = (key: string, entry: LockEntry) =>
  !entry.optional || fs.existsSync(path.join(root, key, 'package.json'));

describe('the default install', () => {
  test('package-lock.json agrees with package.json', () => {
    expect(lock.lockfileVersion).toBe(3);
    const top = lock.packages[''] as LockEntry & Record<string, unknown>;
    expect(top.dependencies).toEqual(pkg.dependencies);
    expect(top.devDependencies).toEqual(pkg.devDependencies);
    expect(top.engines).toEqual(pkg.engines);
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies } as Record<
      string,
      string
    >)) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
  });

  test('no package declares an engines.node that excludes this Node or the oldest Node the project supports', () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    const nodes = [process.versions.node, oldest];
    const excluding = installed
      .filter(([key, entry]) => presentHere(key, entry))
      .flatMap(([key, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        if (!range) return [];
        const refused = nodes.filter((v) => !semver.satisfies(v, range, { includePrerelease: true }));
        return refused.length
          ? [`${nameOf(key, entry)}@${entry.version} wants node ${range}, not ${refused.join(' or ')}`]
          : [];
      });
    expect(excluding).toEqual([]);
  });

  test('every install script it runs is approved in allowScripts', () => {
    const allowed = (pkg.allowScripts ?? {}) as Record<string, boolean>;
    const unapproved = installed
      .filter(([key, entry]) => entry.hasInstallScript && presentHere(key, entry))
      .map(([key, entry]) => `${nameOf(key, entry)}@${entry.version}`)
      .filter((spec) => allowed[spec] !== true && allowed[spec.slice(0, spec.lastIndexOf('@'))] !== true);
    expect(unapproved).toEqual([]);
  });

  test("holds none of Electron's tooling: its exact versions are kept for npm start and npm run dist", () => {
    const tooling = pkg.electronTooling as Record<string, string>;
    expect(Object.keys(tooling).sort()).toEqual(['electron', 'electron-builder', 'node-gyp']);
    for (const [name, version] of Object.entries(tooling)) {
      expect(semver.valid(version), `${name} is pinned to an exact version`).toBe(version);
      expect(
        pkg.dependencies[name] ?? pkg.devDependencies[name],
        `${name} is not in the default install`,
      ).toBeUndefined();
    }
    for (const name of ['electron', 'electron-builder', '@electron/get', '@electron/rebuild', 'app-builder-lib']) {
      expect(
        installed.some(([key, entry]) => nameOf(key, entry) === name),
        name,
      ).toBe(false);
    }
  });

  test('the checked-in Electron types are those of the pinned Electron', () => {
    // The shell is type-checked against Electron's own declarations (types/electron/electron.d.ts,
    // copied unchanged from the electron package by scripts/electron-types.mjs).
    const first = fs.readFileSync(path.join(root, 'types/electron/electron.d.ts'), 'utf8').split('\n', 1)[0];
    expect(first).toBe(`// Type definitions for Electron ${pkg.electronTooling.electron}`);
  });
});
