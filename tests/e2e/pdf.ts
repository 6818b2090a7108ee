// The text of a PDF that Chromium printed, as pdf.js reads it.
import fs from 'node:fs';

// Chromium's embedded CJK fonts map some glyphs to the radical code points (⼈ U+2F08, ⺠ U+2EA0)
// rather than the ideographs: NFKC folds the Kangxi radicals, this table the few of the supplement.
const RADICALS: Record<string, string> = {
  '⺠': '民',
  '⻆': '角',
  '⻓': '长',
  '⻔': '门',
  '⻢': '马',
  '⻋': '车',
  '⻅': '见',
  '⻉': '贝',
  '⻘': '青',
  '⻜': '飞',
  '⻚': '页',
  '⻄': '西',
};

/** Every page's text, in the characters a reader sees; pages separated by a form feed. */
export async function pdfText(file: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  // Only the radicals: NFKC on the whole text would also turn full-width punctuation (：，) half-width.
  return pages
    .join('\f')
    .replace(/[\u2F00-\u2FDF]/g, (c) => c.normalize('NFKC'))
    .replace(/[\u2E80-\u2EFF]/g, (c) => RADICALS[c] ?? c);
}
