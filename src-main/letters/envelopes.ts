// Envelopes and address labels, positioned in millimetres. The envelope follows the Chinese
// standard layout (GB/T 1416): six postcode boxes at the top left (8 × 10 mm, 2 mm apart, 20 mm
// from the left and 10 mm from the top edge), the address below them, the name with 收 in the
// middle, the sender's address and postcode at the bottom right. A person without a postcode or an
// address is listed as missing, never printed blank.
import type { Store } from '../db/store';
import { getOfficeSettings, readSetting } from '../settings/settings';
import { UserError } from '../shared/errors';
import { html } from '../documents/html';
import { pageCss, printable, PRINT_FONTS, type Printable } from '../documents/print';
import { familyName } from './letters';

export const ENVELOPES = { DL: { width: 220, height: 110 }, C5: { width: 229, height: 162 } } as const;
export type EnvelopeSize = keyof typeof ENVELOPES;

/** A4 label sheets: columns × rows, label size, the sheet's margins and gaps (mm). */
export const LABEL_SHEETS = {
  '2x7': { columns: 2, rows: 7, width: 99.1, height: 38.1, top: 15.1, left: 4.65, gapX: 2.5, gapY: 0 },
  '3x8': { columns: 3, rows: 8, width: 63.5, height: 33.9, top: 13.1, left: 7.25, gapX: 2.5, gapY: 0 },
} as const;
export type LabelSheet = keyof typeof LABEL_SHEETS;

export const POSTCODE_BOX = { left: 20, top: 10, width: 8, height: 10, gap: 2 } as const;

export interface Recipient {
  personId: number;
  name: string;
  postcode: string;
  address: string;
}

export interface Sender {
  organisation: string;
  address: string | null;
  postcode: string | null;
}

/** The people's mailing details; those without a valid postcode or an address are listed as missing. */
export function recipients(
  store: Store,
  personIds: number[],
  options: { toFamily?: boolean } = {},
): { recipients: Recipient[]; missing: { personId: number; name: string; why: string }[] } {
  // Raw: one prepared statement for each of up to thousands of addressees.
  const person = store.prepare('SELECT id, name, status, postcode, address FROM persons WHERE id = ?');
  const out: Recipient[] = [];
  const missing: { personId: number; name: string; why: string }[] = [];
  for (const id of personIds) {
    const p = person.get(id) as
      { id: number; name: string; status: string; postcode: string | null; address: string | null } | undefined;
    if (!p) throw new UserError('not_found', `没有找到第 ${id} 号档案`);
    const to = options.toFamily ? familyName(store, id) : p.name;
    if (!options.toFamily && p.status !== '在册')
      missing.push({ personId: p.id, name: p.name, why: p.status === '已故' ? '已故' : `状态为“${p.status}”` });
    else if (!to) missing.push({ personId: p.id, name: p.name, why: '没有登记家属' });
    else if (!p.address?.trim()) missing.push({ personId: p.id, name: p.name, why: '缺少地址' });
    else if (!/^\d{6}$/.test(p.postcode ?? ''))
      missing.push({ personId: p.id, name: p.name, why: p.postcode ? `邮编“${p.postcode}”不是六位数字` : '缺少邮编' });
    else out.push({ personId: p.id, name: to, postcode: p.postcode!, address: p.address.trim() });
  }
  return { recipients: out, missing };
}

export function sender(store: Store): Sender {
  return {
    organisation: getOfficeSettings(store).orgName,
    address: readSetting(store, 'org_address'),
    postcode: readSetting(store, 'org_postcode'),
  };
}

const mm = (n: number) => `${n}mm`;

function postcodeBoxes(code: string) {
  return [...code].map(
    (d, i) =>
      html`<div class="pc" style="left:${mm(POSTCODE_BOX.left + i * (POSTCODE_BOX.width + POSTCODE_BOX.gap))};top:${mm(POSTCODE_BOX.top)};width:${mm(POSTCODE_BOX.width)};height:${mm(POSTCODE_BOX.height)}">${d}</div>`,
  );
}

export function envelopesPrintable(list: Recipient[], from: Sender, size: EnvelopeSize): Printable {
  const { width, height } = ENVELOPES[size];
  const css = `
@page { size: ${width}mm ${height}mm; margin: 0; }
body { margin: 0; }
.envelope { position: relative; width: ${width}mm; height: ${height}mm; overflow: hidden; break-after: page; font-family: ${PRINT_FONTS}; color: #000; }
.envelope:last-child { break-after: auto; }
.pc { position: absolute; box-sizing: border-box; border: 0.3mm solid #c00; font-size: 16pt; line-height: ${POSTCODE_BOX.height}mm; text-align: center; }
.to-address { position: absolute; left: 20mm; top: 26mm; right: 20mm; font-size: 14pt; line-height: 1.5; }
.to-name { position: absolute; left: 0; right: 0; top: ${Math.round(height * 0.48)}mm; text-align: center; font-size: 22pt; letter-spacing: 0.2em; }
.from { position: absolute; right: 15mm; bottom: 10mm; text-align: right; font-size: 11pt; line-height: 1.5; }
@media screen { .envelope { margin: 6mm auto; box-shadow: 0 0 3px #888; background: #fff; } }`;
  const pages = list.map(
    (r) =>
      html`<section class="envelope" data-person="${r.personId}">${postcodeBoxes(r.postcode)}<div class="to-address">${r.address}</div><div class="to-name">${r.name}　收</div><div class="from">${from.address && html`${from.address}<br>`}${from.organisation}${from.postcode && html`<br>邮政编码：${from.postcode}`}</div></section>`,
  );
  return printable('信封', css, pages);
}

export function labelsPrintable(list: Recipient[], sheet: LabelSheet): Printable {
  const s = LABEL_SHEETS[sheet];
  const perPage = s.columns * s.rows;
  const css = `
${pageCss('A4', 'portrait', '0')}
body { margin: 0; }
.sheet { position: relative; width: 210mm; height: 297mm; break-after: page; font-family: ${PRINT_FONTS}; }
.sheet:last-child { break-after: auto; }
.label { position: absolute; box-sizing: border-box; width: ${s.width}mm; height: ${s.height}mm; padding: 3mm 4mm; font-size: 10.5pt; line-height: 1.35; overflow: hidden; }
.label .code { letter-spacing: 0.2em; }
.label .name { font-size: 13pt; margin-top: 1mm; }
@media screen { .sheet { margin: 6mm auto; box-shadow: 0 0 3px #888; background: #fff; } .label { outline: 0.2mm dashed #bbb; } }`;
  const pages = [];
  for (let at = 0; at < list.length; at += perPage) {
    const labels = list.slice(at, at + perPage).map((r, i) => {
      const col = i % s.columns;
      const row = Math.floor(i / s.columns);
      const left = s.left + col * (s.width + s.gapX);
      const top = s.top + row * (s.height + s.gapY);
      return html`<div class="label" style="left:${left.toFixed(2)}mm;top:${top.toFixed(2)}mm"><div class="code">${r.postcode}</div><div>${r.address}</div><div class="name">${r.name}　收</div></div>`;
    });
    pages.push(html`<section class="sheet">${labels}</section>`);
  }
  return printable('地址标签', css, pages);
}
