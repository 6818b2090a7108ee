// The retiree list's pages: a page past the middle of the list is read from its end, in the other
// order, and turned round (retirees/list.ts pageIds), so that the deepest page of 100,000 people
// passes over no more rows than the middle one. Whichever end a page is read from, the clerk sees
// the same people in the same order: every page, in every sort, both ways, ties and empty values
// included, is the list read whole, cut in pages.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { ListQuery, SORT_KEYS } from '../src-main/contract/retirees';
import { createDemoUnits, makeDemoPeople } from '../src-main/demo/generate';
import { listPersons } from '../src-main/retirees/list';
import { createPerson } from '../src-main/retirees/persons';
import { freshContext } from './helpers';

const TODAY = '2026-06-30';
let ctx: AppContext;

beforeAll(async () => {
  ctx = await freshContext();
  ctx.store.tx(() => {
    const units = createDemoUnits(ctx.store);
    const people = makeDemoPeople(230, 11, units);
    // Ties on every sort: the same name, birth date, unit and area, and none at all, several times.
    for (const p of people.slice(0, 12))
      Object.assign(p, { name: '王芳', birthDate: '1950-01-01', formerUnit: '机修车间', area: '东区' });
    for (const p of people.slice(12, 20))
      Object.assign(p, { birthDate: null, retirementDate: null, formerUnit: null, area: null, idNumber: null });
    for (const p of people) createPerson(ctx.store, p, { acceptWarnings: true });
  });
});
afterAll(() => ctx.close());

test('every page, read from whichever end is nearer, is the list read whole, cut in pages', () => {
  for (const filter of [{}, { statuses: ['在册'] }, { categories: ['退休'], minAge: 70 }]) {
    for (const sort of SORT_KEYS) {
      for (const desc of [false, true]) {
        const whole = listPersons(ctx.store, ListQuery.parse({ ...filter, sort, desc, pageSize: 500 }), TODAY);
        const label = `${JSON.stringify(filter)} ${sort}${desc ? ' desc' : ''}`;
        expect(whole.total, label).toBeGreaterThan(40);
        const ids = whole.rows.map((r) => r.id);
        const pages = Math.ceil(whole.total / 17);
        const paged: number[] = [];
        for (let page = 1; page <= pages + 1; page++) {
          const got = listPersons(ctx.store, ListQuery.parse({ ...filter, sort, desc, page, pageSize: 17 }), TODAY);
          expect(got.total, label).toBe(whole.total);
          paged.push(...got.rows.map((r) => r.id));
        }
        expect(paged, label).toEqual(ids);
      }
    }
  }
});
