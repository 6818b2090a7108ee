// Operators and roles in a real browser (issue 18): the first start's administrator adds one
// operator of each role; each signs in with name and password and sees what the role may use (the
// menu, the buttons, 系统设置), and a page the role may not open, reached by its address, says 无权限.
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { ADMIN_PASSWORD, openOffice, type Office } from './office';

let office: Office;
beforeAll(async () => {
  office = await openOffice('roles');
  for (const [name, role] of [
    ['张经办', 'clerk'],
    ['赵报销', 'claims'],
    ['钱只读', 'reader'],
  ] as const)
    await office.rpc('operators.create', { name, role, password: `${role}-2026-pw`, password2: `${role}-2026-pw` });
}, 120_000);
afterAll(() => office?.close());
beforeEach((ctx) => {
  onTestFailed(() => office.shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});

const menu = () => office.page.getByRole('navigation', { name: '主菜单' });

async function signInAs(name: string, password: string) {
  const { page } = office;
  await page.getByRole('button', { name: '锁定' }).click();
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText(`经办人：${name}`).waitFor();
}

describe('each role in the browser', () => {
  test('the administrator sees every menu entry and the operators in 系统设置', async () => {
    const { page } = office;
    await expect.poll(() => menu().getByRole('link', { name: '导入花名册' }).isVisible()).toBe(true);
    await office.go('#/settings');
    await expect.poll(() => page.getByRole('heading', { name: '操作员' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: '钱只读' }).isVisible()).toBe(true);
    await office.shot('01-admin-operators');
  });

  test('a wrong password is refused in Chinese, and the log-in screen stays', async () => {
    const { page } = office;
    await page.getByRole('button', { name: '锁定' }).click();
    await page.getByLabel('姓名').fill('钱只读');
    await page.getByLabel('密码').fill('not-my-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByText('姓名或密码不正确').isVisible()).toBe(true);
    await office.shot('02-login-refused');
    await page.getByLabel('密码').fill('reader-2026-pw');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('经办人：钱只读').waitFor();
  });

  test('只读 views files, but has no import, no new file, no export, and is told 无权限 by a link', async () => {
    const { page } = office;
    await expect.poll(() => page.getByText('只读', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => menu().getByRole('link', { name: '人员档案' }).isVisible()).toBe(true);
    expect(await menu().getByRole('link', { name: '导入花名册' }).count()).toBe(0);
    await office.go('#/people');
    await page.getByRole('heading', { name: '人员档案' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '新建档案' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '导出 Excel' }).count()).toBe(0);
    await office.go('#/import');
    await expect
      .poll(() => page.getByText(/无权限：当前操作员（钱只读，只读）不能使用“导入花名册”/).isVisible())
      .toBe(true);
    await office.shot('03-reader-no-permission');
    // The router refuses it anyway, whatever the page shows.
    await expect(office.rpc('retirees.create', { person: { name: '王某', category: '退休' } })).rejects.toThrow(
      /无权限：当前操作员的角色是“只读”/,
    );
    await office.go('#/settings');
    await expect.poll(() => page.getByRole('heading', { name: '我的密码' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: '操作员' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: '数据备份' }).count()).toBe(0);
  });

  test('经办 imports and makes files, and has no operators', async () => {
    const { page } = office;
    await signInAs('张经办', 'clerk-2026-pw');
    await expect.poll(() => menu().getByRole('link', { name: '导入花名册' }).isVisible()).toBe(true);
    await office.go('#/people');
    await expect.poll(() => page.getByRole('button', { name: '新建档案' }).isVisible()).toBe(true);
    await office.go('#/claims');
    await expect.poll(() => page.getByRole('heading', { name: /报销/ }).first().isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '登记报销单' }).count()).toBe(0);
    await office.go('#/settings');
    await expect.poll(() => page.getByRole('heading', { name: '我的密码' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: '操作员' }).count()).toBe(0);
    await office.shot('04-clerk-settings');
  });

  test('药费报销 registers claims, reads files, and may not import', async () => {
    const { page } = office;
    await signInAs('赵报销', 'claims-2026-pw');
    await office.go('#/claims');
    await expect.poll(() => page.getByRole('button', { name: '登记报销单' }).isVisible()).toBe(true);
    expect(await menu().getByRole('link', { name: '导入花名册' }).count()).toBe(0);
    await office.go('#/people/new');
    await expect.poll(() => page.getByText(/无权限：当前操作员（赵报销，药费报销）/).isVisible()).toBe(true);
    await office.shot('05-claims-no-new-file');
  });

  test('back to the administrator: the role of an operator is changed in 系统设置', async () => {
    const { page } = office;
    await signInAs('李明', ADMIN_PASSWORD);
    await office.go('#/settings');
    await page
      .getByRole('textbox', { name: '钱只读的角色' })
      .or(page.getByRole('combobox', { name: '钱只读的角色' }))
      .first()
      .click();
    await page.getByRole('option', { name: '经办' }).click();
    await expect
      .poll(
        async () =>
          (await office.rpc<{ name: string; role: string }[]>('operators.list', {})).find((o) => o.name === '钱只读')
            ?.role,
      )
      .toBe('clerk');
  });
});
