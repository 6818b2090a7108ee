// Undoing an import through the router, as the office does it from 导入记录: nothing of what it
// removed leaks into the files imported afterwards (issue 12, item 2).
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HistoryItem, ImportHistoryEntry, ImportPreview, ImportReport, JobStatus, PersonFile } from '../src-main/api/contract';
import type { AppContext } from '../src-main/app/context';
import { makeDemoPeople } from '../src-main/demo/generate';
import { freshContext, person, router } from './helpers';


let ctx: AppContext;
const { call } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

/** Opens a file in the wizard and commits it as it is; the report of the commit. */
async function importFile(fileName: string, bytes: Buffer): Promise<ImportReport> {
  const preview = await call<ImportPreview>('imports.open', { fileName, dataBase64: bytes.toString('base64') });
  const job = await call<JobStatus>('imports.commit', { session: preview.session });
  const done = await ctx.jobs.settled(job.id);
  if (done?.state !== 'done') throw new Error(`import ${fileName} ended ${done?.state}: ${done?.error?.message}`);
  return done.result as ImportReport;
}

/** A roster of `count` made-up people, different for each seed. */
async function roster(count: number, seed: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '身份证号', '出生日期', '原单位', '联系电话']);
  for (const p of makeDemoPeople(count, seed)) ws.addRow([p.name, p.idNumber, p.birthDate, p.formerUnit, p.phones[0]?.number]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const personIds = () => (ctx.store.raw.prepare('select id from persons order by id').all() as { id: number }[]).map((r) => r.id);

describe('ids are never reused', () => {
  test('after an import is undone, the next import takes none of the removed ids, and a new file shows only its own history', async () => {
    const first = await importFile('第一批.xlsx', await roster(120, 1));
    expect(first.inserted).toBe(120);
    const removed = new Set(personIds());
    expect(await call('imports.undo', { id: first.importId })).toMatchObject({ removed: 120, restored: 0 });
    expect(personIds()).toEqual([]);

    const second = await importFile('第二批.xlsx', await roster(300, 2));
    expect(second.inserted).toBe(300);
    const reused = personIds().filter((id) => removed.has(id));
    expect(reused).toEqual([]);

    // Every new file's history is its own creation by this import, nothing of the removed people.
    for (const id of personIds().slice(0, 20)) {
      const history = await call<HistoryItem[]>('retirees.history', { id });
      expect(history.map((h) => [h.what, h.reason])).toEqual([['建立档案', '导入“第二批.xlsx”']]);
    }
    // Nor does the import log of the first file name any of them.
    const foreign = ctx.store.raw
      .prepare('select count(*) as n from import_rows where import_id = ? and person_id in (select id from persons)')
      .get(first.importId) as { n: number };
    expect(foreign.n).toBe(0);

    // A file typed in by hand after another undo does not take a removed id either.
    const [latest] = await call<ImportHistoryEntry[]>('imports.history', {});
    const removedAgain = new Set(personIds());
    await call('imports.undo', { id: latest.id });
    const typed = await call<PersonFile>('retirees.create', { person: person({ name: '手工建档' }), acceptWarnings: false });
    expect(removedAgain.has(typed.id) || removed.has(typed.id)).toBe(false);
    expect((await call<HistoryItem[]>('retirees.history', { id: typed.id })).map((h) => h.what)).toEqual(['建立档案']);
  });
});
