// Petitions and reception (信访接待): registered, accepted (or not, with a reason), extended once,
// concluded with the result and the petitioner's satisfaction; every step audited; the time limits
// computed from the dates (shared/petitions.ts); the reception register for a period.
import type { Selectable } from 'kysely';
import type { PrintableView } from '../contract/common';
import type { Petition, PetitionAttachment, PetitionInput } from '../contract/petitions';
import { nowIso, writeAudit } from '../audit/audit';
import { refuseIfStale } from '../audit/edits';
import type { PetitionsTable } from '../db/schema';
import type { Store } from '../db/store';
import { html } from '../documents/html';
import { printable, ruledListCss } from '../documents/print';
import { currentOperator, getOfficeSettings } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { deadlines, MAX_EXTENSION_DAYS, overdue, type PetitionStatus } from '../shared/petitions';
import { tableWorkbook, type TableColumn } from '../documents/tableWorkbook';
import {
  checkedRecordFile,
  insertRecordAttachment,
  readRecordAttachment,
  recordAttachments,
} from '../retirees/recordAttachments';

type Row = Selectable<PetitionsTable>;

function view(r: Row, today = todayIso()): Petition {
  const status = r.status as PetitionStatus;
  const base = { receivedOn: r.received_on, acceptedOn: r.accepted_on, extensionDays: r.extension_days };
  return {
    id: r.id,
    version: r.version,
    receivedOn: r.received_on,
    channel: r.channel as Petition['channel'],
    personId: r.person_id,
    petitioner: r.petitioner,
    relation: r.relation,
    phone: r.phone,
    subject: r.subject,
    content: r.content,
    handler: r.handler,
    status,
    acceptedOn: r.accepted_on,
    rejectedReason: r.rejected_reason,
    extensionDays: r.extension_days,
    extensionReason: r.extension_reason,
    concludedOn: r.concluded_on,
    result: r.result,
    satisfaction: r.satisfaction as Petition['satisfaction'],
    createdAt: r.created_at,
    createdBy: r.created_by,
    ...deadlines(base),
    overdue: overdue({ status, ...base }, today),
  };
}

function row(store: Store, id: number): Row {
  const r = store.first(store.kysely.selectFrom('petitions').selectAll().where('id', '=', id));
  if (!r) throw new UserError('not_found', `没有找到第 ${id} 号信访件`);
  return r;
}

export function getPetition(store: Store, id: number, today = todayIso()): Petition {
  return view(row(store, id), today);
}

function audit(store: Store, before: Petition | null, after: Petition, reason: string | null): void {
  const strip = ({ version: _v, overdue: _o, ...rest }: Petition) => rest;
  writeAudit(store, {
    entity: 'petition',
    entityId: after.id,
    personId: after.personId,
    action: before ? 'update' : 'create',
    before: before ? strip(before) : null,
    after: strip(after),
    reason,
  });
}

export function createPetition(store: Store, input: PetitionInput, today = todayIso()): Petition {
  return store.tx(() => {
    if (input.receivedOn > today) throw new UserError('invalid_input', '收到日期不能晚于今天');
    let petitioner = input.petitioner;
    if (input.personId !== null) {
      const p = store.first(store.kysely.selectFrom('persons').select('name').where('id', '=', input.personId));
      if (!p) throw new UserError('not_found', '没有找到这位人员的档案');
      petitioner ??= p.name;
    }
    if (!petitioner) throw new UserError('invalid_input', '请选择信访人，或填写信访人姓名');
    const id = Number(
      store
        .prepare(
          `INSERT INTO petitions (received_on, channel, person_id, petitioner, relation, phone, subject, content, handler, status, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '待受理', ?, ?)`,
        )
        .run(
          input.receivedOn,
          input.channel,
          input.personId,
          petitioner,
          input.relation,
          input.phone,
          input.subject,
          input.content,
          input.handler,
          nowIso(),
          currentOperator(store),
        ).lastInsertRowid,
    );
    const saved = getPetition(store, id, today);
    audit(store, null, saved, null);
    return saved;
  });
}

export type PetitionStep =
  | { step: 'accept'; on: string }
  | { step: 'reject'; on: string; reason: string }
  | { step: 'extend'; days: number; reason: string }
  | { step: 'conclude'; on: string; result: string; satisfaction: Petition['satisfaction'] };

const STEP_WORDS = { accept: '受理', reject: '不予受理', extend: '延期', conclude: '办结' } as const;

export function advancePetition(
  store: Store,
  id: number,
  version: number,
  s: PetitionStep,
  today = todayIso(),
): Petition {
  return store.tx(() => {
    const before = getPetition(store, id, today);
    refuseIfStale(store, 'petition', id, version, before.version, `第 ${id} 号信访件`);
    const refuse = () => {
      throw new UserError('illegal_move', `第 ${id} 号信访件当前为“${before.status}”，不能${STEP_WORDS[s.step]}`);
    };
    const notBefore = (on: string, after: string, what: string) => {
      if (on < after) throw new UserError('invalid_input', `${what}不能早于${after}`);
      if (on > today) throw new UserError('invalid_input', `${what}不能晚于今天`);
    };
    switch (s.step) {
      case 'accept':
        if (before.status !== '待受理') refuse();
        notBefore(s.on, before.receivedOn, '受理日期');
        store.prepare("UPDATE petitions SET status = '办理中', accepted_on = ? WHERE id = ?").run(s.on, id);
        break;
      case 'reject':
        if (before.status !== '待受理') refuse();
        notBefore(s.on, before.receivedOn, '告知日期');
        store
          .prepare("UPDATE petitions SET status = '不予受理', rejected_reason = ?, concluded_on = ? WHERE id = ?")
          .run(s.reason, s.on, id);
        break;
      case 'extend':
        if (before.status !== '办理中') refuse();
        if (before.extensionDays !== null)
          throw new UserError('illegal_move', `第 ${id} 号信访件已延期 ${before.extensionDays} 天，只能延期一次`);
        if (s.days < 1 || s.days > MAX_EXTENSION_DAYS)
          throw new UserError('invalid_input', `延长期限不得超过 ${MAX_EXTENSION_DAYS} 日`);
        store
          .prepare('UPDATE petitions SET extension_days = ?, extension_reason = ? WHERE id = ?')
          .run(s.days, s.reason, id);
        break;
      case 'conclude':
        if (before.status !== '办理中') refuse();
        notBefore(s.on, before.acceptedOn!, '办结日期');
        store
          .prepare(
            "UPDATE petitions SET status = '已办结', concluded_on = ?, result = ?, satisfaction = ? WHERE id = ?",
          )
          .run(s.on, s.result, s.satisfaction, id);
        break;
    }
    store.prepare('UPDATE petitions SET version = version + 1 WHERE id = ?').run(id);
    const after = getPetition(store, id, today);
    audit(store, before, after, s.step === 'extend' || s.step === 'reject' ? s.reason : STEP_WORDS[s.step]);
    return after;
  });
}

export function listPetitions(
  store: Store,
  q: { personId: number | null; from: string | null; to: string | null; openOnly: boolean },
  today = todayIso(),
): Petition[] {
  let k = store.kysely.selectFrom('petitions').selectAll();
  if (q.personId !== null) k = k.where('person_id', '=', q.personId);
  if (q.from) k = k.where('received_on', '>=', q.from);
  if (q.to) k = k.where('received_on', '<=', q.to);
  if (q.openOnly) k = k.where('status', 'in', ['待受理', '办理中']);
  return store.all(k.orderBy('received_on', 'desc').orderBy('id', 'desc')).map((r) => view(r, today));
}

/** The open petitions past a time limit, for the home page. */
export function overduePetitions(store: Store, today = todayIso()): Petition[] {
  return listPetitions(store, { personId: null, from: null, to: null, openOnly: true }, today).filter((p) => p.overdue);
}

/** The reception register's (信访登记簿) columns, for the workbook and the print. */
const REGISTER_COLUMNS: TableColumn[] = [
  { label: '编号', kind: 'number', width: 6 },
  { label: '收到日期', kind: 'date', width: 11 },
  { label: '方式', kind: 'text', width: 6 },
  { label: '信访人', kind: 'text', width: 10 },
  { label: '关系', kind: 'text', width: 8 },
  { label: '电话', kind: 'id', width: 14 },
  { label: '事由', kind: 'text', width: 30 },
  { label: '承办人', kind: 'text', width: 10 },
  { label: '状态', kind: 'text', width: 8 },
  { label: '办理期限', kind: 'text', width: 14 },
  { label: '办理结果', kind: 'text', width: 30 },
];

/** The reception register's lines for a period, oldest first: one list for the workbook and the print. */
function registerLines(store: Store, from: string, to: string): (string | number)[][] {
  if (to < from) throw new UserError('invalid_input', '截止日期不能早于起始日期');
  return listPetitions(store, { personId: null, from, to, openOnly: false })
    .reverse()
    .map((p) => [
      p.id,
      p.receivedOn,
      p.channel,
      p.petitioner,
      p.relation ?? '',
      p.phone ?? '',
      p.subject,
      p.handler ?? '',
      p.status,
      p.concludeBy ?? `受理期限 ${p.acceptBy}`,
      p.result ?? p.rejectedReason ?? '',
    ]);
}

export async function registerWorkbook(
  store: Store,
  from: string,
  to: string,
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const lines = registerLines(store, from, to);
  const data = await tableWorkbook({
    name: '信访登记簿',
    title: `信访登记簿（${from} 至 ${to}）`,
    orientation: 'landscape',
    columns: REGISTER_COLUMNS,
    rows: lines,
  });
  return { fileName: `信访登记簿-${from}-${to}.xlsx`, count: lines.length, data };
}

/** The register printed (信访登记簿): A4 landscape, a ruled table, the office and the period. */
export function registerPrintable(store: Store, from: string, to: string): PrintableView {
  const lines = registerLines(store, from, to);
  const { orgName } = getOfficeSettings(store);
  const body = html`<section class="sheet register"><h1>信访登记簿</h1><p class="sub"><span>${orgName}</span><span>${formatChineseDate(from)}至${formatChineseDate(to)}　共 ${lines.length} 件</span></p><table><thead><tr>${REGISTER_COLUMNS.map((c) => html`<th>${c.label}</th>`)}</tr></thead><tbody>${lines.map((l) => html`<tr>${l.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></section>`;
  return { ...printable('信访登记簿', ruledListCss(9.5), body), count: lines.length, missing: [] };
}

// --- attachments (a letter, a photo of what was handed in) ---------------------------------------

export function petitionAttachments(store: Store, petitionId: number): PetitionAttachment[] {
  row(store, petitionId);
  return recordAttachments(store, 'petition_attachments', petitionId);
}

export function attachToPetition(
  store: Store,
  petitionId: number,
  file: { fileName: string; mime: string; data: Buffer },
): PetitionAttachment {
  const checked = checkedRecordFile(file);
  return store.tx(() => {
    const p = row(store, petitionId);
    const id = insertRecordAttachment(store, 'petition_attachments', petitionId, checked, file.data);
    writeAudit(store, {
      entity: 'petition',
      entityId: petitionId,
      personId: p.person_id,
      action: 'update',
      before: null,
      after: { attachment: checked.fileName },
    });
    return petitionAttachments(store, petitionId).find((a) => a.id === id)!;
  });
}

export function readPetitionAttachment(store: Store, id: number): PetitionAttachment & { data: Buffer } {
  return readRecordAttachment(store, 'petition_attachments', id);
}
