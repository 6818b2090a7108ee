// The contract of export templates (导出模板, issue 19 item 6): per recipient, which columns in which
// order under which headings, the ID and date formats and the title; saved, deleted, and carried
// to another workstation as a small .json file (no personal data in it).
import { z } from 'zod';
import { DATE_FORMAT_KEYS, DATE_FORMATS, ID_FORMAT_KEYS, ID_FORMATS } from '../shared/exportFormats';
import { FIELD_LABELS, type PersonField } from '../shared/fields';
import { Empty, chars, id, method } from './common';
import { EXPORT_COLUMN_KEYS, ListQuery } from './retirees';

/** The lists a template can shape: the roster now; a claims list or a payment list can follow. */
export const TEMPLATE_LISTS = { roster: '人员花名册' } as const;
export type TemplateList = keyof typeof TEMPLATE_LISTS;

export type ExportColumnKey = (typeof EXPORT_COLUMN_KEYS)[number];

/** The field of the file an export column shows (联系电话 is the file's phones). */
export const exportColumnField = (key: ExportColumnKey): PersonField => (key === 'phone' ? 'phones' : key);

/** A column's own heading, the program's words for it. */
export const exportColumnLabel = (key: ExportColumnKey): string => FIELD_LABELS[exportColumnField(key)];

/** Recipients offered when a template is made; any other can be typed. */
export const COMMON_RECIPIENTS = ['集团老干部处', '社保中心', '街道', '老干部局'] as const;

const isColumnKey = (k: string): k is ExportColumnKey => (EXPORT_COLUMN_KEYS as readonly string[]).includes(k);

export const TemplateColumn = z.object({
  key: chars(40),
  /** The recipient's heading (公民身份号码); none: the program's own. */
  heading: z
    .string()
    .max(30, '列标题不能超过 30 个字')
    .nullish()
    .transform((s) => (s == null || s.trim() === '' ? null : s.trim())),
});

export const TemplateInput = z.object({
  list: z.enum(Object.keys(TEMPLATE_LISTS) as [TemplateList], '这种名单不能使用导出模板'),
  recipient: z.string().trim().min(1, '请填写接收单位').max(50, '接收单位不能超过 50 个字'),
  name: z.string().trim().min(1, '请填写模板名称').max(50, '模板名称不能超过 50 个字'),
  title: z.string().trim().min(1, '请填写表格标题').max(100, '表格标题不能超过 100 个字'),
  columns: z
    .array(TemplateColumn)
    .max(EXPORT_COLUMN_KEYS.length, '列数过多')
    .superRefine((cols, ctx) => {
      if (cols.length === 0) ctx.addIssue({ code: 'custom', message: '请至少选择一列' });
      const unknown = cols.map((c) => c.key).filter((k) => !isColumnKey(k));
      if (unknown.length)
        ctx.addIssue({ code: 'custom', message: `没有这样的导出列：${unknown.map((k) => `“${k}”`).join('、')}` });
      const seen = new Set<string>();
      const twice = cols.map((c) => c.key).filter((k) => seen.size === seen.add(k).size);
      if (twice.length)
        ctx.addIssue({
          code: 'custom',
          message: `同一列只能选一次：${[...new Set(twice)].map((k) => (isColumnKey(k) ? exportColumnLabel(k) : k)).join('、')}`,
        });
    })
    .transform((cols) => cols as { key: ExportColumnKey; heading: string | null }[]),
  idFormat: z.enum(ID_FORMAT_KEYS, `身份证号格式应为：${Object.values(ID_FORMATS).join('、')}`),
  dateFormat: z.enum(
    DATE_FORMAT_KEYS,
    `日期格式应为：${Object.values(DATE_FORMATS)
      .map((f) => f.words)
      .join('、')}`,
  ),
});
export type TemplateInput = z.output<typeof TemplateInput>;

export interface ExportTemplate extends TemplateInput {
  id: number;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** The template file's header: what it is and which version of it (a newer one is refused, not guessed). */
export const TEMPLATE_FILE_FORMAT = 'retiree-office/export-template';
export const TEMPLATE_FILE_VERSION = 1;
/** A template file is a few hundred bytes; anything past this is not one. */
export const TEMPLATE_FILE_MAX_CHARS = 64 * 1024;

/** What an import of a template file answers: saved, or a name clash to decide (nothing saved). */
export type TemplateImport =
  | { saved: ExportTemplate; replaced: boolean }
  | { clash: { id: number; recipient: string; name: string; keepBothAs: string } };

export interface TemplatePreview {
  headings: string[];
  /** The first people of the roster, as the template writes them (masked). */
  rows: (string | number | null)[][];
  title: string;
}

export const exportTemplatesMethods = {
  'exportTemplates.list': method<ExportTemplate[]>()(Empty, 'read'),
  'exportTemplates.save': method<ExportTemplate>()(
    z.object({
      /** None: a new template. */
      id: id.optional(),
      /** The version the form loaded: a template changed elsewhere since is not overwritten. */
      version: z.number().int().positive().optional(),
      template: TemplateInput,
    }),
    'files.export',
  ),
  'exportTemplates.delete': method<{ deleted: true }>()(z.object({ id }), 'files.export'),
  /** The template as a small .json file for another workstation. */
  'exportTemplates.export': method<{ fileName: string; dataBase64: string }>()(z.object({ id }), 'read'),
  'exportTemplates.import': method<TemplateImport>()(
    z.object({
      text: z.string().max(TEMPLATE_FILE_MAX_CHARS, '这个文件太大，不是导出模板文件（模板文件只有几百字节）'),
      /** On a name clash: replace the template of that name, or keep both (the new one as 名称（2）). */
      onClash: z.enum(['replace', 'keepBoth']).optional(),
    }),
    'files.export',
  ),
  'exportTemplates.preview': method<TemplatePreview>()(
    z.object({ template: TemplateInput, query: ListQuery.optional() }),
    'files.export',
  ),
} as const;
