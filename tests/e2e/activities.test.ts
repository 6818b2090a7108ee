// Activities and study in a real browser: a branch meeting inviting a whole party branch,
// attendance taken, its material handed out and taken home to one who did not come; the
// reception register printed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { ActivityView } from '../../src-main/contract/activities';
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
});
