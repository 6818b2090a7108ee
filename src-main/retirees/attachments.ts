// Attachments of a file (scans, photos): the bytes are stored in the database, so they are in
// every backup and move with the file.
import { createHash } from 'node:crypto';
import type { AttachmentInfo } from '../contract/retirees';
import { nowIso, writeAudit } from '../audit/audit';
import type { Store } from '../db/store';
import { currentOperator } from '../settings/settings';
import { UserError } from '../shared/errors';
import { checkAttachmentFile, servedType } from './attachmentFiles';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export function toInfo(a: {
  id: number;
  file_name: string;
  mime: string;
  size: number;
  note: string | null;
  added_at: string;
  added_by: string;
  claim_id: number | null;
  visit_id: number | null;
}): AttachmentInfo {
  return {
    id: a.id,
    fileName: a.file_name,
    mime: a.mime,
    size: a.size,
    note: a.note,
    addedAt: a.added_at,
    addedBy: a.added_by,
    claimId: a.claim_id,
    visitId: a.visit_id,
  };
}

export function addAttachment(
  store: Store,
  input: {
    personId: number;
    fileName: string;
    mime: string;
    data: Buffer;
    note: string | null;
    claimId?: number | null;
    /** A visit's photo. */
    visitId?: number | null;
  },
): AttachmentInfo {
  if (input.data.length === 0) throw new UserError('invalid_input', '文件是空的，未添加');
  if (input.data.length > MAX_ATTACHMENT_BYTES) throw new UserError('invalid_input', '单个附件不能超过 20 MB');
  // The type from the bytes and a safe name; what the sender claimed is not kept.
  const file = checkAttachmentFile(input.fileName, input.data);
  return store.tx(() => {
    const person = store.first(store.kysely.selectFrom('persons').select('id').where('id', '=', input.personId));
    if (!person) throw new UserError('not_found', '没有找到这份档案');
    if (input.claimId != null) {
      const claim = store.first(store.kysely.selectFrom('claims').select('person_id').where('id', '=', input.claimId));
      if (!claim || claim.person_id !== input.personId)
        throw new UserError('not_found', `第 ${input.claimId} 号报销单不是这位人员的`);
    }
    if (input.visitId != null) {
      const visit = store.first(store.kysely.selectFrom('visits').select('person_id').where('id', '=', input.visitId));
      if (!visit || visit.person_id !== input.personId) throw new UserError('not_found', '这条走访记录不是这位人员的');
    }
    const values = {
      person_id: input.personId,
      file_name: file.fileName,
      mime: file.mime,
      size: input.data.length,
      sha256: createHash('sha256').update(input.data).digest('hex'),
      note: input.note,
      added_at: nowIso(),
      added_by: currentOperator(store),
      claim_id: input.claimId ?? null,
      visit_id: input.visitId ?? null,
    };
    const id = Number(store.run(store.kysely.insertInto('attachments').values(values)).lastInsertRowid);
    store.run(store.kysely.insertInto('attachment_data').values({ attachment_id: id, data: input.data }));
    const { person_id: _p, ...after } = values;
    writeAudit(store, {
      entity: 'attachment',
      entityId: id,
      personId: input.personId,
      action: 'create',
      before: null,
      after: {
        attachment: after.file_name,
        ...(after.claim_id ? { claimId: after.claim_id } : {}),
        ...(after.visit_id ? { visitId: after.visit_id } : {}),
      },
    });
    return toInfo({ id, ...values });
  });
}

export function readAttachment(store: Store, id: number): AttachmentInfo & { personId: number; data: Buffer } {
  const row = store.first(
    store.kysely
      .selectFrom('attachments')
      .innerJoin('attachment_data', 'attachment_data.attachment_id', 'attachments.id')
      .selectAll('attachments')
      .select('attachment_data.data')
      .where('attachments.id', '=', id),
  );
  if (!row) throw new UserError('not_found', '没有找到这个附件');
  // Rows stored before the check are described by their bytes too.
  const served = servedType(row.file_name, row.data);
  return {
    ...toInfo(row),
    personId: row.person_id,
    fileName: served.fileName,
    mime: served.type.mime,
    data: row.data,
  };
}

export function removeAttachment(store: Store, id: number, reason: string): void {
  store.tx(() => {
    const row = store.first(store.kysely.selectFrom('attachments').selectAll().where('id', '=', id));
    if (!row) throw new UserError('not_found', '没有找到这个附件');
    store.run(store.kysely.deleteFrom('attachments').where('id', '=', id));
    writeAudit(store, {
      entity: 'attachment',
      entityId: id,
      personId: row.person_id,
      action: 'delete',
      before: { attachment: row.file_name },
      after: null,
      reason,
    });
  });
}
