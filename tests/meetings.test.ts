// Meetings and 学习通报 (issue 21 item 4): a meeting is an activity with staff and retirees, its
// agenda and minutes, a file kept with it, and the sign-in sheet and minutes on paper; a 学习通报 goes
// to every party branch, is recorded as it reaches each, lists its members who have it and the
// branches it has not reached, and prints as a delivery list. Bad input is refused in Chinese and
// nothing is saved.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ActivityAttachment, ActivityView, MaterialView } from '../src-main/contract/activities';
import type { PrintableView } from '../src-main/contract/common';
import type { OrgUnit } from '../src-main/contract/org';
import type { PersonFile } from '../src-main/contract/retirees';
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
const branch = (name: string) => call<OrgUnit>('org.create', { kind: '党支部', name, parentId: null });
/** The cells of each row of a printed table's body, tags removed. */
const tableRows = (body: string) =>
  [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)]
    .slice(1)
    .map((r) => [...r[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '')));
const auditRows = (entity: string) =>
  ctx.store.raw.prepare('select count(*) as n from audit_log where entity = ?').get(entity) as { n: number };

describe('meetings', () => {
  test('a 座谈会 with staff and retirees: minutes, an attachment, the sign-in sheet and the minutes printed', async () => {
    const first = await branch('离退休第一党支部');
    const zhang = await add('张桂兰', { partyBranchId: first.id, politicalStatus: '中共党员' });
    const li = await add('李建国', { formerUnit: '机械厂' });
    const operators = await call<{ id: number; name: string }[]>('activities.staffChoices', {});
    const wang = operators.find((o) => o.name === '王干事')!;

    const meeting = await call<ActivityView>('activities.create', {
      kind: '离退休干部座谈会',
      title: '2026年离退休干部情况通报座谈会',
      heldOn: '2026-11-20',
      startsAt: '09:30',
      place: '老干部活动中心二楼会议室',
      host: '刘主任',
      recorder: '王干事',
      agenda: '一、通报公司年度生产经营情况\n二、听取意见建议',
      inviteIds: [zhang, li],
      staff: [
        { operatorId: wang.id, name: '王干事' },
        { name: '刘主任', unit: '公司党委' },
      ],
    });
    expect(meeting).toMatchObject({ kind: '离退休干部座谈会', startsAt: '09:30', host: '刘主任', invited: 2 });
    expect(meeting.staff.map((s) => [s.name, s.operatorId, s.unit])).toEqual([
      ['王干事', wang.id, null],
      ['刘主任', null, '公司党委'],
    ]);

    // Both kinds of attendee are marked as they sign in.
    await call('activities.attendance', { id: meeting.id, personIds: [zhang], attended: true });
    const marked = await call<ActivityView>('activities.staffAttendance', {
      id: meeting.id,
      staffIds: meeting.staff.map((s) => s.id),
      attended: true,
    });
    expect(marked.staff.every((s) => s.attended)).toBe(true);

    const minutes = '会议通报了公司2026年生产经营情况。\n与会同志对供暖补贴发放提出建议，办公室将于月底前答复。';
    const held = await call<ActivityView>('activities.meeting', {
      id: meeting.id,
      host: '刘主任',
      recorder: '王干事',
      agenda: meeting.agenda,
      minutes,
    });
    expect(held.minutes).toBe(minutes);

    const bytes = Buffer.from('%PDF-1.4 签到表扫描件');
    const file = await call<ActivityAttachment>('activities.attach', {
      id: meeting.id,
      fileName: '签到表扫描件.pdf',
      dataBase64: bytes.toString('base64'),
    });
    expect(file).toMatchObject({ fileName: '签到表扫描件.pdf', mime: 'application/pdf', addedBy: '王干事' });
    expect(await call<ActivityAttachment[]>('activities.attachments', { id: meeting.id })).toHaveLength(1);
    const back = await call<{ dataBase64: string }>('activities.attachment', { id: file.id });
    expect(Buffer.from(back.dataBase64, 'base64').equals(bytes)).toBe(true);

    // The sign-in sheet: staff first, then the retirees by name, each with their unit or branch; blank rows after.
    const sheet = await call<PrintableView>('activities.signInSheet', { id: meeting.id, blankRows: 3 });
    expect(sheet.body).toContain('2026年离退休干部情况通报座谈会签到表');
    expect(sheet.body).toContain('时间：2026年11月20日 09:30');
    expect(sheet.body).toContain('地点：老干部活动中心二楼会议室');
    expect(sheet.body).toMatch(/<th>序号<\/th><th>姓名<\/th><th>单位或支部<\/th><th>签名<\/th>/);
    expect(tableRows(sheet.body)).toEqual([
      ['1', '王干事', '测试集团离退休管理办公室', ''],
      ['2', '刘主任', '公司党委', ''],
      ['3', '李建国', '机械厂', ''],
      ['4', '张桂兰', '离退休第一党支部', ''],
      ['5', '', '', ''],
      ['6', '', '', ''],
      ['7', '', '', ''],
    ]);
    expect(sheet.count).toBe(4);

    // The minutes: who came (staff and retirees), the agenda and the minutes, signed off with the date.
    const paper = await call<PrintableView>('activities.minutesPrint', { id: meeting.id });
    expect(paper.body).toContain('2026年离退休干部情况通报座谈会会议纪要');
    expect(paper.body).toContain('出席人员（3 人）：王干事、刘主任、张桂兰');
    expect(paper.body).toContain('与会同志对供暖补贴发放提出建议');
    expect(paper.body).toContain('测试集团离退休管理办公室<br>2026年11月20日');
    // Printing is logged.
    expect(
      (ctx.store.raw.prepare("select count(*) as n from access_log where what like '打印会议%'").get() as { n: number })
        .n,
    ).toBe(2);
  });

  test('bad input changes nothing: minutes before the meeting, an operator not on file, a name twice, a bad time', async () => {
    const ahead = await call<ActivityView>('activities.create', {
      kind: '办公室例会',
      title: '一月办公室例会',
      heldOn: '2099-01-05',
    });
    const before = auditRows('activity').n;
    expect((await refusal('activities.meeting', { id: ahead.id, minutes: '会议决定……' })).message).toBe(
      '会议定于2099年1月5日召开，尚未召开，不能记录会议纪要',
    );
    // The agenda may be written ahead.
    expect((await call<ActivityView>('activities.meeting', { id: ahead.id, agenda: '一、布置年度工作' })).agenda).toBe(
      '一、布置年度工作',
    );
    expect((await refusal('activities.minutesPrint', { id: ahead.id })).message).toBe('这次会议还没有记录会议纪要');
    expect(
      (
        await refusal('activities.addStaff', {
          id: ahead.id,
          staff: [{ name: '赵会计' }, { operatorId: 999, name: '某某' }],
        })
      ).message,
    ).toBe('没有找到第 999 号操作员，请从名单中选择或直接填写姓名');
    expect(
      (await refusal('activities.addStaff', { id: ahead.id, staff: [{ name: '赵会计' }, { name: '赵会计' }] })).message,
    ).toBe('赵会计已在参会工作人员名单中');
    expect((await call<ActivityView>('activities.get', { id: ahead.id })).staff).toEqual([]);
    expect(
      (
        await refusal('activities.create', {
          kind: '办公室例会',
          title: '例会',
          heldOn: '2026-11-02',
          inviteIds: [424242],
        })
      ).message,
    ).toBe('没有找到第 424242 号档案');
    expect(
      (
        await refusal('activities.create', {
          kind: '办公室例会',
          title: '例会',
          heldOn: '2026-11-02',
          startsAt: '9点半',
        })
      ).message,
    ).toContain('时间请按“09:30”的格式填写');
    expect(await call<ActivityView[]>('activities.list', { year: 2026 })).toEqual([]);
    // Only the agenda's save was written.
    expect(auditRows('activity').n).toBe(before + 1);
  });
});

describe('学习通报', () => {
  test('sent to every branch: the delivery list by branch, its members, the branches not reached, printed', async () => {
    const [one, two, ten] = [await branch('第一党支部'), await branch('第二党支部'), await branch('第十党支部')];
    const member = (b: OrgUnit) => ({ partyBranchId: b.id, politicalStatus: '中共党员' });
    const zhang = await add('张桂兰', member(one));
    const li = await add('李建国', member(one));
    await add('王秀英', member(two));
    await add('赵德明', { ...member(two), status: '已故', statusDate: '2026-01-05' });

    const notice = await call<MaterialView>('materials.create', {
      kind: '学习通报',
      docNo: '离退办学通〔2026〕5号',
      title: '学习贯彻党的二十届四中全会精神',
      issuedOn: '2026-11-10',
      allBranches: true,
    });
    // Every branch, in the order a person counts them; nobody has it yet.
    expect(notice.branches.map((b) => [b.branch, b.sentOn, b.members.length, b.received])).toEqual([
      ['第一党支部', null, 2, 0],
      ['第二党支部', null, 1, 0],
      ['第十党支部', null, 0, 0],
    ]);
    expect(notice.unreached.map((b) => b.branch)).toEqual(['第一党支部', '第二党支部', '第十党支部']);

    const sent = await call<MaterialView>('materials.sendToBranches', {
      id: notice.id,
      branchIds: [one.id, ten.id],
      on: '2026-11-12',
      receivedBy: '陈书记',
    });
    expect(sent.unreached).toEqual([{ branchId: two.id, branch: '第二党支部' }]);
    expect(sent.branches[0]).toMatchObject({ sentOn: '2026-11-12', receivedBy: '陈书记', recordedBy: '王干事' });

    // Within the branch, each member's own receipt (the existing per-person deliveries).
    const read = await call<MaterialView>('materials.deliver', {
      id: notice.id,
      personIds: [zhang],
      how: '会上领取',
      on: '2026-11-15',
    });
    expect(read.branches[0].members).toEqual([
      { personId: li, name: '李建国', receivedOn: null, how: null },
      { personId: zhang, name: '张桂兰', receivedOn: '2026-11-15', how: '会上领取' },
    ]);
    expect(read.branches[0].received).toBe(1);

    const list = await call<PrintableView>('materials.branchListPrint', { id: notice.id });
    expect(list.body).toContain('离退办学通〔2026〕5号');
    expect(tableRows(list.body)).toEqual([
      ['1', '第一党支部', '2026年11月12日', '陈书记', '2', '1', '李建国'],
      ['2', '第二党支部', '未送达', '', '1', '0', '王秀英'],
      ['3', '第十党支部', '2026年11月12日', '陈书记', '0', '0', ''],
    ]);
    expect(list.body).toContain('尚未送达的支部（1 个）');
    expect(list.count).toBe(3);
  });

  test('bad input changes nothing: a branch twice, a delivery before the issue date, a branch reached twice', async () => {
    const one = await branch('第一党支部');
    const two = await branch('第二党支部');
    expect(
      (
        await refusal('materials.create', {
          kind: '学习通报',
          title: '学习通报一',
          issuedOn: '2026-11-10',
          branchIds: [one.id, two.id, one.id],
        })
      ).message,
    ).toBe('第一党支部选了两次，请只选一次');
    expect(
      (await refusal('materials.create', { kind: '学习通报', title: '学习通报一', issuedOn: '2026-11-10' })).message,
    ).toBe('请选择下发的党支部');
    expect(await call('materials.list', {})).toEqual([]);

    const notice = await call<MaterialView>('materials.create', {
      kind: '学习通报',
      title: '学习通报一',
      issuedOn: '2026-11-10',
      branchIds: [one.id],
    });
    expect(notice.branches.map((b) => b.branch)).toEqual(['第一党支部']);
    const before = auditRows('study_material').n;
    expect(
      (
        await refusal('materials.sendToBranches', {
          id: notice.id,
          branchIds: [one.id],
          on: '2026-11-09',
          receivedBy: '陈书记',
        })
      ).message,
    ).toBe('送达日期（2026年11月9日）不能早于通报印发日期（2026年11月10日）');
    expect(
      (
        await refusal('materials.sendToBranches', {
          id: notice.id,
          branchIds: [two.id, two.id],
          on: '2026-11-11',
          receivedBy: '陈书记',
        })
      ).message,
    ).toBe('第二党支部选了两次，请只选一次');
    const zhang = await add('张桂兰', { partyBranchId: one.id });
    expect(
      (await refusal('materials.deliver', { id: notice.id, personIds: [zhang], how: '邮寄', on: '2026-11-01' }))
        .message,
    ).toBe('领取日期（2026年11月1日）不能早于资料发放日期（2026年11月10日）');
    const got = await call<MaterialView>('materials.get', { id: notice.id });
    expect(got.unreached).toHaveLength(1);
    expect(got.deliveries).toEqual([]);
    expect(auditRows('study_material').n).toBe(before);

    await call('materials.sendToBranches', {
      id: notice.id,
      branchIds: [one.id],
      on: '2026-11-11',
      receivedBy: '陈书记',
    });
    expect(
      (
        await refusal('materials.sendToBranches', {
          id: notice.id,
          branchIds: [two.id, one.id],
          on: '2026-11-12',
          receivedBy: '周委员',
        })
      ).message,
    ).toBe('第一党支部已于2026年11月11日送达（陈书记接收）');
    // The branch not sent to is not added by the refused call.
    expect((await call<MaterialView>('materials.get', { id: notice.id })).branches.map((b) => b.branch)).toEqual([
      '第一党支部',
    ]);
  });
});
