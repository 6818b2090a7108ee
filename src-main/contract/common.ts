// What every domain's contract uses: the bounds of strings, lists and files (issue 13), the
// optional-text and id schemas, a form's edit against the version it loaded, amounts in yuan, the
// method table's helper, and what a call answers (RpcResult).
import { z } from 'zod';
import { UserError, type RpcError } from '../shared/errors';
import { checkIdNumber } from '../shared/idNumber';
import { parseYuan } from '../shared/money';
import type { Permission } from '../shared/permissions';

z.config(z.locales.zhCN());

// Every string and every list the renderer sends has a maximum, so that no call can make the main
// process allocate without limit, run out of SQL variables or echo a megabyte back (issue 13).
// tests/contract-bounds.test.ts walks every method and checks it.

/** A string of at most `max` characters. */
export const chars = (max: number) => z.string().max(max, `不能超过 ${max} 个字`);
/** A list of at most `max` entries. */
export const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `最多只能选择 ${max} 项`);
/** A map of at most `max` entries whose keys are at most `keyMax` characters. */
export const boundedRecord = <V extends z.ZodType>(value: V, keyMax: number, max: number) =>
  z.record(chars(keyMax), value).refine((r) => Object.keys(r).length <= max, `最多只能有 ${max} 项`);
/**
 * A file handed to an import, with `fields` beside it: its bytes (`data`: Electron's IPC carries a
 * Uint8Array as it is, the harness as a binary body: web/server.ts), or, for callers that speak
 * JSON only (scripts, older tests), the same bytes as base64 text (`dataBase64`); one of the two,
 * at most `maxMb` MB. Bytes are not copied into text on the way: a 100 MB roster as base64 in JSON
 * was copied about five times.
 */
export const fileUpload = <T extends z.ZodRawShape>(fields: T, maxMb: number) =>
  z
    .object({
      ...fields,
      data: z
        .instanceof(Uint8Array)
        .refine((b) => b.length > 0, '文件是空的')
        .refine((b) => b.length <= maxMb * 1024 * 1024, `文件过大（超过 ${maxMb} MB）`)
        .optional(),
      dataBase64: z
        .string()
        .min(1, '文件是空的')
        // Base64 is 4/3 of the bytes: 1.4 million characters a MB leaves room for line breaks.
        .max(maxMb * 1_400_000, `文件过大（超过 ${maxMb} MB）`)
        .optional(),
    })
    .refine(
      (v) =>
        ((v as { data?: unknown }).data === undefined) !== ((v as { dataBase64?: unknown }).dataBase64 === undefined),
      {
        message: '没有收到文件，请重新选择',
        path: ['data'],
      },
    );
/** A worksheet name as a file gives it (Excel allows 31 characters; a CSV is named after its file). */
export const sheetName = chars(255);
/** An id the main process handed out (an import session, a background job). */
export const uuid = chars(36).uuid();
/** An amount or a postcode as typed: short. */
export const SHORT = 40;

/** Optional free text: trimmed, and an empty field is stored as nothing. */
export const text = (max = 200) =>
  z
    .string()
    .max(max, `不能超过 ${max} 个字`)
    .nullish()
    .transform((s) => (s == null || s.trim() === '' ? null : s.trim()));

/** An ID number someone other than the file's person gives (a relative, a claimant): if given, a valid one. */
export const validIdNumber = text(30).superRefine((v, ctx) => {
  if (v === null) return;
  const check = checkIdNumber(v);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
});

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values)
    .nullish()
    .transform((v) => v ?? null);
export const id = z.number().int().positive();
export const optionalId = id.nullish().transform((v) => v ?? null);

/**
 * The fields a form changed, each parsed by its own schema. Absent fields stay absent (a plain
 * `.partial()` would fill them with their defaults, and a save would then write those over the file).
 */
export function changesOf<S extends z.ZodObject>(schema: S) {
  return z
    .record(z.string().max(40), z.unknown())
    .refine((r) => Object.keys(r).length <= Object.keys(schema.shape).length, '修改的项目过多')
    .transform((raw, ctx) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw)) {
        const field = (schema.shape as Record<string, z.ZodType>)[key];
        if (!field) {
          ctx.addIssue({ code: 'custom', message: `没有“${key}”这一项`, path: [key] });
          continue;
        }
        const r = field.safeParse(value);
        if (r.success) out[key] = r.data;
        else
          for (const issue of r.error.issues)
            ctx.addIssue({ ...issue, path: [key, ...issue.path] } as z.core.$ZodRawIssue);
      }
      return out as Partial<z.output<S>>;
    }) as unknown as z.ZodType<Partial<z.output<S>>, Partial<z.input<S>>>;
}

/**
 * Values kept only to be compared (what a form showed) are bounded as a whole: a file's largest
 * field (50 contacts) is well under it.
 */
export const MAX_COMPARED_CHARS = 200_000;
export const withinCompared = (r: Record<string, unknown>) => JSON.stringify(r).length <= MAX_COMPARED_CHARS;

/** A save from a form: what it changed, against the version and the values it was loaded with. */
export const editOf = <S extends z.ZodObject>(schema: S, o: { checkBase?: boolean } = {}) => ({
  version: z.number().int().positive(),
  changes: changesOf(schema),
  // Only compared with what the record holds, never written. A person's file keeps it as sent (a
  // value stored before a rule was tightened must still be comparable); a claim's amounts come as
  // typed yuan, so they are parsed like the changes to be compared in fen.
  base: o.checkBase
    ? changesOf(schema)
    : (z
        .record(z.string().max(40), z.unknown())
        .refine((r) => Object.keys(r).length <= Object.keys(schema.shape).length, '修改的项目过多')
        .refine(withinCompared, '原值内容过多') as unknown as ReturnType<typeof changesOf<S>>),
});

/**
 * A whole rule or policy as its form loaded it, sent back beside the edited one so that only what
 * the user changed is saved; null when there was none yet. Compared, never written.
 */
export const loadedRecord = <S extends z.ZodObject>(schema: S) =>
  (
    z
      .record(z.string().max(40), z.unknown())
      .refine((r) => Object.keys(r).length <= Object.keys(schema.shape).length + 1, '内容过多')
      .refine(withinCompared, '内容过多')
      .nullable() as unknown as z.ZodType<Partial<z.output<S>> | null>
  ).optional();

/** An amount as typed, in yuan (`1,234.50`), to integer fen; never a float. */
export const yuan = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .max(SHORT, `${what}过长`)
    .transform((s, ctx) => {
      try {
        const fen = parseYuan(s);
        if (fen < 0) ctx.addIssue({ code: 'custom', message: '不能为负数' });
        return fen;
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof UserError ? e.message : String(e) });
        return z.NEVER;
      }
    });

export interface PrintableView {
  title: string;
  css: string;
  body: string;
  count: number;
  missing: { personId: number; name: string; why: string }[];
}

export const reasonText = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(1000);

/**
 * The kinds of access the access log records (PIPL Art. 51, issue 18 part 4): a person's whole
 * file opened, a list leaving the machine as a file, a document or list made for printing, a
 * masked field shown in full.
 */
export const ACCESS_KINDS = ['open', 'export', 'print', 'reveal'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/**
 * What a method declares of the access it gives (the third argument of `method`): the router
 * writes one access_log row after each successful call (router.ts recordAccess). Only `access` is
 * required; the rest say what cannot be derived from the call itself:
 * - `what`: the log's words for it (查看档案, 导出人员名单); the kind's own words when absent;
 * - `person`: the person the call is about; by default the input's or the output's `personId`;
 * - `rows`: how many rows left; by default the output's `count`, or its `rows` (a number or a list);
 * - `filter`: which rows, as compact JSON; by default the input without ids and file bytes;
 * - `only`: log the call only when this holds (a preview that is not printed).
 */
export interface Access<I = unknown, O = unknown> {
  access: AccessKind;
  what?: string;
  person?: (input: I, output: O) => number | null;
  rows?: (output: O) => number | null;
  filter?: (input: I) => unknown;
  only?: (input: I) => boolean;
}

/**
 * A method of the contract: its input's schema, the type of what it answers, and the permission it
 * needs (shared/permissions.ts), which the router checks before dispatch. `needs` is not optional:
 * a method that declares nothing does not typecheck (and tests/permissions.test.ts walks them all).
 * `access`, when given, makes every successful call write the access log (see `Access`).
 */
export type Method<I extends z.ZodType, O> = {
  input: I;
  needs: Permission;
  access?: Access<z.output<I>, O>;
  output?: O;
};
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I, needs: Permission, access?: Access<z.output<I>, O>): Method<I, O> =>
    access ? { input, needs, access } : { input, needs };

export const Empty = z.object({}).default({});
export const ById = z.object({ id });

/** A file kept with a record (a petition, a meeting), as listed. */
export interface RecordAttachment {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  addedAt: string;
  addedBy: string;
}

/** A file sent to be kept with the record `id`: its name and bytes as base64 (20 MB at most). */
export const AttachInput = z.object({
  id,
  fileName: z.string().trim().min(1).max(200),
  mime: z.string().max(100).default('application/octet-stream'),
  dataBase64: z.string().min(1, '文件是空的').max(28_000_000, '单个附件不能超过 20 MB'),
});

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };
