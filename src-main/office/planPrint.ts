// The yearly work plan on paper: A4 portrait, the office's name over the title as a 公文 heads it,
// the table 序号 / 工作内容 / 责任人 / 完成时限 / 完成情况, and the 落款 (the office and the date in
// Chinese) under it. What is done says by which record and when.
import type { PrintableView } from '../contract/common';
import type { PlanItemView } from '../contract/office';
import type { Store } from '../db/store';
import { html } from '../documents/html';
import { PRINT_FONTS, pageCss, printable, screenPageCss } from '../documents/print';
import { getOfficeSettings } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { workPlan } from './workPlan';

/** What the 完成情况 column says of an item. */
export function progressText(item: PlanItemView): string {
  switch (item.state) {
    case '已完成':
      return `已完成：${item.links.map((l) => `${l.kindLabel}${l.name}（${formatChineseDate(l.date)}）`).join('；')}`;
    case '待核实':
      return `待核实：${item.links
        .filter((l) => l.problem)
        .map((l) => l.problem)
        .join('；')}`;
    case '已超期':
      return '已超期，未完成';
    case '待完成':
      return '';
  }
}

/** The plan's rows as printed: 序号, 工作内容, 责任人, 完成时限, 完成情况. */
export function planRows(items: PlanItemView[]): string[][] {
  return items.map((item, i) => [
    String(i + 1),
    item.category ? `【${item.category}】${item.content}` : item.content,
    item.owner,
    formatChineseDate(item.dueMonth),
    progressText(item),
  ]);
}

const CSS = `
${pageCss('A4', 'portrait', '25mm 20mm 20mm 22mm')}
.plan { font-family: ${PRINT_FONTS}; color: #000; }
.plan .org { text-align: center; color: #c00; font-size: 20pt; letter-spacing: 0.15em; margin: 0 0 2mm; }
.plan .rule { border-top: 0.6mm solid #c00; margin: 0 0 6mm; }
.plan h1 { font-size: 18pt; text-align: center; margin: 0 0 6mm; }
.plan table { width: 100%; border-collapse: collapse; font-size: 11pt; }
.plan th, .plan td { border: 0.3mm solid #000; padding: 1.5mm 2mm; vertical-align: top; }
.plan th { white-space: nowrap; }
.plan td.n { text-align: center; white-space: nowrap; }
.plan thead { display: table-header-group; }
.plan tr { break-inside: avoid; }
.plan .sign { margin-top: 12mm; text-align: right; font-size: 14pt; line-height: 1.8; }
${screenPageCss('.plan', '168mm', '25mm 20mm 20mm 22mm')}
`;

export function planPrintable(store: Store, year: number, today = todayIso()): PrintableView {
  const plan = workPlan(store, year, today);
  const { orgName } = getOfficeSettings(store);
  const rows = planRows(plan.items);
  const body = html`<section class="plan"><p class="org">${orgName}</p><div class="rule"></div><h1>${year}年度工作计划</h1><table><thead><tr><th>序号</th><th>工作内容</th><th>责任人</th><th>完成时限</th><th>完成情况</th></tr></thead><tbody>${rows.map((r) => html`<tr><td class="n">${r[0]}</td><td>${r[1]}</td><td class="n">${r[2]}</td><td class="n">${r[3]}</td><td>${r[4]}</td></tr>`)}</tbody></table><p class="sign">${orgName}<br>${formatChineseDate(today)}</p></section>`;
  return { ...printable(`${year}年度工作计划`, CSS, body), count: rows.length, missing: [] };
}
