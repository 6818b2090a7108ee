// Death benefits in a real browser: B typed in 设置 → 丧葬抚恤参数, a death registered on a file, the
// amounts computed with the formula written out and the total in capitals, the claim recorded.
// Screenshots also go to test-results/screens/death-benefits/ for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import type { DeathBenefitsView } from '../../src-main/contract/deathBenefits';
import { checkCharacter } from '../../src-main/shared/idNumber';
import { openOffice, SCREENS, type Office } from './office';

const SHOTS = path.join(SCREENS, 'death-benefits');
let office: Office;
let page: Page;
let personId: number;
const shot = async (name: string) => {
  await office.shot(name);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

beforeAll(async () => {
  office = await openOffice('death');
  page = office.page;
  const p = await office.rpc<PersonFile>('retirees.create', {
    person: {
      name: '刘建国',
      category: '退休',
      unitNature: '企业',
      birthDate: '1950-03-02',
      retirementDate: '2020-12',
      contributionYears: 28,
      contributionMonths: 9,
    },
    acceptWarnings: true,
  });
  personId = p.id;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('death benefits', () => {
  test('B is typed in the settings, per province and year of death', async () => {
    await office.go('#/settings');
    const section = page.getByLabel('丧葬抚恤参数');
    await section.getByRole('button', { name: '录入计发基数' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('省份').fill('山东');
    await dialog.getByLabel('适用于去世年份').fill('2024');
    await dialog.getByLabel('B：省上年度城镇居民月人均可支配收入（元）').fill('2,818.50');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => section.getByRole('cell', { name: '2,818.50' }).isVisible()).toBe(true);
    await section.scrollIntoViewIfNeeded();
    await shot('1-parameters');
  });

  test('a death registered; the amounts computed with their formula and 大写; the claim recorded', async () => {
    await office.go(`#/people/${personId}`);
    await page.getByRole('tab', { name: '走访慰问' }).click();
    await page.getByRole('button', { name: '病故登记' }).click();
    await page.getByRole('dialog').getByLabel('去世日期').fill('2024-06-15');
    await page.getByRole('button', { name: '确认登记' }).click();
    const panel = page.getByLabel('丧葬抚恤');
    await expect.poll(() => panel.getByText('尚未核定').isVisible()).toBe(true);

    await panel.getByRole('button', { name: '计算丧葬抚恤金额' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('省份（计发基数所在省）').inputValue()).toBe('山东');
    await dialog.getByRole('button', { name: '试算' }).click();
    await expect.poll(() => dialog.getByText('抚恤金 = 2,818.50 × 19.25 = 54,256.13 元').isVisible()).toBe(true);
    await shot('2-trial');
    await dialog.getByRole('button', { name: '保存核定结果' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => panel.getByText('抚恤金 = 2,818.50 × 19.25 = 54,256.13 元').isVisible()).toBe(true);
    await expect.poll(() => panel.getByText('丧葬补助金 = 2 × 2,818.50 = 5,637.00 元').isVisible()).toBe(true);
    await expect
      .poll(() => panel.getByText('合计 59,893.13 元（大写：伍万玖仟捌佰玖拾叁元壹角叁分）').isVisible())
      .toBe(true);
    await panel.scrollIntoViewIfNeeded();
    await shot('3-computed');

    const first17 = '37010219700101002';
    await panel.getByRole('button', { name: '办理申领' }).click();
    await dialog.getByLabel('申领人（法定继承人）').fill('刘强');
    await dialog.getByLabel('与逝者关系').click();
    await page.getByRole('option', { name: '子女', exact: true }).click();
    await dialog.getByLabel('申领人身份证号').fill(`${first17}${checkCharacter(first17) === '0' ? '1' : '0'}`);
    await dialog.getByLabel('申领人身份证号').blur();
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    // A wrong check digit is refused beside the field; nothing is saved.
    await expect
      .poll(() =>
        dialog
          .getByText(/身份证号校验位不符/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await dialog.getByLabel('申领人身份证号').fill(first17 + checkCharacter(first17));
    await dialog.getByLabel('户口注销证明').check();
    await dialog.getByLabel('申领人身份证', { exact: true }).check();
    await dialog.getByLabel('申报日期').fill('2024-07-01');
    await dialog.getByLabel('去世次月起多发的养老金（元）').fill('3,100');
    await dialog.getByLabel('未发放原因').fill('待追回多发养老金后发放');
    await shot('4-claim-form');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => panel.getByText('刘强（子女）', { exact: false }).isVisible()).toBe(true);
    await expect.poll(() => panel.getByText('2024年7月1日').isVisible()).toBe(true);
    await expect.poll(() => panel.getByText('待追回多发养老金后发放').isVisible()).toBe(true);
    await panel.scrollIntoViewIfNeeded();
    await shot('5-claim');

    const { benefits } = await office.rpc<{ benefits: DeathBenefitsView }>('deaths.get', { personId });
    expect(benefits).toMatchObject({
      funeralFen: 5_637_00,
      reliefFen: 54_256_13,
      claimantName: '刘强',
      claimantRelation: '子女',
      materials: ['户口注销证明', '申领人身份证'],
      filedOn: '2024-07-01',
      overpaidFen: 3_100_00,
    });
  });
});
