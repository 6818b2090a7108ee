// The contract of activities and study (文体活动与学习): activities, attendance and study materials.
import { z } from 'zod';
import { fullDate } from '../shared/dateSchemas';
import {
  AttachInput,
  ById,
  Empty,
  id,
  loadedRecord,
  method,
  optionalId,
  type PrintableView,
  type RecordAttachment,
  text,
} from './common';
import { UnitRef } from './org';

/** The office's own meetings (会议制度) first, then activities for the retirees; stored as the table's CHECK. */
export const MEETING_KINDS = [
  '办公室例会',
  '离退休干部座谈会',
  '情况通报会',
  '支部委员会',
  '党员大会',
  '学习会',
  '组织生活会',
] as const;
export const ACTIVITY_KINDS = [...MEETING_KINDS, '文体活动', '体检', '其他'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const isMeeting = (kind: string) => (MEETING_KINDS as readonly string[]).includes(kind);
export const MATERIAL_KINDS = ['学习资料', '学习通报'] as const;
export const DELIVERY_WAYS = ['会上领取', '送学上门', '邮寄', '其他'] as const;

export const StaffInput = z.object({
  operatorId: optionalId,
  name: z.string({ error: '请填写工作人员姓名' }).trim().min(1, '请填写工作人员姓名').max(30),
  unit: text(50),
});
export type StaffInput = z.output<typeof StaffInput>;

export const ActivityInput = z.object({
  kind: z.enum(ACTIVITY_KINDS, { error: '请选择活动类别' }),
  title: z.string({ error: '请填写活动名称' }).trim().min(1, '请填写活动名称').max(100),
  heldOn: fullDate('活动日期'),
  place: text(100),
  organiser: text(50),
  note: text(1000),
  /** The meeting's time of day, 09:30. */
  startsAt: text(5).refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), '时间请按“09:30”的格式填写'),
  host: text(50),
  recorder: text(50),
  agenda: text(2000),
  /** Staff who attend: an operator, or a name typed in (a leader, a colleague from another department). */
  staff: z.array(StaffInput).max(100).default([]),
  /** Everyone on the roll in a unit of the organisation network is invited. */
  inviteUnit: UnitRef.nullish().transform((v) => v ?? null),
  inviteIds: z.array(id).max(20_000).default([]),
});
export type ActivityInput = z.output<typeof ActivityInput>;

/**
 * What a clerk may correct once an activity or meeting is entered: its heading facts and, for a
 * meeting, host, recorder and agenda. The kind stays within its family (a meeting kind for a
 * meeting): a meeting's minutes, staff and sign-in belong to a meeting.
 */
export const ActivityFields = ActivityInput.pick({
  kind: true,
  title: true,
  heldOn: true,
  startsAt: true,
  place: true,
  organiser: true,
  note: true,
  host: true,
  recorder: true,
  agenda: true,
});
export type ActivityFields = z.output<typeof ActivityFields>;

/** A meeting's record (会议记录): host, recorder, agenda and, once held, the minutes. */
export const MeetingRecord = z.object({
  host: text(50),
  recorder: text(50),
  agenda: text(2000),
  minutes: text(20_000),
});
export type MeetingRecord = z.output<typeof MeetingRecord>;

/** The fields of `schema` in `record`, and nothing else: what an edit form loads and sends. */
const fieldsIn =
  <S extends z.ZodObject>(schema: S) =>
  (record: z.output<S>): z.output<S> =>
    Object.fromEntries(Object.keys(schema.shape).map((k) => [k, record[k as keyof z.output<S>]])) as z.output<S>;
/** An activity's correctable fields (activities.update), as the edit form loads them. */
export const activityFieldsOf = fieldsIn(ActivityFields);
/** A meeting's record (activities.meeting), as its form loads it. */
export const meetingRecordOf = fieldsIn(MeetingRecord);

export interface StaffAttendee {
  id: number;
  operatorId: number | null;
  name: string;
  unit: string | null;
  attended: boolean;
}

export type ActivityAttachment = RecordAttachment;

export interface ActivityView {
  id: number;
  kind: ActivityKind;
  title: string;
  heldOn: string;
  place: string | null;
  organiser: string | null;
  note: string | null;
  startsAt: string | null;
  host: string | null;
  recorder: string | null;
  agenda: string | null;
  minutes: string | null;
  createdBy: string;
  invited: number;
  attended: number;
  people: { personId: number; name: string; invited: boolean; attended: boolean }[];
  staff: StaffAttendee[];
}

export const MaterialInput = z.object({
  kind: z.enum(MATERIAL_KINDS, { error: '请选择资料类别' }).default('学习资料'),
  title: z.string({ error: '请填写资料名称' }).trim().min(1, '请填写资料名称').max(100),
  issuedOn: fullDate('发放日期'),
  activityId: optionalId,
  note: text(1000),
  /** 学习通报: its number (文号), and the party branches it goes to, or every branch. */
  docNo: text(50),
  allBranches: z.boolean().default(false),
  branchIds: z.array(id).max(500).default([]),
});
export type MaterialInput = z.output<typeof MaterialInput>;

/** A 学习通报 at one party branch: when it reached the branch and who there received it; its members. */
export interface BranchDelivery {
  branchId: number;
  branch: string;
  sentOn: string | null;
  receivedBy: string | null;
  recordedBy: string | null;
  /** The branch's members on the roll, each with the day they received it (null: not yet). */
  members: { personId: number; name: string; receivedOn: string | null; how: string | null }[];
  received: number;
}

export interface MaterialView {
  id: number;
  kind: (typeof MATERIAL_KINDS)[number];
  docNo: string | null;
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
  /** 学习通报: the branches it is sent to, in the network's order; none for a 学习资料. */
  branches: BranchDelivery[];
  /** The branches it has not yet reached. */
  unreached: { branchId: number; branch: string }[];
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
  /**
   * A correction: the activity's fields as the form sends them, beside the fields as it loaded them
   * (`loaded`), so that only what the user changed is saved (audit/edits.ts). Without `loaded` the
   * form is taken to have shown every field empty: nothing it did not see is written over.
   */
  'activities.update': method<ActivityView>()(
    z.object({ id, activity: ActivityFields, loaded: loadedRecord(ActivityFields) }),
    'files.write',
  ),
  /** The meeting's record, against the record as the form loaded it (as 'activities.update'). */
  'activities.meeting': method<ActivityView>()(
    z.object({ id, ...MeetingRecord.shape, loaded: loadedRecord(MeetingRecord) }),
    'files.write',
  ),
  'activities.staffChoices': method<{ id: number; name: string }[]>()(Empty, 'read'),
  'activities.addStaff': method<ActivityView>()(
    z.object({ id, staff: z.array(StaffInput).min(1, '请填写工作人员姓名').max(100) }),
    'files.write',
  ),
  /** A staff attendee taken off the meeting's list (added by mistake). */
  'activities.removeStaff': method<ActivityView>()(z.object({ id, staffId: id }), 'files.write'),
  'activities.staffAttendance': method<ActivityView>()(
    z.object({ id, staffIds: z.array(id).min(1).max(100), attended: z.boolean() }),
    'files.write',
  ),
  'activities.attachments': method<ActivityAttachment[]>()(ById, 'read'),
  'activities.attach': method<ActivityAttachment>()(AttachInput, 'files.write'),
  'activities.attachment': method<ActivityAttachment & { dataBase64: string }>()(ById, 'read'),
  'activities.signInSheet': method<PrintableView>()(
    z.object({ id, blankRows: z.number().int().min(0).max(60).default(8) }),
    'read',
    { access: 'print', what: '打印会议签到表' },
  ),
  'activities.minutesPrint': method<PrintableView>()(ById, 'read', { access: 'print', what: '打印会议纪要' }),
  'materials.list': method<Omit<MaterialView, 'deliveries' | 'toDeliver' | 'branches' | 'unreached'>[]>()(
    Empty,
    'read',
  ),
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
  'materials.sendToBranches': method<MaterialView>()(
    z.object({
      id,
      branchIds: z.array(id).min(1, '请选择党支部').max(500),
      on: fullDate('送达日期'),
      receivedBy: z.string({ error: '请填写支部接收人' }).trim().min(1, '请填写支部接收人').max(30),
    }),
    'files.write',
  ),
  'materials.branchListPrint': method<PrintableView>()(ById, 'read', {
    access: 'print',
    what: '打印学习通报送达登记表',
  }),
} as const;
