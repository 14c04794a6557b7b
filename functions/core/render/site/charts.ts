/**
 * The front page's charts: the numbers (computed in integer cents, so sums are exact) and their
 * inline SVG. Each chart is an image with a title and a description for assistive technology,
 * and the numbers behind it go in a table next to it.
 */
import { commonestName } from '../../model/organisation';
import type { ProjectRecord } from '../../model/project';
import { formatCentsShort, formatDate, formatInteger } from './format';
import { html, type SafeHtml } from './html';
import type { Lang, Messages } from './i18n';

export type ObjectiveKey = '1' | '2' | '3' | 'none';

export interface Bucket<K extends string = string> {
  readonly key: K;
  readonly count: number;
  readonly cents: number;
}

export interface BeneficiaryTotal extends Bucket {
  readonly name: string;
}

export interface PeriodRow {
  readonly id: string;
  readonly name: string;
  readonly start: string;
  readonly end: string;
  readonly so: ObjectiveKey;
}

export interface YearActivity {
  readonly year: number;
  readonly running: number;
  readonly starting: number;
  readonly ending: number;
}

export interface MonthTotal {
  readonly month: string;
  readonly count: number;
  readonly cents: number;
  readonly cumulativeCents: number;
}

/** Projects the charts and headline figures count: everything not removed from its source. */
export function activeRecords(records: readonly ProjectRecord[]): ProjectRecord[] {
  return records.filter((r) => r.status !== 'removed');
}

export function centsOf(record: ProjectRecord): number {
  return record.euFundingEur === null ? 0 : Math.round(record.euFundingEur * 100);
}

export function objectiveKey(record: ProjectRecord): ObjectiveKey {
  return record.specificObjective?.code ?? 'none';
}

function addTo<K extends string>(map: Map<K, { count: number; cents: number }>, key: K, cents: number) {
  const entry = map.get(key) ?? { count: 0, cents: 0 };
  entry.count += 1;
  entry.cents += cents;
  map.set(key, entry);
}

/** EU funding per specific objective, in the order 1, 2, 3, none; empty objectives left out. */
export function fundingByObjective(records: readonly ProjectRecord[]): Bucket<ObjectiveKey>[] {
  const sums = new Map<ObjectiveKey, { count: number; cents: number }>();
  for (const r of activeRecords(records)) addTo(sums, objectiveKey(r), centsOf(r));
  return (['1', '2', '3', 'none'] as const).flatMap((key) => {
    const s = sums.get(key);
    return s ? [{ key, ...s }] : [];
  });
}

/** EU funding per start year, every year between the first and the last; unknown years last. */
export function fundingByStartYear(records: readonly ProjectRecord[]): Bucket[] {
  const sums = new Map<string, { count: number; cents: number }>();
  for (const r of activeRecords(records)) addTo(sums, r.startDate?.slice(0, 4) ?? 'none', centsOf(r));
  const years = [...sums.keys()].filter((k) => k !== 'none').map(Number);
  const out: Bucket[] = [];
  if (years.length > 0) {
    for (let y = Math.min(...years); y <= Math.max(...years); y++) {
      const s = sums.get(String(y)) ?? { count: 0, cents: 0 };
      out.push({ key: String(y), ...s });
    }
  }
  const none = sums.get('none');
  if (none) out.push({ key: 'none', ...none });
  return out;
}

/** The beneficiaries with the most EU funding, grouped by their canonical id. */
export function topBeneficiaries(records: readonly ProjectRecord[], limit = 10): BeneficiaryTotal[] {
  const groups = new Map<string, { count: number; cents: number; names: Map<string, number> }>();
  for (const r of activeRecords(records)) {
    const g = groups.get(r.beneficiary.id) ?? { count: 0, cents: 0, names: new Map<string, number>() };
    g.count += 1;
    g.cents += centsOf(r);
    g.names.set(r.beneficiary.name, (g.names.get(r.beneficiary.name) ?? 0) + 1);
    groups.set(r.beneficiary.id, g);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, count: g.count, cents: g.cents, name: commonestName(g.names) }))
    .sort((a, b) => b.cents - a.cents || a.name.localeCompare(b.name, 'fi') || (a.key < b.key ? -1 : 1))
    .slice(0, limit);
}

/** Projects with both dates, ordered by start, end and name. */
export function projectPeriods(records: readonly ProjectRecord[]): PeriodRow[] {
  return activeRecords(records)
    .filter((r) => r.startDate !== null && r.endDate !== null)
    .map((r) => ({ id: r.id, name: r.name, start: r.startDate!, end: r.endDate!, so: objectiveKey(r) }))
    .sort((a, b) => cmp(a.start, b.start) || cmp(a.end, b.end) || cmp(a.name, b.name));
}

/** Bars the timeline draws at most; one per project up to here (a taller chart says nothing more). */
export const TIMELINE_MAX_BARS = 500;

/**
 * The timeline's bars: one per period while there are at most `max`; beyond that one per run of
 * consecutive periods (in start order, `ceil(n / max)` each), from the run's first start to its
 * last end, in the colour of its commonest objective. Keeps the front page's size bounded (a bar
 * per project was 0.7 MB of SVG at 10 000 projects) while the year table keeps the exact counts.
 */
export function timelineBars(periods: readonly PeriodRow[], max = TIMELINE_MAX_BARS): readonly PeriodRow[] {
  if (periods.length <= max) return periods;
  const size = Math.ceil(periods.length / max);
  const bars: PeriodRow[] = [];
  for (let i = 0; i < periods.length; i += size) {
    const group = periods.slice(i, i + size);
    const objectives = new Map<string, number>();
    for (const p of group) objectives.set(p.so, (objectives.get(p.so) ?? 0) + 1);
    bars.push({
      id: group[0]!.id,
      name: group[0]!.name,
      start: group[0]!.start,
      end: group.reduce((latest, p) => (p.end > latest ? p.end : latest), group[0]!.end),
      so: commonestName(objectives) as ObjectiveKey,
    });
  }
  return bars;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per calendar year: how many projects run at some point of it, start in it and end in it. */
export function yearActivity(periods: readonly PeriodRow[]): YearActivity[] {
  if (periods.length === 0) return [];
  const running = new Map<number, number>();
  const starting = new Map<number, number>();
  const ending = new Map<number, number>();
  const bump = (map: Map<number, number>, year: number) => map.set(year, (map.get(year) ?? 0) + 1);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const p of periods) {
    const start = Number(p.start.slice(0, 4));
    const end = Number(p.end.slice(0, 4));
    first = Math.min(first, start);
    last = Math.max(last, end);
    bump(starting, start);
    bump(ending, end);
    // A period that ends before it starts (kept as published, with a quality flag) runs in no year.
    for (let year = start; year <= end; year++) bump(running, year);
  }
  const out: YearActivity[] = [];
  for (let year = first; year <= last; year++) {
    out.push({
      year,
      running: running.get(year) ?? 0,
      starting: starting.get(year) ?? 0,
      ending: ending.get(year) ?? 0,
    });
  }
  return out;
}

/** Awards summed by the month the project starts (the sources give no decision dates). */
export function cumulativeByMonth(records: readonly ProjectRecord[]): MonthTotal[] {
  const sums = new Map<string, { count: number; cents: number }>();
  for (const r of activeRecords(records)) {
    if (r.startDate === null || r.euFundingEur === null) continue;
    addTo(sums, r.startDate.slice(0, 7), centsOf(r));
  }
  let running = 0;
  return [...sums.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([month, s]) => {
      running += s.cents;
      return { month, count: s.count, cents: s.cents, cumulativeCents: running };
    });
}

// ---------------------------------------------------------------------------------------------
// SVG

const WIDTH = 960;
/** Bar charts sit two to a row, so they are drawn narrower and their text comes out larger. */
const BAR_WIDTH = 480;

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Shortens a label for the SVG; the table next to the chart has it in full. Counts code points. */
export function truncate(text: string, max: number): string {
  // No more UTF-16 units than `max` is no more code points either; a page's summary is often long,
  // so only the first `max` code points are ever looked at.
  if (text.length <= max) return text;
  const kept: string[] = [];
  for (const char of text) {
    if (kept.length === max)
      return `${kept
        .slice(0, max - 1)
        .join('')
        .trimEnd()}\u2026`;
    kept.push(char);
  }
  return text;
}

interface SvgFrame {
  readonly id: string;
  readonly width?: number;
  readonly title: string;
  readonly desc: string;
  readonly height: number;
  readonly body: SafeHtml;
}

function svgFrame(frame: SvgFrame): SafeHtml {
  const width = frame.width ?? WIDTH;
  const height = n(frame.height);
  const size = html`viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"`;
  const label = html`role="img" aria-labelledby="${frame.id}-title ${frame.id}-desc" focusable="false"`;
  const text = html`<title id="${frame.id}-title">${frame.title}</title><desc id="${frame.id}-desc">${frame.desc}</desc>`;
  return html`<svg xmlns="http://www.w3.org/2000/svg" ${size} ${label}>${text}${frame.body}</svg>`;
}

export interface Bar {
  readonly label: string;
  readonly cents: number;
  readonly className: string;
}

/** Horizontal bars: the label above each bar and the amount after it. */
export function barChartSvg(
  id: string,
  title: string,
  desc: string,
  bars: readonly Bar[],
  lang: Lang,
): SafeHtml {
  const width = BAR_WIDTH;
  const valueWidth = 74;
  const rowHeight = 42;
  const barArea = width - valueWidth - 4;
  const max = Math.max(1, ...bars.map((b) => b.cents));
  const height = bars.length * rowHeight + 6;
  const rows = bars.map((bar, i) => {
    const y = 4 + i * rowHeight;
    const w = bar.cents > 0 ? Math.max(1, (bar.cents / max) * barArea) : 0;
    const label = html`<text x="0" y="${n(y + 13)}">${truncate(bar.label, 70)}</text>`;
    const rect = html`<rect class="${bar.className}" x="0" y="${n(y + 18)}" width="${n(w)}" height="16"/>`;
    const value = html`<text class="value-label" x="${n(w + 6)}" y="${n(y + 31)}">${formatCentsShort(lang, bar.cents)}</text>`;
    return html`${label}${rect}${value}`;
  });
  return svgFrame({ id, title, desc, width, height, body: html`${rows}` });
}

function dayNumber(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/** A Gantt-style chart: one bar per project period, year lines, and a marker at the last check. */
export function timelineSvg(
  id: string,
  title: string,
  desc: string,
  periods: readonly PeriodRow[],
  marker: { readonly at: string; readonly label: string } | null,
  /** Each bar's label (a tooltip, and its name for whoever explores the image): project and dates. */
  label: (period: PeriodRow) => string = (p) => `${p.name}: ${p.start} – ${p.end}`,
): SafeHtml {
  if (periods.length === 0) return svgFrame({ id, title, desc, height: 20, body: html`` });
  const left = 8;
  const right = WIDTH - 8;
  const top = 26;
  const rowHeight = Math.max(2, Math.min(8, 420 / periods.length));
  const barHeight = Math.max(1.5, rowHeight - 2);
  const firstYear = Math.min(...periods.map((p) => Number(p.start.slice(0, 4))));
  const lastYear = Math.max(...periods.map((p) => Number(p.end.slice(0, 4))));
  const from = dayNumber(`${firstYear}-01-01`);
  const to = dayNumber(`${lastYear + 1}-01-01`);
  const x = (day: number) => left + ((day - from) / (to - from)) * (right - left);
  const barsBottom = top + periods.length * rowHeight;
  const height = barsBottom + (marker ? 24 : 8);
  const years: SafeHtml[] = [];
  for (let year = firstYear; year <= lastYear + 1; year++) {
    const gx = x(dayNumber(`${year}-01-01`));
    years.push(
      html`<line class="grid" x1="${n(gx)}" y1="${top - 4}" x2="${n(gx)}" y2="${n(barsBottom + 4)}"/>`,
    );
    if (year <= lastYear) {
      const mid = x(dayNumber(`${year}-07-01`));
      years.push(html`<text x="${n(mid)}" y="14" text-anchor="middle">${year}</text>`);
    }
  }
  const bars = periods.map((p, i) => {
    const x1 = x(dayNumber(p.start));
    const x2 = x(dayNumber(p.end) + 1);
    const place = html`x="${n(x1)}" y="${n(top + i * rowHeight)}" width="${n(Math.max(1, x2 - x1))}" height="${n(barHeight)}"`;
    return html`<rect class="so-${p.so}" ${place}><title>${label(p)}</title></rect>`;
  });
  let mark = html``;
  if (marker) {
    const day = dayNumber(marker.at);
    if (day >= from && day <= to) {
      const mx = x(day);
      const anchor = mx > WIDTH - 90 ? 'end' : mx < 90 ? 'start' : 'middle';
      const line = html`<line class="marker" x1="${n(mx)}" y1="${top - 4}" x2="${n(mx)}" y2="${n(barsBottom + 8)}"/>`;
      mark = html`${line}<text class="marker-label" x="${n(mx)}" y="${n(height - 2)}" text-anchor="${anchor}">${marker.label}</text>`;
    }
  }
  return svgFrame({ id, title, desc, height, body: html`<g class="axis">${years}</g>${bars}${mark}` });
}

/** A round step for axis ticks: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  const nice = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10;
  return nice * power;
}

/** The running total as a step line over time, with amount ticks and year ticks. */
export function cumulativeSvg(
  id: string,
  title: string,
  desc: string,
  months: readonly MonthTotal[],
  lang: Lang,
): SafeHtml {
  if (months.length === 0) return svgFrame({ id, title, desc, height: 20, body: html`` });
  const left = 78;
  const right = WIDTH - 16;
  const top = 12;
  const bottom = 232;
  const height = 260;
  const firstYear = Number(months[0]!.month.slice(0, 4));
  const lastYear = Number(months[months.length - 1]!.month.slice(0, 4));
  const from = dayNumber(`${firstYear}-01-01`);
  const to = dayNumber(`${lastYear + 1}-01-01`);
  const x = (day: number) => left + ((day - from) / (to - from)) * (right - left);
  const total = months[months.length - 1]!.cumulativeCents;
  const step = niceStep(total / 4);
  const yMax = Math.max(step, Math.ceil(total / step) * step);
  const y = (cents: number) => bottom - (cents / yMax) * (bottom - top);
  const grid: SafeHtml[] = [];
  for (let v = 0; v <= yMax + step / 2; v += step) {
    const line = html`<line class="grid" x1="${left}" y1="${n(y(v))}" x2="${right}" y2="${n(y(v))}"/>`;
    grid.push(
      html`${line}<text x="${left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${formatCentsShort(lang, v)}</text>`,
    );
  }
  for (let year = firstYear; year <= lastYear + 1; year++) {
    const gx = x(dayNumber(`${year}-01-01`));
    grid.push(html`<line class="grid" x1="${n(gx)}" y1="${bottom}" x2="${n(gx)}" y2="${bottom + 6}"/>`);
    if (year <= lastYear) {
      grid.push(
        html`<text x="${n(x(dayNumber(`${year}-07-01`)))}" y="${bottom + 20}" text-anchor="middle">${year}</text>`,
      );
    }
  }
  let path = `M${n(x(from))} ${n(y(0))}`;
  let previous = 0;
  for (const m of months) {
    const mx = x(dayNumber(`${m.month}-01`));
    path += ` H${n(mx)} V${n(y(m.cumulativeCents))}`;
    previous = m.cumulativeCents;
  }
  path += ` H${n(x(to))}`;
  const area = `${path} V${n(y(0))} Z`;
  const lastLabel = formatCentsShort(lang, previous);
  const baseline = html`<line class="baseline" x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}"/>`;
  const last = html`<text class="value-label" x="${right}" y="${n(Math.max(top + 10, y(previous) - 6))}" text-anchor="end">${lastLabel}</text>`;
  const body = html`<g class="axis">${grid}</g><path class="area" d="${area}"/><path class="line" d="${path}"/>${baseline}${last}`;
  return svgFrame({ id, title, desc, height, body });
}

/** The label of a specific-objective bucket in the interface language. */
export function objectiveLabel(key: ObjectiveKey, t: Messages): string {
  return key === 'none' ? t.noObjective : `${key} ${t.objectiveLabels[key]}`;
}

export function describeBuckets(
  buckets: readonly { label: string; count: number; cents: number }[],
  lang: Lang,
): string {
  return buckets
    .map((b) => `${b.label} ${formatCentsShort(lang, b.cents)} (${formatInteger(lang, b.count)})`)
    .join('; ');
}

export function describeRange(lang: Lang, periods: readonly PeriodRow[]): { first: string; last: string } {
  const first = periods.map((p) => p.start).sort()[0] ?? '';
  const last =
    periods
      .map((p) => p.end)
      .sort()
      .at(-1) ?? '';
  return { first: formatDate(lang, first), last: formatDate(lang, last) };
}
