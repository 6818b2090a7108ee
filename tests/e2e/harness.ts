// Starts the browser harness (`npm run web` without its build step, which `npm test` has done)
// as a child process on a temporary database, and reads the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { entryCommand } from '../bundles';

export interface Harness {
  url: string;
  origin: string;
  dbPath: string;
  dir: string;
  stop(): Promise<void>;
}

/** The harness on a new database in a temporary folder, or on `dbPath` (a restart of an office). */
export async function startHarness(extraArgs: string[] = [], dbPath?: string): Promise<Harness> {
  const dir = dbPath ? path.dirname(dbPath) : fs.mkdtempSync(path.join(os.tmpdir(), 'retiree-e2e-'));
  dbPath ??= path.join(dir, 'office.sqlite');
  const child: ChildProcess = spawn(...entryCommand('web', ['--db', dbPath, ...extraArgs]), {
    cwd: path.resolve(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`harness exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dbPath,
    dir,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
