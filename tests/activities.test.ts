// Activities and study: a meeting invites a whole party branch, attendance is taken, the material
// handed out there goes to those who came; those who did not are listed for 送学上门, and a
// delivery at home is a visit on their file. Petitions: attachments and the printed register.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ActivityView, MaterialView, PersonActivities } from '../src-main/contract/activities';
import type { PrintableView } from '../src-main/contract/common';
import type { OrgUnit } from '../src-main/contract/org';
import type { PetitionAttachment } from '../src-main/contract/petitions';
import type { PersonFile } from '../src-main/contract/retirees';
import type { Visit } from '../src-main/contract/visits';
import type { AppContext } from '../src-main/app/context';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call, refusal } = router(() => ctx);

const add = async (name: string, fields: object = {}) =>
  (await call<PersonFile>('retirees.create', { person: person({ name, ...fields }) })).id;

describe('activities and study', () => {
  test('a branch meeting: invited, attendance, the material, 送学上门 for those who did not come', async () => {
    const branch = await call<OrgUnit>('org.create', { kind: '党支部', name: '第一党支部', parentId: null });
    const inBranch = { partyBranchId: branch.id, politicalStatus: '中共党员' };
    const zhang = await add('张桂兰', inBranch);
    const li = await add('李建国', { ...inBranch, careDisability: '失能' });
    const wang = await add('王秀英', inBranch);
    await add('赵德明', { ...inBranch, status: '已故', statusDate: '2026-01-05' });
    const walkIn = await add('钱学文');

    const meeting = await call<ActivityView>('activities.create', {
      kind: '组织生活会',
      title: '十一月主题党日',
      heldOn: '2026-11-20',
      place: '老干部活动中心',
      organiser: '第一党支部',
      inviteUnit: { kind: '党支部', id: branch.id },
    });
    // The deceased member is not invited.
    expect(meeting.people.map((p) => p.name).sort()).toEqual(['李建国', '王秀英', '张桂兰'].sort());
    const taken = await call<ActivityView>('activities.attendance', {
      id: meeting.id,
      personIds: [zhang, walkIn],
      attended: true,
    });
    expect(taken).toMatchObject({ invited: 3, attended: 2 });
    expect(taken.people.find((p) => p.personId === walkIn)).toMatchObject({ invited: false, attended: true });

    const material = await call<MaterialView>('materials.create', {
      title: '党的二十届四中全会精神学习辅导',
      issuedOn: '2026-11-20',
      activityId: meeting.id,
    });
    expect(material.deliveries.map((d) => [d.name, d.how])).toEqual(
      expect.arrayContaining([
        ['张桂兰', '会上领取'],
        ['钱学文', '会上领取'],
      ]),
    );
    // In name order (li, wang), with why each needs it brought.
    expect(material.toDeliver).toEqual([
      { personId: li, name: '李建国', why: '失能' },
      { personId: wang, name: '王秀英', why: '未到会' },
    ]);

    const delivered = await call<MaterialView>('materials.deliver', {
      id: material.id,
      personIds: [li],
      how: '送学上门',
      on: '2026-11-25',
    });
    expect(delivered.toDeliver.map((p) => p.name)).toEqual(['王秀英']);
    // The delivery at home is a visit on 李建国's file, and shows with the activity there.
    const visits = await call<Visit[]>('visits.list', { personId: li });
    expect(visits[0]).toMatchObject({
      kind: '送学上门',
      date: '2026-11-25',
      note: '送学上门：《党的二十届四中全会精神学习辅导》',
    });
    const own = await call<PersonActivities>('activities.ofPerson', { personId: li });
    expect(own).toEqual({
      activities: [
        {
          id: meeting.id,
          kind: '组织生活会',
          title: '十一月主题党日',
          heldOn: '2026-11-20',
          invited: true,
          attended: false,
        },
      ],
      materials: [
        { id: material.id, title: '党的二十届四中全会精神学习辅导', receivedOn: '2026-11-25', how: '送学上门' },
      ],
    });
    expect(
      (await refusal('materials.deliver', { id: material.id, personIds: [li], how: '邮寄', on: '2026-11-26' })).message,
    ).toBe('李建国已于 2026-11-25 送学上门');
    expect((await call<ActivityView[]>('activities.list', { year: 2026 }))[0]).toMatchObject({
      title: '十一月主题党日',
      invited: 3,
      attended: 2,
    });
  });

  test('bad input changes nothing: an unknown kind, a deceased invitee', async () => {
    const gone = await add('赵德明', { status: '已故', statusDate: '2026-01-05' });
    expect((await refusal('activities.create', { kind: '旅游', title: '秋游', heldOn: '2026-10-01' })).code).toBe(
      'invalid_input',
    );
    expect(
      (await refusal('activities.create', { kind: '文体活动', title: '秋游', heldOn: '2026-10-01', inviteIds: [gone] }))
        .message,
    ).toBe('赵德明的状态为“已故”，不能邀请');
    expect(await call('activities.list', { year: 2026 })).toEqual([]);
  });
});

describe('petitions: attachments and the printed register', () => {
  test('a letter handed in is attached and read back; the register prints the period, escaped', async () => {
    const p = await call<{ id: number }>('petitions.create', {
      receivedOn: '2026-11-02',
      channel: '来信',
      petitioner: '刘<强>',
      subject: '反映供暖费补贴',
      content: '来信一封，附供暖缴费单。',
    });
    const bytes = Buffer.from('%PDF-1.4 来信扫描件');
    const a = await call<PetitionAttachment>('petitions.attach', {
      id: p.id,
      fileName: '来信.pdf',
      mime: 'application/pdf',
      dataBase64: bytes.toString('base64'),
    });
    expect(a).toMatchObject({ fileName: '来信.pdf', size: bytes.length, addedBy: '王干事' });
    const back = await call<{ dataBase64: string }>('petitions.attachment', { id: a.id });
    expect(Buffer.from(back.dataBase64, 'base64').equals(bytes)).toBe(true);
    expect(await call<PetitionAttachment[]>('petitions.attachments', { id: p.id })).toHaveLength(1);

    const register = await call<PrintableView>('petitions.registerPrint', { from: '2026-11-01', to: '2026-11-30' });
    expect(register.count).toBe(1);
    expect(register.body).toContain('刘&lt;强&gt;');
    expect(register.body).toContain('2026年11月1日至2026年11月30日');
    expect((await call<PrintableView>('petitions.registerPrint', { from: '2026-10-01', to: '2026-10-31' })).count).toBe(
      0,
    );
    expect((await refusal('petitions.registerPrint', { from: '2026-11-30', to: '2026-11-01' })).message).toBe(
      '截止日期不能早于起始日期',
    );
  });
});
