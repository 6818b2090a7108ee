// The fields the upward tables count by (issue 19 item 5) on a person's file, as a clerk fills them:
// 统计信息 with 单位性质 and 职级 chosen, 现享受待遇 with its 批准时间 and 批准文号 typed, 层级 typed,
// 计入统计 unticked; saved, opened again, named in the history, and
// shown but not editable to a role that only reads. Screenshots also go to test-results/screens/fields.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HistoryItem, PersonFile } from '../../src-main/contract/retirees';
import { openOffice, SCREENS, type Office } from './office';

const SHOTS = path.join(SCREENS, 'fields');

let office: Office;
let person: PersonFile;

async function shot(name: string) {
  await office.shot(name);
  await office.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  office = await openOffice('fields', []);
  person = await office.rpc<PersonFile>('retirees.create', {
    person: { name: '刘文华', category: '退休', birthDate: '1941-05-06' },
  });
});
afterAll(() => office?.close());

describe('统计信息 on the file', () => {
  test('filled, saved, opened again: every value is there, and the history names each field', async () => {
    const { page, go, rpc } = office;
    await go(`#/people/${person.id}`);
    await page.getByText('统计信息').scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByLabel('计入统计').isChecked()).toBe(true);
    await expect.poll(() => page.getByText('不计入的人员不出现在上报报表中').isVisible()).toBe(true);

    await page.getByRole('combobox', { name: '单位性质' }).click();
    await page.getByRole('option', { name: '企业', exact: true }).click();
    await page.getByRole('combobox', { name: '职级' }).click();
    await page.getByRole('option', { name: '副县处级', exact: true }).click();
    await page.getByLabel('现享受待遇').fill('正县处级待遇');
    await page.getByLabel('待遇批准时间').fill('2009年7月');
    await page.getByLabel('待遇批准时间').blur();
    await expect.poll(() => page.getByLabel('待遇批准时间').inputValue()).toBe('2009-07');
    await page.getByLabel('待遇批准文号').fill('辽组干〔2009〕12号');
    await page.getByLabel('层级').fill('二级单位');
    await page.getByLabel('计入统计').uncheck();
    await shot('01-filled');

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByText('已全部保存').isVisible()).toBe(true);
    expect(await rpc<PersonFile>('retirees.get', { id: person.id })).toMatchObject({
      unitNature: '企业',
      rank: '副县处级',
      treatment: '正县处级待遇',
      treatmentApprovedOn: '2009-07',
      treatmentApprovalNo: '辽组干〔2009〕12号',
      level: '二级单位',
      counted: false,
    });

    // Opened again from the list: the form reads them back from the file.
    await go('#/people');
    await page.getByRole('heading', { name: '人员档案' }).waitFor();
    await go(`#/people/${person.id}`);
    await page.getByText('统计信息').scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByRole('combobox', { name: '职级' }).inputValue()).toBe('副县处级');
    expect(await page.getByRole('combobox', { name: '单位性质' }).inputValue()).toBe('企业');
    expect(await page.getByLabel('现享受待遇').inputValue()).toBe('正县处级待遇');
    expect(await page.getByLabel('待遇批准时间').inputValue()).toBe('2009-07');
    expect(await page.getByLabel('待遇批准文号').inputValue()).toBe('辽组干〔2009〕12号');
    expect(await page.getByLabel('层级').inputValue()).toBe('二级单位');
    expect(await page.getByLabel('计入统计').isChecked()).toBe(false);
    await shot('02-reopened');

    await page.getByRole('tab', { name: '变更记录' }).click();
    await expect.poll(() => page.locator('tr', { hasText: '职级' }).first().textContent()).toContain('副县处级');
    const history = await rpc<HistoryItem[]>('retirees.history', { id: person.id });
    expect(
      history
        .flatMap((h) => h.changes)
        .map((c) => c.label)
        .sort(),
    ).toEqual(['单位性质', '层级', '待遇批准文号', '待遇批准时间', '现享受待遇', '统计标志', '职级'].sort());
    await shot('03-history');
  });

  test('a role that only reads sees the values and cannot change them', async () => {
    const { page, go, rpc } = office;
    await rpc('operators.create', {
      name: '钱只读',
      role: 'reader',
      password: 'reader-2026-pw',
      password2: 'reader-2026-pw',
    });
    await page.getByRole('button', { name: '锁定' }).click();
    await page.getByLabel('姓名').fill('钱只读');
    await page.getByLabel('密码').fill('reader-2026-pw');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('经办人：钱只读').waitFor();
    await go(`#/people/${person.id}`);
    await page.getByText('统计信息').scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByRole('combobox', { name: '职级' }).inputValue()).toBe('副县处级');
    expect(await page.getByRole('combobox', { name: '职级' }).isEditable()).toBe(false);
    expect(await page.getByLabel('现享受待遇').isEditable()).toBe(false);
    expect(await page.getByLabel('计入统计').isEnabled()).toBe(false);
    await shot('04-read-only');
  });
});
