// Activities and study in a real browser: a branch meeting inviting a whole party branch,
// attendance taken, its material handed out and taken home to one who did not come; the
// reception register printed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { ActivityView, MaterialView } from '../../src-main/contract/activities';
import { formatChineseDate, todayIso } from '../../src-main/shared/dates';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('activities');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('activities and study', () => {
  test('a branch meeting: invite the branch, take attendance, hand out the material, take it home to one', async () => {
    await page.getByText('活动学习', { exact: true }).click();
    await page.getByRole('button', { name: '新建活动' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('十一月主题党日');
    await dialog.getByLabel('地点').fill('老干部活动中心');
    await dialog.getByLabel('邀请').first().fill('离退休第一党支部');
    await page.getByRole('option', { name: /^党支部：离退休第一党支部/ }).click();
    await dialog.getByRole('button', { name: '建立' }).click();
    await page.getByRole('heading', { name: '十一月主题党日' }).waitFor();

    const id = Number(/activities\/(\d+)/.exec(page.url())![1]);
    const meeting = await office.rpc<ActivityView>('activities.get', { id });
    expect(meeting.invited).toBeGreaterThan(2);
    const [first, second] = meeting.people;
    await page.getByLabel(`${first.name}到会`).click();
    await expect.poll(async () => (await office.rpc<ActivityView>('activities.get', { id })).attended).toBe(1);
    await shot('1-attendance');

    await page.getByRole('button', { name: '登记本次发放的学习资料' }).click();
    await page.getByText(`待送学上门（受邀未到会，${meeting.invited - 1} 人）`).waitFor();
    await page.getByRole('button', { name: `${second.name}已送学上门` }).click();
    await page.getByText(`待送学上门（受邀未到会，${meeting.invited - 2} 人）`).waitFor();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(`${second.name}.*送学上门`) }).count()).toBe(1);
    await shot('2-material');

    // The delivery is a visit on the file.
    await office.go(`#/people/${second.personId}`);
    await page.getByRole('tab', { name: '走访慰问' }).click();
    await page.getByText(/学习资料《十一月主题党日学习资料》：送学上门/).waitFor();

    // The lists: the meeting with its attendance, the material with who has it.
    await office.go('#/activities');
    await page.getByRole('row', { name: /十一月主题党日，邀请 \d+ 人，到会 1 人/ }).waitFor();
    await shot('4-list');
    await page.getByRole('tab', { name: '学习资料' }).click();
    await page.getByRole('row', { name: /十一月主题党日学习资料，已领取 2 人/ }).waitFor();
    await shot('5-materials');
  });

  test('the reception register prints for a period', async () => {
    const year = new Date().getFullYear();
    await office.rpc('petitions.create', {
      receivedOn: `${year}-01-05`,
      channel: '来电',
      petitioner: '刘强',
      subject: '询问供暖补贴',
      content: '询问今年供暖补贴发放时间。',
    });
    await office.go(`#/print/register?from=${year}-01-01&to=${year}-12-31`);
    await page.getByRole('heading', { name: '信访登记簿' }).waitFor();
    await expect.poll(() => page.locator('.register tbody tr').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.register tbody').textContent()).toContain('询问供暖补贴');
    await shot('3-register');
  });

  test('a meeting: created with its time and host, a staff member added and one removed, its date corrected, the sign-in sheet printed; a 学习通报 to every branch', async () => {
    await office.go('#/activities');
    await page.getByRole('button', { name: '新建活动' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('类别').click();
    await page.getByRole('option', { name: '离退休干部座谈会' }).click();
    await dialog.getByLabel('名称').fill('离退休干部情况通报座谈会');
    await dialog.getByLabel('地点').fill('老干部活动中心二楼会议室');
    await dialog.getByLabel('时间').fill('09:30');
    await dialog.getByLabel('主持人').fill('刘主任');
    await dialog.getByLabel('议程').fill('一、通报公司年度生产经营情况\n二、听取意见建议');
    await dialog.getByLabel('邀请').first().fill('离退休第一党支部');
    await page.getByRole('option', { name: /^党支部：离退休第一党支部/ }).click();
    await dialog.getByRole('button', { name: '建立' }).click();
    await page.getByRole('heading', { name: '离退休干部情况通报座谈会' }).waitFor();
    const id = Number(/activities\/(\d+)/.exec(page.url())![1]);

    await page.getByRole('combobox', { name: '工作人员' }).fill('赵会计');
    await page.getByLabel('单位或部门', { exact: true }).fill('公司工会');
    await page.getByRole('button', { name: '添加参会人员' }).click();
    await page.getByRole('row', { name: /赵会计，未到会/ }).waitFor();
    // A second one added by mistake, removed again after the confirm.
    await page.getByRole('combobox', { name: '工作人员' }).fill('钱秘书');
    await page.getByRole('button', { name: '添加参会人员' }).click();
    await page.getByRole('button', { name: '移除钱秘书' }).click();
    const confirm = page.getByRole('dialog', { name: '移除参会工作人员' });
    await confirm.getByText(/^将钱秘书（本办）移出“离退休干部情况通报座谈会”/).waitFor();
    // Once the dialog has come to rest (a trial click waits for it to stop moving).
    await confirm.getByRole('button', { name: '移除' }).click({ trial: true });
    await shot('6a-remove-staff');
    await confirm.getByRole('button', { name: '移除' }).click();
    await page.getByRole('row', { name: /钱秘书/ }).waitFor({ state: 'detached' });
    await expect.poll(async () => (await office.rpc<ActivityView>('activities.get', { id })).staff.length).toBe(1);

    // The date entered wrong (today, by default), corrected in 编辑 as the office writes it; the place too.
    const day = new Date(`${todayIso()}T12:00:00`);
    day.setDate(day.getDate() - 1);
    const yesterday = todayIso(day);
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    const edit = page.getByRole('dialog', { name: '编辑会议：离退休干部情况通报座谈会' });
    await edit.getByLabel('日期').fill(formatChineseDate(yesterday));
    await edit.getByLabel('地点').fill('公司三楼小会议室');
    await shot('6b-edit');
    await edit.getByRole('button', { name: '保存', exact: true }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByText(`离退休干部座谈会　${yesterday} 09:30　公司三楼小会议室`).waitFor();
    await page.getByLabel('会议纪要').fill('会议通报了公司年度生产经营情况，与会同志提出建议三条。');
    await page.getByRole('button', { name: '保存会议记录' }).click();
    await expect
      .poll(async () => (await office.rpc<ActivityView>('activities.get', { id })).minutes)
      .toContain('建议三条');
    await shot('6-meeting');

    await page.getByRole('button', { name: '打印签到表' }).click();
    await page.getByRole('heading', { name: '离退休干部情况通报座谈会签到表' }).waitFor();
    await page.getByText(`时间：${formatChineseDate(yesterday)} 09:30`).waitFor();
    const meeting = await office.rpc<ActivityView>('activities.get', { id });
    // The staff member first, then everyone invited, then blank rows to sign.
    await expect.poll(() => page.locator('.sign-in tbody tr').count()).toBe(1 + meeting.invited + 8);
    await expect.poll(() => page.locator('.sign-in tbody tr').first().textContent()).toBe('1赵会计公司工会');
    await page.getByRole('button', { name: `打印（应到 ${1 + meeting.invited} 人）` }).waitFor();
    await shot('7-sign-in-sheet');
    await office.go(`#/print/minutes?activity=${id}`);
    await page.getByRole('heading', { name: '离退休干部情况通报座谈会会议纪要' }).waitFor();
    await page.getByText('与会同志提出建议三条').waitFor();
    await shot('7b-minutes');

    const notice = await office.rpc<MaterialView>('materials.create', {
      kind: '学习通报',
      docNo: '离退办学通〔2026〕5号',
      title: '学习贯彻党的二十届四中全会精神',
      issuedOn: '2026-01-05',
      allBranches: true,
    });
    await office.go(`#/activities/material/${notice.id}`);
    const [first] = notice.branches;
    await page.getByLabel('支部接收人').fill('陈书记');
    await page.getByRole('button', { name: `${first.branch}已送达` }).click();
    await page.getByRole('row', { name: new RegExp(`${first.branch}，.*送达，陈书记接收`) }).waitFor();
    await page.getByText(`尚未送达的支部（${notice.branches.length - 1} 个）`).waitFor();
    await shot('8-circular');
    await page.getByRole('button', { name: '打印送达登记表' }).click();
    await page.getByRole('heading', { name: '学习通报送达登记表' }).waitFor();
    await expect.poll(() => page.locator('.sheet tbody tr').count()).toBe(notice.branches.length);
    await shot('9-circular-list');
  });
});
