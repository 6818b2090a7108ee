// Undoing an import through the router, as the office does it from 导入记录: what it removes, what it
// puts back, and that nothing of it leaks into the files imported afterwards (issue 12, items 2, 3).
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type {
  ImportHistoryEntry,
  ImportPreview,
  ImportReport,
  JobStatus,
  UndoCheck,
  UndoResult,
} from '../src-main/contract/imports';
import type { HistoryItem, PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { makeDemoPeople } from '../src-main/demo/generate';
import { getPerson } from '../src-main/retirees/persons';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person, router } from './helpers';

const idNumber = (first17: string) => first17 + checkCharacter(first17);

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
  for (const p of makeDemoPeople(count, seed))
    ws.addRow([p.name, p.idNumber, p.birthDate, p.formerUnit, p.phones[0]?.number]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const personIds = () =>
  (ctx.store.raw.prepare('select id from persons order by id').all() as { id: number }[]).map((r) => r.id);

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
    const typed = await call<PersonFile>('retirees.create', {
      person: person({ name: '手工建档' }),
      acceptWarnings: false,
    });
    expect(removedAgain.has(typed.id) || removed.has(typed.id)).toBe(false);
    expect((await call<HistoryItem[]>('retirees.history', { id: typed.id })).map((h) => h.what)).toEqual(['建立档案']);
  });
});

describe('undo puts back every field an import wrote', () => {
  const ID = idNumber('21010219521005122');
  const OTHER = idNumber('21010219480312221');

  /**
   * 张桂兰 is on file with no address, unit or phone. The roster has her on two sheets: the first
   * fills her address, the second (the same person again) her unit and phone. 刘淑珍 is new: the
   * first sheet creates her file, the second fills her unit.
   */
  async function importTwoSheets(): Promise<{ existing: PersonFile; report: ImportReport }> {
    const existing = await call<PersonFile>('retirees.create', {
      person: person({ name: '张桂兰', idNumber: ID }),
      acceptWarnings: false,
    });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('在职转退休').addRows([
      ['姓名', '身份证号', '住址'],
      ['张桂兰', ID, '兴华街 12 号'],
      ['刘淑珍', OTHER, '卫工街 8 号'],
    ]);
    wb.addWorksheet('补充信息').addRows([
      ['姓名', '身份证号', '原单位', '联系电话'],
      ['张桂兰', ID, '机修厂', '13812345678'],
      ['刘淑珍', OTHER, '铸造厂', '13900001111'],
    ]);
    const report = await importFile('two-sheets.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(report).toMatchObject({ inserted: 1, updated: 1, merged: 2 });
    // As the database holds it (the router answers with the phone masked).
    const filled = getPerson(ctx.store, existing.id);
    expect(filled).toMatchObject({
      address: '兴华街 12 号',
      formerUnit: '机修厂',
      phones: [{ label: null, number: '13812345678' }],
    });
    return { existing, report };
  }

  test('the second sheet filling a person is logged field by field, and undo leaves nothing the import wrote', async () => {
    const { existing, report } = await importTwoSheets();
    const merged = ctx.store.raw
      .prepare("select before, after from import_rows where import_id = ? and outcome = 'merged' and person_id = ?")
      .get(report.importId, existing.id) as { before: string; after: string };
    expect(JSON.parse(merged.before)).toEqual({ formerUnit: null, phones: [] });
    expect(JSON.parse(merged.after)).toEqual({
      formerUnit: '机修厂',
      phones: [{ label: null, number: '13812345678' }],
    });

    expect(await call<UndoCheck>('imports.undoCheck', { id: report.importId })).toMatchObject({
      editedSince: [],
      keptEdits: [],
    });
    const undone = await call<UndoResult>('imports.undo', { id: report.importId });
    expect(undone).toMatchObject({ removed: 1, restored: 1, keptEdits: [] });
    const after = await call<PersonFile>('retirees.get', { id: existing.id });
    expect(after).toMatchObject({ address: null, formerUnit: null, phones: [] });
    expect(personIds()).toEqual([existing.id]);
  });

  test('a field edited since the import is left as edited, and undo says which', async () => {
    const { existing, report } = await importTwoSheets();
    const filled = await call<PersonFile>('retirees.get', { id: existing.id });
    await call('retirees.update', {
      id: existing.id,
      version: filled.version,
      changes: { formerUnit: '第二机修厂' },
      base: { formerUnit: filled.formerUnit },
    });

    const check = await call<UndoCheck>('imports.undoCheck', { id: report.importId });
    expect(check.keptEdits).toEqual([{ personId: existing.id, name: '张桂兰', fields: ['原单位/部门'] }]);
    const undone = await call<UndoResult>('imports.undo', { id: report.importId });
    expect(undone.keptEdits).toEqual([{ personId: existing.id, name: '张桂兰', fields: ['原单位/部门'] }]);
    expect(undone.message).toContain('张桂兰的原单位/部门在导入后又被修改过，保留修改后的内容，未恢复');
    const after = await call<PersonFile>('retirees.get', { id: existing.id });
    expect(after).toMatchObject({ address: null, formerUnit: '第二机修厂', phones: [] });
  });
});
