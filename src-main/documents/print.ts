// What every printed document shares: the fonts, the paper, the page as it looks on screen before
// printing, the ruled list (a contact sheet, a register), and the whole HTML document the CLI writes
// and a browser prints. Chinese text is set in a CJK serif declared by name, Windows' and Linux's
// (fonts-noto-cjk) alike, so that it never prints as boxes.
import { html, raw, type Html } from './html';

export const PRINT_FONTS = `"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "宋体", "Noto Sans CJK SC", "Microsoft YaHei", serif`;

/** Paper by its Chinese office names: A4, and 16开 (the letter size some offices keep). */
export type Paper = 'A4' | '16K';
export const PAPER: Record<Paper, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  '16K': { width: 184, height: 260 },
};

export type Orientation = 'portrait' | 'landscape';

/** The @page rule: the paper's size, turned for landscape, and its margins. */
export function pageCss(paper: Paper, orientation: Orientation, margin: string): string {
  const { width, height } = PAPER[paper];
  const [w, h] = orientation === 'portrait' ? [width, height] : [height, width];
  return `@page { size: ${w}mm ${h}mm; margin: ${margin}; }`;
}

/** On screen, each page of `selector` as a sheet of paper of that printable width on a grey desk. */
export function screenPageCss(selector: string, width: string, padding: string, margin = '10mm auto'): string {
  return `@media screen { ${selector} { width: ${width}; margin: ${margin}; padding: ${padding}; background: #fff; box-shadow: 0 0 4px #999; } }`;
}

/**
 * A list printed as a ruled table on A4 landscape (a unit's contact sheet, the petitions register):
 * `<section class="sheet">` with an h1, a `.sub` line (left and right spans), the table, a `.note`.
 * The header repeats on every page and no row is split across two.
 */
export function ruledListCss(fontSizePt: number): string {
  return `
${pageCss('A4', 'landscape', '14mm')}
.sheet { font-family: ${PRINT_FONTS}; color: #000; break-after: page; }
.sheet:last-child { break-after: auto; }
.sheet h1 { font-size: 18pt; text-align: center; margin: 0 0 3mm; letter-spacing: 0.1em; }
.sheet .sub { font-size: 10.5pt; margin: 0 0 3mm; display: flex; justify-content: space-between; }
.sheet table { width: 100%; border-collapse: collapse; font-size: ${fontSizePt}pt; }
.sheet th, .sheet td { border: 0.3mm solid #000; padding: 1.2mm 1.5mm; vertical-align: top; }
.sheet th { background: #eee; white-space: nowrap; }
.sheet thead { display: table-header-group; }
.sheet tr { break-inside: avoid; }
.sheet .note { font-size: 9.5pt; color: #333; margin-top: 3mm; }
${screenPageCss('.sheet', '269mm', '14mm')}
`;
}

/** Printable pages: their style sheet and their markup (every piece of data in it escaped). */
export interface Printable {
  title: string;
  css: string;
  body: string;
}

/** Pages made with the html tag, as the contract carries them. */
export function printable(title: string, css: string, body: Html | readonly Html[]): Printable {
  return { title, css, body: html`${body}`.text };
}

/** A whole document: what the CLI writes and a browser prints. */
export function htmlDocument(p: Printable): string {
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${p.title}</title><style>${raw(p.css)}</style></head><body>${raw(p.body)}</body></html>`
    .text;
}
