// Forms as a clerk uses them (issue 12): a save keeps what happened elsewhere since the form was
// opened (a death registered from the same file), leaving with changes asks first, 保存 is always in
// sight and Ctrl+S saves, dates are typed as staff write them or picked, and a claim for a year
// without a policy says so at once.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HistoryItem, PersonFile } from '../../src-main/contract/retirees';
import { openOffice, type Office } from './office';

let office: Office;
let person: PersonFile;

beforeAll(async () => {
  office = await openOffice('forms', []);
  person = await office.rpc<PersonFile>('retirees.create', {
    person: {
      name: '刘文华',
      category: '退休',
      birthDate: '1941-05-06',
      address: '沈阳市铁西区兴华街 12 号',
      note: '原址',
    },
  });
});
afterAll(() => office?.close());

describe('the file form', () => {
  test('a death registered while the form has an edit: the edit is saved and the person stays 已故', async () => {
    const { page, go, rpc, shot } = office;
    await go(`#/people/${person.id}`);
    await page.getByLabel('备注').fill('女儿每周来看望');
    await expect.poll(() => page.getByText('有未保存的修改').isVisible()).toBe(true);

    await page.getByRole('tab', { name: '走访慰问' }).click();
    await page.getByRole('button', { name: '病故登记' }).click();
    // Typed as the office writes it.
    await page.getByRole('dialog').getByLabel('去世日期').fill('2026.11.20');
    await page.getByRole('dialog').getByLabel('报告人').fill('其女刘红');
    await page.getByRole('button', { name: '确认登记' }).click();
    await expect.poll(() => page.getByText('已故', { exact: true }).first().isVisible()).toBe(true);

    await page.getByRole('tab', { name: '档案信息' }).click();
    // The death is no unsaved change; the note still is.
    await expect.poll(() => page.getByLabel('备注').inputValue()).toBe('女儿每周来看望');
    await expect.poll(() => page.getByText('有未保存的修改').isVisible()).toBe(true);
    await shot('01-death-then-edit');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByText('已全部保存').isVisible()).toBe(true);

    const saved = await rpc<PersonFile>('retirees.get', { id: person.id });
    expect(saved).toMatchObject({ status: '已故', statusDate: '2026-11-20', note: '女儿每周来看望' });
    const history = await rpc<HistoryItem[]>('retirees.history', { id: person.id });
    expect(
      history
        .flatMap((h) => h.changes)
        .filter((c) => c.label === '状态')
        .map((c) => c.after),
    ).toEqual(['已故']);
  });

  test('保存 stays in sight at the top of a long file, and Ctrl+S saves from a field', async () => {
    const { page, rpc, shot } = office;
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.getByLabel('住址').fill('沈阳市和平区南京街 3 号');
    const box = await page.getByRole('button', { name: '保存', exact: true }).boundingBox();
    const viewport = page.viewportSize()!;
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    await shot('02-save-bar');
    await page.getByLabel('住址').press('Control+s');
    await expect.poll(() => page.getByText('已全部保存').isVisible()).toBe(true);
    expect((await rpc<PersonFile>('retirees.get', { id: person.id })).address).toBe('沈阳市和平区南京街 3 号');
  });

  test('leaving with changes asks 保存 / 放弃 / 取消', async () => {
    const { page, rpc, shot } = office;
    await page.getByLabel('民族').fill('满族');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '人员档案' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: '有未保存的修改' }).isVisible()).toBe(true);
    await shot('03-leave-asks');
    await page.getByRole('button', { name: '取消' }).click();
    // Still on the file, the edit still there.
    await expect.poll(() => page.getByLabel('民族').inputValue()).toBe('满族');

    await page.getByText('人员档案', { exact: true }).first().click();
    await page.getByRole('button', { name: '放弃修改' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '人员档案' }).isVisible()).toBe(true);
    expect((await rpc<PersonFile>('retirees.get', { id: person.id })).ethnicity).toBeNull();

    await office.go(`#/people/${person.id}`);
    await page.getByLabel('民族').fill('回族');
    await page.getByText('首页', { exact: true }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: '工作概况' }).isVisible()).toBe(true);
    expect((await rpc<PersonFile>('retirees.get', { id: person.id })).ethnicity).toBe('回族');
  });

  test('a date is picked from the calendar or typed as 2026年11月10日', async () => {
    const { page, go, rpc } = office;
    const p = await rpc<PersonFile>('retirees.create', { person: { name: '赵淑珍', category: '退休' } });
    await go(`#/people/${p.id}`);
    await page.getByLabel('离退休时间').fill('2001年3月');
    await page.getByLabel('离退休时间').blur();
    await expect.poll(() => page.getByLabel('离退休时间').inputValue()).toBe('2001-03');
    await page.getByLabel('出生日期').fill('1941年5月6日');
    await page.getByLabel('出生日期').blur();
    await expect.poll(() => page.getByLabel('出生日期').inputValue()).toBe('1941-05-06');
    await page.getByLabel('参加工作时间').fill('1960.13.1');
    await page.getByLabel('参加工作时间').blur();
    await expect.poll(() => page.getByText('无法识别的日期').isVisible()).toBe(true);
    await page.getByLabel('参加工作时间').fill('');
    await page
      .getByLabel('参加工作时间')
      .locator('xpath=ancestor::div[contains(@class,"mantine-TextInput-root")]')
      .getByRole('button', { name: '打开日历' })
      .click();
    await page
      .getByRole('dialog')
      .or(page.locator('.mantine-Popover-dropdown'))
      .locator('button', { hasText: /^15$/ })
      .first()
      .click();
    await expect.poll(() => page.getByLabel('参加工作时间').inputValue()).toMatch(/^\d{4}-\d{2}-15$/);
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByText('已全部保存').isVisible()).toBe(true);
    expect(await rpc<PersonFile>('retirees.get', { id: p.id })).toMatchObject({
      retirementDate: '2001-03',
      birthDate: '1941-05-06',
    });
  });
});

describe('a claim for a year without a policy', () => {
  test('the form and the claim say so at once, with the way to 报销政策', async () => {
    const { page, go, shot } = office;
    const p = await office.rpc<PersonFile>('retirees.create', {
      person: { name: '孙建平', category: '退休', birthDate: '1950-01-01' },
    });
    await go(`#/claims/new?person=${p.id}`);
    await page.getByLabel('第1张票据 就医日期').fill('2025/3/2');
    await expect.poll(() => page.getByText('2025 年度退休人员的报销政策尚未设置').isVisible()).toBe(true);
    await shot('04-claim-no-policy');
    await page.getByLabel('第1张票据 票据号').fill('B0001');
    await page.getByLabel('第1张票据 类别').first().click();
    await page.getByRole('option', { name: '门诊' }).click();
    await page.getByLabel('第1张票据 总金额').fill('100.00');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/claims\/\d+$/);
    await expect.poll(() => page.getByText('2025 年度退休人员的报销政策尚未设置').isVisible()).toBe(true);
    await page.getByRole('button', { name: '去设置报销政策' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '报销政策' }).isVisible()).toBe(true);
  });
});
