// The words of the community handover (社会化移交, issue 21 item 2), shared by the contract, the main
// process and the renderer: the states of a person's 档案, 党组织关系 and 社保 record, and what stays
// with the enterprise after the handover ("经济不断，感情不断").

/** 档案: still here, sorted and bound for handing over, handed over. */
export const ARCHIVE_STATES = ['未移交', '已整理', '已移交'] as const;
/** 党组织关系: not a party member (or deceased), to be transferred, transferred. */
export const PARTY_TRANSFERS = ['不涉及', '待转', '已转'] as const;
/** The 社保 record (养老保险关系、待遇发放档案). */
export const SOCIAL_SECURITY_STATES = ['未移交', '办理中', '已移交'] as const;
/** What the enterprise keeps doing for a person handed over: a small fixed set, and free text beside it. */
export const RETAINED_ITEMS = ['补充医疗', '节日慰问', '困难帮扶', '丧葬抚恤'] as const;

export type ArchiveState = (typeof ARCHIVE_STATES)[number];
export type PartyTransfer = (typeof PARTY_TRANSFERS)[number];
export type SocialSecurityState = (typeof SOCIAL_SECURITY_STATES)[number];
export type RetainedItem = (typeof RETAINED_ITEMS)[number];

/** How many people one call may add to a project: a unit or a filter, not the whole roll at once. */
export const MAX_HANDOVER_ADD = 5000;

/** The community of a row without one yet, as the progress table lists it. */
export const NO_COMMUNITY = '未填社区';

/** The flag on a file: 社会化管理 since a date, in a 社区. */
export const SOCIALIZED = '社会化管理';

/** `1950-03-05` or `1950-03` as a roster writes a month: `1950.03`. */
export function rosterMonth(iso: string | null): string {
  if (!iso) return '';
  const [y, m] = iso.split('-');
  return m ? `${y}.${m}` : y;
}
