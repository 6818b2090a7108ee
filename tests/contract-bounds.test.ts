// Every string and list of every contract method has a maximum (issue 13): a call that sends a
// megabyte of text or a hundred thousand entries is refused by its schema in Chinese, echoes
// nothing back, and changes nothing. The schemas are walked, so a method added later is covered.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { contract, type MethodName } from '../src-main/contract';
import { EXPORT_COLUMN_KEYS } from '../src-main/contract/retirees';
import { dispatch } from '../src-main/router';
import type { AppContext } from '../src-main/app/context';
import { freshContext, person, router } from './helpers';

/** The zod 4 definition of a schema: what the walk needs of it. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, unknown>;
  checks?: { _zod: { def: { check: string; maximum?: number; format?: string } } }[];
  getter?: () => z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);
function unwrap(s: z.ZodType): z.ZodType {
  for (;;) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type)) s = d.innerType!;
    else if (d.type === 'pipe') s = d.in!;
    else if (d.type === 'lazy') s = d.getter!();
    else return s;
  }
}

type Step = { key: string } | { elem: true } | { option: number } | { recordKey: true } | { recordValue: true };
interface Leaf {
  kind: 'string' | 'array' | 'record';
  steps: Step[];
  schema: z.ZodType;
}

function leaves(schema: z.ZodType, steps: Step[] = []): Leaf[] {
  const s = unwrap(schema);
  const d = defOf(s);
  switch (d.type) {
    case 'string':
      return [{ kind: 'string', steps, schema: s }];
    case 'object':
      return Object.entries(d.shape!).flatMap(([key, child]) => leaves(child, [...steps, { key }]));
    case 'array':
      return [{ kind: 'array', steps, schema: s }, ...leaves(d.element!, [...steps, { elem: true }])];
    case 'union':
      return d.options!.flatMap((o, option) => leaves(o, [...steps, { option }]));
    case 'record': {
      const keyIsEnum = defOf(unwrap(d.keyType!)).type === 'enum';
      return [
        ...(keyIsEnum
          ? []
          : [
              { kind: 'record' as const, steps, schema: s },
              ...leaves(d.keyType!, [...steps, { recordKey: true as const }]),
            ]),
        ...leaves(d.valueType!, [...steps, { recordValue: true }]),
      ];
    }
    default:
      return [];
  }
}

/** The bound a string or list schema states: its max_length check. */
function maximumOf(s: z.ZodType): number | null {
  const max = (defOf(s).checks ?? [])
    .map((c) => c._zod.def)
    .find((c) => c.check === 'max_length' || c.check === 'length_equals');
  return max?.maximum ?? null;
}

/** A value that reaches the leaf along `steps`, with discriminating literals filled in. */
function build(schema: z.ZodType, steps: Step[], leaf: unknown): unknown {
  const s = unwrap(schema);
  if (steps.length === 0) return leaf;
  const [step, ...rest] = steps;
  const d = defOf(s);
  if ('key' in step) {
    const obj: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(d.shape!)) {
      const cd = defOf(unwrap(child));
      if (cd.type === 'literal') obj[k] = cd.values![0];
    }
    obj[step.key] = build(d.shape![step.key], rest, leaf);
    return obj;
  }
  if ('elem' in step) return [build(d.element!, rest, leaf)];
  if ('option' in step) return build(d.options![step.option], rest, leaf);
  if ('recordKey' in step) return { [leaf as string]: null };
  const keyDef = defOf(unwrap(d.keyType!));
  const key = keyDef.type === 'enum' ? Object.values(keyDef.entries!)[0] : 'k';
  return { [String(key)]: build(d.valueType!, rest, leaf) };
}

const pathOf = (steps: Step[]) =>
  steps
    .map((s) =>
      'key' in s ? s.key : 'elem' in s ? '[]' : 'option' in s ? `|${s.option}` : 'recordKey' in s ? '{key}' : '{value}',
    )
    .join('.');

interface Issue {
  code: string;
  issues?: Issue[];
  errors?: Issue[][];
}
const flatten = (issues: Issue[]): Issue[] =>
  issues.flatMap((i) => [i, ...flatten(i.issues ?? []), ...flatten((i.errors ?? []).flat())]);

/** The largest bounds the contract may state: a 100 MB file as base64, and a 200,000-row import. */
const LARGEST_STRING = 140_000_000;
const LARGEST_LIST = 200_000;
/** Bounds above this are only checked statically (building a 140 MB string per method is waste). */
const SENT_UP_TO = 4_000_000;

const methods = Object.keys(contract) as MethodName[];
const allLeaves = methods.flatMap((method) => leaves(contract[method].input).map((leaf) => ({ method, ...leaf })));

let ctx: AppContext;
const logged: string[] = [];
const changes = () => (ctx.store.raw.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

beforeAll(async () => {
  ctx = await freshContext();
  await router(() => ctx).call('retirees.create', { person: person() });
});
afterAll(() => ctx.close());

describe('every string and list in the contract is bounded', () => {
  test('the walk finds the strings and lists of every method', () => {
    expect(allLeaves.length).toBeGreaterThan(200);
    expect(allLeaves.some((l) => l.method === 'imports.rows' && pathOf(l.steps) === 'sheet')).toBe(true);
    expect(
      allLeaves.some((l) => l.method === 'retirees.list' && l.kind === 'array' && pathOf(l.steps) === 'categories'),
    ).toBe(true);
    expect(allLeaves.some((l) => l.method === 'org.move' && pathOf(l.steps).startsWith('ref.|2.'))).toBe(true);
  });

  test.each(methods)('%s: each string and list states a maximum', (method) => {
    const unbounded = leaves(contract[method].input)
      .filter((l) => l.kind !== 'record')
      .filter((l) => {
        const max = maximumOf(l.schema);
        return max === null || max > (l.kind === 'string' ? LARGEST_STRING : LARGEST_LIST);
      })
      .map((l) => pathOf(l.steps));
    expect(unbounded).toEqual([]);
  });

  test.each(methods)(
    '%s: past each maximum, a refusal in Chinese that echoes nothing and changes nothing',
    async (method) => {
      const before = changes();
      for (const leaf of leaves(contract[method].input)) {
        const max = leaf.kind === 'record' ? LARGEST_LIST : (maximumOf(leaf.schema) ?? 1_000_000);
        if (max > SENT_UP_TO) continue;
        const oversize =
          leaf.kind === 'string'
            ? 'x'.repeat(max + 1)
            : leaf.kind === 'array'
              ? new Array(max + 1).fill(null)
              : Object.fromEntries(Array.from({ length: max + 1 }, (_, i) => [`k${i}`, 'skip']));
        const input = build(contract[method].input, leaf.steps, oversize);
        const parsed = contract[method].input.safeParse(input);
        const where = `${method} ${pathOf(leaf.steps)}`;
        expect(parsed.success, where).toBe(false);
        expect(
          flatten((parsed.error?.issues ?? []) as Issue[]).some(
            (i) => i.code === 'too_big' || i.code === 'invalid_key' || (leaf.kind === 'record' && i.code === 'custom'),
          ),
          where,
        ).toBe(true);

        const r = await dispatch(ctx, method, input, (m) => logged.push(m));
        expect(r, where).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        if (r.ok) continue;
        expect(r.error.message, where).toMatch(/^输入有误：.*[\u4e00-\u9fff]/);
        expect(r.error.message.length, where).toBeLessThan(500);
        expect(JSON.stringify(r.error).length, where).toBeLessThan(20_000);
      }
      expect(changes()).toBe(before);
      expect(logged).toEqual([]);
    },
  );
});

describe('what used to be an internal error is a sentence', () => {
  const api = router(() => ctx);

  test('a filter of 100,000 entries (too many SQL variables) is refused in Chinese', async () => {
    const e = await api.refusal('retirees.list', { categories: new Array(100_000).fill('退休') });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe('输入有误：「人员类别」最多只能选择 10 项');
    for (const [method, input] of [
      [
        'visits.createBatch',
        { name: '春节', kind: '节日慰问', date: '2026-01-20', query: { statuses: new Array(100_000).fill('在册') } },
      ],
      ['org.assign', { query: { care: new Array(100_000).fill('remote') }, ref: { kind: '片区', area: '东区' } }],
      ['retirees.export', { query: { categories: new Array(100_000).fill('退休') } }],
    ] as const) {
      expect((await api.refusal(method, input)).message, method).toContain('最多只能选择 10 项');
    }
  });

  test('an export of more than 16,384 columns is refused in Chinese', async () => {
    const e = await api.refusal('retirees.export', { query: {}, columns: new Array(16_385).fill('name') });
    // As many as there are columns (40 since the six of 异地居住).
    expect(e).toMatchObject({
      code: 'invalid_input',
      message: `输入有误：「导出列」最多只能选择 ${EXPORT_COLUMN_KEYS.length} 项`,
    });
    expect(EXPORT_COLUMN_KEYS.length).toBe(40);
  });

  test('a 1 MB sheet name is refused, not echoed back', async () => {
    const e = await api.refusal('imports.rows', {
      session: '00000000-0000-4000-8000-000000000000',
      sheet: 'x'.repeat(1024 * 1024),
    });
    expect(e.message).toBe('输入有误：「工作表」不能超过 255 个字');
  });

  test('a bad backup name is not labelled 「姓名」', async () => {
    const e = await api.refusal('backups.restore', { name: '../../office.sqlite' });
    expect(e.message).toBe('输入有误：备份文件名不正确');
    // A unit's name is not a person's 姓名 either; a person's still is.
    expect((await api.refusal('org.create', { kind: '党支部', name: '' })).message).not.toContain('姓名');
    expect((await api.refusal('retirees.create', { person: { name: '', category: '退休' } })).message).toContain(
      '「姓名」',
    );
  });

  test('a preference for a person who does not exist is 找不到…, not a foreign-key error', async () => {
    const before = changes();
    for (const form of ['同志', null]) {
      const e = await api.refusal('letters.setAddressForm', { personId: 9999, form });
      expect(e).toMatchObject({ code: 'not_found', message: '找不到这份档案，它可能已被删除' });
    }
    expect((await api.refusal('letters.addressForm', { personId: 9999 })).code).toBe('not_found');
    expect(changes()).toBe(before);
  });

  test('any write refused by a foreign key is 找不到…, with nothing changed', async () => {
    // As if the person were deleted between the check and the write: the existence check is made
    // to pass, the foreign key refuses the insert, and the router says so in words.
    const store = ctx.store as { prepare: typeof ctx.store.prepare };
    const prepare = store.prepare;
    store.prepare = ((sql: string) =>
      prepare.call(
        ctx.store,
        sql.startsWith('SELECT 1 FROM persons') ? 'SELECT 1 WHERE ? IS NOT NULL' : sql,
      )) as typeof prepare;
    const before = changes();
    const logs: string[] = [];
    try {
      const r = await dispatch(ctx, 'letters.setAddressForm', { personId: 9999, form: '同志' }, (m) => logs.push(m));
      expect(r).toEqual({
        ok: false,
        error: { code: 'not_found', message: '找不到所引用的记录（可能已被删除），操作未完成，数据未作改动' },
      });
    } finally {
      store.prepare = prepare;
    }
    expect(logs).toEqual(['letters.setAddressForm refused by a foreign key']);
    expect(changes()).toBe(before);
  });
});
