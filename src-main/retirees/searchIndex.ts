// The one search box of the retiree list: any part of the name, pinyin initials (`zgl` finds
// 张桂兰), full pinyin, any part of the ID number or of a phone number.
//
// Each person has one row in the FTS5 table `person_search` (migration 0002). Its text is a set of
// tokens, each written together with all of its suffixes, so that a prefix query (`"gl"*`) finds
// any part of a token: a suffix index in FTS5's b-tree. Pinyin is written for every reading of a
// polyphonic character, the surname's too: its reading as a surname first (单 shan, 曾 zeng, 解 xie,
// 仇 qiu: pinyin-pro's surname mode; the list sorts by it), then the others, because clerks type
// `dan` for 单 as often as `shan` (issue 17).
//
// Beside the fragments, whole values are written once more behind a mark no one can type (a
// private-use character, which the unicode61 tokenizer keeps inside a token and foldSearchText
// removes from every query): the name, its full pinyin, the ID number and each phone behind
// WHOLE, the initials behind INITIALS. `"<WHOLE>zhang"*` then finds the names that start with
// zhang, and `"<WHOLE>张桂兰"` the exact name: the tiers the results are ranked by.
import { pinyin } from 'pinyin-pro';
import type { Store } from '../db/store';

// A name with many polyphonic characters would multiply its readings; past this many, the
// first readings are kept (every character still contributes at least its commonest reading).
const MAX_READINGS = 64;

const PINYIN_OPTS = { type: 'array', toneType: 'none', v: true } as const;

// Marks of whole values (see the top of the file): private-use characters, token characters for
// unicode61 (https://sqlite.org/fts5.html#unicode61_tokenizer), never in a folded query.
const WHOLE = '\uE000';
const INITIALS = '\uE001';

/** Folds full-width to half-width, lower-cases, and keeps letters, digits and Han characters. */
export function foldSearchText(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

// Readings depend on the character alone, a surname's on the name's first two characters (a
// compound surname: 欧阳, 长孙), so both are remembered: an import of 50,000 names asks for the same
// few thousand characters again and again.
const charReadings = new Map<string, string[]>();
const surnameReadings = new Map<string, string[]>();

function readingsOf(ch: string): string[] {
  let r = charReadings.get(ch);
  if (!r) charReadings.set(ch, (r = pinyin(ch, { ...PINYIN_OPTS, multiple: true }) as string[]));
  return r;
}

function surnameReadingsOf(head: string): string[] {
  let r = surnameReadings.get(head);
  if (!r) surnameReadings.set(head, (r = pinyin(head, { ...PINYIN_OPTS, surname: 'head' }) as string[]));
  return r;
}

/**
 * The readings of each character of a name, the surname's reading as a surname first (the sort
 * key takes each character's first reading), then its other readings (单 shan, dan, chan).
 */
export function nameReadings(name: string): string[][] {
  const chars = [...foldSearchText(name)];
  const hasSurname = !/[·•.]/.test(name) && chars.length > 1;
  const surnameMode = hasSurname ? surnameReadingsOf(chars[0] + chars[1]) : [];
  return chars.map((ch, i) => {
    if (!/\p{Script=Han}/u.test(ch)) return [ch];
    const all = [...readingsOf(ch)];
    if (hasSurname && i === 0) return [surnameMode[0], ...all.filter((r) => r !== surnameMode[0])];
    // The second character may belong to a compound surname (欧阳, 长孙): keep its surname reading.
    if (hasSurname && i === 1 && surnameMode[1] && !all.includes(surnameMode[1])) all.unshift(surnameMode[1]);
    return all;
  });
}

/** Every combination of readings, capped at MAX_READINGS, as arrays of syllables. */
function combinations(readings: string[][]): string[][] {
  let out: string[][] = [[]];
  for (const options of readings) {
    const next: string[][] = [];
    for (const prefix of out) {
      for (const o of options) {
        if (next.length >= MAX_READINGS) break;
        next.push([...prefix, o]);
      }
    }
    out = next;
  }
  return out;
}

// What a name gives the index and the sort, remembered by name: an import of 50,000 rows meets
// the same few thousand names again and again. Bounded; forgotten wholesale when full.
const byName = new Map<string, { sortKey: string; tokens: string[] }>();
const NAMES_REMEMBERED = 20_000;

function nameParts(name: string): { sortKey: string; tokens: string[] } {
  let parts = byName.get(name);
  if (parts) return parts;
  const folded = foldSearchText(name);
  const readings = nameReadings(name);
  const tokens = new Set<string>();
  suffixes(folded, tokens);
  tokens.add(WHOLE + folded);
  for (const syllables of combinations(readings)) {
    const initials = syllables.map((s) => s[0]).join('');
    suffixes(initials, tokens);
    tokens.add(INITIALS + initials);
    tokens.add(WHOLE + syllables.join(''));
    // Full pinyin from each syllable on: `zhangguilan`, `guilan`, `lan`.
    for (let i = 0; i < syllables.length; i++) tokens.add(syllables.slice(i).join(''));
  }
  parts = { sortKey: `${readings.map((r) => r[0]).join(' ')} ${folded}`, tokens: [...tokens] };
  if (byName.size >= NAMES_REMEMBERED) byName.clear();
  byName.set(name, parts);
  return parts;
}

/** The key the list sorts names by: the surname-aware pinyin, syllables separated by spaces. */
export function nameSortKey(name: string): string {
  return nameParts(name).sortKey;
}

const SURROGATE = /[\uD800-\uDFFF]/;

function suffixes(token: string, into: Set<string>): void {
  if (!SURROGATE.test(token)) {
    for (let i = 0; i < token.length; i++) into.add(token.slice(i));
    return;
  }
  const chars = [...token];
  for (let i = 0; i < chars.length; i++) into.add(chars.slice(i).join(''));
}

export interface SearchableFields {
  name: string;
  idNumber: string | null;
  phones: string[];
}

/** The token set written to the index for one person. */
export function searchTokens(p: SearchableFields): string[] {
  const tokens = new Set<string>(nameParts(p.name).tokens);
  for (const value of [p.idNumber ?? '', ...p.phones]) {
    const folded = foldSearchText(value);
    if (!folded) continue;
    suffixes(folded, tokens);
    tokens.add(WHOLE + folded);
  }
  return [...tokens];
}

/**
 * The search rows a bulk write (an import) holds back until its people are written, by person:
 * what the index must say of them at the end (null: nothing, the file was deleted) and whether
 * the index had them before the write began.
 */
type Pending = Map<number, { fields: SearchableFields | null; indexed: boolean }>;
const pending = new WeakMap<Store, Pending>();

/**
 * Runs `write` (inside a transaction) with the search rows of the files it creates, changes or
 * deletes written once, after it, rather than with each file. FTS5 writes what it holds in memory
 * to new segments of the index at every statement that might need undoing midway
 * (https://sqlite.org/fts5.html: its xSavepoint), and an INSERT into `persons` is one, since the
 * table has triggers (migration 0019): an import writing each person's row and then their search
 * row made the index write and merge a segment per person, four fifths of an import's inserts
 * (bench/importFloor.ts). Written after, every row goes through FTS5's memory once. Nothing
 * searches the index before `write` returns; if it throws, the transaction it runs in is rolled
 * back and nothing was written.
 */
export function batchSearchIndex<T>(store: Store, write: () => T): T {
  if (!store.raw.inTransaction) throw new Error('batchSearchIndex: only inside a transaction');
  if (pending.has(store)) return write();
  const rows: Pending = new Map();
  pending.set(store, rows);
  try {
    const result = write();
    pending.delete(store);
    for (const [id, { fields, indexed }] of rows) {
      if (fields) indexPerson(store, id, fields, !indexed);
      else if (indexed) unindexPerson(store, id);
    }
    return result;
  } finally {
    pending.delete(store);
  }
}

/** Held back until the bulk write ends (batchSearchIndex), when one is running: whether it was. */
function holdBack(store: Store, id: number, fields: SearchableFields | null, isNew: boolean): boolean {
  const rows = pending.get(store);
  if (!rows) return false;
  rows.set(id, { fields, indexed: rows.get(id)?.indexed ?? !isNew });
  return true;
}

/** Writes a person's tokens; `isNew` when the person has none yet (a file just created). */
export function indexPerson(store: Store, id: number, fields: SearchableFields, isNew = false): void {
  if (holdBack(store, id, fields, isNew)) return;
  if (!isNew) store.prepare('DELETE FROM person_search WHERE rowid = ?').run(id);
  store.prepare('INSERT INTO person_search (rowid, tokens) VALUES (?, ?)').run(id, searchTokens(fields).join(' '));
}

export function unindexPerson(store: Store, id: number): void {
  if (holdBack(store, id, null, false)) return;
  store.prepare('DELETE FROM person_search WHERE rowid = ?').run(id);
}

/**
 * One bounded step of merging the index's segments into one, the deleted entries dropped: after
 * every file's tokens were rewritten (a reindex) the index is spread over many segments, and a
 * search reads them all (3× slower at 100,000 people until merged). True while there is more.
 * https://sqlite.org/fts5.html#the_merge_command (a negative count merges across all levels).
 */
export function mergeSearchIndex(store: Store, pages = 100): boolean {
  const before = store.raw.prepare('SELECT total_changes() AS n').get() as { n: number };
  store.prepare("INSERT INTO person_search (person_search, rank) VALUES ('merge', ?)").run(-pages);
  const after = store.raw.prepare('SELECT total_changes() AS n').get() as { n: number };
  // "If the difference is less than 2, then no work was done" (the page above).
  return after.n - before.n >= 2;
}

/**
 * The FTS5 MATCH expression for what was typed, or null when nothing searchable is left.
 * Words separated by spaces must all match (`张 138` finds the 张 whose phone has 138).
 */
export function matchExpression(query: string): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  // Folded terms hold only letters and digits, so quoting them is safe.
  return terms.map((t) => `"${t}"*`).join(' AND ');
}

/** What was typed, as the folded words that must all match. */
export function searchTerms(query: string): string[] {
  return query
    .split(/[\s\u3000]+/)
    .map(foldSearchText)
    .filter((t) => t.length > 0);
}

/**
 * The tiers a search's results are ranked in, best first, each as its MATCH expression: the first
 * word is the whole name, pinyin, ID number or phone (exact); their start (prefix); the start of
 * the initials; any part (fragment). Further words match any part, in every tier. Each tier leaves
 * out the rows an earlier one finds (FTS5's NOT: https://sqlite.org/fts5.html#fts5_boolean_operators),
 * so a row comes once, in its best tier.
 */
export function rankedMatchExpressions(query: string): string[] {
  const [first, ...rest] = searchTerms(query);
  if (first === undefined) return [];
  const more = rest.map((t) => ` AND "${t}"*`).join('');
  const tiers = [`"${WHOLE}${first}"`, `"${WHOLE}${first}"*`, `"${INITIALS}${first}"*`, `"${first}"*`];
  return tiers.map((t, i) => (i === 0 ? t + more : `(${t}${more}) NOT (${tiers.slice(0, i).join(' OR ')})`));
}
