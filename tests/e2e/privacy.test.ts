// Personal-information protection in a real browser: the processing rules printed; an impact
// assessment recorded; a close relative's request for a deceased retiree registered (the person
// chosen by name), answered and the file exported; the deceased's file reviewed for retention.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import type { RelativeRequestView, RetentionList } from '../../src-main/contract/privacy';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('privacy');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('个人信息保护', () => {
  test('the rules printed, an assessment recorded, a relative answered with the file, a retention review', async () => {
    const p = await office.rpc<PersonFile>('retirees.create', {
      person: { name: '隋德明', category: '退休' },
      confirm: true,
    });
    await office.rpc('deaths.register', { personId: p.id, diedOn: '2005-03-15', reportedBy: '其子', note: null });

    await page.getByText('个人信息保护', { exact: true }).click();
    await page.getByRole('button', { name: '打印个人信息处理规则' }).click();
    await page.getByRole('heading', { name: '个人信息处理规则' }).waitFor();
    await page.getByText('红星机械厂离退休管理办公室（以下简称本办公室）', { exact: false }).waitFor();
    // The office's name is given whole at first start: not doubled where the rules name it.
    expect(await page.getByText(/办公室离退休管理办公室/).count()).toBe(0);
    await shot('1-rules');

    await office.go('#/privacy/assessments');
    await page.getByRole('button', { name: '新增评估' }).click();
    const a = page.getByRole('dialog');
    await a.getByLabel('评估事项').fill('药费报销数据处理');
    await a.getByLabel('一、个人信息的处理目的、处理方式等是否合法、正当、必要').fill('办理报销所必需。');
    await a.getByLabel('二、对个人权益的影响及安全风险').fill('健康信息泄露的风险。');
    await a.getByLabel('三、所采取的保护措施是否合法、有效并与风险程度相适应').fill('按岗位授权，加密保存。');
    await a.getByLabel('四、评估结论').fill('风险可控。');
    await a.getByLabel('评估人员').fill('李明');
    await shot('2-assessment-form');
    await a.getByRole('button', { name: '记录' }).click();
    await page.getByRole('row', { name: /药费报销数据处理/ }).waitFor();
    await shot('3-assessments');

    await office.go('#/privacy/relatives');
    await page.getByRole('button', { name: '登记申请' }).click();
    const r = page.getByRole('dialog');
    await r.getByLabel('已故人员').fill('隋德明');
    await page.getByRole('option', { name: /^隋德明（/ }).click();
    await r.getByLabel('申请人姓名').fill('隋小明');
    await r.getByLabel('与逝者关系').click();
    await page.getByRole('option', { name: '子女', exact: true }).click();
    await r.getByLabel('申请用途').fill('办理遗产继承');
    await shot('4-request-form');
    await r.getByRole('button', { name: '登记' }).click();
    const row = page.getByRole('row', { name: /隋德明，隋小明（子女）申请查阅，待答复/ });
    await row.waitFor();
    await row.getByRole('button', { name: '答复' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '答复' }).click();
    await page.getByRole('button', { name: '导出档案' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出档案' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^隋德明档案-近亲属查阅-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [answered] = await office.rpc<RelativeRequestView[]>('privacy.relativeRequests', { personId: p.id });
    expect(answered).toMatchObject({ answer: '已提供', answeredBy: '李明' });
    await shot('5-requests');

    await office.go('#/privacy/retention');
    const due = page.getByRole('row', { name: /隋德明，2005年3月15日去世/ });
    await due.waitFor();
    await shot('6-retention');
    await due.getByRole('button', { name: '复核' }).click();
    const v = page.getByRole('dialog');
    await v.getByLabel('说明').fill('家属要求保留');
    await v.getByRole('button', { name: '记录' }).click();
    await due.waitFor({ state: 'detached' });
    const list = await office.rpc<RetentionList>('privacy.retention', {});
    expect(list.due.some((d) => d.personId === p.id)).toBe(false);
  });
});
