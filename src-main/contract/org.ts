// The contract of the organisation network (组织网络): groups, places and what a unit's page shows.
import { z } from 'zod';
import { GROUP_KINDS } from '../shared/org';
import { Empty, type PrintableView, id, method, optionalId, text } from './common';
import { ListQuery } from './retirees';

export interface OrgUnit {
  id: number;
  kind: string;
  name: string;
  parentId: number | null;
}

const placeName = (what: string) => z.string().trim().max(50, `${what}名称不能超过 50 个字`);
/** A unit: a group by its id, or a place by the names the files carry ('' area: 未分片区). */
export const UnitRef = z.union([
  z.object({ kind: z.enum(GROUP_KINDS), id }),
  z.object({ kind: z.literal('片区'), area: placeName('片区') }),
  z.object({ kind: z.literal('楼栋'), area: placeName('片区'), building: placeName('楼栋').min(1, '请填写楼栋名称') }),
]);
export type UnitRef = z.output<typeof UnitRef>;

/** One text key per unit, for lists and addresses. */
export function unitKey(ref: UnitRef): string {
  return ref.kind === '片区'
    ? `片区:${ref.area}`
    : ref.kind === '楼栋'
      ? `楼栋:${ref.area}/${ref.building}`
      : `${ref.kind}:${ref.id}`;
}

export interface UnitFigures {
  members: number;
  over80: number;
  over90: number;
  livingAlone: number;
  disabled: number;
  partyMembers: number;
  diedThisYear: number;
}

export interface NetworkUnit {
  ref: UnitRef;
  key: string;
  name: string;
  parentKey: string | null;
  leader: string | null;
  leaderPersonId: number | null;
  phone: string | null;
  note: string | null;
  figures: UnitFigures;
}

export interface UnitMember {
  personId: number;
  name: string;
  gender: string | null;
  age: number | null;
  phones: string[];
  address: string | null;
  building: string | null;
  partyMember: boolean;
  emergency: string | null;
  /** Why word may have to be brought to them (失能, 独居, 异地居住, 90 岁以上). */
  cannotCome: string[];
}

export const orgMethods = {
  'org.units': method<OrgUnit[]>()(Empty, 'read'),
  'org.create': method<OrgUnit>()(
    z.object({
      kind: z.enum(GROUP_KINDS),
      name: z.string().trim().min(1, '请填写名称').max(50),
      parentId: optionalId,
    }),
    'files.write',
  ),
  'org.tree': method<NetworkUnit[]>()(Empty, 'read'),
  'org.saveUnit': method<NetworkUnit>()(
    z.object({
      ref: UnitRef,
      name: text(50),
      leaderPersonId: optionalId,
      leader: text(50),
      phone: text(40),
      note: text(500),
    }),
    'files.write',
  ),
  'org.move': method<NetworkUnit>()(z.object({ ref: UnitRef, to: UnitRef }), 'files.write'),
  'org.merge': method<NetworkUnit>()(z.object({ from: UnitRef, into: UnitRef }), 'files.write'),
  'org.assign': method<{ matched: number; changed: number }>()(
    z.object({ query: ListQuery, ref: UnitRef }),
    'files.write',
  ),
  'org.members': method<UnitMember[]>()(z.object({ ref: UnitRef }), 'read'),
  'org.contactSheet': method<PrintableView>()(z.object({ ref: UnitRef, tree: z.boolean().default(false) }), 'read', {
    access: 'print',
    what: '打印组员联系表',
  }),
  'org.exportSheet': method<{ fileName: string; count: number; dataBase64: string }>()(
    z.object({ ref: UnitRef }),
    'files.export',
    { access: 'export', what: '导出组员联系表' },
  ),
} as const;
