// The list and search rows of issue 17, measured through the app's own listPersons. This file
// imports nothing of the app: bench/lists.ts runs it with this branch's code, and
// bench/listsBaseline.ts with the baseline's (another commit's src-main), on the same people.

/** What of the app is measured: its list function and its contract's parser of the list input. */
export interface ListApi {
  listPersons(store: never, q: never): unknown;
  parse(input: object): unknown;
  /** The store's connection, for picking the names searched for. */
  raw: { prepare(sql: string): { get(...params: unknown[]): unknown } };
  store: unknown;
  /** The demo generator's PRNG, so that both codes search the same names. */
  prng(seed: number): () => number;
}

export interface Figure {
  p50: number;
  p95: number;
}

/** The rows of the issue's table that are about lists and search, with their targets (p95 ms). */
export const LIST_ROWS = [
  {
    key: 'listFiltered1',
    label: 'list: 在册 + 退休 + 80岁以上, by name, page 1',
    target: 15,
    issueNow: { p50: 54, p95: 63 },
  },
  { key: 'listFiltered200', label: 'list: the same, page 200', target: 15, issueNow: { p50: 103, p95: 146 } },
  {
    key: 'listRetired200',
    label: 'list: 退休 + 80岁以上, by name, page 200',
    target: 15,
    issueNow: { p50: 31, p95: 40 },
  },
  { key: 'searchLetter', label: 'search of one letter (z)', target: 10, issueNow: { p50: 28, p95: 39 } },
  { key: 'searchFragment', label: 'search: name fragment', target: 5, issueNow: { p50: 8, p95: 11 } },
  // "Any page" (the issue's part 1): the deepest a page can be, where OFFSET passes over the most
  // rows. The issue names no figure for these.
  { key: 'everyoneMiddle', label: 'list: everyone, by name, middle page', target: 15, issueNow: null },
  { key: 'everyoneLast', label: 'list: everyone, by name, last page', target: 15, issueNow: null },
  { key: 'livingMiddle', label: 'list: 在册, by name, middle page', target: 15, issueNow: null },
] as const;

export type ListRowKey = (typeof LIST_ROWS)[number]['key'];

export function percentiles(ms: number[]): Figure {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { p50: at(0.5), p95: at(0.95) };
}

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Each row's p50 and p95 over `runs` calls, after one warm-up pass (a running app's caches). */
export function measureLists(api: ListApi, people: number, runs: number): Record<ListRowKey, Figure> {
  const r = api.prng(11);
  const sample = api.raw.prepare('SELECT name FROM persons WHERE id = ?');
  const fragments = Array.from({ length: runs }, () =>
    [...(sample.get(1 + Math.floor(r() * people)) as { name: string }).name].slice(-2).join(''),
  );
  const list = (input: object) => api.listPersons(api.store as never, api.parse(input) as never);
  const living = (list({ statuses: ['在册'], sort: 'name' }) as { total: number }).total;
  const queries: Record<ListRowKey, (i: number) => object> = {
    listFiltered1: () => ({ statuses: ['在册'], categories: ['退休'], minAge: 80, sort: 'name', page: 1 }),
    listFiltered200: () => ({ statuses: ['在册'], categories: ['退休'], minAge: 80, sort: 'name', page: 200 }),
    listRetired200: () => ({ categories: ['退休'], minAge: 80, sort: 'name', page: 200 }),
    searchLetter: () => ({ q: 'z' }),
    searchFragment: (i) => ({ q: fragments[i] }),
    everyoneMiddle: () => ({ sort: 'name', page: Math.ceil(people / 100) }),
    everyoneLast: () => ({ sort: 'name', page: Math.ceil(people / 50) }),
    livingMiddle: () => ({ statuses: ['在册'], sort: 'name', page: Math.ceil(living / 100) }),
  };
  const out = {} as Record<ListRowKey, Figure>;
  for (const [key, query] of Object.entries(queries) as [ListRowKey, (i: number) => object][]) {
    for (let i = 0; i < Math.min(runs, 20); i++) list(query(i));
    out[key] = percentiles(Array.from({ length: runs }, (_, i) => time(() => list(query(i)))));
  }
  return out;
}
