// A bar chart as SVG for paper: the bars lie down, each labelled with its name on the left and its
// value at its end, so that long names (a unit, a kind of visit) print whole. Drawn by the main
// process beside the table it shows, escaped like every printed value (html.ts).
import { html, type Html } from './html';

export interface SvgBar {
  label: string;
  value: number;
  /** The value as printed at the bar's end (金额 in yuan, a count). */
  text: string;
}

const WIDTH = 900;
const LABEL = 170;
const VALUE = 110;
const BAR = 20;
const GAP = 8;

export function barChartSvg(bars: readonly SvgBar[], ariaLabel: string): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const room = WIDTH - LABEL - VALUE;
  const height = bars.length * (BAR + GAP) + GAP;
  return html`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${ariaLabel}">${bars.map(
    (b, i) => {
      const y = GAP + i * (BAR + GAP);
      const w = b.value > 0 ? Math.max(1, Math.round((b.value / max) * room)) : 0;
      return html`<text x="${LABEL - 8}" y="${y + BAR - 5}" text-anchor="end">${b.label}</text><rect x="${LABEL}" y="${y}" width="${w}" height="${BAR}" fill="#3b6fb6"></rect><text x="${LABEL + w + 6}" y="${y + BAR - 5}">${b.text}</text>`;
    },
  )}</svg>`;
}
