// The contract of activities and study (文体活动与学习): activities, attendance and study materials.
import { z } from 'zod';
import { fullDate } from '../shared/dateSchemas';
import { ById, Empty, id, method, optionalId, text } from './common';
import { UnitRef } from './org';

export const ACTIVITY_KINDS = ['文体活动', '学习会', '组织生活会', '体检', '其他'] as const;
export const DELIVERY_WAYS = ['会上领取', '送学上门', '邮寄', '其他'] as const;

export const ActivityInput = z.object({
  kind: z.enum(ACTIVITY_KINDS, { error: '请选择活动类别' }),
  title: z.string({ error: '请填写活动名称' }).trim().min(1, '请填写活动名称').max(100),
  heldOn: fullDate('活动日期'),
  place: text(100),
  organiser: text(50),
  note: text(1000),
  /** Everyone on the roll in a unit of the organisation network is invited. */
  inviteUnit: UnitRef.nullish().transform((v) => v ?? null),
  inviteIds: z.array(id).max(20_000).default([]),
});
export type ActivityInput = z.output<typeof ActivityInput>;

export interface ActivityView {
  id: number;
  kind: (typeof ACTIVITY_KINDS)[number];
  title: string;
  heldOn: string;
  place: string | null;
  organiser: string | null;
  note: string | null;
  createdBy: string;
  invited: number;
  attended: number;
  people: { personId: number; name: string; invited: boolean; attended: boolean }[];
}

export const MaterialInput = z.object({
  title: z.string({ error: '请填写资料名称' }).trim().min(1, '请填写资料名称').max(100),
  issuedOn: fullDate('发放日期'),
  activityId: optionalId,
  note: text(1000),
});
export type MaterialInput = z.output<typeof MaterialInput>;

export interface MaterialView {
  id: number;
  title: string;
  issuedOn: string;
  activityId: number | null;
  activityTitle: string | null;
  note: string | null;
  received: number;
  deliveries: {
    personId: number;
    name: string;
    receivedOn: string;
    how: (typeof DELIVERY_WAYS)[number];
    recordedBy: string;
  }[];
  /** Invited to the material's meeting, did not come, not yet given it: 送学上门. */
  toDeliver: { personId: number; name: string; why: string }[];
}

export interface PersonActivities {
  activities: { id: number; kind: string; title: string; heldOn: string; invited: boolean; attended: boolean }[];
  materials: { id: number; title: string; receivedOn: string; how: string }[];
}

export const activitiesMethods = {
  'activities.list': method<ActivityView[]>()(z.object({ year: z.number().int().min(2000).max(2200) }), 'read'),
  'activities.get': method<ActivityView>()(ById, 'read'),
  'activities.create': method<ActivityView>()(ActivityInput, 'files.write'),
  'activities.attendance': method<ActivityView>()(
    z.object({ id, personIds: z.array(id).min(1).max(20_000), attended: z.boolean() }),
    'files.write',
  ),
  'activities.ofPerson': method<PersonActivities>()(z.object({ personId: id }), 'read'),
  'materials.list': method<Omit<MaterialView, 'deliveries' | 'toDeliver'>[]>()(Empty, 'read'),
  'materials.get': method<MaterialView>()(ById, 'read'),
  'materials.create': method<MaterialView>()(MaterialInput, 'files.write'),
  'materials.deliver': method<MaterialView>()(
    z.object({
      id,
      personIds: z.array(id).min(1, '请选择领取人').max(20_000),
      how: z.enum(DELIVERY_WAYS, { error: '请选择领取方式' }),
      on: fullDate('领取日期'),
    }),
    'files.write',
  ),
} as const;
