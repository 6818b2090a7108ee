// 社会化移交 in a real browser: a project created in its dialog, the people of one 行政组 added by
// unit, one community's handover completed in one step (progress, the flag on the file), and the
// signed roster of that community printed for both sides.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { HandoverProjectView } from '../../src-main/contract/handover';
import type { OrgUnit } from '../../src-main/contract/org';
import type { PersonFile } from '../../src-main/contract/retirees';
import { checkCharacter } from '../../src-main/shared/idNumber';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('handover');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

const idNumber = (birth: string, seq: string) => `110105${birth}${seq}` + checkCharacter(`110105${birth}${seq}`);

describe('社会化移交', () => {
  test('a project created, a group added by unit, one community completed, its roster printed', async () => {
    const group = await office.rpc<OrgUnit>('org.create', { kind: '行政大组', name: '东风路行政组', parentId: null });
    const people: [string, string, string][] = [
      ['甘建设', '建设社区', '19500305'],
      ['甘和平', '和平社区', '19510412'],
      ['柯建设', '建设社区', '19490923'],
    ];
    for (const [name, community, birth] of people)
      await office.rpc<PersonFile>('retirees.create', {
        person: {
          name,
          category: '退休',
          birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
          idNumber: idNumber(birth, '101'),
          adminGroupId: group.id,
          community,
        },
      });

    await page.getByText('组织网络', { exact: true }).click();
    await page.getByText('社会化移交', { exact: true }).click();
    await page.getByRole('heading', { name: '组织网络 · 社会化移交' }).waitFor();
    await page.getByRole('button', { name: '新建移交项目' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('项目名称').fill('2026年东风路社会化移交');
    await dialog.getByLabel('接收街道').fill('东风街道');
    await dialog.getByLabel('协议编号').fill('东街移〔2026〕3号');
    await dialog.getByRole('button', { name: '新建' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: '2026年东风路社会化移交' }).waitFor();

    await page.getByRole('button', { name: '加入人员' }).click();
    await dialog.getByLabel('组织').fill('东风路');
    await page.getByRole('option', { name: /东风路行政组/ }).click();
    await dialog.getByRole('button', { name: '加入' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已加入东风路行政组 3 人').waitFor();
    const communities = page.locator('table').first().locator('tbody tr');
    await expect.poll(() => communities.count()).toBe(2);
    await shot('1-project');

    // One by one: 甘和平's files are two volumes, and the enterprise keeps his 补充医疗.
    await page.locator('table').nth(1).locator('tbody tr', { hasText: '甘和平' }).locator('td').first().click();
    await dialog.getByLabel('档案册数').fill('2');
    await dialog.getByLabel('补充医疗').check();
    await shot('2-person');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.locator('table').nth(1).locator('tbody tr', { hasText: '甘和平' }).textContent())
      .toContain('补充医疗');

    await communities.filter({ hasText: '建设社区' }).getByRole('button', { name: '办结移交' }).click();
    await dialog.getByText('甘建设、柯建设').waitFor();
    await shot('3-complete');
    await dialog.getByRole('button', { name: '办结 2 人' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => communities.filter({ hasText: '建设社区' }).textContent()).toContain('已完成');
    await expect.poll(() => communities.filter({ hasText: '和平社区' }).textContent()).toContain('未开始');
    await shot('4-progress');

    const [project] = await office.rpc<{ id: number }[]>('handover.projects', {});
    const view = await office.rpc<HandoverProjectView>('handover.get', { id: project.id });
    expect(view.counts).toMatchObject({ people: 3, done: 2, archiveVolumes: 4 });
    expect(view.rows.filter((r) => r.handedOverOn).map((r) => r.name)).toEqual(['甘建设', '柯建设']);

    await communities.filter({ hasText: '建设社区' }).getByRole('button', { name: '打印本社区名册' }).click();
    await page.getByRole('heading', { name: '退休人员社会化管理人员名册' }).waitFor();
    await expect.poll(() => page.locator('.sheet tbody tr').count()).toBe(2);
    const gan = await page.locator('.sheet tbody tr', { hasText: '甘建设' }).textContent();
    expect(gan).toContain(idNumber('19500305', '101'));
    expect(gan).toContain('1950.03');
    expect(await page.locator('.sheet .parties').textContent()).toContain('接收单位（盖章）：东风街道建设社区');
    await page.getByRole('button', { name: '打印（2 人）' }).waitFor();
    await shot('5-roster');

    // The file's header carries the flag.
    await office.go(`#/people/${view.rows.find((r) => r.name === '甘建设')!.personId}`);
    await page.getByText(/社会化管理 · .* · 建设社区/).waitFor();
    await shot('6-file');

    // The people list's 社会化管理 filter: the two of 建设社区 among the office's 300.
    await office.go('#/people?social=1');
    await page.getByText('共 2 人').waitFor();
    await shot('7-people-filter');
  });
});
