// The reading thread as the app starts it: from its bundle (scripts/build-shell.mjs writes
// out/read-thread.cjs with the options bench/appBundle.ts repeats), not from the TypeScript sources
// through tsx as the other tests start it. The bundle is started without the process's node
// options (it needs no loader), and reads a book, and a table's rows as planned, as reading here does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, test } from 'vitest';
import { APP_BUNDLE } from '../bench/appBundle';
import { readListRows } from '../src-main/adjustments/listRow';
import type { AdjustmentField } from '../src-main/importer/grammar';
import { readSource } from '../src-main/spreadsheet/sources';
import { readInThread, useReadThreadBundle } from '../src-main/spreadsheet/stream';
import { workbookParts, zip } from './hostileFiles';

const FIXTURES = path.resolve(import.meta.dirname, '../../shared/fixtures');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retiree-thread-bundle-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the bundled reading thread reads a roster as readSource does, and its rows as planned', async () => {
  const outfile = path.join(dir, 'read-thread.cjs');
  await build({
    ...APP_BUNDLE,
    entryPoints: [path.resolve(import.meta.dirname, '../src-main/app/readThread.ts')],
    outfile,
  });
  useReadThreadBundle(outfile);

  // A fixture roster, as readSource reads it.
  const roster = fs.readFileSync(path.join(FIXTURES, 'rosters/roster-titled.xlsx'));
  const rosterRead = await readSource(roster, 'roster-titled.xlsx');
  const given: unknown[][] = [];
  for await (const e of readInThread(roster, 'roster-titled.xlsx')) if (e.type === 'rows') given.push(...e.rows);
  expect(given).toEqual(rosterRead.sheets[0].rows);

  // A list of three chunks' rows: once told its columns, the thread reads the rest of them.
  const name = 'list.xlsx';
  let data = '';
  for (let r = 2; r <= 3001; r++)
    data += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>人员${r}</t></is></c><c r="B${r}" t="inlineStr"><is><t>11010119500101${String(r).padStart(4, '0')}</t></is></c><c r="C${r}"><v>${r * 3}</v></c></row>`;
  const bytes = await zip(
    workbookParts({
      data: Buffer.from(
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>${data}</sheetData></worksheet>`,
      ),
    }),
  );
  const here = (await readSource(bytes, name)).sheets[0].rows;
  const columns = new Map<AdjustmentField, number>([
    ['name', 0],
    ['idNumber', 1],
    ['old', 2],
  ]);
  const reading = readInThread(bytes, name);
  const rows: unknown[][] = [];
  let planned = false;
  let readThere = 0;
  for await (const e of reading) {
    if (e.type !== 'rows') continue;
    if (e.read) {
      expect(e.read.value).toEqual(readListRows(columns, here.slice(e.from, e.from + e.read.count)));
      rows.push(...here.slice(e.from, e.from + e.read.count));
      readThere += e.read.count;
    } else rows.push(...e.rows);
    if (!planned) reading.plan({ sheet: 0, reader: 'adjustmentList', args: columns });
    planned = true;
  }
  expect(rows).toEqual(here);
  expect(readThere, 'rows read on the thread').toBeGreaterThan(0);
});
