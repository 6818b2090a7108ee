// The contract of the community handover (社会化移交, issue 21 item 2): a project (the receiving 街道,
// the agreement, the planned and actual dates), its roster chosen by the people list's filter or a
// unit (the list's query) or one by one, each person's 档案, 党组织关系, 社保 record, receiving 社区,
// 党费基数 passed on and what stays with the enterprise; the plan's counts and the progress by
// community; a person's handover completed (the file stays 在册, flagged 社会化管理); the signed
// 退休人员社会化管理人员名册 printed and as .xlsx.
import { z } from 'zod';
import { fullDate, optionalFullDate } from '../shared/dateSchemas';
import {
  ARCHIVE_STATES,
  MAX_HANDOVER_ADD,
  PARTY_TRANSFERS,
  RETAINED_ITEMS,
  SOCIAL_SECURITY_STATES,
} from '../shared/handover';
import { type PrintableView, ById, Empty, id, list, method, text, yuan } from './common';
import { ListQuery } from './retirees';

export const HandoverProjectInput = z.object({
  name: z.string({ error: '请填写移交项目名称' }).trim().min(1, '请填写移交项目名称').max(100, '名称过长'),
  /** The receiving 街道 (街道办事处). */
  street: z.string({ error: '请填写接收街道' }).trim().min(1, '请填写接收街道').max(100, '街道名称过长'),
  agreementNo: text(50),
  agreementDate: optionalFullDate('协议签订日期'),
  plannedFrom: optionalFullDate('计划开始日期'),
  plannedTo: optionalFullDate('计划完成日期'),
  note: text(1000),
});
export type HandoverProjectInput = z.output<typeof HandoverProjectInput>;

/** A person's state in a project, as staff edit it one by one. */
export const HandoverPersonInput = z.object({
  archiveState: z.enum(ARCHIVE_STATES, { error: '请选择档案状态' }),
  archiveVolumes: z
    .number({ error: '档案册数须为整数' })
    .int('档案册数须为整数')
    .min(0, '档案册数不能为负')
    .max(99, '档案册数不能超过 99 册'),
  partyTransfer: z.enum(PARTY_TRANSFERS, { error: '请选择党组织关系转接情况' }),
  partyTransferOn: optionalFullDate('党组织关系转出日期'),
  partyTo: text(100),
  socialSecurity: z.enum(SOCIAL_SECURITY_STATES, { error: '请选择社保档案状态' }),
  street: text(100),
  community: text(100),
  /** The 党费基数 passed on to the receiving party organisation, in yuan as typed. */
  duesBase: yuan('移交党费基数')
    .nullish()
    .transform((v) => v ?? null),
  retained: list(z.enum(RETAINED_ITEMS), RETAINED_ITEMS.length).default([]),
  retainedOther: text(200),
  note: text(500),
});
export type HandoverPersonInput = z.output<typeof HandoverPersonInput>;

export interface HandoverProjectSummary {
  id: number;
  name: string;
  street: string;
  agreementNo: string | null;
  agreementDate: string | null;
  plannedFrom: string | null;
  plannedTo: string | null;
  completedOn: string | null;
  people: number;
  done: number;
}

export interface HandoverPersonRow {
  /** The row's id (the person in this project). */
  id: number;
  version: number;
  personId: number;
  name: string;
  gender: string | null;
  birthDate: string | null;
  /** Masked on screen (`210102********123X`). */
  idNumberMasked: string | null;
  category: string;
  status: string;
  retirementDate: string | null;
  partyMember: boolean;
  archiveState: string;
  archiveVolumes: number;
  partyTransfer: string;
  partyTransferOn: string | null;
  partyTo: string | null;
  socialSecurity: string;
  street: string | null;
  community: string | null;
  duesBaseFen: number | null;
  /** The person's newest 党费基数 on file (org/dues), beside the one passed on. */
  duesBaseOnFile: { year: number; baseFen: number | null } | null;
  retained: string[];
  retainedOther: string | null;
  note: string | null;
  handedOverOn: string | null;
}

export interface HandoverCommunityProgress {
  community: string;
  street: string | null;
  people: number;
  done: number;
  /** 已完成: everyone handed over; 进行中: some; 未开始: none. */
  state: '已完成' | '进行中' | '未开始';
}

export interface HandoverCounts {
  people: number;
  /** On the roll (在册): those who come under 社会化管理. */
  living: number;
  /** The deceased, whose files are handed over. */
  deceased: number;
  /** Party members on the roll, whose 党组织关系 is transferred. */
  partyMembers: number;
  partyTransferred: number;
  archiveVolumes: number;
  done: number;
}

export interface HandoverProjectView extends HandoverProjectSummary {
  version: number;
  note: string | null;
  createdAt: string;
  createdBy: string;
  counts: HandoverCounts;
  communities: HandoverCommunityProgress[];
  rows: HandoverPersonRow[];
}

/** A file's handovers: the one completed (the 社会化管理 flag) and any still planned. */
export interface PersonHandover {
  rowId: number;
  projectId: number;
  projectName: string;
  street: string | null;
  community: string | null;
  handedOverOn: string | null;
  archiveState: string;
}

const RosterQuery = z.object({
  id,
  /** One community's roster (each 社区 signs its own); every community when absent. */
  community: text(100),
});

export const handoverMethods = {
  'handover.projects': method<HandoverProjectSummary[]>()(Empty, 'read'),
  'handover.get': method<HandoverProjectView>()(ById, 'read'),
  'handover.create': method<HandoverProjectView>()(z.object({ project: HandoverProjectInput }), 'files.write'),
  'handover.update': method<HandoverProjectView>()(
    z.object({ id, version: z.number().int().positive(), project: HandoverProjectInput }),
    'files.write',
  ),
  /** People added by the list's filter or a unit (`query`, every page), or one by one (`personIds`). */
  'handover.addPeople': method<{ added: number; already: number }>()(
    z
      .object({
        projectId: id,
        query: ListQuery.optional(),
        personIds: list(id, MAX_HANDOVER_ADD).optional(),
      })
      .refine((v) => (v.query === undefined) !== (v.personIds === undefined), '请按筛选条件或逐个选择要移交的人员'),
    'files.write',
  ),
  'handover.removePerson': method<{ removed: true }>()(ById, 'files.write'),
  'handover.updatePerson': method<HandoverPersonRow>()(
    z.object({ id, version: z.number().int().positive(), person: HandoverPersonInput }),
    'files.write',
  ),
  /** The people of these rows handed over on a day: each file flagged 社会化管理. */
  'handover.complete': method<{ count: number }>()(
    z.object({
      projectId: id,
      rowIds: list(id, MAX_HANDOVER_ADD).min(1, '请选择已办结移交的人员'),
      handedOverOn: fullDate('移交日期'),
    }),
    'files.write',
  ),
  'handover.completeProject': method<HandoverProjectView>()(
    z.object({ id, completedOn: fullDate('完成日期') }),
    'files.write',
  ),
  'handover.ofPerson': method<PersonHandover[]>()(z.object({ personId: id }), 'read'),
  /** The signed roster for both sides: full ID numbers on paper, so it needs the right to see them; logged. */
  'handover.rosterPrint': method<PrintableView>()(RosterQuery, 'reveal', {
    access: 'print',
    what: '打印退休人员社会化管理人员名册（含完整身份证号）',
  }),
  'handover.rosterExport': method<{ fileName: string; count: number; dataBase64: string }>()(
    RosterQuery.extend({
      /** Full ID numbers (the copy for the receiving 街道); masked by default. */
      full: z.boolean().default(false),
    }),
    'files.export',
    { access: 'export', what: '导出退休人员社会化管理人员名册' },
  ),
} as const;
