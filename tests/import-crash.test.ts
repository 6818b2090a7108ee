// A crash during an import: a child process importing a large roster is killed with SIGKILL at
// several moments; afterwards the database passes integrity_check and holds all of that import
// or none of it (one transaction; WAL with synchronous=FULL).
import { spawn } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { AppContext } from '../src-main/app/context';
import { makeDemoPeople } from '../src-main/demo/generate';
import { openRaw } from '../src-main/db/open';
import { saveOfficeSettings } from '../src-main/settings/settings';
import { tempDir } from './helpers';

const root = path.resolve(import.meta.dirname, '..');
const PEOPLE = 4000;

async function roster(file: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '身份证号', '出生日期', '联系电话', '住址']);
  for (const p of makeDemoPeople(PEOPLE, 9)) ws.addRow([p.name, p.idNumber, p.birthDate, p.phones[0]?.number, p.address]);
  await wb.xlsx.writeFile(file);
}

describe('an import killed with SIGKILL', () => {
  test('leaves all of it or none of it, and a sound database', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.xlsx');
    await roster(file);
    const seen = new Set<string>();
    // One run to the end tells how long an import takes here; the others are killed at 20 %, 50 %
    // and 80 % of that, wherever that falls (reading the file, or inside the transaction).
    let full = 0;
    for (const fraction of [null, 0.2, 0.5, 0.8]) {
      const dbPath = path.join(dir, `office-${fraction}.sqlite`);
      const ctx = await AppContext.start({ dbPath, noAutomaticBackup: true });
      saveOfficeSettings(ctx.store, { orgName: '单位', operatorName: '王干事' });
      ctx.close();
      const started = Date.now();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', 'import', file, '--db', dbPath], { cwd: root, stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const timer = fraction === null ? null : setTimeout(() => child.kill('SIGKILL'), Math.round(full * fraction));
      const code = await exited;
      if (timer) clearTimeout(timer);
      if (fraction === null) {
        expect(code).toBe(0);
        full = Date.now() - started;
      }

      const raw = openRaw(dbPath);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      const persons = (raw.prepare('select count(*) as n from persons').get() as { n: number }).n;
      const imports = (raw.prepare('select count(*) as n from imports').get() as { n: number }).n;
      const logged = (raw.prepare('select count(*) as n from import_rows').get() as { n: number }).n;
      raw.close();
      expect([0, PEOPLE]).toContain(persons);
      expect(imports).toBe(persons === 0 ? 0 : 1);
      expect(logged).toBe(persons === 0 ? 0 : PEOPLE + 1);
      seen.add(code === 0 ? 'finished' : persons === 0 ? 'killed-before-commit' : 'killed-after-commit');
    }
    // At least one run was really killed mid-way.
    expect([...seen].some((s) => s.startsWith('killed'))).toBe(true);
  }, 180_000);
});
