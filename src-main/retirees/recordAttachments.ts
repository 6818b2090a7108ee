// Files kept with a record other than a person's file: what was handed in with a petition (a letter,
// a photo), what belongs to a meeting (the signed sign-in sheet scanned, photos, slides). Each kind
// has its own table of the same shape (bytes in the database, their sha256, who added them and
// when); the file is checked as a person's attachment is (attachmentFiles.ts) and described by its
// bytes when it is served back.
import { createHash } from 'node:crypto';
import type { RecordAttachment } from '../contract/common';
import { nowIso } from '../audit/audit';
import type { Store } from '../db/store';
import { currentOperator } from '../settings/settings';
import { UserError } from '../shared/errors';
import { MAX_ATTACHMENT_BYTES } from './attachments';
import { checkAttachmentFile, servedType } from './attachmentFiles';

/** Each table and the column naming the record its files belong to. */
const OWNER = {
  petition_attachments: 'petition_id',
  activity_attachments: 'activity_id',
  office_document_files: 'document_id',
} as const;
export type RecordAttachmentTable = keyof typeof OWNER;

export function recordAttachments(store: Store, table: RecordAttachmentTable, ownerId: number): RecordAttachment[] {
  return store
    .all(
      store.kysely
        .selectFrom(table)
        .select(['id', 'file_name', 'mime', 'size', 'added_at', 'added_by'])
        .where(OWNER[table], '=', ownerId)
        .orderBy('id'),
    )
    .map((a) => ({
      id: a.id,
      fileName: a.file_name,
      mime: a.mime,
      size: a.size,
      addedAt: a.added_at,
      addedBy: a.added_by,
    }));
}

/** The file checked (not empty, at most 20 MB, its type from its bytes and a safe name), before any transaction. */
export function checkedRecordFile(file: { fileName: string; data: Buffer }): { fileName: string; mime: string } {
  if (file.data.length === 0) throw new UserError('invalid_input', '文件是空的，未添加');
  if (file.data.length > MAX_ATTACHMENT_BYTES) throw new UserError('invalid_input', '单个附件不能超过 20 MB');
  // The type from the bytes and a safe name; what the sender claimed is not kept.
  return checkAttachmentFile(file.fileName, file.data);
}

/** Stores a checked file with its record, inside the caller's transaction (which audits it); its id. */
export function insertRecordAttachment(
  store: Store,
  table: RecordAttachmentTable,
  ownerId: number,
  checked: { fileName: string; mime: string },
  data: Buffer,
): number {
  return Number(
    store
      .prepare(
        `INSERT INTO ${table} (${OWNER[table]}, file_name, mime, size, sha256, data, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        ownerId,
        checked.fileName,
        checked.mime,
        data.length,
        createHash('sha256').update(data).digest('hex'),
        data,
        nowIso(),
        currentOperator(store),
      ).lastInsertRowid,
  );
}

export function readRecordAttachment(
  store: Store,
  table: RecordAttachmentTable,
  id: number,
): RecordAttachment & { data: Buffer } {
  const a = store.first(store.kysely.selectFrom(table).selectAll().where('id', '=', id));
  if (!a) throw new UserError('not_found', '没有找到这个附件');
  // Rows stored before the check are described by their bytes too.
  const served = servedType(a.file_name, a.data);
  return {
    id: a.id,
    fileName: served.fileName,
    mime: served.type.mime,
    size: a.size,
    addedAt: a.added_at,
    addedBy: a.added_by,
    data: a.data,
  };
}
