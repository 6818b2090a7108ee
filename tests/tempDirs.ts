// Temporary folders for a test file's databases and files, removed once the file's tests have run
// (tests/cleanup.ts, a setup file of every project): a day of runs once left thousands in /tmp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retiree-test-'));
  made.push(dir);
  return dir;
}

/** Removes the folders made so far (after a file's last test and its own afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
