import type { RenderContext } from '../render-context';
import {
  barChartSvg,
  cumulativeSvg,
  describeBuckets,
  describeRange,
  objectiveLabel,
  timelineBars,
  timelineSvg,
} from './charts';
import {
  formatCents,
  formatCentsShort,
  formatDate,
  formatInteger,
  formatMonth,
  formatPercent,
} from './format';
import type { FrontPageData } from './front-page-data';
import { type HtmlValue, html, join, type SafeHtml } from './html';
import type { Lang, Messages } from './i18n';
import { organisationPageKey } from './paths';
import { langAttr } from './source-lang';

/** What the charts are drawn from: a part of the front page's PageParts. */
export interface ChartParts {
  readonly ctx: RenderContext;
  readonly data: FrontPageData;
  readonly lang: Lang;
  readonly t: Messages;
  /** A site key as a link relative to this page. */
  readonly rel: (key: string) => string;
}

/** One row of a chart's table: a header cell naming the row, then its figures. */
interface TableRow {
  /** Attributes of the `<tr>`, e.g. ` data-so="so1"`. */
  readonly attributes?: SafeHtml;
  readonly head: HtmlValue;
  /** Attributes of the row's `<th>`, e.g. a `lang` for a name in another language. */
  readonly headAttributes?: SafeHtml;
  readonly figures: readonly (string | { readonly text: string; readonly attributes: SafeHtml })[];
}

/** One chart of the front page: its picture, and the same numbers as a table for screen readers. */
interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly wide?: boolean;
  readonly legend?: SafeHtml;
  /** The picture, given the chart's id and title. */
  readonly svg: (id: string, title: string) => SafeHtml;
  /** The table's column headings: the first names the rows, the rest head figures. */
  readonly columns: readonly [string, ...string[]];
  readonly rows: readonly TableRow[];
  readonly total?: TableRow;
}

const share = (cents: number, totalCents: number) => (totalCents > 0 ? cents / totalCents : 0);

function objectiveChart({ data, lang, t }: ChartParts): ChartSpec {
  const { totalCents, activeCount } = data;
  const bySo = data.byObjective.map((b) => ({ ...b, label: objectiveLabel(b.key, t) }));
  return {
    id: 'chart-so',
    title: t.chartBySo,
    svg: (id, title) =>
      barChartSvg(
        id,
        title,
        t.descBySo(describeBuckets(bySo, lang)),
        bySo.map((b) => ({ label: b.label, cents: b.cents, className: `so-${b.key}` })),
        lang,
      ),
    columns: [t.specificObjective, t.projectCount, t.euFunding, t.share],
    rows: bySo.map((b) => ({
      attributes: html` data-so="${b.key}"`,
      head: b.label,
      figures: [
        formatInteger(lang, b.count),
        { text: formatCents(lang, b.cents), attributes: html` data-cents="${b.cents}"` },
        formatPercent(lang, share(b.cents, totalCents)),
      ],
    })),
    total: {
      head: t.total,
      figures: [
        formatInteger(lang, activeCount),
        formatCents(lang, totalCents),
        formatPercent(lang, totalCents > 0 ? 1 : 0),
      ],
    },
  };
}

function startYearChart({ data, lang, t }: ChartParts): ChartSpec {
  const byYear = data.byStartYear.map((b) => ({ ...b, label: b.key === 'none' ? t.unknown : b.key }));
  return {
    id: 'chart-year',
    title: t.chartByYear,
    svg: (id, title) =>
      barChartSvg(
        id,
        title,
        t.descByYear(describeBuckets(byYear, lang)),
        byYear.map((b) => ({ label: b.label, cents: b.cents, className: 'bar' })),
        lang,
      ),
    columns: [t.startYear, t.projectCount, t.euFunding],
    rows: byYear.map((b) => ({
      head: b.label,
      figures: [formatInteger(lang, b.count), formatCents(lang, b.cents)],
    })),
    total: {
      head: t.total,
      figures: [formatInteger(lang, data.activeCount), formatCents(lang, data.totalCents)],
    },
  };
}

function beneficiaryChart({ data, lang, t, rel }: ChartParts): ChartSpec {
  const top = data.topBeneficiaries.map((b) => ({ ...b, label: b.name }));
  return {
    id: 'chart-beneficiaries',
    title: t.chartTopBeneficiaries,
    svg: (id, title) =>
      barChartSvg(
        id,
        title,
        t.descTop(describeBuckets(top, lang)),
        top.map((b) => ({ label: b.name, cents: b.cents, className: 'bar' })),
        lang,
      ),
    columns: [t.beneficiary, t.projectCount, t.euFunding],
    // Beneficiaries' names are Finnish whatever the page's language.
    rows: top.map((b) => ({
      head: html`<a href="${rel(organisationPageKey(lang, b.key))}">${b.name}</a>`,
      headAttributes: langAttr(lang, 'fi'),
      figures: [formatInteger(lang, b.count), formatCents(lang, b.cents)],
    })),
  };
}

function timelineChart({ ctx, data, lang, t }: ChartParts): ChartSpec {
  const { periods } = data;
  const range = describeRange(lang, periods);
  const soKeys = [...new Set(periods.map((p) => p.so))].sort();
  return {
    id: 'chart-timeline',
    title: t.chartTimeline,
    note: t.chartTimelineNote,
    wide: true,
    legend: html`<ul class="legend">${soKeys.map((k) => legendItem(`so-${k}`, objectiveLabel(k, t)))}</ul>`,
    svg: (id, title) =>
      timelineSvg(
        id,
        title,
        periods.length > 0 ? t.descTimeline(periods.length, range.first, range.last) : t.noData,
        timelineBars(periods),
        { at: ctx.report.startedAt, label: t.checkedAt },
        (p) => `${p.name}: ${formatDate(lang, p.start)} – ${formatDate(lang, p.end)}`,
      ),
    columns: [t.year, t.running, t.starting, t.ending],
    rows: data.yearActivity.map((a) => ({
      head: a.year,
      figures: [
        formatInteger(lang, a.running),
        formatInteger(lang, a.starting),
        formatInteger(lang, a.ending),
      ],
    })),
  };
}

function cumulativeChart({ data, lang, t }: ChartParts): ChartSpec {
  const { months } = data;
  const first = months[0];
  const last = months[months.length - 1];
  return {
    id: 'chart-cumulative',
    title: t.chartCumulative,
    note: t.chartCumulativeNote,
    wide: true,
    svg: (id, title) =>
      cumulativeSvg(
        id,
        title,
        first && last
          ? t.descCumulative(
              formatMonth(lang, first.month),
              formatMonth(lang, last.month),
              formatCentsShort(lang, last.cumulativeCents),
            )
          : t.noData,
        months,
        lang,
      ),
    columns: [t.month, t.projectCount, t.euFunding, t.cumulative],
    rows: months.map((m) => ({
      head: html`<time datetime="${m.month}">${formatMonth(lang, m.month)}</time>`,
      figures: [
        formatInteger(lang, m.count),
        formatCents(lang, m.cents),
        formatCents(lang, m.cumulativeCents),
      ],
    })),
  };
}

/** The front page's charts, in the order they appear. */
const CHARTS: readonly ((parts: ChartParts) => ChartSpec)[] = [
  objectiveChart,
  startYearChart,
  beneficiaryChart,
  timelineChart,
  cumulativeChart,
];

function legendItem(className: string, label: string): SafeHtml {
  return html`<li><svg viewBox="0 0 10 10" aria-hidden="true" focusable="false"><rect class="${className}" width="10" height="10"/></svg>${label}</li>`;
}

function tableRow(row: TableRow): SafeHtml {
  const figures = row.figures.map((f) =>
    typeof f === 'string'
      ? html`<td class="num">${f}</td>`
      : html`<td class="num"${f.attributes}>${f.text}</td>`,
  );
  return html`<tr${row.attributes ?? ''}><th scope="row"${row.headAttributes ?? ''}>${row.head}</th>${figures}</tr>`;
}

function chartTable(chart: ChartSpec): SafeHtml {
  const [first, ...rest] = chart.columns;
  const headings = html`<th scope="col">${first}</th>${rest.map((c) => html`<th scope="col" class="num">${c}</th>`)}`;
  return html`<table><caption>${chart.title}</caption>
<thead><tr>${headings}</tr></thead>
<tbody>${chart.rows.map(tableRow)}</tbody>
${chart.total ? html`<tfoot>${tableRow(chart.total)}</tfoot>\n` : ''}</table>`;
}

function chartBlock(chart: ChartSpec, t: Messages): SafeHtml {
  return html`<section class="chart${chart.wide ? ' chart-wide' : ''}" aria-labelledby="${chart.id}-h">
<h3 id="${chart.id}-h">${chart.title}</h3>
${chart.note ? html`<p class="note">${chart.note}</p>` : ''}
${chart.legend ?? ''}
${chart.svg(chart.id, chart.title)}
<details><summary>${t.showNumbers}</summary>
<div class="table-scroll">${chartTable(chart)}</div>
</details>
</section>`;
}

/** The charts section of the front page: each chart of CHARTS drawn by one renderer. */
export function chartsSection(parts: ChartParts): SafeHtml {
  return html`<section id="charts" aria-labelledby="charts-h">
<h2 id="charts-h">${parts.t.charts}</h2>
<div class="charts">
${join(
  CHARTS.map((chart) => chartBlock(chart(parts), parts.t)),
  '\n',
)}
</div>
</section>`;
}
