// A petition in a real browser: registered for a retiree, accepted, concluded with the result; the
// person's file lists it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('petitions');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('petitions', () => {
  test('register a petition for a retiree, accept it, conclude it; it shows on the file', async () => {
    await page.getByText('信访接待', { exact: true }).click();
    await page.getByRole('button', { name: '登记信访' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByPlaceholder('输入姓名、拼音首字母或身份证号查找').fill('王');
    const option = page.getByRole('option').first();
    const chosen = (await option.textContent())!.split('（')[0];
    await option.click();
    await dialog.getByLabel('信访人（不是本人时填写）').fill('王小明');
    await dialog.getByLabel('与离退休人员的关系').fill('儿子');
    await dialog.getByLabel('事由').fill('反映住院费用报销进度');
    await dialog.getByLabel('内容').fill('父亲的住院费用报销已三个月未到账，请帮助查询。');
    await shot('0-register');
    await dialog.getByRole('button', { name: '登记' }).click();
    await page.getByRole('heading', { name: /^第 \d+ 号信访件$/ }).waitFor();
    await expect.poll(() => page.getByText(/应于 \d{4}-\d{2}-\d{2} 前告知是否受理/).isVisible()).toBe(true);

    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByText(/应于 \d{4}-\d{2}-\d{2} 前办结/).isVisible()).toBe(true);
    await page.getByRole('button', { name: '办结' }).click();
    await page.getByRole('dialog').getByLabel('办理结果').fill('已督促财务核查，费用已到账，信访人表示满意。');
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await expect
      .poll(() => page.getByText('办理结果：已督促财务核查，费用已到账，信访人表示满意。').isVisible())
      .toBe(true);
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await shot('1-concluded');

    // The petitioner (the son) leads to the retiree's file.
    await page.getByText('王小明', { exact: true }).click();
    await page.getByRole('heading', { name: chosen }).waitFor();
    await page.getByRole('tab', { name: '走访慰问' }).click();
    await expect.poll(() => page.getByText(/反映住院费用报销进度（已办结）/).isVisible()).toBe(true);

    // Concluded, it leaves the open list and is among all; a row opens with Enter.
    await office.go('#/petitions');
    await page.getByText('没有未办结的信访件').waitFor();
    await page.getByText('全部', { exact: true }).click();
    const row = page.getByRole('row', { name: /反映住院费用报销进度/ });
    await row.focus();
    await shot('2-list');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^第 \d+ 号信访件$/ }).waitFor();
  });

  test('attachments: an image previews in place, a PDF downloads, an HTML letter is refused; nothing opens in the app', async () => {
    const [someone] = await office
      .rpc<{ rows: { id: number }[] }>('retirees.list', { pageSize: 1 })
      .then((r) => r.rows);
    const p = await office.rpc<{ id: number }>('petitions.create', {
      receivedOn: '2025-04-01',
      channel: '来信',
      personId: someone.id,
      subject: '来信附件',
      content: '附来信扫描件',
    });
    await office.go(`#/petitions/${p.id}`);
    await page.getByRole('heading', { name: `第 ${p.id} 号信访件` }).waitFor();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const input = page.locator('input[type=file]');
    await input.setInputFiles([
      { name: '来信照片.png', mimeType: 'image/png', buffer: png },
      { name: '来信.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
    ]);
    await page.getByText('来信照片.png').waitFor();
    await page.getByText('来信.pdf', { exact: true }).waitFor();
    await input.setInputFiles({
      name: 'letter.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    await expect.poll(() => page.getByText(/不能添加程序、脚本或网页文件/).isVisible()).toBe(true);
    expect(await page.getByText('letter.html').count()).toBe(0);

    await page.getByText('来信照片.png').click();
    const img = page.getByRole('dialog').getByRole('img', { name: '来信照片.png' });
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    await shot('2-attachment-preview');
    await page.keyboard.press('Escape');

    const download = page.waitForEvent('download');
    await page.getByText('来信.pdf', { exact: true }).click();
    expect((await download).suggestedFilename()).toBe('来信.pdf');
    // No page of the app's origin was opened for an attachment.
    expect(page.context().pages()).toHaveLength(1);
  });
});
