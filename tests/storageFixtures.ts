// Storage in trouble, made for a test: a damaged database, a read-only folder or file, a full disk.
//
// Tests run as root here, and root ignores chmod. So a read-only folder is a read-only mount (a
// tmpfs remounted ro, or a read-only bind mount of one file) and a full disk is a tiny tmpfs. Where
// mounting is not permitted (an unprivileged container), a test that needs it is skipped with the
// reason, unless plain chmod does the job because the tests do not run as root.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppContext } from '../src-main/app/context';
import { createPerson } from '../src-main/retirees/persons';
import { person, tempDir, TEST_PASSWORD } from './helpers';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function tryMount(args: string[]): string | null {
  try {
    execFileSync('mount', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return null;
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (e instanceof Error ? e.message : String(e));
  }
}

let mountChecked: string | null | undefined;

/** Null when this process may mount a tmpfs, else why not (the reason a test is skipped). */
export function whyNoMount(): string | null {
  if (mountChecked !== undefined) return mountChecked;
  if (process.platform !== 'linux') return (mountChecked = 'mount is only used on Linux');
  const probe = tempDir();
  const problem = tryMount(['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
  if (problem === null) execFileSync('umount', [probe]);
  mountChecked = problem === null ? null : `cannot mount a tmpfs here (${problem})`;
  return mountChecked;
}

const mounted: string[] = [];

/** A tmpfs of `sizeKb` at `dir` (created); undone by `unmountAll`. */
export function mountTmpfs(dir: string, sizeKb: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const problem = tryMount(['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
  if (problem) throw new Error(`mount tmpfs at ${dir}: ${problem}`);
  mounted.push(dir);
}

export function remount(dir: string, mode: 'ro' | 'rw'): void {
  const problem = tryMount(['-o', `remount,${mode}`, dir]);
  if (problem) throw new Error(`remount ${mode} ${dir}: ${problem}`);
}

/** Binds `file` over itself read-only: the file cannot be written, its folder still can. */
export function bindReadOnly(file: string): void {
  const problem = tryMount(['--bind', file, file]) ?? tryMount(['-o', 'remount,bind,ro', file]);
  if (problem) throw new Error(`read-only bind of ${file}: ${problem}`);
  mounted.push(file);
}

export function unmountAll(): void {
  for (const dir of mounted.splice(0).reverse()) {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    }
  }
}

/**
 * How this run makes a folder read-only: a mount as root, chmod otherwise. Null with the reason when
 * neither works.
 */
export function readOnlyFolderMethod(): { method: 'mount' | 'chmod' } | { skip: string } {
  if (!isRoot) return { method: 'chmod' };
  const why = whyNoMount();
  return why === null ? { method: 'mount' } : { skip: `running as root, which ignores chmod, and ${why}` };
}

/** Fills the file system holding `dir` until fewer than `leaveBytes` are free. */
export function fillDisk(dir: string, leaveBytes = 0): void {
  const filler = path.join(dir, 'filler.bin');
  const { bavail, bsize } = fs.statfsSync(dir);
  const free = Number(bavail) * Number(bsize);
  const fd = fs.openSync(filler, 'w');
  try {
    const chunk = Buffer.alloc(64 * 1024, 1);
    let left = Math.max(0, free - leaveBytes);
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      try {
        fs.writeSync(fd, chunk, 0, n);
      } catch {
        break; // ENOSPC: full
      }
      left -= n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** A database of two people, with a verified backup taken when it had one; then damaged. */
export async function damagedWithBackup(dbPath = path.join(tempDir(), 'office.sqlite')): Promise<string> {
  const ctx = await AppContext.start({ dbPath });
  await ctx.setup({ orgName: '单位', operatorName: '王干事', password: TEST_PASSWORD });
  createPerson(ctx.store, person(), { acceptWarnings: false });
  await ctx.backupNow();
  createPerson(ctx.store, person({ name: '李秀英' }), { acceptWarnings: false });
  ctx.close();
  damage(dbPath);
  return dbPath;
}

/** Overwrites the middle of the file: pages of the b-trees are lost. */
export function damage(dbPath: string): void {
  const fd = fs.openSync(dbPath, 'r+');
  const size = fs.fstatSync(fd).size;
  fs.writeSync(fd, Buffer.alloc(size - 8192, 0x5a), 0, size - 8192, 4096);
  fs.closeSync(fd);
}
