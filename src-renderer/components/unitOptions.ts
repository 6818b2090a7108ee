// The units of the organisation network as a choice list: grouped 行政组织 / 党组织 / 片区楼栋, each
// 大组 before its 小组, a 小组 named with its 大组; each level as a person counts (第二 before 第十二).
import type { NetworkUnit } from '../../src-main/contract/org';
import { UNIT_GROUPS } from '../../src-main/shared/org';
import { compareUnitNames } from '../../src-main/shared/unitOrder';

const byName = (a: NetworkUnit, b: NetworkUnit) => compareUnitNames(a.name, b.name);

export function unitChoices(units: NetworkUnit[], withCount = false) {
  const byKey = new Map(units.map((u) => [u.key, u]));
  const label = (u: NetworkUnit) =>
    `${u.ref.kind}：${u.parentKey ? `${byKey.get(u.parentKey)?.name ?? ''} › ` : ''}${u.name}${withCount ? `（${u.figures.members} 人）` : ''}`;
  return UNIT_GROUPS.map(([group, [top, sub]]) => ({
    group,
    items: units
      .filter((u) => u.ref.kind === top)
      .sort(byName)
      .flatMap((t) => [t, ...units.filter((c) => c.ref.kind === sub && c.parentKey === t.key).sort(byName)])
      .map((u) => ({ value: u.key, label: label(u) })),
  }));
}
