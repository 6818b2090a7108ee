// The organisation network: moving and merging units with their members, bulk assignment from a
// list filter, each unit's figures, places (片区/楼栋), the contact sheet and the contact tree.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PrintableView } from '../src-main/contract/common';
import type { NetworkUnit, OrgUnit, UnitRef } from '../src-main/contract/org';
import type { HistoryItem, PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { contactTree } from '../src-main/org/network';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const unit = (kind: string, name: string, parentId: number | null = null) =>
  call<OrgUnit>('org.create', { kind, name, parentId });
const add = async (name: string, fields: object = {}) =>
  (await call<PersonFile>('retirees.create', { person: person({ name, ...fields }) })).id;
const get = (id: number) => call<PersonFile>('retirees.get', { id });
const tree = () => call<NetworkUnit[]>('org.tree', {});
const find = async (key: string) => (await tree()).find((u) => u.key === key);
const year = new Date().getFullYear();

async function twoGroups() {
  const one = await unit('行政大组', '一大组');
  const two = await unit('行政大组', '二大组');
  const oneA = await unit('行政小组', '一组', one.id);
  const twoA = await unit('行政小组', '五组', two.id);
  const inGroup = { adminGroupId: one.id, adminSubgroupId: oneA.id };
  const zhang = await add('张桂兰', {
    ...inGroup,
    area: '东区',
    building: '1号楼',
    living: '独居',
    phones: [{ label: null, number: '13800001111' }],
    birthDate: '1950-03-15',
    politicalStatus: '中共党员',
  });
  const li = await add('李建国', {
    ...inGroup,
    area: '东区',
    building: '1号楼',
    careDisability: '失能',
    birthDate: '1930-05-01',
  });
  const wang = await add('王秀英', { area: '东区', building: '2号楼', birthDate: '1945-01-01' });
  const zhao = await add('赵德明', { ...inGroup, status: '已故', statusDate: `${year}-02-03` });
  return { one, two, oneA, twoA, zhang, li, wang, zhao };
}

describe('groups', () => {
  test('a unit figures: members on the roll, over 80 and 90, living alone, 失能, party members, deaths this year', async () => {
    const { oneA } = await twoGroups();
    const u = await find(`行政小组:${oneA.id}`);
    expect(u?.figures).toEqual({
      members: 2,
      over80: 1,
      over90: 1,
      livingAlone: 1,
      disabled: 1,
      partyMembers: 1,
      diedThisYear: 1,
    });
  });

  test('moving a 小组 to another 大组 takes its members along, audited on each file', async () => {
    const { two, oneA, zhang, li, wang } = await twoGroups();
    const moved = await call<NetworkUnit>('org.move', {
      ref: { kind: '行政小组', id: oneA.id },
      to: { kind: '行政大组', id: two.id },
    });
    expect(moved.parentKey).toBe(`行政大组:${two.id}`);
    expect((await get(zhang)).unitNames).toMatchObject({ adminGroup: '二大组', adminSubgroup: '一组' });
    expect((await get(li)).adminGroupId).toBe(two.id);
    expect((await get(wang)).adminGroupId).toBeNull();
    const [last] = await call<HistoryItem[]>('retirees.history', { id: zhang });
    expect(last).toMatchObject({
      what: '修改档案',
      reason: '一组移至二大组',
      changes: [{ label: '行政大组', before: '一大组', after: '二大组' }],
    });
    expect(
      (await refusal('org.move', { ref: { kind: '行政小组', id: oneA.id }, to: { kind: '党支部', id: two.id } }))
        .message,
    ).toBe('行政小组只能移到另一个行政大组');
  });

  test('merging a 大组 into another: its 小组 and members go with it, and it is gone', async () => {
    const { one, two, oneA, zhang } = await twoGroups();
    await call('org.merge', { from: { kind: '行政大组', id: one.id }, into: { kind: '行政大组', id: two.id } });
    const units = await call<OrgUnit[]>('org.units', {});
    expect(units.map((u) => u.name).sort()).toEqual(['五组', '一组', '二大组'].sort());
    expect(units.find((u) => u.id === oneA.id)?.parentId).toBe(two.id);
    expect((await get(zhang)).unitNames).toMatchObject({ adminGroup: '二大组', adminSubgroup: '一组' });
    expect((await find(`行政大组:${two.id}`))?.figures.members).toBe(2);
  });

  test('merging a 小组 into one under another 大组 moves its members to both', async () => {
    const { two, oneA, twoA, zhang } = await twoGroups();
    await call('org.merge', { from: { kind: '行政小组', id: oneA.id }, into: { kind: '行政小组', id: twoA.id } });
    expect(await get(zhang)).toMatchObject({ adminGroupId: two.id, adminSubgroupId: twoA.id });
    expect(
      (await refusal('org.merge', { from: { kind: '行政小组', id: twoA.id }, into: { kind: '行政大组', id: two.id } }))
        .message,
    ).toBe('只能合并到同一类组织');
  });

  test('everyone a list filter finds (every page) is assigned at once; a 小组 brings its 大组', async () => {
    const { two, twoA, zhang, li, wang, zhao } = await twoGroups();
    const r = await call<{ matched: number; changed: number }>('org.assign', {
      query: { area: '东区', pageSize: 1 },
      ref: { kind: '行政小组', id: twoA.id },
    });
    expect(r).toEqual({ matched: 3, changed: 3 });
    for (const id of [zhang, li, wang])
      expect(await get(id)).toMatchObject({ adminGroupId: two.id, adminSubgroupId: twoA.id });
    // The deceased stays where he was, even when the filter finds him.
    await call('org.assign', { query: { q: '赵德明' }, ref: { kind: '行政小组', id: twoA.id } });
    expect((await get(zhao)).unitNames.adminGroup).toBe('一大组');
    // Assigning to a 大组 keeps a 小组 only if it belongs to it.
    const { one } = { one: (await call<OrgUnit[]>('org.units', {})).find((u) => u.name === '一大组')! };
    await call('org.assign', { query: { q: '王秀英' }, ref: { kind: '行政大组', id: one.id } });
    expect(await get(wang)).toMatchObject({ adminGroupId: one.id, adminSubgroupId: null });
  });

  test('leader on file, phone and note saved; a duplicate name refused', async () => {
    const { oneA, zhang } = await twoGroups();
    const saved = await call<NetworkUnit>('org.saveUnit', {
      ref: { kind: '行政小组', id: oneA.id },
      leaderPersonId: zhang,
      leader: null,
      phone: '13800001111',
      note: '每月第一个周三活动',
    });
    expect(saved).toMatchObject({ leader: '张桂兰', leaderPersonId: zhang, phone: '13800001111' });
    expect(
      (await refusal('org.saveUnit', { ref: { kind: '行政小组', id: oneA.id }, name: '五组', leaderPersonId: null }))
        .message,
    ).toBe('已有名为“五组”的行政小组');
    // A rename shows on the members' files and is in the audit log.
    await call('org.saveUnit', {
      ref: { kind: '行政小组', id: oneA.id },
      name: '一组（东区）',
      leaderPersonId: zhang,
      phone: '13800001111',
    });
    expect((await get(zhang)).unitNames.adminSubgroup).toBe('一组（东区）');
    const logged = ctx.store.raw
      .prepare("SELECT before, after FROM audit_log WHERE entity = 'org_unit' ORDER BY id DESC LIMIT 1")
      .get() as { before: string; after: string };
    expect(JSON.parse(logged.before)).toMatchObject({ name: '一组' });
    expect(JSON.parse(logged.after)).toMatchObject({ name: '一组（东区）', leader: '张桂兰' });
  });
});

describe('places', () => {
  test('片区 and 楼栋 come from the files; a 楼栋 moves to another 片区 with its people and its leader', async () => {
    const { wang } = await twoGroups();
    expect((await tree()).filter((u) => u.ref.kind === '楼栋').map((u) => u.key)).toEqual([
      '楼栋:东区/1号楼',
      '楼栋:东区/2号楼',
    ]);
    expect((await find('片区:东区'))?.figures.members).toBe(3);
    const building: UnitRef = { kind: '楼栋', area: '东区', building: '2号楼' };
    await call('org.saveUnit', { ref: building, leaderPersonId: null, leader: '社区网格员 刘芳', phone: '66001234' });
    await call('org.move', { ref: building, to: { kind: '片区', area: '西区' } });
    expect((await get(wang)).area).toBe('西区');
    expect(await find('楼栋:西区/2号楼')).toMatchObject({ leader: '社区网格员 刘芳', figures: { members: 1 } });
    expect(await find('楼栋:东区/2号楼')).toBeUndefined();
    // Merging 西区 into 东区 (a new name would be a rename): people follow.
    await call('org.merge', { from: { kind: '片区', area: '西区' }, into: { kind: '片区', area: '东区' } });
    expect((await get(wang)).area).toBe('东区');
    expect(await find('楼栋:东区/2号楼')).toMatchObject({ leader: '社区网格员 刘芳' });
  });
});

describe('the contact sheet and the contact tree', () => {
  test('the sheet lists the members on the roll with phones, escaped; the workbook keeps phones as text', async () => {
    const { oneA } = await twoGroups();
    await add('<b>钱</b>', {
      adminSubgroupId: oneA.id,
      adminGroupId: (await call<OrgUnit[]>('org.units', {})).find((u) => u.name === '一大组')!.id,
      phones: [{ label: null, number: '010-66001234' }],
    });
    const sheet = await call<PrintableView>('org.contactSheet', { ref: { kind: '行政小组', id: oneA.id }, tree: true });
    expect(sheet.count).toBe(3);
    expect(sheet.body).toContain('一组组员联系表');
    expect(sheet.body).toContain('&lt;b&gt;钱&lt;/b&gt;');
    expect(sheet.body).not.toContain('赵德明');
    expect(sheet.body).toContain('失能');
    expect(sheet.body).toContain('一组联络树');
    const file = await call<{ fileName: string; dataBase64: string }>('org.exportSheet', {
      ref: { kind: '行政小组', id: oneA.id },
    });
    expect(file.fileName).toBe('一组组员联系表.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const phones = [4, 5, 6].map((r) => ws.getRow(r).getCell(5).value);
    expect(phones).toContain('010-66001234');
    expect(ws.getRow(4).getCell(5).numFmt).toBe('@');
  });

  test('the tree: the leader calls a few who can pass word on, they call the rest; nobody is left out or called twice', async () => {
    const g = await unit('行政大组', '三大组');
    const ids: number[] = [];
    for (let i = 0; i < 14; i++) {
      ids.push(
        await add(`组员${i + 1}`, {
          adminGroupId: g.id,
          birthDate: '1950-01-01',
          phones: [{ label: null, number: `1380000${String(i).padStart(4, '0')}` }],
          careDisability: i === 0 ? '失能' : null,
        }),
      );
    }
    await call('org.saveUnit', {
      ref: { kind: '行政大组', id: g.id },
      leaderPersonId: ids[13],
      leader: null,
      phone: '13800000013',
    });
    const t = contactTree(ctx.store, { kind: '行政大组', id: g.id });
    expect(t.leader.name).toBe('组员14');
    // 13 members besides the leader, five at most per caller: ceil(13 / 6) = 3 callers.
    expect(t.branches).toHaveLength(3);
    expect(t.branches.every((b) => b.caller && b.caller.cannotCome.length === 0)).toBe(true);
    const reached = t.branches.flatMap((b) => [b.caller!.personId, ...b.calls.map((m) => m.personId)]);
    expect(reached.sort((a, b) => a - b)).toEqual(ids.slice(0, 13).sort((a, b) => a - b));
    // A unit of five: the leader calls everyone.
    const small = await unit('行政大组', '四大组');
    for (let i = 0; i < 5; i++) await add(`小组员${i}`, { adminGroupId: small.id });
    expect(contactTree(ctx.store, { kind: '行政大组', id: small.id }).branches).toMatchObject([{ caller: null }]);
  });
});
