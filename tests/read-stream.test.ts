// A book read a chunk of rows at a time on a thread of its own (src-main/spreadsheet/stream.ts),
// as the pension adjustment check reads the agency's list: the rows it gives are the rows
// readSource gives, merged ranges filled the same way (a title merged wider than the table, a
// merge down a data column, a merge over rows the file leaves out), hidden rows told, and a file it
// cannot read refused with readSource's own sentence.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { IMPORT_LIMITS, type ImportLimits } from '../src-main/shared/importLimits';
import { readSource } from '../src-main/spreadsheet/sources';
import { BookFromEvents, bookEvents, readInThread, type BookEvent } from '../src-main/spreadsheet/stream';
import { readListRows } from '../src-main/adjustments/listRow';
import type { AdjustmentField } from '../src-main/importer/grammar';
import type { SourceBook } from '../src-main/spreadsheet/tables';
import { hugeMergeXlsx, workbookParts, zip } from './hostileFiles';

const FIXTURES = path.resolve(import.meta.dirname, '../../shared/fixtures');
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const num = (ref: string, n: number) => `<c r="${ref}"><v>${n}</v></c>`;
const limits = (over: Partial<ImportLimits>): ImportLimits => ({ ...IMPORT_LIMITS, ...over });

function xlsx(rows: string, merges: string[] = []): Promise<Buffer> {
  const after = merges.length
    ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return zip(
    workbookParts({ data: Buffer.from(`<worksheet ${NS}><sheetData>${rows}</sheetData>${after}</worksheet>`) }),
  );
}

/** A list of `n` people under a title and a header, `wide` columns of figures each. */
function list(n: number, wide = 4, extra = ''): string {
  const cols = 'ABCDEFGH';
  let out = `<row r="1">${cell('A1', '2026年调资名单')}</row><row r="2">${cell('A2', '姓名')}${cell('B2', '身份证号')}${cols
    .slice(2, 2 + wide)
    .split('')
    .map((c) => cell(`${c}2`, `金额${c}`))
    .join('')}</row>`;
  for (let i = 0; i < n; i++) {
    const r = i + 3;
    // Rows 40 to 44 are not in the file at all; row 50 is hidden.
    if (r >= 40 && r < 45) continue;
    out += `<row r="${r}"${r === 50 ? ' hidden="1"' : ''}>${cell(`A${r}`, `人员${i}`)}${cell(`B${r}`, `11010119500101${String(1000 + (i % 9000)).slice(-4)}`)}${cols
      .slice(2, 2 + wide)
      .split('')
      .map((c, k) => num(`${c}${r}`, i * 10 + k))
      .join('')}</row>`;
  }
  return out + extra;
}

function collect(events: Iterable<BookEvent>): { book: SourceBook; events: BookEvent[] } {
  const into = new BookFromEvents();
  const seen: BookEvent[] = [];
  for (const e of events) {
    seen.push(e);
    into.take(e);
  }
  expect(into.book, 'the events end with the book').not.toBeNull();
  return { book: into.book!, events: seen };
}

async function collectAsync(events: AsyncIterable<BookEvent>): Promise<SourceBook> {
  const into = new BookFromEvents();
  for await (const e of events) into.take(e);
  return into.book!;
}

/** What a reader of the book sees: every sheet's name, whether hidden, its rows, hidden rows and title rows. */
const seen = (book: SourceBook) =>
  book.sheets.map((s) => ({
    name: s.name,
    hidden: s.hidden,
    rows: s.rows.map((r) => Array.from(r, (v) => v ?? null)),
    hiddenRows: [...s.hiddenRows].sort((p, q) => p - q),
    mergedRows: [...s.mergedRows].sort((p, q) => p - q),
  }));

describe('a book read a chunk of rows at a time', () => {
  test('gives the rows readSource gives: merged titles, merged data cells, rows left out, hidden rows', async () => {
    const files: [string, Buffer][] = [
      ['plain.xlsx', await xlsx(list(3000))],
      // A title merged across exactly the table, and one merged far wider: the rows wait for the
      // sheet's width, then come filled to it.
      ['title.xlsx', await xlsx(list(2500), ['A1:F1'])],
      ['wide-title.xlsx', await xlsx(list(2500), ['A1:Z1', 'C5:D9'])],
      // A merge down a column of the data, over the rows the file leaves out, and one past the end.
      ['down.xlsx', await xlsx(list(2500), ['C10:C60', 'D38:E46', 'A2500:B2600', 'B3000:C3100'])],
    ];
    for (const [name, bytes] of files) {
      const { book, events } = collect(bookEvents(bytes, name));
      expect(seen(book), name).toEqual(seen(await readSource(bytes, name)));
      expect(events.filter((e) => e.type === 'rows').length, name).toBeGreaterThan(1);
    }
    // The rows left out are there, empty, and the merge over them fills them as readSource does.
    const down = collect(bookEvents(files[3][1], 'down.xlsx')).book.sheets[0];
    expect([down.rows[40][0] ?? null, down.rows[40][1] ?? null]).toEqual([null, null]);
    expect(down.rows[40][3]).toBe(down.rows[37][3]);
    expect(down.hiddenRows.has(49)).toBe(true);
  });

  test('the fixtures, .xlsx, .xls and .csv, come out as readSource reads them', async () => {
    for (const file of [
      'rosters/roster-basic.xlsx',
      'rosters/roster-titled.xlsx',
      'rosters/roster-legacy.xls',
      'rosters/roster-gbk.csv',
      'claims/ledger-sample-2025.xlsx',
    ]) {
      const bytes = fs.readFileSync(path.join(FIXTURES, file));
      expect(seen(collect(bookEvents(bytes, path.basename(file))).book), file).toEqual(
        seen(await readSource(bytes, path.basename(file))),
      );
    }
  });

  test('rows written out of order: the book is given again, whole, and comes out as readSource reads it', async () => {
    const bytes = await xlsx(`${list(1500)}<row r="7">${cell('A7', '后补的一行')}</row>`);
    const { book, events } = collect(bookEvents(bytes, 'unordered.xlsx'));
    expect(events.some((e) => e.type === 'restart')).toBe(true);
    expect(book.sheets[0].rows[6]).toEqual(['后补的一行']);
    expect(seen(book)).toEqual(seen(await readSource(bytes, 'unordered.xlsx')));
  });

  test('on its own thread: the same book, and a file it cannot read refused with readSource’s sentence', async () => {
    const bytes = await xlsx(list(2500), ['A1:F1', 'C10:C60']);
    expect(seen(await collectAsync(readInThread(bytes, 'list.xlsx')))).toEqual(
      seen(await readSource(bytes, 'list.xlsx')),
    );
    const csv = fs.readFileSync(path.join(FIXTURES, 'rosters/roster-gbk.csv'));
    expect(seen(await collectAsync(readInThread(csv, 'roster.csv')))).toEqual(
      seen(await readSource(csv, 'roster.csv')),
    );

    const refusals: [Buffer, string, ImportLimits?][] = [
      [Buffer.from('PK\x03\x04 not really a workbook'), 'broken.xlsx'],
      [await hugeMergeXlsx(), 'merge.xlsx'],
      // Past a limit only once the merged ranges are filled: found after rows were given out.
      [await xlsx(list(60), ['A3:F60']), 'filled.xlsx', limits({ cells: 600 })],
    ];
    for (const [file, name, lowered] of refusals) {
      const expected = await readSource(file, name, lowered).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(expected, name).not.toBeNull();
      await expect(collectAsync(readInThread(file, name, lowered)), name).rejects.toThrow(expected!);
    }
  });

  test('a table’s rows read on the thread once it is told the columns: what it makes of them is what reading them here makes', async () => {
    // Fifty chunks: the plan, sent once the first has come, reaches the thread long before its end.
    const bytes = await xlsx(list(50_000), ['A1:F1']);
    const here = (await readSource(bytes, 'list.xlsx')).sheets[0].rows;
    const columns = new Map<AdjustmentField, number>([
      ['name', 0],
      ['idNumber', 1],
      ['old', 2],
      ['new', 3],
    ]);
    const reading = readInThread(bytes, 'list.xlsx');
    let told = false;
    let readThere = 0;
    for await (const e of reading) {
      if (e.type !== 'rows') continue;
      if (!told) {
        reading.plan({ sheet: 0, reader: 'adjustmentList', args: columns });
        told = true;
      }
      if (e.read) {
        expect(e.rows).toEqual([]);
        expect(e.read.value).toEqual(readListRows(columns, here.slice(e.from, e.from + e.read.count)));
        readThere += e.read.count;
      }
    }
    // The first chunk came as it is (the plan was sent once it had come), and maybe the next ones,
    // posted before the plan reached the thread; the rest were read there.
    expect(readThere).toBeGreaterThan(0);
    expect(readThere).toBeLessThanOrEqual(here.length - 1000);

    // A plan for a book that is then given again (its rows out of order) is an old one: the rows
    // given again come as they are, to be looked at afresh.
    const unordered = await xlsx(`${list(3000)}<row r="7">${cell('A7', '后补的一行')}</row>`);
    const again = readInThread(unordered, 'unordered.xlsx');
    let restarted = false;
    let first = true;
    for await (const e of again) {
      if (e.type === 'restart') restarted = true;
      if (e.type !== 'rows') continue;
      if (first) again.plan({ sheet: 0, reader: 'adjustmentList', args: columns });
      first = false;
      if (restarted) expect(e.read).toBeUndefined();
    }
    expect(restarted).toBe(true);
  });
});
