// The kinds of unit in the organisation network (组织网络), once: the groups the office sets up
// (行政大组 › 行政小组, 党支部 › 党小组) and the places the files name (片区 › 楼栋).

export const GROUP_KINDS = ['行政大组', '行政小组', '党支部', '党小组'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const PLACE_KINDS = ['片区', '楼栋'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export type UnitKind = GroupKind | PlaceKind;

/** The group a group belongs to: a 小组 to its 大组, a 党小组 to its 党支部; the top ones to none. */
export const PARENT_KIND: Readonly<Record<GroupKind, GroupKind | null>> = {
  行政大组: null,
  行政小组: '行政大组',
  党支部: null,
  党小组: '党支部',
};
export const CHILD_KIND: Readonly<Record<GroupKind, GroupKind | null>> = {
  行政大组: '行政小组',
  行政小组: null,
  党支部: '党小组',
  党小组: null,
};

/** The network as staff choose from it: 行政组织, 党组织, 片区楼栋, each a top kind and the kind under it. */
export const UNIT_GROUPS = [
  ['行政组织', ['行政大组', '行政小组']],
  ['党组织', ['党支部', '党小组']],
  ['片区楼栋', ['片区', '楼栋']],
] as const satisfies readonly (readonly [string, readonly [UnitKind, UnitKind]])[];

export function isGroupKind(kind: string): kind is GroupKind {
  return (GROUP_KINDS as readonly string[]).includes(kind);
}
