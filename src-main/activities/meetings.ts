// Meetings (会议制度, issue 21 item 4): a meeting is an activity of a meeting kind, with its time,
// host, recorder, agenda and minutes (会议纪要), the staff who attend beside the retirees invited,
// files kept with it (a scanned sign-in sheet, photos, slides), and two pieces of paper: the
// sign-in sheet (签到表) laid out before the meeting, and the minutes after it.
// Each function writes in one transaction and audits; the router reads the meeting back.
import type { ActivityAttachment, MeetingRecord, StaffAttendee, StaffInput } from '../contract/activities';
import type { PrintableView } from '../contract/common';
import { writeAudit } from '../audit/audit';
import type { Store } from '../db/store';
import { html } from '../documents/html';
import { pageCss, PRINT_FONTS, printable, screenPageCss } from '../documents/print';
import {
  checkedRecordFile,
  insertRecordAttachment,
  readRecordAttachment,
  recordAttachments,
} from '../retirees/recordAttachments';
import { getOfficeSettings } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { editActivityRecord, refuseMinutesAhead } from './corrections';

function activityRow(store: Store, id: number) {
  const a = store.first(store.kysely.selectFrom('activities').selectAll().where('id', '=', id));
  if (!a) throw new UserError('not_found', '没有找到这次活动');
  return a;
}

// --- staff who attend ----------------------------------------------------------------------------

export function staffOf(store: Store, activityId: number): StaffAttendee[] {
  return store
    .all(store.kysely.selectFrom('activity_staff').selectAll().where('activity_id', '=', activityId).orderBy('id'))
    .map((s) => ({ id: s.id, operatorId: s.operator_id, name: s.name, unit: s.unit, attended: s.attended === 1 }));
}

/** Active operators, for choosing the staff who attend. */
export function staffChoices(store: Store): { id: number; name: string }[] {
  return store.all(
    store.kysely.selectFrom('operators').select(['id', 'name']).where('active', '=', 1).orderBy('name').orderBy('id'),
  );
}

/** Adds staff to a meeting; an operator named must be on file, and nobody is listed twice. */
export function insertStaff(store: Store, activityId: number, staff: StaffInput[]): void {
  const listed = new Set(staffOf(store, activityId).map((s) => s.name));
  const add = store.prepare('INSERT INTO activity_staff (activity_id, operator_id, name, unit) VALUES (?, ?, ?, ?)');
  for (const s of staff) {
    if (s.operatorId !== null) {
      const op = store.first(store.kysely.selectFrom('operators').select('name').where('id', '=', s.operatorId));
      if (!op) throw new UserError('not_found', `没有找到第 ${s.operatorId} 号操作员，请从名单中选择或直接填写姓名`);
    }
    if (listed.has(s.name)) throw new UserError('invalid_input', `${s.name}已在参会工作人员名单中`);
    listed.add(s.name);
    add.run(activityId, s.operatorId, s.name, s.unit);
  }
}

export function addStaff(store: Store, activityId: number, staff: StaffInput[]): void {
  store.tx(() => {
    activityRow(store, activityId);
    insertStaff(store, activityId, staff);
    writeAudit(store, {
      entity: 'activity',
      entityId: activityId,
      personId: null,
      action: 'update',
      before: null,
      after: { staff: staff.map((s) => s.name) },
    });
  });
}

/** A staff attendee taken off the meeting's list (added by mistake); the audit keeps the list before and after. */
export function removeStaff(store: Store, activityId: number, staffId: number): void {
  store.tx(() => {
    activityRow(store, activityId);
    const staff = staffOf(store, activityId);
    if (!staff.some((s) => s.id === staffId)) throw new UserError('not_found', '这位工作人员不在本次会议的名单中');
    store.prepare('DELETE FROM activity_staff WHERE id = ? AND activity_id = ?').run(staffId, activityId);
    writeAudit(store, {
      entity: 'activity',
      entityId: activityId,
      personId: null,
      action: 'update',
      before: { staff: staff.map((s) => s.name) },
      after: { staff: staff.filter((s) => s.id !== staffId).map((s) => s.name) },
    });
  });
}

export function setStaffAttendance(store: Store, activityId: number, staffIds: number[], attended: boolean): void {
  store.tx(() => {
    activityRow(store, activityId);
    const staff = staffOf(store, activityId);
    const names = staffIds.map((sid) => {
      const s = staff.find((x) => x.id === sid);
      if (!s) throw new UserError('not_found', '这位工作人员不在本次会议的名单中');
      return s.name;
    });
    const set = store.prepare('UPDATE activity_staff SET attended = ? WHERE id = ? AND activity_id = ?');
    for (const sid of staffIds) set.run(attended ? 1 : 0, sid, activityId);
    writeAudit(store, {
      entity: 'activity',
      entityId: activityId,
      personId: null,
      action: 'update',
      before: null,
      after: { attended, staff: names },
    });
  });
}

// --- agenda and minutes --------------------------------------------------------------------------

/**
 * The meeting's host, recorder, agenda and minutes (minutes only once it has been held), against the
 * record as the form loaded it: another clerk's save meanwhile is refused where both changed the
 * same field, and kept where not (corrections.ts).
 */
export function saveMeeting(
  store: Store,
  id: number,
  input: MeetingRecord,
  loaded?: Partial<MeetingRecord> | null,
  today = todayIso(),
): void {
  editActivityRecord(store, id, input, loaded, (_before, after, changed) => refuseMinutesAhead(after, changed, today));
}

// --- attachments ---------------------------------------------------------------------------------

export function activityAttachments(store: Store, activityId: number): ActivityAttachment[] {
  activityRow(store, activityId);
  return recordAttachments(store, 'activity_attachments', activityId);
}

export function attachToActivity(
  store: Store,
  activityId: number,
  file: { fileName: string; data: Buffer },
): ActivityAttachment {
  const checked = checkedRecordFile(file);
  return store.tx(() => {
    activityRow(store, activityId);
    const id = insertRecordAttachment(store, 'activity_attachments', activityId, checked, file.data);
    writeAudit(store, {
      entity: 'activity',
      entityId: activityId,
      personId: null,
      action: 'update',
      before: null,
      after: { attachment: checked.fileName },
    });
    return activityAttachments(store, activityId).find((a) => a.id === id)!;
  });
}

export function readActivityAttachment(store: Store, id: number): ActivityAttachment & { data: Buffer } {
  return readRecordAttachment(store, 'activity_attachments', id);
}

// --- paper: the sign-in sheet and the minutes ------------------------------------------------------

const PAPER_CSS = `
${pageCss('A4', 'portrait', '20mm 18mm')}
.sheet { font-family: ${PRINT_FONTS}; color: #000; font-size: 12pt; break-after: page; }
.sheet:last-child { break-after: auto; }
.sheet h1 { font-size: 20pt; text-align: center; margin: 0 0 5mm; letter-spacing: 0.15em; }
.sheet .meta { margin: 0 0 4mm; line-height: 1.9; }
.sheet .meta span { display: inline-block; min-width: 48%; }
.sheet table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.sheet th, .sheet td { border: 0.3mm solid #000; height: 10mm; padding: 0 2mm; text-align: center; }
.sheet th { font-weight: bold; }
.sheet thead { display: table-header-group; }
.sheet tr { break-inside: avoid; }
.sheet col.n { width: 14mm; } .sheet col.name { width: 32mm; } .sheet col.sign { width: 48mm; }
.sheet .note { font-size: 10.5pt; margin-top: 4mm; }
.sheet .body { line-height: 1.9; text-indent: 2em; white-space: pre-wrap; margin: 0 0 3mm; }
.sheet h2 { font-size: 14pt; margin: 5mm 0 2mm; }
.sheet .sign-off { text-align: right; margin-top: 12mm; line-height: 1.9; }
${screenPageCss('.sheet', '174mm', '20mm 18mm')}
`;

/** The unit or branch a retiree signs under: the party branch, else the administrative group, else the former unit. */
function retireeUnits(store: Store, activityId: number) {
  return store.all(
    store.kysely
      .selectFrom('activity_people as p')
      .innerJoin('persons as s', 's.id', 'p.person_id')
      .leftJoin('org_units as b', 'b.id', 's.party_branch_id')
      .leftJoin('org_units as g', 'g.id', 's.admin_group_id')
      .select(['s.name', 'b.name as branch', 'g.name as grp', 's.former_unit'])
      .where('p.activity_id', '=', activityId)
      .where('p.invited', '=', 1)
      .orderBy('s.name_sort')
      .orderBy('s.id'),
  );
}

/**
 * The sign-in sheet: title, time, place, host; a row for each invited person (the staff, then the
 * retirees by name) with 序号/姓名/单位或支部/签名, and blank rows for those who come uninvited.
 */
export function signInSheetPrintable(store: Store, id: number, blankRows: number): PrintableView {
  const a = activityRow(store, id);
  const { orgName } = getOfficeSettings(store);
  const listed = [
    ...staffOf(store, id).map((s) => ({ name: s.name, unit: s.unit ?? orgName })),
    ...retireeUnits(store, id).map((p) => ({ name: p.name, unit: p.branch ?? p.grp ?? p.former_unit ?? '' })),
  ];
  const rows = [
    ...listed.map((p, i) => html`<tr><td>${i + 1}</td><td>${p.name}</td><td>${p.unit}</td><td></td></tr>`),
    ...Array.from(
      { length: blankRows },
      (_, i) => html`<tr class="blank"><td>${listed.length + i + 1}</td><td></td><td></td><td></td></tr>`,
    ),
  ];
  const when = `${formatChineseDate(a.held_on)}${a.starts_at ? ` ${a.starts_at}` : ''}`;
  const body = html`<section class="sheet sign-in"><h1>${a.title}签到表</h1><p class="meta"><span>时间：${when}</span><span>地点：${a.place ?? ''}</span><br><span>主持人：${a.host ?? ''}</span><span>应到 ${listed.length} 人，实到＿＿人</span></p><table><colgroup><col class="n"><col class="name"><col><col class="sign"></colgroup><thead><tr><th>序号</th><th>姓名</th><th>单位或支部</th><th>签名</th></tr></thead><tbody>${rows}</tbody></table><p class="note">${orgName}</p></section>`;
  return { ...printable(`${a.title}签到表`, PAPER_CSS, body), count: listed.length, missing: [] };
}

/** The minutes (会议纪要): the heading facts, who attended, the agenda and the minutes, signed off by the office. */
export function minutesPrintable(store: Store, id: number): PrintableView {
  const a = activityRow(store, id);
  if (!a.minutes) throw new UserError('invalid_input', '这次会议还没有记录会议纪要');
  const { orgName } = getOfficeSettings(store);
  const came = [
    ...staffOf(store, id).filter((s) => s.attended),
    ...store.all(
      store.kysely
        .selectFrom('activity_people as p')
        .innerJoin('persons as s', 's.id', 'p.person_id')
        .select('s.name')
        .where('p.activity_id', '=', id)
        .where('p.attended', '=', 1)
        .orderBy('s.name_sort'),
    ),
  ].map((p) => p.name);
  const paragraphs = (text: string) =>
    text
      .split(/\n+/)
      .filter((l) => l.trim())
      .map((l) => html`<p class="body">${l.trim()}</p>`);
  const when = `${formatChineseDate(a.held_on)}${a.starts_at ? ` ${a.starts_at}` : ''}`;
  const body = html`<section class="sheet minutes"><h1>${a.title}会议纪要</h1><p class="meta">时间：${when}<br>地点：${a.place ?? ''}<br>主持人：${a.host ?? ''}　记录人：${a.recorder ?? ''}<br>${came.length ? `出席人员（${came.length} 人）：${came.join('、')}` : '出席人员：（未登记到会）'}</p>${a.agenda && html`<h2>会议议程</h2>${paragraphs(a.agenda)}`}<h2>会议纪要</h2>${paragraphs(a.minutes)}<p class="sign-off">${orgName}<br>${formatChineseDate(a.held_on)}</p></section>`;
  return { ...printable(`${a.title}会议纪要`, PAPER_CSS, body), count: 1, missing: [] };
}
