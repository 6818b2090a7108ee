// People living elsewhere (异地居住, issue 21 item 3): who looks after them there kept on the file
// (the local unit, 社区 and 派出所 with their phones, a relative nearby), the list by city for
// mailings, visits and the yearly certification, a festival batch for one city, the list exported,
// and the fields read from a roster and written back by the export.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import type { ListPage, PersonFile, RemoteList } from '../src-main/contract/retirees';
import type { VisitBatchView } from '../src-main/contract/visits';
import { commitImport, prepareImport } from '../src-main/importer/commit';
import { getPerson } from '../src-main/retirees/persons';
import { todayIso } from '../src-main/shared/dates';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
const { call, refusal } = router(() => ctx);

beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());

const add = (name: string, fields: Record<string, unknown> = {}) =>
  call<PersonFile>('retirees.create', { person: person({ name, ...fields }) });

async function office() {
  const wang = await add('王秀英', {
    remote: true,
    remoteCity: '海南省三亚市',
    address: '三亚市吉阳区迎宾路 88 号',
    phones: [{ label: '手机', number: '13912345678' }],
    remoteUnit: '三亚市退休人员社会化管理服务中心',
    remoteUnitPhone: '0898-88661234',
    remoteCommunity: '吉阳区红沙社区居委会',
    remoteCommunityPhone: '0898-88223344',
    remotePolice: '红沙派出所',
    remotePolicePhone: '0898-88225566',
    contacts: [
      { name: '王小红', relation: '女儿', phones: [{ label: '手机', number: '13600001111' }], emergency: true },
      { name: '李海', relation: '外甥', phones: [{ label: '手机', number: '13700002222' }], nearby: true },
    ],
  });
  const zhao = await add('赵立新', { remote: true, remoteCity: '北京市' });
  const qian = await add('钱德顺', { remote: true, remoteCity: null });
  await add('孙桂芝', { remote: true, remoteCity: '北京市', status: '已故', statusDate: '2025-03-01' });
  await add('周本地'); // lives here: never listed
  return { wang, zhao, qian };
}

describe('the file of a person living elsewhere', () => {
  test('keeps the local unit, 社区 and 派出所 with their phones, and the contact marked 住在附近', async () => {
    const { wang } = await office();
    const f = await call<PersonFile>('retirees.get', { id: wang.id });
    expect(f).toMatchObject({
      remoteUnit: '三亚市退休人员社会化管理服务中心',
      remoteUnitPhone: '0898-88661234',
      remoteCommunity: '吉阳区红沙社区居委会',
      remotePolice: '红沙派出所',
      remotePolicePhone: '0898-88225566',
    });
    expect(f.contacts.map((c) => [c.name, c.emergency, c.nearby])).toEqual([
      ['王小红', true, false],
      ['李海', false, true],
    ]);
    // The history names the change in the office's words.
    await call('retirees.update', {
      id: wang.id,
      base: { remotePolicePhone: '0898-88225566' },
      changes: { remotePolicePhone: '0898-88225577' },
      version: f.version,
    });
    const history = await call<{ changes: { field: string; before: string; after: string }[] }[]>('retirees.history', {
      id: wang.id,
    });
    expect(JSON.stringify(history)).toContain('居住地派出所电话');
  });

  test('a field longer than the file keeps is refused in Chinese, and nothing is saved', async () => {
    const e = await refusal('retirees.create', {
      person: { name: '过长', category: '退休', remote: true, remoteUnit: '单'.repeat(101) },
    });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe('输入有误：「当地管理单位」不能超过 100 个字');
    expect((await call<ListPage>('retirees.list', { q: '过长' })).total).toBe(0);
  });
});

describe('the list by city', () => {
  test('the cities with their counts, only people on the roll, a file without a city listed to be completed', async () => {
    await office();
    const all = await call<RemoteList>('retirees.remote', {});
    expect(all.cities).toEqual([
      { city: '北京市', count: 1 },
      { city: '海南省三亚市', count: 1 },
      { city: '未填城市', count: 1 },
    ]);
    expect(all.rows.map((r) => [r.city, r.name])).toEqual([
      ['北京市', '赵立新'],
      ['海南省三亚市', '王秀英'],
      ['未填城市', '钱德顺'],
    ]);
    expect((await call<RemoteList>('retirees.remote', { city: '未填城市' })).rows.map((r) => r.name)).toEqual([
      '钱德顺',
    ]);
  });

  test('who looks after them there, phones masked; this year’s certification and the last visit', async () => {
    const { wang } = await office();
    const before = (await call<RemoteList>('retirees.remote', { city: '海南省三亚市' })).rows[0];
    expect(before).toMatchObject({
      name: '王秀英',
      address: '三亚市吉阳区迎宾路 88 号',
      phones: ['139****5678'],
      unit: '三亚市退休人员社会化管理服务中心',
      unitPhone: '0898-88661234',
      community: '吉阳区红沙社区居委会',
      communityPhone: '0898-88223344',
      police: '红沙派出所',
      nearby: { name: '李海', relation: '外甥', phones: ['137****2222'] },
      certifiedOn: null,
      lastVisit: null,
    });
    const today = todayIso();
    // A call not answered reached nobody: it is no visit (shared/contact.ts).
    await call('visits.create', { personId: wang.id, kind: '电话问候', date: today, callOutcome: '未接通' });
    expect((await call<RemoteList>('retirees.remote', { city: '海南省三亚市' })).rows[0].lastVisit).toBeNull();
    await call('certifications.create', { personId: wang.id, certifiedOn: today, method: '网上/人脸' });
    await call('visits.create', { personId: wang.id, kind: '电话问候', date: today, note: '身体尚好' });
    const after = (await call<RemoteList>('retirees.remote', { city: '海南省三亚市' })).rows[0];
    expect([after.certifiedOn, after.lastVisit]).toEqual([today, today]);
  });

  test('the people list and a festival batch for one city take only that city’s people on the roll', async () => {
    const { zhao } = await office();
    const page = await call<ListPage>('retirees.list', { remoteCity: '北京市' });
    expect(page.rows.map((r) => r.name).sort()).toEqual(['孙桂芝', '赵立新']); // the list itself keeps every status
    const batch = await call<VisitBatchView>('visits.createBatch', {
      name: '2027年春节慰问（北京）',
      kind: '节日慰问',
      date: '2027-02-01',
      money: '500',
      query: { remoteCity: '北京市', statuses: ['在册'] },
    });
    expect(batch.rows.map((r) => r.personId)).toEqual([zhao.id]);
    expect((await call<ListPage>('retirees.list', { remoteCity: '未填城市' })).rows.map((r) => r.name)).toEqual([
      '钱德顺',
    ]);
  });

  test('the export: masked by default, in full when asked, and each export in the access log', async () => {
    await office();
    const read = async (full: boolean) => {
      const f = await call<{ fileName: string; count: number; dataBase64: string }>('retirees.remoteExport', {
        city: '海南省三亚市',
        full,
      });
      expect([f.fileName, f.count]).toEqual(['异地居住人员名单（海南省三亚市）.xlsx', 1]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(f.dataBase64, 'base64') as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const head = (ws.getRow(3).values as unknown[]).slice(1);
      const row = (ws.getRow(4).values as unknown[]).slice(1);
      return Object.fromEntries(head.map((h, i) => [String(h), row[i]]));
    };
    const masked = await read(false);
    expect(masked).toMatchObject({
      居住城市: '海南省三亚市',
      姓名: '王秀英',
      本人电话: '139****5678',
      当地管理单位: '三亚市退休人员社会化管理服务中心　0898-88661234',
      就近照应亲属: '李海（外甥）　137****2222',
      本年资格认证: '未认证',
    });
    const full = await read(true);
    expect([full.本人电话, full.就近照应亲属]).toEqual(['13912345678', '李海（外甥）　13700002222']);
    const log = await call<{ rows: { what: string; kind: string }[] }>('accessLog.list', { kind: 'export' });
    expect(log.rows.filter((r) => r.what === '导出异地居住人员名单')).toHaveLength(2);
  });
});

describe('a roster with the local contacts', () => {
  test('the columns are recognised by their words, and the exported roster carries them back', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('异地居住').addRows([
      ['姓名', '重点关爱', '当地管理单位', '管理单位电话', '居住地社区', '社区电话', '当地派出所', '派出所联系电话'],
      [
        '冯玉珍',
        '异地居住（大连市）',
        '大连市退休人员服务中心',
        '0411-1234567',
        '沙河口区星海社区',
        '0411-7654321',
        '星海派出所',
        '0411-1111111',
      ],
    ]);
    const fields = [
      'remoteUnit',
      'remoteUnitPhone',
      'remoteCommunity',
      'remoteCommunityPhone',
      'remotePolice',
      'remotePolicePhone',
    ];
    const prepared = await prepareImport(Buffer.from(await wb.xlsx.writeBuffer()), 'remote.xlsx');
    expect(prepared.sheets[0].header!.fields).toEqual(['name', 'care', ...fields]);
    const report = commitImport(ctx.store, prepared, {});
    const p = getPerson(ctx.store, report.rows.find((r) => r.name === '冯玉珍')!.personId!);
    expect(p).toMatchObject({
      remote: true,
      remoteCity: '大连市',
      remoteUnit: '大连市退休人员服务中心',
      remoteUnitPhone: '0411-1234567',
      remoteCommunity: '沙河口区星海社区',
      remoteCommunityPhone: '0411-7654321',
      remotePolice: '星海派出所',
      remotePolicePhone: '0411-1111111',
    });
    expect((await call<RemoteList>('retirees.remote', {})).rows.map((r) => [r.city, r.name])).toEqual([
      ['大连市', '冯玉珍'],
    ]);

    // The people list exported with these columns reads back into the same fields.
    const out = await call<{ dataBase64: string }>('retirees.export', {
      query: { care: ['remote'] },
      columns: ['name', 'care', ...fields],
    });
    const again = await prepareImport(Buffer.from(out.dataBase64, 'base64'), '导出.xlsx');
    expect(again.sheets[0].header!.fields).toEqual(['name', 'care', ...fields]);
  });
});
