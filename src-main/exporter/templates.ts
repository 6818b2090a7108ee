// Export templates (导出模板, issue 19 item 6): per recipient, the columns in order under its
// headings, its ID and date formats and its title, kept in export_templates and audited like the
// office's other settings; and the template as a small .json file that carries it to a colleague's
// workstation. The file holds the template only (no person, no operator): what it says is checked
// as a save is, and a file that is not one, is broken, or comes from a newer program is refused in
// words with nothing saved.
import type { Selectable } from 'kysely';
import { writeAudit, nowIso } from '../audit/audit';
import { refuseIfStale } from '../audit/edits';
import {
  TEMPLATE_FILE_FORMAT,
  TEMPLATE_FILE_MAX_CHARS,
  TEMPLATE_FILE_VERSION,
  TemplateInput,
  type ExportTemplate,
  type TemplateImport,
  type TemplatePreview,
} from '../contract/exportTemplates';
import { describeIssues } from '../contract/issues';
import type { ListQuery } from '../contract/retirees';
import type { ExportTemplatesTable } from '../db/schema';
import type { Store } from '../db/store';
import { UserError } from '../shared/errors';
import { currentOperator } from '../settings/settings';
import { fileNameFrom, templatePreviewRows } from './roster';
import { ListQuery as ListQuerySchema } from '../contract/retirees';

type TemplateRow = Selectable<ExportTemplatesTable>;

/** A stored template as the contract gives it. A row whose columns no longer parse is said, not guessed. */
function templateOf(r: TemplateRow): ExportTemplate {
  const parsed = TemplateInput.safeParse({
    list: r.list,
    recipient: r.recipient,
    name: r.name,
    title: r.title,
    columns: JSON.parse(r.columns) as unknown,
    idFormat: r.id_format,
    dateFormat: r.date_format,
  });
  if (!parsed.success)
    throw new UserError('invalid_input', `导出模板“${r.name}”的内容无法使用：${describeIssues(parsed.error)}`);
  return {
    id: r.id,
    ...parsed.data,
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** What the audit log keeps of a template: what it says, not who or when (the row says that). */
function snapshot(t: TemplateInput): TemplateInput {
  return {
    list: t.list,
    recipient: t.recipient,
    name: t.name,
    title: t.title,
    columns: t.columns,
    idFormat: t.idFormat,
    dateFormat: t.dateFormat,
  };
}

/** What a template says, as its row holds it. */
function rowOf(t: TemplateInput) {
  return {
    list: t.list,
    recipient: t.recipient,
    name: t.name,
    title: t.title,
    columns: JSON.stringify(t.columns),
    id_format: t.idFormat,
    date_format: t.dateFormat,
  };
}

export function listExportTemplates(store: Store): ExportTemplate[] {
  return store
    .all(store.kysely.selectFrom('export_templates').selectAll().orderBy('recipient').orderBy('name').orderBy('id'))
    .map(templateOf);
}

export function getExportTemplate(store: Store, id: number): ExportTemplate {
  const r = store.first(store.kysely.selectFrom('export_templates').selectAll().where('id', '=', id));
  if (!r) throw new UserError('not_found', '找不到这个导出模板，它可能已被删除');
  return templateOf(r);
}

/** The template of this name (`名称`, or `接收单位/名称` where two recipients use the name): the CLI's --template. */
export function exportTemplateNamed(store: Store, name: string): ExportTemplate {
  const all = listExportTemplates(store);
  const named = all.filter((t) => t.name === name.trim());
  if (named.length === 1) return named[0];
  if (named.length > 1)
    throw new UserError(
      'invalid_input',
      `有 ${named.length} 个名为“${name}”的导出模板（${named.map((t) => t.recipient).join('、')}），请写作“接收单位/名称”，如“${named[0].recipient}/${name}”`,
    );
  const cut = name.indexOf('/');
  const byRecipient =
    cut > 0 && all.find((t) => t.recipient === name.slice(0, cut).trim() && t.name === name.slice(cut + 1).trim());
  if (byRecipient) return byRecipient;
  throw new UserError(
    'not_found',
    `没有名为“${name}”的导出模板${all.length ? `。现有：${all.map((t) => `${t.recipient}/${t.name}`).join('、')}` : ''}`,
  );
}

function refuseDuplicateName(store: Store, t: TemplateInput, exceptId: number | null): void {
  const other = store.first(
    store.kysely
      .selectFrom('export_templates')
      .select('id')
      .where('recipient', '=', t.recipient)
      .where('name', '=', t.name)
      .$if(exceptId !== null, (qb) => qb.where('id', '!=', exceptId!)),
  );
  if (other) {
    const message = `接收单位“${t.recipient}”已有名为“${t.name}”的导出模板，请换一个名称`;
    throw new UserError('duplicate', message, [{ path: ['template', 'name'], message }]);
  }
}

/** Saves a new template (no id) or changes one, against the version its form loaded. */
export function saveExportTemplate(
  store: Store,
  input: { id?: number; version?: number; template: TemplateInput },
): ExportTemplate {
  const t = snapshot(input.template);
  return store.tx(() => {
    const who = currentOperator(store);
    const at = nowIso();
    if (input.id === undefined) {
      refuseDuplicateName(store, t, null);
      const { id } = store.first(
        store.kysely
          .insertInto('export_templates')
          .values({
            ...rowOf(t),
            created_at: at,
            created_by: who,
            updated_at: at,
            updated_by: who,
          })
          .returning('id'),
      )!;
      writeAudit(store, {
        entity: 'export_template',
        entityId: id,
        personId: null,
        action: 'create',
        before: null,
        after: t,
      });
      return getExportTemplate(store, id);
    }
    const before = getExportTemplate(store, input.id);
    if (input.version !== undefined)
      refuseIfStale(store, 'export_template', before.id, input.version, before.version, `导出模板“${before.name}”`);
    refuseDuplicateName(store, t, before.id);
    store.run(
      store.kysely
        .updateTable('export_templates')
        .set({
          ...rowOf(t),
          version: before.version + 1,
          updated_at: at,
          updated_by: who,
        })
        .where('id', '=', before.id),
    );
    writeAudit(store, {
      entity: 'export_template',
      entityId: before.id,
      personId: null,
      action: 'update',
      before: snapshot(before),
      after: t,
    });
    return getExportTemplate(store, before.id);
  });
}

export function deleteExportTemplate(store: Store, id: number): { deleted: true } {
  return store.tx(() => {
    const before = getExportTemplate(store, id);
    store.run(store.kysely.deleteFrom('export_templates').where('id', '=', id));
    writeAudit(store, {
      entity: 'export_template',
      entityId: id,
      personId: null,
      action: 'delete',
      before: snapshot(before),
      after: null,
    });
    return { deleted: true as const };
  });
}

/** The template file: its header (format and version) and the template, nothing else. */
export function exportTemplateFile(store: Store, id: number): { fileName: string; data: Buffer } {
  const t = getExportTemplate(store, id);
  const file = { format: TEMPLATE_FILE_FORMAT, version: TEMPLATE_FILE_VERSION, template: snapshot(t) };
  return {
    fileName: `导出模板-${fileNameFrom(`${t.recipient}-${t.name}`)}.json`,
    data: Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8'),
  };
}

const NOT_A_TEMPLATE = '这个文件不是导出模板文件（应为本程序“导出模板文件”保存的 .json 文件），未导入任何内容';

/** A template file's text as the template it carries, or a refusal in words. */
export function parseTemplateFile(text: string): TemplateInput {
  if (text.length > TEMPLATE_FILE_MAX_CHARS)
    throw new UserError('too_large', `${NOT_A_TEMPLATE}：文件太大（模板文件只有几百字节）`);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new UserError('bad_file', `${NOT_A_TEMPLATE}：文件内容不是有效的 JSON`);
  }
  const file = json as { format?: unknown; version?: unknown; template?: unknown } | null;
  if (typeof file !== 'object' || file === null || Array.isArray(file) || file.format !== TEMPLATE_FILE_FORMAT)
    throw new UserError('bad_file', NOT_A_TEMPLATE);
  if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1)
    throw new UserError('bad_file', `${NOT_A_TEMPLATE}：版本号不正确`);
  if (file.version > TEMPLATE_FILE_VERSION)
    throw new UserError(
      'bad_file',
      `这个导出模板文件由更新版本的程序保存（文件格式第 ${file.version} 版，本程序只认第 ${TEMPLATE_FILE_VERSION} 版），未导入。请先升级本程序`,
    );
  const parsed = TemplateInput.safeParse(file.template);
  if (!parsed.success)
    throw new UserError('bad_file', `导出模板文件的内容有误，未导入：${describeIssues(parsed.error, LABELS)}`);
  return parsed.data;
}

/** The template's fields in words, for a refusal of a file. */
const LABELS: Record<string, string> = {
  list: '名单种类',
  recipient: '接收单位',
  name: '模板名称',
  title: '表格标题',
  columns: '导出列',
  heading: '列标题',
  key: '列',
  idFormat: '身份证号格式',
  dateFormat: '日期格式',
};

/** `名称（2）`, `名称（3）` …: the first name the recipient has no template under. */
function freeName(store: Store, recipient: string, name: string): string {
  const taken = new Set(
    store
      .all(store.kysely.selectFrom('export_templates').select('name').where('recipient', '=', recipient))
      .map((r) => r.name),
  );
  for (let n = 2; ; n++) {
    const candidate = `${name}（${n}）`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Imports a template file. A name the recipient already has is a question, answered with nothing
 * saved, unless `onClash` says: replace that template, or keep both (the new one as `名称（2）`).
 */
export function importTemplateFile(store: Store, text: string, onClash?: 'replace' | 'keepBoth'): TemplateImport {
  const t = parseTemplateFile(text);
  return store.tx(() => {
    const existing = store.first(
      store.kysely
        .selectFrom('export_templates')
        .select(['id', 'version'])
        .where('recipient', '=', t.recipient)
        .where('name', '=', t.name),
    );
    if (!existing) return { saved: saveExportTemplate(store, { template: t }), replaced: false };
    const keepBothAs = freeName(store, t.recipient, t.name);
    if (onClash === 'replace')
      return { saved: saveExportTemplate(store, { id: existing.id, template: t }), replaced: true };
    if (onClash === 'keepBoth')
      return { saved: saveExportTemplate(store, { template: { ...t, name: keepBothAs } }), replaced: false };
    return { clash: { id: existing.id, recipient: t.recipient, name: t.name, keepBothAs } };
  });
}

/** The first five people of the list (the whole roster by default) as the template writes them, masked. */
export function previewExportTemplate(store: Store, template: TemplateInput, query?: ListQuery): TemplatePreview {
  const { headings, rows } = templatePreviewRows(store, template, query ?? ListQuerySchema.parse({}));
  return {
    title: template.title,
    headings,
    rows: rows.map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null)))),
  };
}
