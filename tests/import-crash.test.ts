// A crash during an import's transaction: the CLI imports a large roster (in its import child
// process, one transaction) and says on stderr, inside that transaction, how many rows it has
// written (`--progress`). Each run is killed with SIGKILL, the CLI and its child together, as
// soon as it reports a chosen share of the rows written: not at a guessed time, which once fell
// while the file was still being read (issue 13, item 11). Afterwards the database passes
// integrity_check and holds none of that import; a run left alone holds all of it (one
// transaction; WAL with synchronous=FULL). From about half the rows on, the transaction no longer
// fits the child's page cache and spills into the WAL, so the later kills leave uncommitted
// frames there, which must not count.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { AppContext } from '../src-main/app/context';
import { makeDemoPeople } from '../src-main/demo/generate';
import { openRaw } from '../src-main/db/open';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { tempDir, CLI_ENV } from './helpers';
import { entryCommand } from './bundles';

const root = path.resolve(import.meta.dirname, '..');
const PEOPLE = 12_000;
/** Where the kills fall: shares of the rows written, each reported by the import itself. */
const KILL_AT = [0.1, 0.3, 0.5, 0.65, 0.8];

/**
 * Each row carries a remark of a few lines, as rosters kept for years do: an import writes no audit
 * row of its own for each person (issue 14), so it is the rows' own weight that makes the
 * transaction outgrow the child's page cache.
 */
const REMARK =
  '2019年起由子女代为领取养老金，本人长期居住在外地，联系时请先拨打子女电话；资格认证每年由社区上门办理。'.repeat(3);

async function roster(file: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '身份证号', '出生日期', '联系电话', '住址', '备注']);
  for (const p of makeDemoPeople(PEOPLE, 9))
    ws.addRow([p.name, p.idNumber, p.birthDate, p.phones[0]?.number, p.address, REMARK]);
  await wb.xlsx.writeFile(file);
}

const walSize = (dbPath: string) => (fs.existsSync(`${dbPath}-wal`) ? fs.statSync(`${dbPath}-wal`).size : 0);

/** Whether any process of the group is left. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Run {
  code: number | null;
  /** Rows the import said it had written when it was killed (null: it was left alone). */
  killedAt: number | null;
  /** The WAL's size then, in bytes, and before the import began. */
  walAtKill: number;
  walBefore: number;
}

/** The CLI importing `file`, killed (with its child) once it reports `share` of the rows written. */
async function importRun(file: string, dbPath: string, share: number | null): Promise<Run> {
  const walBefore = walSize(dbPath);
  // Its own process group, so that one signal ends the CLI and its import child together.
  const cli = spawn(...entryCommand('cli', ['import', file, '--db', dbPath, '--progress', '--operator', '王干事']), {
    cwd: root,
    env: CLI_ENV,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const run: Run = { code: null, killedAt: null, walAtKill: 0, walBefore };
  let pending = '';
  cli.stderr.setEncoding('utf8');
  cli.stderr.on('data', (text: string) => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const m = /^已写入 (\d+)\/(\d+) 行$/.exec(line);
      if (!m || share === null || run.killedAt !== null) continue;
      const [done, total] = [Number(m[1]), Number(m[2])];
      if (done >= share * total) {
        run.walAtKill = walSize(dbPath);
        run.killedAt = done;
        process.kill(-cli.pid!, 'SIGKILL');
      }
    }
  });
  run.code = await new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
  // The import child is in the same group: wait until it is gone too (its locks with it).
  for (let i = 0; i < 200 && groupAlive(cli.pid!); i++) await new Promise((r) => setTimeout(r, 25));
  expect(groupAlive(cli.pid!)).toBe(false);
  return run;
}

function contents(dbPath: string) {
  const raw = openRaw(dbPath);
  try {
    return {
      integrity: raw.pragma('integrity_check', { simple: true }),
      persons: (raw.prepare('select count(*) as n from persons').get() as { n: number }).n,
      imports: (raw.prepare('select count(*) as n from imports').get() as { n: number }).n,
      logged: (raw.prepare('select count(*) as n from import_rows').get() as { n: number }).n,
    };
  } finally {
    raw.close();
  }
}

describe('an import killed with SIGKILL while it writes its rows', () => {
  test('leaves none of it each time, and a sound database; left alone, all of it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.xlsx');
    await roster(file);
    const template = path.join(dir, 'template.sqlite');
    const ctx = await AppContext.start({ dbPath: template, noAutomaticBackup: true });
    saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
    ctx.close();

    const runs: Run[] = [];
    let dbPath = '';
    for (const share of KILL_AT) {
      dbPath = path.join(dir, `killed-${share}.sqlite`);
      fs.copyFileSync(template, dbPath);
      const run = await importRun(file, dbPath, share);
      runs.push(run);
      // Killed inside the transaction, after rows were written, before the last: nothing kept.
      expect(run.killedAt, `kill at ${share}`).not.toBeNull();
      expect(run.killedAt!).toBeGreaterThan(0);
      expect(run.killedAt!).toBeLessThan(PEOPLE);
      expect(run.code).toBeNull();
      expect(contents(dbPath), `kill at ${run.killedAt} rows`).toEqual({
        integrity: 'ok',
        persons: 0,
        imports: 0,
        logged: 0,
      });
    }
    // The later kills fell after the transaction had spilled pages into the WAL.
    expect(runs.at(-1)!.walAtKill).toBeGreaterThan(runs.at(-1)!.walBefore);
    // Left alone, the same file imports whole into the database of the last kill (its WAL still
    // holding the dead transaction's frames): all of it, and the database took no harm.
    const whole = await importRun(file, dbPath, null);
    expect(whole.code).toBe(0);
    expect(contents(dbPath)).toEqual({ integrity: 'ok', persons: PEOPLE, imports: 1, logged: PEOPLE + 1 });
  }, 300_000);
});
