// The age shown for the deceased is their age at death, through the router as the file, the list
// and a letter receive it, from a month-only date of death too (issue 12, item 5).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PrintableView } from '../src-main/contract/common';
import type { ListPage, PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { DEFAULT_TEMPLATES } from '../src-main/shared/letters';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call } = router(() => ctx);

const family = [{ name: '刘强', relation: '儿子', emergency: true, phones: [] }];
const create = async (name: string, birthDate: string, statusDate: string | null) =>
  call<PersonFile>('retirees.create', {
    person: person({ name, birthDate, status: '已故', statusDate, contacts: family }),
    acceptWarnings: true,
  });

describe('the age of the deceased', () => {
  test('a file that died in 2000-06 shows the age at death, not today’s', async () => {
    const p = await create('刘建国', '1939-03-15', '2000-06');
    const atDeath = { years: 61, approximate: false, atDeath: true };
    expect((await call<PersonFile>('retirees.get', { id: p.id })).age).toEqual(atDeath);
    expect((await call<ListPage>('retirees.list', { q: '刘建国' })).rows[0].age).toEqual(atDeath);
  });

  test('where the unknown day decides between two ages, the file says so (约)', async () => {
    const p = await create('赵敏', '1939-06-15', '2000-06');
    expect((await call<PersonFile>('retirees.get', { id: p.id })).age).toEqual({
      years: 61,
      approximate: true,
      atDeath: true,
    });
  });

  test('a letter of condolence speaks of the age at death', async () => {
    const p = await create('刘建国', '1939-06-15', '2000-06');
    await call('letters.saveTemplate', { ...DEFAULT_TEMPLATES.bereavement, body: '{姓名}同志享年{年龄}岁。' });
    const view = await call<PrintableView>('letters.render', {
      kind: 'bereavement',
      personIds: [p.id],
      date: '2026-11-28',
    });
    expect(view.body).toContain('刘建国同志享年约61岁。');
  });
});
