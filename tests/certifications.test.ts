// The yearly pension eligibility certification: recorded by method, a visit counts, once a year;
// the lists of who is due and overdue never hold the deceased.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { createPerson } from '../src-main/retirees/persons';
import { certificationLists, certify } from '../src-main/visits/certifications';
import { registerDeath } from '../src-main/visits/deaths';
import { freshContext, person, router } from './helpers';

let ctx: AppContext;
beforeEach(async () => {
  ctx = await freshContext();
});
afterEach(() => ctx.close());
const { call } = router(() => ctx);
const born = (name: string) =>
  createPerson(ctx.store, person({ name, birthDate: '1940-01-01' }), { acceptWarnings: false });

describe('certification', () => {
  test('due this year, overdue after 12 months without one; a visit counts; the deceased are never listed', async () => {
    const done = born('已认证');
    const lastYear = born('去年认证');
    const longAgo = born('前年认证');
    const never = born('从未认证');
    const byVisit = born('走访认证');
    const died = born('昨日去世');
    certify(ctx.store, { personId: done.id, certifiedOn: '2026-03-01', method: '网上/人脸', note: null }, '2026-11-28');
    certify(ctx.store, { personId: lastYear.id, certifiedOn: '2025-12-20', method: '现场', note: null }, '2026-11-28');
    certify(ctx.store, { personId: longAgo.id, certifiedOn: '2024-10-01', method: '上门', note: null }, '2026-11-28');
    await call('visits.create', { personId: byVisit.id, kind: '日常走访', date: '2026-11-20', certify: true });
    registerDeath(ctx.store, { personId: died.id, diedOn: '2026-11-27', reportedBy: null, note: null }, '2026-11-28');

    const lists = certificationLists(ctx.store, 2026, '2026-11-28');
    expect(lists.due.map((d) => d.name).sort()).toEqual(['从未认证', '前年认证', '去年认证'].sort());
    // Last year's December is within 12 months; two years ago and never are overdue.
    expect(lists.overdue.map((d) => d.name).sort()).toEqual(['从未认证', '前年认证'].sort());
    expect(await call('certifications.list', { personId: byVisit.id })).toMatchObject([
      { year: 2026, certifiedOn: '2026-11-20', method: '走访时认证' },
    ]);
    expect(never.id).toBeGreaterThan(0);
  });

  test('once a year; not for the deceased; not in the future', async () => {
    const p = born('张桂兰');
    certify(ctx.store, { personId: p.id, certifiedOn: '2026-03-01', method: '现场', note: null }, '2026-11-28');
    expect(() =>
      certify(ctx.store, { personId: p.id, certifiedOn: '2026-05-01', method: '上门', note: null }, '2026-11-28'),
    ).toThrow('张桂兰 2026 年度已于 2026-03-01 认证');
    expect(() =>
      certify(ctx.store, { personId: p.id, certifiedOn: '2027-01-02', method: '上门', note: null }, '2026-11-28'),
    ).toThrow('认证日期不能晚于今天');
    const d = born('李四');
    registerDeath(ctx.store, { personId: d.id, diedOn: '2026-11-01', reportedBy: null, note: null }, '2026-11-28');
    expect(() =>
      certify(ctx.store, { personId: d.id, certifiedOn: '2026-11-20', method: '现场', note: null }, '2026-11-28'),
    ).toThrow('李四的状态为“已故”，无需认证');
  });
});
