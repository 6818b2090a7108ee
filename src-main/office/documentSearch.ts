// The document register's search (文件登记): any part of a title, 文号, issuer or summary. Chinese
// has no spaces between words, and FTS5's unicode61 tokenizer would take a whole sentence as one
// token; so the app writes each text as its overlapping pairs of characters (bigrams: 养老金 →
// 养老 老金, the last character alone too), and a search for 养老金 is the phrase "养老 老金": pairs
// at consecutive positions, i.e. the characters in that order. One character is a prefix query
// on the pairs it starts. The person search's suffix tokens (retirees/searchIndex.ts) suit names
// of a few characters; a summary of a thousand would make half a million. The same folding is
// used for both (full-width to half-width, lower case, letters and digits only), so 〔2026〕3号
// is found by 20263号 or 2026 3号.
// https://sqlite.org/fts5.html#fts5_phrases
import type { Store } from '../db/store';
import { foldSearchText, searchTerms } from '../retirees/searchIndex';

/** The tokens of one text: its pairs of characters, and its last character alone. */
function pairs(text: string): string[] {
  const chars = [...foldSearchText(text)];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) out.push(chars[i] + (chars[i + 1] ?? ''));
  return out;
}

export interface SearchableDocument {
  title: string;
  docNo: string | null;
  issuer: string | null;
  summary: string | null;
}

/** The index's text for a document: each field's pairs, fields apart (a pair never spans two fields). */
export function documentTokens(d: SearchableDocument): string {
  return [d.title, d.docNo, d.issuer, d.summary]
    .filter((t): t is string => !!t)
    .map((t) => pairs(t).join(' '))
    .join(' ');
}

export function indexDocument(store: Store, id: number, d: SearchableDocument, isNew: boolean): void {
  if (!isNew) store.prepare('DELETE FROM office_document_search WHERE rowid = ?').run(id);
  store.prepare('INSERT INTO office_document_search (rowid, tokens) VALUES (?, ?)').run(id, documentTokens(d));
}

/**
 * The MATCH expression for what was typed, or null when nothing searchable is left: every word
 * found (AND), a word as the phrase of its pairs. Folded words hold only letters and digits, so
 * quoting them is safe.
 */
export function documentMatch(query: string): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return terms
    .map((t) => {
      const chars = [...t];
      if (chars.length === 1) return `"${t}"*`;
      return `"${chars
        .slice(0, -1)
        .map((c, i) => c + chars[i + 1])
        .join(' ')}"`;
    })
    .join(' AND ');
}
