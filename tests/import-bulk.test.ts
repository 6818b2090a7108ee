// An import at bulk speed gives nothing up (issue 14, item 4): what it created is audited by its
// log and one audit row that names it, and each file it created still shows its creation in its
// history; a correction in the preview decides exactly what reading the corrected file afresh
// decides; files reach the import as bytes.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ImportPreview, ImportReport, JobStatus, PreviewRow } from '../src-main/contract/imports';
import type { HistoryItem, PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { historyEntry } from '../src-main/audit/audit';
import { describeAudit } from '../src-main/audit/describe';
import { ListQuery } from '../src-main/contract/retirees';
import { commitImport, DryRun, prepareImport } from '../src-main/importer/commit';
import { listPersons } from '../src-main/retirees/list';
import { notARoster } from '../src-main/importer/rosterShape';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person, router } from './helpers';

const idNumber = (birth: string, seq: string) => `210102${birth}${seq}` + checkCharacter(`210102${birth}${seq}`);

let ctx: AppContext;
const { call, refusal } = router(() => ctx);
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

async function xlsx(rows: (string | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('花名册').addRows(rows);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function commit(preview: ImportPreview): Promise<ImportReport> {
  const job = await call<JobStatus>('imports.commit', { session: preview.session });
  const done = await ctx.jobs.settled(job.id);
  if (done?.state !== 'done') throw new Error(`import ended ${done?.state}: ${done?.error?.message}`);
  return done.result as ImportReport;
}

const count = (sql: string, ...args: unknown[]) => (ctx.store.raw.prepare(sql).get(...args) as { n: number }).n;

describe("an import's audit", () => {
  test('is its log and one audit row naming it; each file it created shows its creation, and a person on file keeps the change field by field', async () => {
    const onFile = await call<PersonFile>('retirees.create', {
      person: person({ name: '张桂兰', idNumber: idNumber('19521005', '122') }),
      acceptWarnings: false,
    });
    const rows = [['姓名', '身份证号', '住址']];
    for (let i = 0; i < 40; i++)
      rows.push([
        `刘${'一二三四五六七八九十'[i % 10]}${i}`,
        idNumber(`1950${String(1 + (i % 12)).padStart(2, '0')}15`, String(100 + i * 2)),
        `兴华街 ${i} 号`,
      ]);
    rows.push(['张桂兰', idNumber('19521005', '122'), '卫工街 8 号']);
    const report = await commit(
      await call<ImportPreview>('imports.open', { fileName: '新增人员.xlsx', data: await xlsx(rows) }),
    );
    expect(report).toMatchObject({ inserted: 40, updated: 1 });

    // One audit row names the import, with its counts; none for each of the 40 people it created.
    const audits = ctx.store.raw.prepare("select * from audit_log where entity = 'import'").all() as Parameters<
      typeof historyEntry
    >[0][];
    expect(audits).toHaveLength(1);
    const shown = describeAudit(historyEntry(audits[0]));
    expect(shown.what).toBe('导入花名册');
    expect(shown.changes.map((c) => `${c.label}：${c.after}`)).toEqual(
      expect.arrayContaining(['文件：新增人员.xlsx', '新建档案：40 行', '补充或更新已有档案：1 行']),
    );
    expect(count("select count(*) as n from audit_log where entity = 'person' and action = 'create'")).toBe(1);

    // The log keeps every source row, its raw values, and what each new file was given.
    const logged = ctx.store.raw
      .prepare("select raw, after from import_rows where import_id = ? and outcome = 'inserted' order by id")
      .all(report.importId) as { raw: string; after: string }[];
    expect(logged).toHaveLength(40);
    expect(JSON.parse(logged[0].raw)).toEqual({ 姓名: '刘一0', 身份证号: rows[1][1], 住址: '兴华街 0 号' });
    expect(JSON.parse(logged[0].after)).toMatchObject({
      name: '刘一0',
      idNumber: rows[1][1],
      birthDate: '1950-01-15',
      gender: '女',
      address: '兴华街 0 号',
    });

    // Each created file's history shows its creation by this import, as before.
    const created = ctx.store.raw
      .prepare("select person_id as id from import_rows where import_id = ? and outcome = 'inserted' limit 1")
      .get(report.importId) as { id: number };
    const history = await call<HistoryItem[]>('retirees.history', { id: created.id });
    expect(history.map((h) => [h.what, h.reason, h.operator])).toEqual([['建立档案', '导入“新增人员.xlsx”', '王干事']]);
    // The person on file: the import's change, field by field, under the import's name.
    const theirs = await call<HistoryItem[]>('retirees.history', { id: onFile.id });
    expect(theirs.map((h) => [h.what, h.reason])).toEqual([
      ['修改档案', '导入“新增人员.xlsx”'],
      ['建立档案', null],
    ]);
    expect(theirs[0].changes.map((c) => [c.label, c.before, c.after])).toContainEqual([
      '住址',
      '（空）',
      '卫工街 8 号',
    ]);

    // Undo still removes exactly what it created and puts the rest back.
    expect(await call('imports.undo', { id: report.importId })).toMatchObject({ removed: 40, restored: 1 });
    expect(count('select count(*) as n from persons')).toBe(1);
    expect((await call<PersonFile>('retirees.get', { id: onFile.id })).address).toBeNull();
  });
});

describe("a large roster with persons' indexes built after its rows", () => {
  const indexes = () =>
    ctx.store.raw
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'persons' ORDER BY name")
      .all();
  async function roster(n: number): Promise<Buffer> {
    const rows: (string | null)[][] = [['姓名', '身份证号', '人员类别', '住址']];
    for (let i = 0; i < n; i++)
      rows.push([
        `王${'一二三四五六七八九十'[i % 10]}${i}`,
        idNumber(`19${40 + Math.floor(i / 1000)}0315`, String(i % 1000).padStart(3, '0')),
        i % 3 ? '退休' : '离休',
        `兴华街 ${i} 号`,
      ]);
    return Buffer.from(await xlsx(rows));
  }

  test('ends with every index as declared, the lists answered from them; a failure midway leaves every index', async () => {
    const before = indexes();
    expect(before.length).toBeGreaterThan(20);
    const prepared = await prepareImport(await roster(2400), '新花名册.xlsx');
    // Halfway through (the indexes of persons not there while its rows go in), something goes
    // wrong: nothing is written and no index is lost.
    let midway: unknown[] = [];
    expect(() =>
      commitImport(ctx.store, prepared, {
        onRow: (at) => {
          if (at < 1200) return;
          midway = indexes();
          throw new Error('磁盘已满');
        },
      }),
    ).toThrow('磁盘已满');
    expect(midway).toEqual([expect.objectContaining({ name: 'sqlite_autoindex_persons_1' })]);
    expect(count('SELECT count(*) AS n FROM persons')).toBe(0);
    expect(indexes()).toEqual(before);

    // An office whose planner statistics were taken keeps them for every index.
    await call<PersonFile>('retirees.create', { person: person({ name: '张桂兰', category: '退休' }) });
    ctx.store.raw.exec('ANALYZE');
    const report = commitImport(ctx.store, prepared);
    expect(report.inserted).toBe(2400);
    expect(indexes()).toEqual(before);
    const stats = ctx.store.raw.prepare("SELECT idx FROM sqlite_stat1 WHERE tbl = 'persons'").pluck().all();
    expect(stats).toEqual(expect.arrayContaining(['persons_list_name', 'persons_status_birth']));
    expect(ctx.store.raw.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // The list of 离休 by name reads the covering index, and finds every one of them.
    const plan = (
      ctx.store.raw
        .prepare(
          "EXPLAIN QUERY PLAN SELECT id FROM persons WHERE status = '在册' AND category = '离休' ORDER BY name_sort, id",
        )
        .all() as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toContain('persons_list_name');
    const page = await call<{ total: number }>('retirees.list', { categories: ['离休'], page: 1, pageSize: 20 });
    expect(page.total).toBe(800);
  });
});

describe("an import's search rows, written after its people", () => {
  const found = (q: string) => listPersons(ctx.store, ListQuery.parse({ q })).rows.map((r) => `${r.name}|${r.id}`);

  test('find every person by what the whole file gave them, once; a person on file by the phone it added', async () => {
    const onFile = await call<PersonFile>('retirees.create', {
      person: person({ name: '张桂兰', idNumber: idNumber('19521005', '122') }),
      acceptWarnings: false,
    });
    // Two sheets: 刘建国 again on the second with a phone, 张桂兰 (on file) given one as well.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('在职').addRows([
      ['姓名', '身份证号', '住址'],
      ['刘建国', idNumber('19480312', '211'), '兴华街 1 号'],
      ['单立华', idNumber('19500101', '102'), '卫工街 2 号'],
    ]);
    wb.addWorksheet('补充').addRows([
      ['姓名', '身份证号', '联系电话'],
      ['刘建国', idNumber('19480312', '211'), '13840001111'],
      ['张桂兰', idNumber('19521005', '122'), '13940002222'],
    ]);
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    const report = await commit(await call<ImportPreview>('imports.open', { fileName: '两页.xlsx', data }));
    expect(report).toMatchObject({ inserted: 2, merged: 1, updated: 1 });
    const liu = report.rows.find((r) => r.name === '刘建国')?.personId ?? (found('刘建国')[0] ?? '').split('|')[1];

    // The phone only the second sheet gave finds 刘建国, once; so do his name, initials and ID.
    expect(found('40001111')).toEqual([`刘建国|${liu}`]);
    expect(found('ljg')).toEqual([`刘建国|${liu}`]);
    expect(found(idNumber('19480312', '211').slice(-6))).toEqual([`刘建国|${liu}`]);
    // 单 read dan or shan, as any file is found.
    expect(found('dlh')).toEqual(found('slh'));
    expect(found('dlh')).toHaveLength(1);
    // The person on file: by the phone the import added, and still by her name, once.
    expect(found('40002222')).toEqual([`张桂兰|${onFile.id}`]);
    expect(found('zgl')).toEqual([`张桂兰|${onFile.id}`]);
    ctx.store.raw.exec("INSERT INTO person_search (person_search, rank) VALUES ('integrity-check', 0)");
  });
});

describe('a correction in the preview', () => {
  const ON_FILE = idNumber('19480312', '221');
  const cells: (string | null)[][] = [
    ['姓名', '身份证号', '住址', '人员类别'],
    ['王芳', idNumber('19500101', '102'), '兴华街 1 号', '退休'],
    ['刘强', idNumber('19510202', '113'), null, '病退'],
    ['赵敏', idNumber('19500101', '102'), '卫工街 2 号', '退休'],
    ['孙丽', ON_FILE, '北二路 3 号', '退休'],
    // A wrong check digit: to be reviewed.
    [
      '周军',
      `${idNumber('19520303', '999').slice(0, 17)}${idNumber('19520303', '999').endsWith('0') ? '1' : '0'}`,
      null,
      '退休',
    ],
    ['吴静', idNumber('19530404', '124'), null, '病退'],
    ['郑伟', idNumber('19540505', '135'), '保工街 5 号', '退休'],
  ];

  /** Every row of the preview, with what it will do. */
  async function shown(p: ImportPreview) {
    const { rows } = await call<{ rows: PreviewRow[] }>('imports.rows', { session: p.session, filter: 'all' });
    const { counts, totalRows, noteRows, unknownValues, notARoster: doubts } = p;
    return {
      counts,
      totalRows,
      noteRows,
      unknownValues,
      notARoster: doubts,
      rows: rows.map(({ cells: _c, hidden: _h, ...r }) => r),
    };
  }

  /** The same, for the file read afresh (the analysis and dry run the wizard's child makes on opening a file). */
  async function afresh(sheet: (string | null)[][]) {
    const prepared = await prepareImport(Buffer.from(await xlsx(sheet)), '名单.xlsx');
    const dryRun = new DryRun(ctx.store, prepared);
    return { ...dryRun.figures(), notARoster: notARoster(prepared.sheets), rows: dryRun.reportRows() };
  }

  test('decides each row exactly as opening the corrected file afresh does', async () => {
    await call('retirees.create', { person: person({ name: '孙丽', idNumber: ON_FILE }), acceptWarnings: false });
    const sheet = cells.map((r) => [...r]);
    let preview = await call<ImportPreview>('imports.open', { fileName: '名单.xlsx', data: await xlsx(sheet) });
    expect(preview.counts).toMatchObject({ inserted: 5, updated: 1, merged: 1, needsReview: 3 });
    expect(preview.unknownValues).toEqual([{ field: 'category', value: '病退', count: 2 }]);
    const corrections: [row: number, col: number, value: string | null][] = [
      // 赵敏 had 王芳's number: given her own, both are new.
      [4, 1, idNumber('19550606', '146')],
      // 刘强 given 孙丽's number: he is her (the file on record), and 孙丽's row merges into his.
      [3, 1, ON_FILE],
      // 周军's check digit corrected: nothing left to review.
      [6, 1, idNumber('19520303', '999').slice(0, 18)],
      // A name cleared: that row cannot be imported.
      [7, 0, ''],
      // A row turned into a total line.
      [8, 1, ''],
      [8, 2, ''],
      [8, 3, ''],
      [8, 0, '合计：7人'],
      // 刘强 given 王芳's number after all: 孙丽's row is the one that updates her file again.
      [3, 1, idNumber('19500101', '102')],
      // Categories: one word the app knows now, one it does not.
      [3, 3, '退休'],
      [2, 3, '内退'],
    ];
    for (const [row, col, value] of corrections) {
      preview = await call<ImportPreview>('imports.editCell', {
        session: preview.session,
        sheet: '花名册',
        row,
        col,
        value,
      });
      sheet[row - 1][col] = value === '' ? null : value;
      expect(await shown(preview), `after correcting row ${row}`).toEqual(await afresh(sheet));
    }
    expect(preview.counts).toMatchObject({
      dataRows: 6,
      nonDataRows: 2,
      inserted: 3,
      updated: 1,
      merged: 1,
      rejected: 1,
      needsReview: 1,
    });
    expect(preview.unknownValues).toEqual([{ field: 'category', value: '内退', count: 1 }]);
    // And the commit writes what the preview said.
    const report = await commit(preview);
    expect(report).toMatchObject({ inserted: 3, updated: 1, merged: 1, rejected: 1 });
  });
});

describe("the preview's rows", () => {
  test('say what each row will do: the person on file it updates with the fields that differ, the rows it merges, the rows it cannot import', async () => {
    const ON_FILE = idNumber('19480312', '221');
    const onFile = await call<PersonFile>('retirees.create', {
      person: person({ name: '孙丽', idNumber: ON_FILE, formerUnit: '机修厂' }),
      acceptWarnings: false,
    });
    const preview = await call<ImportPreview>('imports.open', {
      fileName: '名单.xlsx',
      data: await xlsx([
        ['姓名', '身份证号', '原单位', '住址'],
        ['孙丽', ON_FILE, '焦化厂', '北二路 3 号'],
        ['王芳', idNumber('19500101', '102'), '炼钢厂', null],
        ['王芳', idNumber('19500101', '102'), null, '兴华街 1 号'],
        [null, idNumber('19510202', '113'), '炼钢厂', null],
      ]),
    });
    const rows = async (filter: string) =>
      (await call<{ rows: PreviewRow[] }>('imports.rows', { session: preview.session, filter })).rows.map(
        ({ row, outcome, personId, conflicts, issues }) => ({
          row,
          outcome,
          personId,
          conflicts,
          issues: issues.map((i) => i.code),
        }),
      );
    expect(await rows('duplicates')).toEqual([
      {
        row: 2,
        outcome: 'updated',
        personId: onFile.id,
        conflicts: [{ field: 'formerUnit', existing: '机修厂', incoming: '焦化厂' }],
        issues: [],
      },
      { row: 4, outcome: 'merged', personId: null, conflicts: [], issues: [] },
    ]);
    expect(await rows('problems')).toEqual([
      { row: 5, outcome: 'rejected', personId: null, conflicts: [], issues: ['no_name'] },
    ]);
    expect(preview.counts).toMatchObject({ dataRows: 4, inserted: 1, updated: 1, merged: 1, rejected: 1 });
  });
});

describe('the question whether a sheet is a roster', () => {
  test('follows the corrections, as reading the corrected file afresh asks it', async () => {
    // 24 rows of three people: an attendance list, not a roster.
    const sheet: (string | null)[][] = [['姓名', '性别', '住址']];
    for (let i = 0; i < 24; i++)
      sheet.push([['王芳', '刘强', '赵敏'][i % 3], i % 3 === 1 ? '男' : '女', `兴华街 ${i % 3} 号`]);
    let preview = await call<ImportPreview>('imports.open', { fileName: '签到表.xlsx', data: await xlsx(sheet) });
    expect(preview.notARoster).toHaveLength(1);
    const names = '孙丽周军吴静郑伟冯敏陈刚褚红卫东蒋玲沈洁韩梅杨帆'.match(/../g)!;
    for (const [i, name] of names.entries()) {
      preview = await call<ImportPreview>('imports.editCell', {
        session: preview.session,
        sheet: '花名册',
        row: i + 2,
        col: 0,
        value: name,
      });
      sheet[i + 1][0] = name;
      const afresh = notARoster((await prepareImport(Buffer.from(await xlsx(sheet)), '签到表.xlsx')).sheets);
      expect(preview.notARoster, `after ${i + 1} names corrected`).toEqual(afresh);
    }
    // 24 rows of 15 people: a roster after all.
    expect(preview.notARoster).toEqual([]);
  });
});

describe('a file reaches the import as bytes', () => {
  test('the wizard, the claims ledger and the adjustment list take bytes, or base64 from JSON callers, one of the two', async () => {
    const bytes = await xlsx([
      ['姓名', '身份证号'],
      ['王芳', idNumber('19500101', '102')],
    ]);
    expect((await call<ImportPreview>('imports.open', { fileName: 'a.xlsx', data: bytes })).counts.inserted).toBe(1);
    expect(
      (
        await call<ImportPreview>('imports.open', {
          fileName: 'a.xlsx',
          dataBase64: Buffer.from(bytes).toString('base64'),
        })
      ).counts.inserted,
    ).toBe(1);
    expect((await refusal('imports.open', { fileName: 'a.xlsx' })).message).toContain('没有收到文件');
    expect((await refusal('imports.open', { fileName: 'a.xlsx', data: bytes, dataBase64: 'AAAA' })).message).toContain(
      '没有收到文件',
    );
    expect((await refusal('imports.open', { fileName: 'a.xlsx', data: new Uint8Array(0) })).message).toContain(
      '文件是空的',
    );
    expect(
      (await refusal('claims.importLedger', { fileName: 'l.xlsx', data: new Uint8Array(50 * 1024 * 1024 + 1) }))
        .message,
    ).toContain('超过 50 MB');
  });
});
