// Operators and roles in a real browser (issue 18): the first start's administrator adds one
// operator of each role; each signs in with name and password and sees what the role may use (the
// menu, the buttons, 系统设置), and a page the role may not open, reached by its address, says 无权限.
// Inside the pages too: a person's file is read-only, with a quiet line saying why, to a role that
// may not change it; 个人信息保护 shows each role the tabs it may use.
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { ADMIN_PASSWORD, openOffice, type Office } from './office';

let office: Office;
/** A person on the roll, with a family member, whose file each role opens. */
let personId: number;
beforeAll(async () => {
  office = await openOffice('roles');
  const { rows } = await office.rpc<{ rows: { id: number }[] }>('retirees.list', { statuses: ['在册'], pageSize: 1 });
  personId = rows[0].id;
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

/**
 * A person's file as the signed-in role sees it: 保存 and the fields, the buttons of the family
 * members' tab, of the attachments and of the timeline.
 */
async function personFileSeen() {
  const { page } = office;
  await office.go(`#/people/${personId}`);
  await page.getByRole('tab', { name: '档案信息' }).waitFor();
  await page.getByLabel('邮编').waitFor();
  const seen = {
    save: await page.getByRole('button', { name: '保存', exact: true }).count(),
    postcodeEditable: await page.getByLabel('邮编').isEditable(),
    addPhone: await page.getByRole('button', { name: '添加电话' }).count(),
    note: (await page.getByRole('note').allTextContents()).join(''),
    addContact: 0,
    addAttachment: 0,
    recordVisit: 0,
  };
  await page.getByRole('tab', { name: /家属及联系人/ }).click();
  await page
    .getByText(/尚未登记家属或联系人|紧急联系人/)
    .first()
    .waitFor();
  seen.addContact = await page.getByRole('button', { name: '添加家属或联系人' }).count();
  await page.getByRole('tab', { name: /附件/ }).click();
  await page
    .getByText(/暂无附件|文件名/)
    .first()
    .waitFor();
  seen.addAttachment = await page.getByRole('button', { name: /添加附件/ }).count();
  await page.getByRole('tab', { name: '走访慰问' }).click();
  await page.getByRole('button', { name: '打印信函' }).waitFor();
  seen.recordVisit = await page.getByRole('button', { name: '记录走访慰问' }).count();
  await page.getByRole('tab', { name: '档案信息' }).click();
  return seen;
}

/** A person's file as a role that may not change it sees it: nothing to press, and a quiet line why. */
const readOnlyFile = (role: string) => ({
  save: 0,
  postcodeEditable: false,
  addPhone: 0,
  note: `您的角色（${role}）不能修改档案，只能查阅和打印`,
  addContact: 0,
  addAttachment: 0,
  recordVisit: 0,
});

/** The tabs of 个人信息保护 the signed-in role is shown. */
async function privacyTabs() {
  const { page } = office;
  await office.go('#/privacy');
  await page.getByRole('tab', { name: '处理规则' }).waitFor();
  return page.getByRole('tab').allTextContents();
}

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
    await expect
      .poll(() => page.getByText('您的角色（只读）不能修改单位、操作员、提醒规则和备份').isVisible())
      .toBe(true);
  });

  test("只读 reads a person's file but cannot change it, and is told why; no visit batch, no claim form by a link", async () => {
    const { page } = office;
    expect(await personFileSeen()).toEqual(readOnlyFile('只读'));
    await office.shot('06-reader-person-file');
    await office.go('#/people');
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
    for (const name of ['新建档案', '建立慰问批次', '编入组织', '导出 Excel'])
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    await office.go('#/claims/new');
    await expect
      .poll(() => page.getByText(/无权限：当前操作员（钱只读，只读）不能使用“登记报销单”/).isVisible())
      .toBe(true);
    expect(await privacyTabs()).toEqual(['处理规则']);
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

  test("经办 changes a person's file, and reaches 近亲属查阅 in 个人信息保护 but not the assessments", async () => {
    const { page } = office;
    expect(await personFileSeen()).toEqual({
      save: 1,
      postcodeEditable: true,
      addPhone: 1,
      note: '',
      addContact: 1,
      addAttachment: 1,
      recordVisit: 1,
    });
    await expect.poll(() => menu().getByRole('link', { name: '个人信息保护' }).isVisible()).toBe(true);
    expect(await privacyTabs()).toEqual(['处理规则', '近亲属查阅']);
    await page.getByRole('tab', { name: '近亲属查阅' }).click();
    await expect.poll(() => page.getByRole('button', { name: '登记申请' }).isVisible()).toBe(true);
    await office.shot('07-clerk-relatives');
    await office.go('#/privacy/assessments');
    await expect
      .poll(() => page.getByText(/无权限：当前操作员（张经办，经办）不能使用“影响评估”/).isVisible())
      .toBe(true);
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

  test("药费报销 opens the claim form, and reads a person's file without changing it", async () => {
    const { page } = office;
    await office.go('#/claims/new');
    await expect.poll(() => page.getByRole('heading', { name: '登记报销单' }).isVisible()).toBe(true);
    expect(await personFileSeen()).toEqual(readOnlyFile('药费报销'));
    await office.shot('08-claims-person-file');
    expect(await privacyTabs()).toEqual(['处理规则']);
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

  test("the administrator resets an operator's password in its dialog, and the operator signs in with it", async () => {
    const { page } = office;
    await page.locator('tr', { hasText: '张经办' }).getByRole('button', { name: '重设密码' }).click();
    const dialog = page.getByRole('dialog', { name: '重设 张经办 的密码' });
    await dialog.getByLabel(/^新密码/).fill('clerk-new-2026');
    await dialog.getByLabel('再次输入新密码').fill('clerk-new-2026');
    await dialog.getByRole('button', { name: '重设' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await signInAs('张经办', 'clerk-new-2026');
  });
});
