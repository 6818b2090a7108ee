// Every chart of the statistics page as a table (issue 19 item 1): exported as .xlsx (its title,
// the office and the date it is of, its rows) and printed (the chart drawn as SVG above the same
// table). One mechanism for the roll's charts and the year's work: a chart is found by its key
// among the tables the page draws (rollCharts, activityCharts), so paper and file show what the
// screen showed.
import type { PrintableView } from '../contract/common';
import { FIGURES, rollCharts, type ChartKey, type ChartTable } from '../contract/statistics';
import { barChartSvg } from '../documents/barChartSvg';
import { html } from '../documents/html';
import { printable, ruledListCss } from '../documents/print';
import { tableWorkbook, type TableColumn } from '../documents/tableWorkbook';
import type { Store } from '../db/store';
import { getOfficeSettings } from '../settings/settings';
import { formatYuan } from '../shared/money';
import { activityCharts } from './activity';
import { statisticsFigures } from './roll';

export interface ChartOf {
  chart: ChartKey;
  /** The roll's charts: the date they are of. */
  asOf: string;
  /** The year's work: its year. */
  year: number;
}

export function chartTable(store: Store, { chart, asOf, year }: ChartOf): ChartTable {
  const tables = chart in FIGURES ? rollCharts(statisticsFigures(store, asOf)) : activityCharts(store, year).charts;
  // Every chart key has its table (tests/statistics-charts.test.ts walks them all).
  return tables.find((t) => t.chart === chart)!;
}

const columnsOf = (t: ChartTable): TableColumn[] => [
  { label: t.keyLabel, kind: 'text', width: 16 },
  ...t.columns.map((c): TableColumn => ({
    label: c.kind === 'money' ? `${c.label}（元）` : c.label,
    kind: c.kind,
    width: 16,
  })),
];

/** A value as printed: money in yuan, counts as they are. */
const shown = (kind: 'number' | 'money', v: number) => (kind === 'money' ? formatYuan(v) : String(v));

export async function chartWorkbook(
  store: Store,
  of: ChartOf,
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const t = chartTable(store, of);
  const { orgName } = getOfficeSettings(store);
  const data = await tableWorkbook({
    name: t.title,
    title: t.title,
    subtitle: [orgName, t.period].filter(Boolean).join('　'),
    columns: columnsOf(t),
    rows: t.rows.map((r) => [r.key, ...r.values]),
  });
  return { fileName: `${t.title}-${t.period}.xlsx`, count: t.rows.length, data };
}

/** The chart on paper: its title, the office and the date, the bars as SVG, and the table. */
export function chartPrintable(store: Store, of: ChartOf): PrintableView {
  const t = chartTable(store, of);
  const { orgName } = getOfficeSettings(store);
  const [first] = t.columns;
  const svg = barChartSvg(
    t.rows.map((r) => ({ label: r.key, value: r.values[0], text: shown(first.kind, r.values[0]) })),
    t.title,
  );
  const body = html`<section class="sheet chart-sheet"><h1>${t.title}</h1><p class="sub"><span>${orgName}</span><span>${t.period}</span></p>${svg}<table><thead><tr>${columnsOf(t).map((c) => html`<th>${c.label}</th>`)}</tr></thead><tbody>${t.rows.map((r) => html`<tr><td>${r.key}</td>${r.values.map((v, i) => html`<td class="n">${shown(t.columns[i].kind, v)}</td>`)}</tr>`)}</tbody></table></section>`;
  const css = `${ruledListCss(10.5)}
.chart-sheet svg.chart { width: 100%; height: auto; max-height: 110mm; margin: 0 0 4mm; font-size: 13px; font-family: inherit; }
.chart-sheet td.n { text-align: right; }`;
  return { ...printable(t.title, css, body), count: t.rows.length, missing: [] };
}
