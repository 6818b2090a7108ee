// People living elsewhere in a real browser (issue 21 item 3): a clerk marks a file 异地居住 with its
// city, types who looks after the person there (the local unit, 社区 and 派出所 with their phones)
// and marks a contact 住在附近; 走访慰问 › 异地居住 then lists the person under the city with
// those contacts and this year's certification still to do. Screenshots in
// test-results/screens/remote-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('remote', []);
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('异地居住', () => {
  test('the local contacts typed on the file, and the person listed under the city', async () => {
    const p = await office.rpc<PersonFile>('retirees.create', {
      person: {
        name: '王秀英',
        category: '退休',
        birthDate: '1944-03-08',
        address: '三亚市吉阳区迎宾路 88 号',
        phones: [{ label: '手机', number: '13912345678' }],
        contacts: [{ name: '李海', relation: '外甥', phones: [{ label: '手机', number: '13700002222' }] }],
      },
    });
    await office.go(`#/people/${p.id}`);
    await page.getByLabel('异地居住', { exact: true }).check();
    await page.getByLabel('异地居住城市').fill('海南省三亚市');
    await page.getByLabel('当地管理单位', { exact: true }).fill('三亚市退休人员社会化管理服务中心');
    await page.getByLabel('当地管理单位电话').fill('0898-88661234');
    await page.getByLabel('居住地社区', { exact: true }).fill('吉阳区红沙社区居委会');
    await page.getByLabel('居住地派出所', { exact: true }).fill('红沙派出所');
    await page.getByLabel('居住地派出所电话').fill('0898-88225566');
    await page.getByText('住在附近、可就近照应的亲属').scrollIntoViewIfNeeded();
    await shot('1-file');
    await page.getByRole('tab', { name: /家属及联系人/ }).click();
    await page.getByLabel('住在附近（异地居住时就近照应）').check();
    await shot('2-contact');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByText('已全部保存').isVisible()).toBe(true);
    const saved = await office.rpc<PersonFile>('retirees.get', { id: p.id });
    expect(saved).toMatchObject({
      remote: true,
      remoteCity: '海南省三亚市',
      remoteUnit: '三亚市退休人员社会化管理服务中心',
      remoteUnitPhone: '0898-88661234',
      remoteCommunity: '吉阳区红沙社区居委会',
      remotePolice: '红沙派出所',
      remotePolicePhone: '0898-88225566',
    });
    expect(saved.contacts.map((c) => [c.name, c.nearby])).toEqual([['李海', true]]);

    await office.go('#/visits?tab=remote');
    await page.getByRole('tab', { name: '异地居住', selected: true }).waitFor();
    await page.getByRole('combobox', { name: '居住城市' }).click();
    await page.getByRole('option', { name: '海南省三亚市（1 人）' }).click();
    const row = page.getByRole('row', { name: /王秀英/ });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('三亚市吉阳区迎宾路 88 号');
    expect(text).toContain('139****5678');
    expect(text).toContain('管理单位：三亚市退休人员社会化管理服务中心　0898-88661234');
    expect(text).toContain('社区：吉阳区红沙社区居委会');
    expect(text).toContain('派出所：红沙派出所　0898-88225566');
    expect(text).toContain('就近亲属：李海（外甥）　137****2222');
    expect(text).toContain('未认证');
    expect(await page.getByRole('button', { name: '打印信封（1 个）' }).isEnabled()).toBe(true);
    await shot('3-list');
  });
});
