// The agency's list as the annual check stores it in bulk (adjustments.ts insertRows: a hundred
// rows an INSERT, the last few one a statement): every data row of a list longer than one
// statement is kept in its place with its own values, and a failure part of the way through the
// rows leaves nothing of the import.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { AdjustmentRunView } from '../src-main/contract/adjustments';
import type { AppContext } from '../src-main/app/context';
import { createPerson } from '../src-main/retirees/persons';
import { expectedIncrease } from '../src-main/shared/adjustment';
import { checkCharacter } from '../src-main/shared/idNumber';
import { RULE_2026 } from './adjustmentRule';
import { freshContext, person, router, tempDir } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

function idNumber(birth: string, seq: number): string {
  const first = `110105${birth}${String(seq).padStart(3, '0')}`;
  return first + checkCharacter(first);
}

interface Listed {
  name: string;
  idNumber: string | null;
  oldFen: number;
  increaseFen: number;
  /** What the rule gives the person on file; undefined for a row that names nobody on file. */
  expectedFen?: number | null;
}

/**
 * 250 rows: 238 people on file (every seventh with a figure 10.00 元 off the rule's), 11 the office
 * has no file for, at the edges of the hundred-row statements among them, and one without an ID number.
 */
function seedPeopleAndList(): Listed[] {
  const listed: Listed[] = [];
  const strangersAt = new Set([0, 99, 100, 101, 150, 199, 200, 201, 247, 248, 249]);
  ctx.store.tx(() => {
    for (let i = 0; i < 250; i++) {
      const birth = `19${40 + (i % 20)}0${1 + (i % 9)}1${i % 10}`;
      const oldFen = 250000 + i * 1037;
      if (i === 120) {
        listed.push({ name: '无号码', idNumber: null, oldFen, increaseFen: 15000 });
      } else if (strangersAt.has(i)) {
        listed.push({ name: `外单位${i}`, idNumber: idNumber(birth, 900 + (i % 99)), oldFen, increaseFen: 15000 });
      } else {
        const p = {
          category: '退休' as const,
          birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
          retirementDate: '2010-03',
          contributionYears: 15 + (i % 30),
          remoteArea: i % 11 === 0,
        };
        const name = `退休人员${i}`;
        const id = idNumber(birth, i);
        createPerson(ctx.store, person({ ...p, name, idNumber: id }), { acceptWarnings: true });
        const expectedFen = expectedIncrease(RULE_2026, p, oldFen).expectedFen!;
        listed.push({ name, idNumber: id, oldFen, increaseFen: expectedFen + (i % 7 === 0 ? 1000 : 0), expectedFen });
      }
    }
  });
  return listed;
}

async function agencyList(listed: Listed[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('调资名单');
  ws.addRow(['序号', '姓名', '公民身份号码', '调整前养老金', '调整后养老金', '调整额']);
  listed.forEach((l, i) =>
    ws.addRow([i + 1, l.name, l.idNumber, l.oldFen / 100, (l.oldFen + l.increaseFen) / 100, l.increaseFen / 100]),
  );
  const file = path.join(tempDir(), '2026年调资名单.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const upload = (file: string) => ({
  year: 2026,
  fileName: path.basename(file),
  dataBase64: fs.readFileSync(file).toString('base64'),
});

interface StoredRow {
  row: number;
  outcome: string;
  person_id: number | null;
  id_number: string | null;
  name: string | null;
  old_fen: number | null;
  agency_fen: number | null;
  expected_fen: number | null;
  differs: number;
  raw: string;
}

test('a list longer than a statement is stored row for row: each in its place, with its raw values and its own figures', async () => {
  await call('adjustments.saveRule', { rule: RULE_2026, loaded: null });
  const listed = seedPeopleAndList();
  const run = await call<AdjustmentRunView>('adjustments.import', upload(await agencyList(listed)));
  expect(run.counts).toMatchObject({ dataRows: 250, matched: 238, unmatched: 11, rejected: 1, differs: 35 });

  const stored = ctx.store.raw
    .prepare(
      'SELECT row, outcome, person_id, id_number, name, old_fen, agency_fen, expected_fen, differs, raw FROM adjustment_rows WHERE run_id = ? ORDER BY id',
    )
    .all(run.id) as StoredRow[];
  const personOf = ctx.store.raw.prepare('SELECT id FROM persons WHERE id_number = ?').pluck();
  expect(stored).toEqual(
    listed.map((l, i) => ({
      row: i + 2,
      outcome: l.idNumber === null ? 'rejected' : l.expectedFen === undefined ? 'unmatched' : 'matched',
      person_id: l.expectedFen === undefined ? null : personOf.get(l.idNumber),
      id_number: l.idNumber,
      name: l.name,
      old_fen: l.oldFen,
      agency_fen: l.increaseFen,
      expected_fen: l.expectedFen ?? null,
      differs: l.expectedFen != null && l.expectedFen !== l.increaseFen ? 1 : 0,
      raw: JSON.stringify({
        序号: String(i + 1),
        姓名: l.name,
        ...(l.idNumber ? { 公民身份号码: l.idNumber } : {}),
        调整前养老金: String(l.oldFen / 100),
        调整后养老金: String((l.oldFen + l.increaseFen) / 100),
        调整额: String(l.increaseFen / 100),
      }),
    })),
  );
});

test('a row refused by the database part of the way through the list leaves nothing of the import', async () => {
  await call('adjustments.saveRule', { rule: RULE_2026, loaded: null });
  const file = await agencyList(seedPeopleAndList());
  const audits = () => ctx.store.raw.prepare('SELECT count(*) FROM audit_log').pluck().get();
  const before = audits();
  // The 151st data row (in the second statement of a hundred) is refused as the disk or a damaged page would.
  ctx.store.raw.exec(
    "CREATE TRIGGER refuse_row BEFORE INSERT ON adjustment_rows WHEN NEW.row = 152 BEGIN SELECT RAISE(ABORT, 'refused'); END",
  );
  expect((await refusal('adjustments.import', upload(file))).code).not.toBe('ok');
  expect(ctx.store.raw.prepare('SELECT count(*) FROM adjustment_runs').pluck().get()).toBe(0);
  expect(ctx.store.raw.prepare('SELECT count(*) FROM adjustment_rows').pluck().get()).toBe(0);
  expect(audits()).toBe(before);
  // Without the refusal the same list imports whole.
  ctx.store.raw.exec('DROP TRIGGER refuse_row');
  expect((await call<AdjustmentRunView>('adjustments.import', upload(file))).counts.dataRows).toBe(250);
});
