// Petitions (信访) and their time limits under the 信访工作条例 (2022): whether a petition is
// accepted is told to the petitioner within 15 days of receiving it (第三十二条); an accepted
// petition is concluded within 60 days of acceptance, extended once, with a reason, by at most 30
// days (第三十五条). Days are calendar days, counted from the day after.
export const PETITION_CHANNELS = ['来访', '来电', '来信', '网络'] as const;
export const PETITION_STATUSES = ['待受理', '办理中', '已办结', '不予受理'] as const;
export const SATISFACTION = ['满意', '基本满意', '不满意'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export const ACCEPT_DAYS = 15;
export const CONCLUDE_DAYS = 60;
export const MAX_EXTENSION_DAYS = 30;

export function addCalendarDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface Deadlines {
  /** The last day to tell the petitioner whether it is accepted. */
  acceptBy: string;
  /** The last day to conclude it (with the extension); null until accepted. */
  concludeBy: string | null;
}

export function deadlines(p: {
  receivedOn: string;
  acceptedOn: string | null;
  extensionDays: number | null;
}): Deadlines {
  return {
    acceptBy: addCalendarDays(p.receivedOn, ACCEPT_DAYS),
    concludeBy: p.acceptedOn ? addCalendarDays(p.acceptedOn, CONCLUDE_DAYS + (p.extensionDays ?? 0)) : null,
  };
}

/** Whether a petition is past its time limit on `today`: not accepted, or not concluded, in time. */
export function overdue(
  p: { status: PetitionStatus; receivedOn: string; acceptedOn: string | null; extensionDays: number | null },
  today: string,
): boolean {
  const d = deadlines(p);
  if (p.status === '待受理') return today > d.acceptBy;
  if (p.status === '办理中') return d.concludeBy !== null && today > d.concludeBy;
  return false;
}

/** The time limit that applies now, in words (the petition pages and the home page's reminders). */
export function limitText(p: {
  status: PetitionStatus;
  acceptBy: string;
  concludeBy: string | null;
  extensionDays: number | null;
  concludedOn: string | null;
}): string {
  if (p.status === '待受理') return `应于 ${p.acceptBy} 前告知是否受理`;
  if (p.status === '办理中')
    return `应于 ${p.concludeBy} 前办结${p.extensionDays ? `（已延期 ${p.extensionDays} 天）` : ''}`;
  return p.concludedOn ? `${p.concludedOn} ${p.status}` : p.status;
}

/** The last day of the time limit that applies now; null once the petition is closed. */
export function dueBy(p: { status: PetitionStatus; acceptBy: string; concludeBy: string | null }): string | null {
  if (p.status === '待受理') return p.acceptBy;
  if (p.status === '办理中') return p.concludeBy;
  return null;
}
