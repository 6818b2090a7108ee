// A letter as a printed page, one letter a page, A4 or 16开: the letters the office sends (慰问信,
// 贺寿信 …) and every notice in letter form (调资通知单). The letterhead and the seal are the
// office's own images; everything else comes from the data and is escaped (the html tag).
import { html, type Html } from './html';
import { pageCss, printable, PRINT_FONTS, screenPageCss, type Paper, type Printable } from './print';

export interface FilledLetter {
  salutation: string;
  /** Paragraphs of the body. */
  paragraphs: string[];
  /** Lines of the 祝颂语: 此致 on its own line, 敬礼！ at the left margin. */
  closing: string[];
  organisation: string;
  date: string;
}

export interface LetterAssets {
  letterhead?: string | null;
  seal?: string | null;
}

export function letterCss(paper: Paper): string {
  return `
${pageCss(paper, 'portrait', '30mm 26mm 28mm 28mm')}
.letter { font-family: ${PRINT_FONTS}; font-size: 16pt; line-height: 1.9; color: #000; break-after: page; }
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
${screenPageCss('.letter', '160mm', '20mm 24mm', '12mm auto')}
`;
}

/** The office's images are stored as data: URLs of a picture; anything else is not an image source. */
const IMAGE_URL = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/;

function image(src: string | null | undefined, cls: string): Html | null {
  return src && IMAGE_URL.test(src) ? html`<img class="${cls}" src="${src}" alt="">` : null;
}

export function letterHtml(letter: FilledLetter & { title: string }, assets: LetterAssets = {}): Html {
  const head = image(assets.letterhead, 'head');
  return html`<section class="letter">${head && html`<div class="letterhead">${head}</div>`}<h1>${letter.title}</h1><p class="salutation">${letter.salutation}</p><div class="body">${letter.paragraphs.map((p) => html`<p>${p}</p>`)}</div><div class="closing">${letter.closing.map((p) => html`<p>${p}</p>`)}</div><div class="signature">${image(assets.seal, 'seal')}<p>${letter.organisation}</p><p>${letter.date}</p></div></section>`;
}

export function lettersPrintable(
  letters: (FilledLetter & { title: string })[],
  paper: Paper,
  assets: LetterAssets = {},
): Printable {
  return printable(
    letters[0]?.title ?? '信函',
    letterCss(paper),
    letters.map((l) => letterHtml(l, assets)),
  );
}
