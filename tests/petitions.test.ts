// Petitions: the time limits (15 days to accept, 60 to conclude, one extension of at most 30,
// across year ends), the workflow and its audit, overdue cases, the register.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Petition } from '../src-main/contract/petitions';
import type { AppContext } from '../src-main/app/context';
import { advancePetition, createPetition, overduePetitions } from '../src-main/petitions/petitions';
import { createPerson } from '../src-main/retirees/persons';
import { deadlines, overdue } from '../src-main/shared/petitions';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const input = (extra = {}) => ({
  receivedOn: '2026-12-20',
  channel: '来访' as const,
  personId: null,
  petitioner: '刘强',
  relation: '儿子',
  phone: '13840001234',
  subject: '反映父亲医药费报销进度',
  content: '父亲刘建国的住院费用报销已三个月未到账。',
  handler: '李明',
  ...extra,
});

describe('time limits', () => {
  test('15 days to accept, 60 from acceptance to conclude, plus the extension; across the year end', () => {
    // Received 2026-12-20: accept by 2027-01-04. Accepted 2026-12-28: conclude by 2027-02-26; +30: 2027-03-28.
    expect(deadlines({ receivedOn: '2026-12-20', acceptedOn: null, extensionDays: null })).toEqual({
      acceptBy: '2027-01-04',
      concludeBy: null,
    });
    expect(deadlines({ receivedOn: '2026-12-20', acceptedOn: '2026-12-28', extensionDays: null }).concludeBy).toBe(
      '2027-02-26',
    );
    expect(deadlines({ receivedOn: '2026-12-20', acceptedOn: '2026-12-28', extensionDays: 30 }).concludeBy).toBe(
      '2027-03-28',
    );
    // A leap year: accepted 2028-01-15, 60 days on is 2028-03-15.
    expect(deadlines({ receivedOn: '2028-01-10', acceptedOn: '2028-01-15', extensionDays: null }).concludeBy).toBe(
      '2028-03-15',
    );
    const open = { status: '待受理' as const, receivedOn: '2026-12-20', acceptedOn: null, extensionDays: null };
    expect([overdue(open, '2027-01-04'), overdue(open, '2027-01-05')]).toEqual([false, true]);
    const handling = {
      status: '办理中' as const,
      receivedOn: '2026-12-20',
      acceptedOn: '2026-12-28',
      extensionDays: null,
    };
    expect([overdue(handling, '2027-02-26'), overdue(handling, '2027-02-27')]).toEqual([false, true]);
    expect(overdue({ ...handling, status: '已办结' }, '2030-01-01')).toBe(false);
  });
});

describe('the workflow', () => {
  test('registered, accepted, extended once, concluded with the result and satisfaction; every step audited', () => {
    const p = createPetition(ctx.store, input(), '2026-12-20');
    expect(p).toMatchObject({
      status: '待受理',
      acceptBy: '2027-01-04',
      concludeBy: null,
      overdue: false,
      createdBy: '王干事',
    });
    const accepted = advancePetition(ctx.store, p.id, p.version, { step: 'accept', on: '2026-12-28' }, '2026-12-28');
    expect(accepted).toMatchObject({ status: '办理中', concludeBy: '2027-02-26' });
    expect(() =>
      advancePetition(
        ctx.store,
        p.id,
        accepted.version,
        { step: 'extend', days: 31, reason: '需调取医院资料' },
        '2027-02-01',
      ),
    ).toThrow('延长期限不得超过 30 日');
    const extended = advancePetition(
      ctx.store,
      p.id,
      accepted.version,
      { step: 'extend', days: 30, reason: '需调取医院资料' },
      '2027-02-01',
    );
    expect(extended.concludeBy).toBe('2027-03-28');
    expect(() =>
      advancePetition(ctx.store, p.id, extended.version, { step: 'extend', days: 5, reason: '再延' }, '2027-02-02'),
    ).toThrow('只能延期一次');
    const done = advancePetition(
      ctx.store,
      p.id,
      extended.version,
      { step: 'conclude', on: '2027-03-01', result: '已督促财务发放，3 月 1 日到账', satisfaction: '满意' },
      '2027-03-01',
    );
    expect(done).toMatchObject({ status: '已办结', concludedOn: '2027-03-01', satisfaction: '满意' });
    expect(() =>
      advancePetition(ctx.store, p.id, done.version, { step: 'accept', on: '2027-03-02' }, '2027-03-02'),
    ).toThrow('当前为“已办结”，不能受理');
    const reasons = ctx.store.raw
      .prepare("select reason from audit_log where entity = 'petition' and entity_id = ? order by id")
      .all(p.id);
    expect(reasons).toEqual([{ reason: null }, { reason: '受理' }, { reason: '需调取医院资料' }, { reason: '办结' }]);
  });

  test('不予受理 with a reason; a retiree on file is the petitioner by default and sees it on the file', async () => {
    const retiree = createPerson(ctx.store, person({ name: '刘建国' }), { acceptWarnings: false });
    const p = createPetition(
      ctx.store,
      input({ personId: retiree.id, petitioner: null, relation: null }),
      '2026-12-20',
    );
    expect(p.petitioner).toBe('刘建国');
    const r = advancePetition(
      ctx.store,
      p.id,
      p.version,
      { step: 'reject', on: '2026-12-22', reason: '不属于本单位职责范围，已告知向社保经办机构反映' },
      '2026-12-22',
    );
    expect(r).toMatchObject({ status: '不予受理', concludedOn: '2026-12-22' });
    expect((await call<Petition[]>('petitions.list', { personId: retiree.id })).map((x) => x.id)).toEqual([p.id]);
    expect(
      (await refusal('petitions.advance', { id: p.id, version: r.version, step: { step: 'reject', on: '2026-12-22' } }))
        .message,
    ).toContain('请填写不予受理的理由');
  });

  test('overdue: not accepted within 15 days, not concluded in time; the closed never', () => {
    const late = createPetition(ctx.store, input({ receivedOn: '2026-11-01' }), '2026-11-01');
    const fresh = createPetition(ctx.store, input({ receivedOn: '2026-11-20' }), '2026-11-20');
    const handled = createPetition(ctx.store, input({ receivedOn: '2026-09-01' }), '2026-09-01');
    advancePetition(ctx.store, handled.id, handled.version, { step: 'accept', on: '2026-09-10' }, '2026-09-10');
    expect(
      overduePetitions(ctx.store, '2026-11-28')
        .map((p) => p.id)
        .sort(),
    ).toEqual([late.id, handled.id].sort());
    expect(overduePetitions(ctx.store, '2026-11-28').map((p) => p.id)).not.toContain(fresh.id);
  });

  test('dates that cannot be are refused: received in the future, accepted before received', () => {
    expect(() => createPetition(ctx.store, input({ receivedOn: '2026-12-21' }), '2026-12-20')).toThrow(
      '收到日期不能晚于今天',
    );
    const p = createPetition(ctx.store, input(), '2026-12-20');
    expect(() =>
      advancePetition(ctx.store, p.id, p.version, { step: 'accept', on: '2026-12-19' }, '2026-12-28'),
    ).toThrow('受理日期不能早于2026-12-20');
  });

  test('the register of a period to .xlsx', async () => {
    createPetition(ctx.store, input({ receivedOn: '2026-11-02', subject: '十一月的事' }), '2026-11-02');
    createPetition(ctx.store, input({ receivedOn: '2026-10-02', subject: '十月的事' }), '2026-10-02');
    const file = await call<{ dataBase64: string }>('petitions.register', { from: '2026-11-01', to: '2026-11-30' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('信访登记簿（2026-11-01 至 2026-11-30）');
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(3).getCell(7).value).toBe('十一月的事');
  });
});
