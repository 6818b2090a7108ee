// Letters as one HTML document, one letter a page, A4 or 16开: the document the app prints (to a
// printer or to PDF) and the CLI writes. Everything that comes from the data is escaped: a name
// like `<b>张</b>` prints as typed. Chinese text is set in a CJK serif declared by name, Windows'
// and Linux's (fonts-noto-cjk) alike, so that it never prints as boxes.

export interface FilledLetter {
  salutation: string;
  /** Paragraphs of the body. */
  paragraphs: string[];
  /** Lines of the 祝颂语: 此致 on its own line, 敬礼！ at the left margin. */
  closing: string[];
  organisation: string;
  date: string;
}

export type Paper = 'A4' | '16K';
const PAPER: Record<Paper, string> = { A4: '210mm 297mm', '16K': '184mm 260mm' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const LETTER_FONTS = `"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "宋体", "Noto Sans CJK SC", "Microsoft YaHei", serif`;

export function letterCss(paper: Paper): string {
  return `
@page { size: ${PAPER[paper]}; margin: 30mm 26mm 28mm 28mm; }
.letter { font-family: ${LETTER_FONTS}; font-size: 16pt; line-height: 1.9; color: #000; break-after: page; }
.letter:last-child { break-after: auto; }
.letter .letterhead { text-align: center; margin-bottom: 8mm; }
.letter .letterhead img { max-width: 100%; max-height: 30mm; }
.letter h1 { font-size: 22pt; text-align: center; letter-spacing: 0.3em; margin: 0 0 8mm; font-weight: bold; }
.letter .salutation { margin: 0; }
.letter .body p { margin: 0; text-indent: 2em; }
.letter .closing { margin-top: 4mm; }
.letter .closing p { margin: 0; }
.letter .closing p:first-child { text-indent: 2em; }
.letter .signature { margin-top: 14mm; text-align: right; position: relative; }
.letter .signature p { margin: 0; }
.letter .signature .seal { position: absolute; right: 6mm; top: -14mm; width: 40mm; opacity: 0.85; }
@media screen { .letter { width: 160mm; margin: 12mm auto; padding: 20mm 24mm; background: #fff; box-shadow: 0 0 4px #999; } }
`;
}

export function letterHtml(letter: FilledLetter & { title: string }, assets: { letterhead?: string | null; seal?: string | null } = {}): string {
  const e = escapeHtml;
  // Images are the office's own, stored as data: URLs; anything else is not an image source.
  const image = (src: string | null | undefined, cls: string) => (src && /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(src) ? `<img class="${cls}" src="${src}" alt="">` : '');
  const head = image(assets.letterhead, 'head');
  return [
    '<section class="letter">',
    head ? `<div class="letterhead">${head}</div>` : '',
    `<h1>${e(letter.title)}</h1>`,
    `<p class="salutation">${e(letter.salutation)}</p>`,
    `<div class="body">${letter.paragraphs.map((p) => `<p>${e(p)}</p>`).join('')}</div>`,
    `<div class="closing">${letter.closing.map((p) => `<p>${e(p)}</p>`).join('')}</div>`,
    `<div class="signature">${image(assets.seal, 'seal')}<p>${e(letter.organisation)}</p><p>${e(letter.date)}</p></div>`,
    '</section>',
  ].join('');
}

/** Printable pages: their style sheet and their markup (every piece of data in it escaped). */
export interface Printable {
  title: string;
  css: string;
  body: string;
}

export function lettersPrintable(letters: (FilledLetter & { title: string })[], paper: Paper, assets: { letterhead?: string | null; seal?: string | null } = {}): Printable {
  return { title: letters[0]?.title ?? '信函', css: letterCss(paper), body: letters.map((l) => letterHtml(l, assets)).join('') };
}

/** A whole document: what the CLI writes and a browser prints. */
export function htmlDocument(p: Printable): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(p.title)}</title><style>${p.css}</style></head><body>${p.body}</body></html>`;
}
