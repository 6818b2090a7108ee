// The community handover (社会化移交, issue 21 item 2) through the router on a real SQLite file: twenty
// people of one 行政组 handed over to 建设街道 through to the signed roster (the plan's counts, progress
// by community, the roster printed and its rows read back from the .xlsx, the 社会化管理 flag on the
// files and in the people list's filter, the people still in a festival batch); every bad input
// refused in Chinese with nothing saved.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import type { PrintableView } from '../src-main/contract/common';
import type { HandoverPersonRow, HandoverProjectView, PersonHandover } from '../src-main/contract/handover';
import type { OrgUnit } from '../src-main/contract/org';
import type { HistoryItem, ListPage, PersonFile } from '../src-main/contract/retirees';
import type { VisitBatchView } from '../src-main/contract/visits';
import { deletePerson } from '../src-main/retirees/persons';
import { checkCharacter } from '../src-main/shared/idNumber';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);
const count = (table: string) => (ctx.store.raw.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
const idNumber = (birth: string, seq: string) => `110105${birth}${seq}` + checkCharacter(`110105${birth}${seq}`);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';

const PROJECT = {
  name: '2026年东区社会化移交',
  street: '建设街道',
  agreementNo: '建街移〔2026〕1号',
  agreementDate: '2026-10-20',
  plannedFrom: '2026-11-01',
  plannedTo: '2026-12-31',
  note: null,
};

/**
 * Twenty files of the 东区行政组: twelve living in 建设社区 (four party members), six in 和平社区 (two
 * party members), two deceased of 和平社区; and one person of another group, who is not handed over.
 */
async function eastDistrict() {
  const east = (await call<OrgUnit>('org.create', { kind: '行政大组', name: '东区行政组', parentId: null })).id;
  const west = (await call<OrgUnit>('org.create', { kind: '行政大组', name: '西区行政组', parentId: null })).id;
  const branch = (await call<OrgUnit>('org.create', { kind: '党支部', name: '第一党支部', parentId: null })).id;
  const ids: number[] = [];
  for (let i = 0; i < 20; i++) {
    const birth = `1950${String((i % 12) + 1).padStart(2, '0')}${String(i + 1).padStart(2, '0')}`;
    const party = i < 4 || (i >= 12 && i < 14);
    const p = await call<PersonFile>('retirees.create', {
      person: person({
        name: `${SURNAMES[i]}${i < 12 ? '建国' : '和平'}${i}`,
        gender: i % 2 ? '女' : '男',
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
        idNumber: idNumber(birth, `${String(i + 10).padStart(2, '0')}${i % 2 ? 2 : 1}`),
        retirementDate: '2010-06',
        adminGroupId: east,
        community: i < 12 ? '建设社区' : '和平社区',
        politicalStatus: party ? '中共党员' : '群众',
        partyBranchId: party ? branch : null,
        ...(i >= 18 ? { status: '已故', statusDate: '2025-03-01' } : {}),
      }),
    });
    ids.push(p.id);
    if (party) await call('dues.setBase', { personId: p.id, year: 2026, base: '4,200.00' });
  }
  const other = await call<PersonFile>('retirees.create', {
    person: person({ name: '西区老郑', idNumber: null, adminGroupId: west, community: '建设社区' }),
  });
  return { east, west, ids, other: other.id };
}

const rowsOf = (view: HandoverProjectView, community: string) => view.rows.filter((r) => r.community === community);

async function workbookRows(dataBase64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(dataBase64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return out;
}

describe('a handover of twenty people', () => {
  test('from the roster chosen by unit to the signed roster: counts, progress by community, the flag on the files, the list filter, still in a festival batch', async () => {
    const { east, ids, other } = await eastDistrict();
    const created = await call<HandoverProjectView>('handover.create', { project: PROJECT });
    expect(created).toMatchObject({ name: PROJECT.name, street: '建设街道', people: 0, done: 0, completedOn: null });

    // The roster by unit: the people list's query of the 东区行政组 (every page), the deceased's files too.
    expect(
      await call('handover.addPeople', { projectId: created.id, query: { adminGroupId: east, pageSize: 10 } }),
    ).toEqual({ added: 20, already: 0 });
    // Added again by name: already there, nothing twice.
    expect(await call('handover.addPeople', { projectId: created.id, personIds: [ids[0], ids[5]] })).toEqual({
      added: 0,
      already: 2,
    });
    let view = await call<HandoverProjectView>('handover.get', { id: created.id });
    expect(view.rows.map((r) => r.personId).sort((a, b) => a - b)).toEqual(ids);
    expect(view.rows.some((r) => r.personId === other)).toBe(false);
    expect(view.counts).toEqual({
      people: 20,
      living: 18,
      deceased: 2,
      partyMembers: 6,
      partyTransferred: 0,
      archiveVolumes: 20,
      done: 0,
    });
    // Each starts from the file: its 社区, the project's 街道, the 党费基数 on file passed on, masked ID.
    const first = view.rows.find((r) => r.personId === ids[0])!;
    expect(first).toMatchObject({
      community: '建设社区',
      street: '建设街道',
      partyMember: true,
      partyTransfer: '待转',
      duesBaseFen: 420000,
      duesBaseOnFile: { year: 2026, baseFen: 420000 },
      archiveState: '未移交',
      archiveVolumes: 1,
    });
    expect(first.idNumberMasked).toMatch(/^110105\*+\d{3}[\dX]$/);
    expect(view.rows.find((r) => r.personId === ids[18])).toMatchObject({ status: '已故', partyTransfer: '不涉及' });
    expect(view.communities).toEqual([
      { community: '和平社区', street: '建设街道', people: 8, done: 0, state: '未开始' },
      { community: '建设社区', street: '建设街道', people: 12, done: 0, state: '未开始' },
    ]);

    // One by one: 王建国0's files are three volumes, his party relation transferred, the base passed on
    // edited, and the enterprise keeps his 补充医疗 and 节日慰问.
    const edit = async (row: HandoverPersonRow, changes: Record<string, unknown>) => {
      const input = editInput(row);
      return call<HandoverPersonRow>('handover.updatePerson', { ...input, person: { ...input.person, ...changes } });
    };
    const edited = await edit(first, {
      archiveState: '已整理',
      archiveVolumes: 3,
      partyTransfer: '已转',
      partyTransferOn: '2026-11-10',
      partyTo: '中共建设街道建设社区委员会',
      socialSecurity: '已移交',
      duesBase: '4,350.00',
      retained: ['补充医疗', '节日慰问'],
      retainedOther: '每年体检',
    });
    expect(edited).toMatchObject({ archiveVolumes: 3, duesBaseFen: 435000, partyTransfer: '已转', version: 2 });
    // A form loaded before that edit is refused, not written over it.
    expect((await refusal('handover.updatePerson', { ...editInput(first), version: 1 })).message).toContain(
      '已被他人修改',
    );

    // 建设社区 completed on 2026-11-20: twelve files flagged 社会化管理.
    const jianshe = rowsOf(view, '建设社区');
    expect(
      await call('handover.complete', {
        projectId: created.id,
        rowIds: jianshe.map((r) => r.id),
        handedOverOn: '2026-11-20',
      }),
    ).toEqual({ count: 12 });
    view = await call<HandoverProjectView>('handover.get', { id: created.id });
    expect(view.communities).toEqual([
      { community: '和平社区', street: '建设街道', people: 8, done: 0, state: '未开始' },
      { community: '建设社区', street: '建设街道', people: 12, done: 12, state: '已完成' },
    ]);
    expect(view.counts).toMatchObject({ done: 12, archiveVolumes: 22, partyTransferred: 1 });
    expect(rowsOf(view, '建设社区').every((r) => r.archiveState === '已移交' && r.handedOverOn === '2026-11-20')).toBe(
      true,
    );
    // One of 和平社区 done: the community is in progress.
    await call('handover.complete', {
      projectId: created.id,
      rowIds: [rowsOf(view, '和平社区')[0].id],
      handedOverOn: '2026-11-25',
    });
    view = await call<HandoverProjectView>('handover.get', { id: created.id });
    expect(view.communities[0]).toMatchObject({ community: '和平社区', done: 1, state: '进行中' });

    // The file stays on file and 在册, flagged 社会化管理 with its date and 社区; the history says when.
    const file = await call<PersonFile>('retirees.get', { id: ids[0] });
    expect(file.status).toBe('在册');
    expect(await call<PersonHandover[]>('handover.ofPerson', { personId: ids[0] })).toEqual([
      {
        rowId: first.id,
        projectId: created.id,
        projectName: PROJECT.name,
        street: '建设街道',
        community: '建设社区',
        handedOverOn: '2026-11-20',
        archiveState: '已移交',
      },
    ]);
    const history = await call<HistoryItem[]>('retirees.history', { id: ids[0] });
    const handedOver = history.find((h) => h.changes.some((c) => c.label.startsWith('移交日期')))!;
    expect(handedOver.reason).toBe(`社会化移交（${PROJECT.name}）`);
    expect(handedOver.what).toBe('修改社会化移交（建设街道建设社区）');
    expect(handedOver.changes).toContainEqual(
      expect.objectContaining({ label: '移交日期（社会化管理起始）', before: '（空）', after: '2026年11月20日' }),
    );

    // The people list's flag: the twelve of 建设社区 and the one of 和平社区; the rest of the group not.
    const list = (q: Record<string, unknown>) => call<ListPage>('retirees.list', { pageSize: 100, ...q });
    expect((await list({ socialized: true })).total).toBe(13);
    expect((await list({ socialized: true, statuses: ['在册'] })).rows.map((r) => r.id)).toContain(ids[0]);
    const flagged = view.rows.filter((r) => r.handedOverOn && r.status === '在册').map((r) => r.personId);
    expect(
      (await list({ socialized: true, adminGroupId: east, statuses: ['在册'] })).rows.map((r) => r.id).sort(),
    ).toEqual(flagged.sort());
    expect((await list({ socialized: true })).rows.map((r) => r.id)).not.toContain(other);

    // 感情不断: the festival batch of the 东区 on the roll still holds those handed over.
    const batch = await call<VisitBatchView>('visits.createBatch', {
      name: '2027年春节慰问（东区）',
      kind: '节日慰问',
      date: '2026-12-01',
      money: '500.00',
      items: null,
      visitors: null,
      query: { adminGroupId: east, statuses: ['在册'] },
    });
    expect(batch.rows).toHaveLength(18);
    expect(batch.rows.map((r) => r.personId)).toEqual(expect.arrayContaining(jianshe.map((r) => r.personId)));

    // The signed roster of 建设社区, printed for both sides: full ID numbers on paper (logged), the two signature blocks, the 公文 date.
    const printed = await call<PrintableView>('handover.rosterPrint', { id: created.id, community: '建设社区' });
    expect(printed.count).toBe(12);
    expect(printed.body).toContain('退休人员社会化管理人员名册');
    expect(printed.body).toContain('移交单位（盖章）：测试集团离退休管理办公室');
    expect(printed.body).toContain('接收单位（盖章）：建设街道建设社区');
    expect(printed.body).toContain('二〇二六年十一月二十日');
    expect(printed.body).toContain('协议编号：建街移〔2026〕1号');
    const fullId = idNumber('19500101', '101');
    expect(printed.body).toContain(`<td>${fullId}</td>`);
    expect(printed.css).toContain('297mm 210mm');
    expect(
      ctx.store.raw
        .prepare(`select count(*) n from access_log where what like '打印退休人员社会化管理人员名册%'`)
        .get(),
    ).toEqual({ n: 1 });

    // The whole roster as .xlsx, read back: eighteen living rows in order of community, masked unless asked in full; the deceased's files in a note.
    const masked = await call<{ fileName: string; count: number; dataBase64: string }>('handover.rosterExport', {
      id: created.id,
    });
    expect(masked.fileName).toBe(`退休人员社会化管理人员名册-${PROJECT.name}.xlsx`);
    expect(masked.count).toBe(18);
    const sheet = await workbookRows(masked.dataBase64);
    const header = sheet.findIndex((r) => r[0] === '序号');
    expect(sheet[header]).toEqual([
      '序号',
      '姓名',
      '性别',
      '出生年月',
      '身份证号',
      '退休时间',
      '类别',
      '党员',
      '档案册数',
      '接收社区',
      '备注',
    ]);
    const body = sheet.slice(header + 1, header + 19);
    expect(body.map((r) => r[9])).toEqual([...Array(6).fill('和平社区'), ...Array(12).fill('建设社区')]);
    const wang = body.find((r) => r[1] === '王建国0')!;
    expect(wang).toEqual([
      expect.any(String),
      '王建国0',
      '男',
      '1950.01',
      first.idNumberMasked,
      '2010.06',
      '退休',
      '是',
      '3',
      '建设社区',
      '企业保留：补充医疗、节日慰问、每年体检；党组织关系已转，党费基数 4,350.00 元',
    ]);
    const pending = rowsOf(view, '和平社区').find((r) => !r.handedOverOn && r.status === '在册')!;
    expect(body.find((r) => r[1] === pending.name)![10]).toContain('未办结');
    expect(sheet.flat().join('')).toContain('另移交已故人员档案 2 人 2 册');
    const full = await call<{ dataBase64: string }>('handover.rosterExport', { id: created.id, full: true });
    expect((await workbookRows(full.dataBase64)).find((r) => r[1] === '王建国0')![4]).toBe(fullId);
    expect(
      ctx.store.raw.prepare(`select count(*) n from access_log where what = '导出退休人员社会化管理人员名册'`).get(),
    ).toEqual({ n: 2 });

    // The rest handed over, the project completed.
    await call('handover.complete', {
      projectId: created.id,
      rowIds: rowsOf(view, '和平社区')
        .slice(1)
        .map((r) => r.id),
      handedOverOn: '2026-11-28',
    });
    const done = await call<HandoverProjectView>('handover.completeProject', {
      id: created.id,
      completedOn: '2026-11-30',
    });
    expect(done).toMatchObject({ completedOn: '2026-11-30', done: 20, people: 20 });
    expect(done.communities.every((c) => c.state === '已完成')).toBe(true);
  });
});

/** The input of an edit that changes nothing, as a form loaded from this row would send it. */
function editInput(row: HandoverPersonRow) {
  return {
    id: row.id,
    version: row.version,
    person: {
      archiveState: row.archiveState,
      archiveVolumes: row.archiveVolumes,
      partyTransfer: row.partyTransfer,
      partyTransferOn: row.partyTransferOn,
      partyTo: row.partyTo,
      socialSecurity: row.socialSecurity,
      street: row.street,
      community: row.community,
      duesBase: row.duesBaseFen === null ? null : String(row.duesBaseFen / 100),
      retained: row.retained,
      retainedOther: row.retainedOther,
      note: row.note,
    },
  };
}

describe('bad input: refused in Chinese, nothing saved', () => {
  const written = () => ({
    projects: count('handover_projects'),
    people: count('handover_people'),
    done: (
      ctx.store.raw.prepare('select count(*) n from handover_people where handed_over_on is not null').get() as {
        n: number;
      }
    ).n,
    audit: count('audit_log'),
  });

  test('a person already handed over added again, a project with no people completed, dates out of order, a person deleted', async () => {
    const { ids } = await eastDistrict();
    const a = await call<HandoverProjectView>('handover.create', { project: PROJECT });
    await call('handover.addPeople', { projectId: a.id, personIds: ids.slice(0, 3) });
    const rows = (await call<HandoverProjectView>('handover.get', { id: a.id })).rows;
    await call('handover.complete', { projectId: a.id, rowIds: [rows[0].id], handedOverOn: '2026-11-20' });
    const b = await call<HandoverProjectView>('handover.create', {
      project: { ...PROJECT, name: '2027年和平社区移交', street: '和平街道' },
    });
    let before = written();

    // A person already handed over (in another project, completed), beside one who would be fine.
    const again = await refusal('handover.addPeople', { projectId: b.id, personIds: [ids[10], rows[0].personId] });
    expect(again.message).toBe(
      `未加入任何人员：${rows[0].name}已于 2026年11月20日 移交建设社区（${PROJECT.name}），不能再次移交`,
    );
    // By filter too: the whole roster of the group holds the three already listed.
    expect((await refusal('handover.addPeople', { projectId: b.id, query: { q: rows[1].name } })).message).toContain(
      `${rows[1].name}已列入“${PROJECT.name}”的移交名单`,
    );
    expect(written()).toEqual(before);

    // A project with no people completed.
    expect((await refusal('handover.completeProject', { id: b.id, completedOn: '2026-11-30' })).message).toBe(
      '移交名单中没有人员，不能完成移交',
    );
    // Nor one with people not handed over yet.
    expect((await refusal('handover.completeProject', { id: a.id, completedOn: '2026-11-30' })).message).toContain(
      '尚有 2 人未办结移交',
    );
    expect(written()).toEqual(before);

    // Dates out of order: the plan ending before it starts; a handover before the agreement was signed,
    // or in the future; a transfer date without the transfer.
    expect(
      (
        await refusal('handover.create', {
          project: { ...PROJECT, name: '倒序', plannedFrom: '2026-12-31', plannedTo: '2026-11-01' },
        })
      ).message,
    ).toBe('计划开始日期（2026年12月31日）不能晚于计划完成日期（2026年11月1日）');
    expect(
      (await refusal('handover.complete', { projectId: a.id, rowIds: [rows[1].id], handedOverOn: '2026-10-01' }))
        .message,
    ).toBe('移交日期（2026年10月1日）不能早于协议签订日期（2026年10月20日）');
    expect(
      (await refusal('handover.complete', { projectId: a.id, rowIds: [rows[1].id], handedOverOn: '2999-01-01' }))
        .message,
    ).toBe('移交日期 2999年1月1日 晚于今天');
    expect(
      (
        await refusal('handover.update', {
          id: a.id,
          version: a.version,
          project: { ...PROJECT, agreementDate: '2026-11-25' },
        })
      ).message,
    ).toBe('协议签订日期（2026年11月25日）不能晚于已办结的移交日期（2026年11月20日）');
    const input = editInput(rows[1]);
    expect(
      (
        await refusal('handover.updatePerson', {
          ...input,
          person: { ...input.person, partyTransfer: '待转', partyTransferOn: '2026-11-01' },
        })
      ).message,
    ).toBe('党组织关系尚未转出，不能填写转出日期');
    // The one handed over is handed over once, in this project too.
    expect(
      (
        await refusal('handover.complete', {
          projectId: a.id,
          rowIds: [rows[1].id, rows[0].id],
          handedOverOn: '2026-11-21',
        })
      ).message,
    ).toBe(`未办结任何人员的移交：${rows[0].name}已于 2026年11月20日 办结移交`);
    expect(written()).toEqual(before);

    // A person deleted: their number no longer reaches a file.
    const gone = await call<PersonFile>('retirees.create', { person: person({ name: '误录', idNumber: null }) });
    deletePerson(ctx.store, gone.id, '重复录入');
    before = written();
    expect((await refusal('handover.addPeople', { projectId: b.id, personIds: [ids[12], gone.id] })).message).toBe(
      `未加入任何人员：第 ${gone.id} 号档案不存在（可能已被删除）`,
    );
    // And a file on a handover roster cannot be deleted.
    expect(() => deletePerson(ctx.store, rows[0].personId, '测试')).toThrow('社会化移交记录');
    // Nor is a handed-over person taken off the roster.
    expect((await refusal('handover.removePerson', { id: rows[0].id })).message).toContain(
      '办结移交，不能从名单中移除',
    );
    expect(written()).toEqual(before);
  });
});
