// Hardship aid in a real browser (issue 20 item 2): an application registered, granted in part,
// put into a payment batch from the register, the batch paid, its payment list with the total in
// capitals, and the aid on the person's timeline.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('aid');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('hardship aid', () => {
  test('an application through its decision into a batch, the batch paid, its payment list with the total in capitals', async () => {
    const year = new Date().getFullYear();
    const { rows } = await office.rpc<{ rows: { id: number; name: string }[] }>('retirees.list', {
      categories: ['退休'],
      statuses: ['在册'],
      pageSize: 1,
    });
    const someone = rows[0];
    await office.go('#/visits');
    await page.getByRole('tab', { name: '困难帮扶' }).click();
    await page.getByText('本年度还没有帮扶申请').waitFor();

    // The application.
    await page.getByRole('button', { name: '登记帮扶申请' }).click();
    const apply = page.getByRole('dialog');
    await apply.getByPlaceholder('输入姓名、拼音首字母或身份证号查找').fill(someone.name);
    await page
      .getByRole('option', { name: new RegExp(`^${someone.name}（`) })
      .first()
      .click();
    await apply.getByLabel('帮扶原因').click();
    await page.getByRole('option', { name: '大病', exact: true }).click();
    await apply.getByLabel('申请金额（元）').fill('3,000');
    await apply.getByLabel('困难情况').fill('老伴住院手术，自付费用较多');
    await shot('1-apply');
    await apply.getByRole('button', { name: '保存' }).click();
    const row = page.getByRole('row', { name: new RegExp(`${someone.name}，大病，待审批`) });
    await row.waitFor();

    // The decision: granted in part, more than asked refused first.
    await row.click();
    await page.getByRole('button', { name: '审批', exact: true }).click();
    const decide = page.getByRole('dialog');
    await decide.getByLabel('审批结果').click();
    await page.getByRole('option', { name: '部分批准', exact: true }).click();
    await decide.getByLabel('审批人').fill('赵主任');
    await decide.getByLabel('发放单位').click();
    await page.getByRole('option', { name: '工会', exact: true }).click();
    await decide.getByLabel('批准金额（元）').fill('3,500');
    await decide.getByRole('button', { name: '保存' }).click();
    await decide.getByText('批准金额 3,500.00 元不能超过申请金额 3,000.00 元').waitFor();
    await shot('2-refused');
    await decide.getByLabel('批准金额（元）').fill('2,000');
    await decide.getByRole('button', { name: '保存' }).click();
    const granted = page.getByRole('row', { name: new RegExp(`${someone.name}，大病，待发放`) });
    await granted.waitFor();
    await shot('3-granted');

    // Into a payment batch from the register.
    await page.getByRole('checkbox', { name: /^选择第 \d+ 号$/ }).check();
    await page.getByRole('button', { name: '编入发放批次（1 笔）' }).click();
    await page.getByRole('dialog').getByLabel('批次名称').fill(`${year}年困难帮扶`);
    await page.getByRole('dialog').getByRole('button', { name: '建立', exact: true }).click();
    await page.getByRole('heading', { name: `发放批次：${year}年困难帮扶` }).waitFor();
    await expect.poll(() => page.getByText('合计（大写）：贰仟元整').isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: '困难帮扶（大病）' }).isVisible()).toBe(true);
    await shot('4-batch');
    // The payment list on paper: the batch's purpose in its title, the total in capitals.
    await page.getByRole('button', { name: '打印汇总表' }).click();
    await expect.poll(() => page.getByTestId('capital-total').textContent()).toBe('合计金额（大写）：人民币贰仟元整');
    expect(await page.getByText('困难帮扶汇总表').first().isVisible()).toBe(true);
    await shot('5-summary');
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '标记为已发放' }).click();
    await expect.poll(() => page.getByText(/由 李明 标记为已发放/).isVisible()).toBe(true);

    // Paid: in the register with its totals, and on the person's timeline.
    await office.go('#/visits?tab=aid');
    await page.getByRole('row', { name: new RegExp(`${someone.name}，大病，已发放`) }).waitFor();
    await shot('6-register');
    await office.go(`#/people/${someone.id}`);
    await page.getByRole('tab', { name: '走访慰问' }).click();
    await expect
      .poll(() =>
        page.getByText(/大病　申请 3,000\.00 元　部分批准　2,000\.00 元（工会）　\d{4}-\d{2}-\d{2} 已发放/).isVisible(),
      )
      .toBe(true);
    await shot('7-timeline');
  });

  test('a festival round: two people, one amount edited, made into one batch with its total in capitals', async () => {
    const { rows } = await office.rpc<{ rows: { id: number; name: string }[] }>('retirees.list', {
      statuses: ['在册'],
      pageSize: 3,
    });
    await office.go('#/visits?tab=aid');
    await page.getByRole('button', { name: '节日帮扶发放' }).click();
    const round = page.getByRole('dialog');
    await round.getByLabel('帮扶原因').click();
    await page.getByRole('option', { name: '节日', exact: true }).click();
    await round.getByLabel('审批人').fill('赵主任');
    for (const p of rows.slice(1, 3)) {
      await round.getByPlaceholder('输入姓名、拼音首字母或身份证号查找').fill(p.name);
      await page
        .getByRole('option', { name: new RegExp(`^${p.name}（`) })
        .first()
        .click();
    }
    await round.getByLabel(`${rows[2].name}的金额`).fill('800');
    await expect.poll(() => round.getByText('共 2 人，合计 1,300.00 元').isVisible()).toBe(true);
    await shot('8-round');
    await round.getByRole('button', { name: '建立批次（2 人）' }).click();
    await page.getByRole('heading', { name: /^发放批次：\d{4}年春节困难帮扶$/ }).waitFor();
    await expect.poll(() => page.getByText('合计（大写）：壹仟叁佰元整').isVisible()).toBe(true);
    await shot('9-round-batch');
  });
});
