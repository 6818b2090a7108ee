// Units in the order a person counts them (issue 12, item 9): the comparator on worked lists, and
// the organisation tree, the unit list and the filter options through the router.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { NetworkUnit, OrgUnit } from '../src-main/contract/org';
import type { PersonFile } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { chineseNumeralValue, compareUnitNames } from '../src-main/shared/unitOrder';
import { freshContext, person, router } from './helpers';

/** The list out of order: its second half reversed, then its first half. */
const shuffled = <T>(xs: T[]) => [...xs.slice(xs.length >> 1).reverse(), ...xs.slice(0, xs.length >> 1)];

describe('compareUnitNames', () => {
  test('Chinese numerals read as numbers', () => {
    expect(
      ['十', '十二', '二十', '二十一', '一百', '一百零五', '两千', '二〇二六', '三', '九十九'].map(chineseNumeralValue),
    ).toEqual([10, 12, 20, 21, 100, 105, 2000, 2026, 3, 99]);
  });

  test('ordinals, house numbers and mixed digits sort as a person counts', () => {
    const lists = [
      ['第一党支部', '第二党支部', '第三党支部', '第十党支部', '第十二党支部', '第二十党支部'],
      ['一号楼', '2号楼', '二号楼', '三号楼', '9号楼', '十号楼', '11号楼', '十二号楼', '一百号楼'],
      ['第一组', '第二组', '第十一组', '第十二组'],
      ['一大组', '二大组', '三大组', '十大组'],
      ['东区', '南区', '西区'],
      ['机关第一党支部', '机关第二党支部', '离休第一党支部'],
    ];
    for (const sorted of lists) {
      expect(shuffled(sorted).sort(compareUnitNames)).toEqual(sorted);
      expect([...sorted].reverse().sort(compareUnitNames)).toEqual(sorted);
    }
    // The plain sort this replaces: 第一, 第三, 第二.
    expect(['第二党支部', '第三党支部', '第一党支部'].sort()).toEqual(['第一党支部', '第三党支部', '第二党支部']);
  });

  test('names equal as numbers still have an order, and the same name compares equal', () => {
    expect(compareUnitNames('第二组', '第二组')).toBe(0);
    expect(compareUnitNames('第2组', '第二组')).not.toBe(0);
    expect(Math.sign(compareUnitNames('第2组', '第二组'))).toBe(-Math.sign(compareUnitNames('第二组', '第2组')));
  });
});

describe('through the router', () => {
  let ctx: AppContext;
  beforeEach(async () => {
    ctx = await freshContext();
  });
  afterEach(() => ctx.close());
  const { call } = router(() => ctx);
  const unit = (kind: string, name: string, parentId: number | null = null) =>
    call<OrgUnit>('org.create', { kind, name, parentId });

  test('the organisation tree, the unit list and the filter options list 第一, 第二, 第三, 第十二', async () => {
    for (const name of ['第三党支部', '第十二党支部', '第一党支部', '第二党支部']) await unit('党支部', name);
    const two = (await call<OrgUnit[]>('org.units', {})).find((u) => u.name === '第二党支部')!;
    for (const name of ['第十一党小组', '第二党小组', '第一党小组']) await unit('党小组', name, two.id);
    for (const [area, building] of [
      ['十区', '十号楼'],
      ['二区', '二号楼'],
      ['二区', '十号楼'],
      ['二区', '3号楼'],
      ['一区', '一号楼'],
    ]) {
      await call<PersonFile>('retirees.create', { person: person({ name: `${area}${building}住户`, area, building }) });
    }
    const tree = await call<NetworkUnit[]>('org.tree', {});
    const names = (kind: string) => tree.filter((u) => u.ref.kind === kind).map((u) => u.name);
    expect(names('党支部')).toEqual(['第一党支部', '第二党支部', '第三党支部', '第十二党支部']);
    expect(names('党小组')).toEqual(['第一党小组', '第二党小组', '第十一党小组']);
    expect(names('片区')).toEqual(['一区', '二区', '十区']);
    expect(tree.filter((u) => u.ref.kind === '楼栋').map((u) => u.key)).toEqual([
      '楼栋:一区/一号楼',
      '楼栋:二区/二号楼',
      '楼栋:二区/3号楼',
      '楼栋:二区/十号楼',
      '楼栋:十区/十号楼',
    ]);
    const units = await call<OrgUnit[]>('org.units', {});
    expect(units.filter((u) => u.kind === '党支部').map((u) => u.name)).toEqual([
      '第一党支部',
      '第二党支部',
      '第三党支部',
      '第十二党支部',
    ]);
    expect(units.filter((u) => u.kind === '党小组').map((u) => u.name)).toEqual([
      '第一党小组',
      '第二党小组',
      '第十一党小组',
    ]);
    const options = await call<{ areas: string[]; buildings: string[] }>('retirees.filterOptions', {});
    expect(options.areas).toEqual(['一区', '二区', '十区']);
    expect(options.buildings).toEqual(['一号楼', '二号楼', '3号楼', '十号楼']);
  });
});
