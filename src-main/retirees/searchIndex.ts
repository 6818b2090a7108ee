// The one search box of the retiree list: any part of the name, pinyin initials (`zgl` finds
// 张桂兰), full pinyin, any part of the ID number or of a phone number.
//
// Each person has one row in the FTS5 table `person_search` (migration 0002). Its text is a set of
// tokens, each written together with all of its suffixes, so that a prefix query (`"gl"*`) finds
// any part of a token: a suffix index in FTS5's b-tree. Pinyin is written for every reading of a
// polyphonic character, except the surname, which is read as a surname (单 shan, 曾 zeng, 解 xie,
// 仇 qiu: pinyin-pro's surname mode), so `dan` does not find every 单.
import { pinyin } from 'pinyin-pro';
import type { Store } from '../db/store';

// A name with many polyphonic characters would multiply its readings; past this many, the
// first readings are kept (every character still contributes at least its commonest reading).
const MAX_READINGS = 64;

const PINYIN_OPTS = { type: 'array', toneType: 'none', v: true } as const;

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

/** The readings of each character of a name, the surname's only as a surname. */
export function nameReadings(name: string): string[][] {
  const chars = [...foldSearchText(name)];
  const hasSurname = !/[·•.]/.test(name) && chars.length > 1;
  const surnameMode = hasSurname ? surnameReadingsOf(chars[0] + chars[1]) : [];
  return chars.map((ch, i) => {
    if (!/\p{Script=Han}/u.test(ch)) return [ch];
    if (hasSurname && i === 0) return [surnameMode[0]];
    const all = [...readingsOf(ch)];
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
  for (const syllables of combinations(readings)) {
    suffixes(syllables.map((s) => s[0]).join(''), tokens);
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
  if (p.idNumber) suffixes(foldSearchText(p.idNumber), tokens);
  for (const phone of p.phones) {
    const digits = foldSearchText(phone);
    if (digits) suffixes(digits, tokens);
  }
  return [...tokens];
}

/** Writes a person's tokens; `isNew` when the person has none yet (a file just created). */
export function indexPerson(store: Store, id: number, fields: SearchableFields, isNew = false): void {
  if (!isNew) store.prepare('DELETE FROM person_search WHERE rowid = ?').run(id);
  store.prepare('INSERT INTO person_search (rowid, tokens) VALUES (?, ?)').run(id, searchTokens(fields).join(' '));
}

export function unindexPerson(store: Store, id: number): void {
  store.prepare('DELETE FROM person_search WHERE rowid = ?').run(id);
}

/**
 * The FTS5 MATCH expression for what was typed, or null when nothing searchable is left.
 * Words separated by spaces must all match (`张 138` finds the 张 whose phone has 138).
 */
export function matchExpression(query: string): string | null {
  const terms = query
    .split(/[\s\u3000]+/)
    .map(foldSearchText)
    .filter((t) => t.length > 0);
  if (terms.length === 0) return null;
  // Folded terms hold only letters and digits, so quoting them is safe.
  return terms.map((t) => `"${t}"*`).join(' AND ');
}
