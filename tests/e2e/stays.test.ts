// Hospital stays in a real browser (issue 20 item 1): a stay registered on the 住院登记 screen for a
// person picked by name, on the home page while in hospital, its 住院看望 recorded with who led it
// and what the family said, the discharge, the 出院回访 due on the home page, an answered call that
// clears it, and the stay with its visit on the person's timeline. Screenshots also go to
// test-results/screens/stays/ for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import { addCalendarDays as addDays } from '../../src-main/shared/petitions';
import { openOffice, SCREENS, type Office } from './office';

const SHOTS = path.join(SCREENS, 'stays');
let office: Office;
let page: Page;
let person: PersonFile;
let today: string;
const shot = async (name: string) => {
  await office.shot(name);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

beforeAll(async () => {
  office = await openOffice('stays');
  page = office.page;
  today = (await office.rpc<{ today: string }>('retirees.figures', {})).today;
  person = await office.rpc<PersonFile>('retirees.create', {
    person: { name: '住院测试人', category: '退休', birthDate: '1941-05-06' },
  });
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

const reminders = () => page.getByRole('region', { name: '待办提醒', exact: true });

describe('住院登记', () => {
  test('a stay registered for a person picked by name is listed as in hospital, and on the home page', async () => {
    await office.go('#/visits?tab=stays');
    await page.getByRole('button', { name: '登记住院' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('住院人员').fill('住院测试人');
    await page.getByRole('option', { name: /住院测试人/ }).click();
    await dialog.getByLabel('医院').fill('市第一人民医院');
    await dialog.getByLabel('科室').fill('心内科');
    await dialog.getByLabel('床号').fill('12床');
    await dialog.getByLabel('入院日期').fill(addDays(today, -10));
    await dialog.getByLabel('消息来源', { exact: true }).click();
    await page.getByRole('option', { name: '家属来电' }).click();
    await dialog.getByLabel('消息来源说明').fill('其女王丽来电');
    await dialog.getByLabel('病情').fill('冠心病，胸闷入院');
    await shot('1-register');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('cell', { name: '市第一人民医院 心内科 12床' }).isVisible()).toBe(true);
    expect(await page.getByText('尚未看望').isVisible()).toBe(true);
    await shot('2-in-hospital');

    await office.go('#/');
    const group = reminders().getByRole('region', { name: '正在住院' });
    await group.getByRole('link', { name: '住院测试人' }).waitFor();
    expect(await group.getByText('市第一人民医院，', { exact: false }).textContent()).toContain('尚未看望');
    await group.scrollIntoViewIfNeeded();
    await shot('3-home-in-hospital');
  });

  test('its 住院看望 is recorded against the stay, with the leader, those along and what the family said', async () => {
    await office.go('#/visits?tab=stays');
    await page
      .getByRole('row', { name: /住院测试人/ })
      .getByRole('button', { name: '看望' })
      .click();
    const dialog = page.getByRole('dialog', { name: '记录住院看望（市第一人民医院）' });
    await dialog.getByLabel('日期', { exact: true }).fill(addDays(today, -9));
    await dialog.getByLabel('带队领导').fill('刘书记');
    await dialog.getByLabel('随同人员').fill('张干事');
    await dialog.getByLabel('慰问金（元）').fill('500');
    await dialog.getByLabel('家属/本人反映').fill('家属反映陪护困难');
    await shot('4-visit');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('cell', { name: addDays(today, -9) }).isVisible()).toBe(true);
    expect(await page.getByText('尚未看望').count()).toBe(0);
  });

  test('the discharge puts the 出院回访 on the home page; an unanswered call leaves it, an answered one clears it', async () => {
    await page
      .getByRole('row', { name: /住院测试人/ })
      .getByRole('button', { name: '出院登记' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('出院日期').fill(addDays(today, -8));
    await dialog.getByLabel('治疗结果').fill('好转出院');
    await dialog.getByRole('button', { name: '确认出院' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Seven days after discharge (the rules' default): due yesterday, not yet made.
    await expect
      .poll(() => page.getByText(`${addDays(today, -8)} 出院，应于 ${addDays(today, -1)} 回访`).isVisible())
      .toBe(true);
    await shot('5-discharged');

    await office.go('#/');
    const followUps = reminders().getByRole('region', { name: '到期回访' });
    await followUps.getByRole('link', { name: '住院测试人' }).waitFor();
    expect(await followUps.getByText('出院回访', { exact: false }).textContent()).toContain('（已过期）');
    expect(await reminders().getByRole('region', { name: '正在住院' }).count()).toBe(0);
    await followUps.scrollIntoViewIfNeeded();
    await shot('6-home-follow-up');

    // Calls from the file: one nobody answered, then one answered.
    await office.go(`#/people/${person.id}`);
    await page.getByRole('tab', { name: '走访慰问' }).click();
    for (const outcome of ['未接通', '接通']) {
      await page.getByRole('button', { name: '记录走访慰问' }).click();
      const call = page.getByRole('dialog', { name: '记录走访慰问' });
      await call.getByLabel('类别').click();
      await page.getByRole('option', { name: '电话问候' }).click();
      await call.getByLabel('通话情况').click();
      await page.getByRole('option', { name: outcome, exact: true }).click();
      await call.getByLabel('情况记录').fill(outcome === '接通' ? '出院回访，恢复良好' : '无人接听');
      await call.getByRole('button', { name: '保存', exact: true }).click();
      await call.waitFor({ state: 'hidden' });
      const due = await office.rpc<{ discharges: unknown[] }>('reminders.get', {});
      expect(due.discharges.length).toBe(outcome === '接通' ? 0 : 1);
    }
    await expect.poll(() => page.getByText(`${addDays(today, -8)} 出院，${today} 已回访`).isVisible()).toBe(true);
    await page.getByTestId(/^stay-/).scrollIntoViewIfNeeded();
    await shot('7-timeline');
    // The stay and its visit on the timeline.
    expect(await page.getByText('带队：刘书记；随同：张干事', { exact: false }).count()).toBeGreaterThan(0);
  });

  test('the visit report counts the visit under its leader and the unanswered call apart', async () => {
    await office.go(`#/visits?tab=report&from=${addDays(today, -30)}&to=${today}`);
    const byLeader = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '带队领导' }) });
    const row = byLeader.getByRole('row', { name: /刘书记/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(['刘书记', '1', '0', '1', '500.00']);
    const calls = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: '类别' }) })
      .getByRole('row', { name: /电话问候/ });
    expect(await calls.getByRole('cell').allTextContents()).toEqual(['电话问候', '2', '1', '1', '0.00']);
    await shot('8-report');
  });
});
