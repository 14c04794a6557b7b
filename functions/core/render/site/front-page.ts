import { baselineOf } from '../../model/baseline';
import type { ProjectVersion } from '../../model/history';
import { fundingTotal } from '../../model/organisation';
import type { ProjectRecord } from '../../model/project';
import { PROJECT_COLUMNS } from '../project-columns';
import type { RenderContext } from '../render-context';
import type { SiteAssets } from './assets';
import { centsOf, objectiveKey, objectiveLabel } from './charts';
import { chartsSection } from './charts-section';
import { FOLLOW_MESSAGES, followSection } from './follow-section';
import {
  formatCentsShort,
  formatDate,
  formatEuros,
  formatInteger,
  formatPercent,
  formatTimestamp,
} from './format';
import type { FrontPageData } from './front-page-data';
import { type HtmlValue, html, type SafeHtml } from './html';
import { type DownloadKey, LANGS, type Lang, MESSAGES, type Messages, SORT_KEYS } from './i18n';
import { SELECTION_MESSAGES, type SelectionMessages } from './i18n-selection';
import { renderPage } from './layout';
import {
  DATA_FILES,
  frontPageKey,
  objectivePageKey,
  organisationPageKey,
  projectPageKey,
  relativeHref,
} from './paths';
import {
  beneficiaryLink,
  byFundingDesc,
  type ListParts,
  projectTableHeadings,
  selectionText,
  totalsByProgramme,
} from './project-list';
import { langAttr, recordLang } from './source-lang';

export interface FrontPageInput {
  readonly ctx: RenderContext;
  readonly lang: Lang;
  readonly assets: SiteAssets;
  /** What the page counts and sums, the same for every language (frontPageData). */
  readonly data: FrontPageData;
}

const RECENT_LIMIT = 10;
/**
 * Rows of the project table written into the front page itself. Beyond them the page says how
 * many there are and links the full lists; the script loads the rest from v1/projects.json when
 * asked (a search, a filter, a sort or "show all"). Keeps each front page near 0.5 MB however many
 * projects exist (at 20 000 projects a full table was 11.6 MB per language).
 */
export const FRONT_PAGE_TABLE_ROWS = 500;

function timeEl(lang: Lang, iso: string, kind: 'date' | 'timestamp'): SafeHtml {
  return html`<time datetime="${iso}">${kind === 'date' ? formatDate(lang, iso) : formatTimestamp(lang, iso)}</time>`;
}

export function renderFrontPage(input: FrontPageInput): string {
  const { ctx, lang, assets, data } = input;
  const t = MESSAGES[lang];
  const key = frontPageKey(lang);
  const rel = (target: string) => relativeHref(key, target);
  const parts: PageParts = { ctx, data, lang, t, st: SELECTION_MESSAGES[lang], rel };
  const main = html`<h1>${t.siteTitle}</h1>
<p class="lead">${t.siteIntro}</p>
<nav class="toc" aria-label="${t.pageNav}"><ul>
<li><a href="#figures">${t.keyFigures}</a></li>
<li><a href="#charts">${t.charts}</a></li>
<li><a href="#all-projects">${t.allProjects}</a></li>
<li><a href="#changes">${t.latestChanges}</a></li>
<li><a href="#downloads">${t.downloads}</a></li>
<li><a href="#follow">${FOLLOW_MESSAGES[lang].heading}</a></li>
<li><a href="#sources">${t.sourcesHeading}</a></li>
</ul></nav>
${SECTIONS.map((section, i) => html`${i > 0 ? '\n' : ''}${section(parts)}`)}`;
  return renderPage({
    lang,
    key,
    alternates: Object.fromEntries(LANGS.map((l) => [l, frontPageKey(l)])) as Record<Lang, string>,
    title: t.siteTitle,
    description: t.siteIntro,
    assets,
    config: ctx.config,
    main,
  });
}

/** What every section of the front page is drawn from. */
interface PageParts {
  readonly ctx: RenderContext;
  readonly data: FrontPageData;
  readonly lang: Lang;
  readonly t: Messages;
  readonly st: SelectionMessages;
  /** A site key as a link relative to this page. */
  readonly rel: (key: string) => string;
}

function span(className: string, content: HtmlValue): SafeHtml {
  return html`<span class="${className}">${content}</span>`;
}

/** One key figure: its term, and the value and details that describe it. */
function figure(term: string, details: readonly SafeHtml[], attributes: SafeHtml | '' = ''): SafeHtml {
  return html`<div class="figure"${attributes}><dt>${term}</dt><dd>${details}</dd></div>`;
}

function figuresSection({ ctx, data, lang, t, rel }: PageParts): SafeHtml {
  const { allocation, awardedCents: awarded, lastChangedAt: changed } = data;
  const share = allocation.eur > 0 ? awarded / 100 / allocation.eur : 0;
  const meterWidth = Math.max(0, Math.min(100, share * 100));
  const started = ctx.report.startedAt;
  const allocationSource = allocation.sourceUrl
    ? html`<a href="${allocation.sourceUrl}">${t.allocationSource}</a>`
    : t.allocationSource;
  const bar = html`<rect width="${String(Math.round(meterWidth * 10) / 10)}" height="10"/>`;
  const meter = html`<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">${bar}</svg>`;
  const figures = join([
    figure(t.projects, [
      span('value', formatInteger(lang, data.activeCount)),
      span('detail', t.projectsNote(data.removedCount)),
    ]),
    figure(t.totalFunding, [
      span('value', formatCentsShort(lang, Math.round(ctx.meta.totalEuFundingEur * 100))),
      span('detail', html`${formatEuros(lang, ctx.meta.totalEuFundingEur)}; ${t.totalFundingNote}`),
    ]),
    figure(t.allocationShare, [
      span('value', formatPercent(lang, share)),
      span(
        'detail',
        t.allocationNote(formatCentsShort(lang, awarded), formatCentsShort(lang, allocation.eur * 100)),
      ),
      span('detail', allocationSource),
      span('meter', meter),
    ]),
    figure(t.lastUpdate, [span('value', changed ? timeEl(lang, changed, 'date') : t.unknown)]),
    figure(
      t.lastCheck,
      [
        span('value', html`<time datetime="${started}" data-kind="date">${formatDate(lang, started)}</time>`),
        span(
          'detail',
          html`<time datetime="${started}" data-kind="timestamp">${formatTimestamp(lang, started)}</time>`,
        ),
      ],
      html` data-status-url="${rel(DATA_FILES.status)}"`,
    ),
  ]);
  return html`<section id="figures" aria-labelledby="figures-h">
<h2 id="figures-h">${t.keyFigures}</h2>
<dl class="figures">
${figures}</dl>
</section>`;
}

interface Option {
  readonly value: string;
  readonly label: string;
  /** The label's language, when it is not the page's (a beneficiary's name as published). */
  readonly lang?: Lang;
}

function select(
  id: string,
  name: string,
  label: string,
  options: readonly Option[],
  allLabel: string,
): SafeHtml {
  const choices = options.map(
    (o) => html`<option value="${o.value}"${o.lang ? html` lang="${o.lang}"` : ''}>${o.label}</option>`,
  );
  return html`<div><label for="${id}">${label}</label><select id="${id}" name="${name}"><option value="">${allLabel}</option>${choices}</select></div>`;
}

/**
 * Filter values as the URL query carries them. Table rows carry them in data attributes, except
 * the programme, which the script reads from the programme cell (the fourth) to keep rows small.
 */
export function rowFilterValues(record: ProjectRecord) {
  return {
    programme: record.programme,
    so: objectiveKey(record),
    beneficiary: record.beneficiary.id,
    status: record.status,
    year: record.startDate?.slice(0, 4) ?? 'none',
  };
}

function projectsSection(parts: PageParts): SafeHtml {
  const { ctx, lang, t, st, rel } = parts;
  const records = ctx.records;
  const partial = records.length > FRONT_PAGE_TABLE_ROWS;
  const list: ListParts = { lang, t, st, rel };
  const rows = byFundingDesc(records)
    .slice(0, FRONT_PAGE_TABLE_ROWS)
    .map((r) => projectRow(list, r));
  const orgHref = rel(organisationPageKey(lang, 'ID-PLACEHOLDER')).replace('ID-PLACEHOLDER', '{id}');
  const partialData = partial ? partialTableData(lang, t, records.length, rel) : '';
  const tableData = html`data-projects-url="${rel(DATA_FILES.projectsJson)}" data-org-href="${orgHref}"${partialData}`;
  return html`<section id="all-projects" aria-labelledby="all-projects-h">
<h2 id="all-projects-h">${t.allProjects}</h2>
${objectivesNav(parts)}
<details id="filters-toggle" class="filters-toggle"><summary>${st.filtersToggle}</summary>
${filterForm(parts)}
</details>
<p id="shown-count" class="shown-count" role="status" data-template="${t.shownCount('{shown}', '{total}')}">${t.shownCount(rows.length, records.length)}</p>
${selectionLine(parts)}
${partial ? partialTableNote(lang, t, rows.length, records.length, rel) : ''}
<div class="table-scroll" role="region" aria-labelledby="projects-caption" tabindex="0">
<table id="projects-table" class="projects-table" ${tableData}>
<caption id="projects-caption">${t.tableCaption}</caption>
<thead><tr>${projectTableHeadings(t, true)}</tr></thead>
<tbody>
${join(rows)}
</tbody>
</table>
</div>
</section>`;
}

function filterForm({ data, lang, t }: PageParts): SafeHtml {
  const search = html`<label for="f-q">${t.search}</label><span class="hint" id="f-q-hint">${t.searchHint}</span>`;
  const sortOptions = SORT_KEYS.map((k) => html`<option value="${k}">${t.sortOptions[k]}</option>`);
  const buttons = html`<button class="button" type="submit">${t.applyFilters}</button><button class="button secondary" type="reset">${t.clearFilters}</button>`;
  return html`<form id="filters" class="filters" method="get" action="#all-projects" role="search" aria-label="${t.allProjects}">
<div class="search">${search}<input id="f-q" name="q" type="search" aria-describedby="f-q-hint" autocomplete="off"></div>
${select(
  'f-programme',
  'programme',
  t.programme,
  data.programmes.map((p) => ({ value: p, label: p })),
  t.all,
)}
${select(
  'f-so',
  'so',
  t.specificObjective,
  data.objectives.map((k) => ({ value: k, label: objectiveLabel(k, t) })),
  t.all,
)}
${select('f-beneficiary', 'beneficiary', t.beneficiary, beneficiaryOptions(data, lang === 'fi'), t.all)}
${select(
  'f-status',
  'status',
  t.status,
  data.statuses.map((s) => ({ value: s, label: t.statusLabels[s] })),
  t.all,
)}
${select(
  'f-year',
  'year',
  t.startYear,
  data.years.map((y) => ({ value: y, label: y === 'none' ? t.unknown : y })),
  t.all,
)}
<div><label for="f-sort">${t.sortBy}</label><select id="f-sort" name="sort">${sortOptions}</select></div>
<div class="actions">${buttons}</div>
<noscript><p class="note">${t.noScriptFilters}</p></noscript>
</form>`;
}

function beneficiaryOptions(data: FrontPageData, finnishPage: boolean): Option[] {
  return data.beneficiaries.map((b) => ({
    value: b.id,
    label: b.name,
    ...(finnishPage ? {} : { lang: 'fi' as const }),
  }));
}

/** One row of the project table; the script builds the rows a cut table leaves out the same way (site-js.ts). */
function projectRow(list: ListParts, r: ProjectRecord): SafeHtml {
  const { lang, t, rel } = list;
  const f = rowFilterValues(r);
  const acronymShown = r.acronym !== null && !r.name.includes(r.acronym);
  // The values the script filters and sorts by, as data attributes of the row.
  const filters = html` data-so="${f.so}" data-beneficiary="${f.beneficiary}" data-status="${f.status}" data-year="${f.year}"`;
  const sorts = html` data-eu="${r.euFundingEur === null ? '' : centsOf(r)}" data-start="${r.startDate ?? ''}"`;
  const acronym = r.acronym ? html` data-acronym="${r.acronym}"` : '';
  const name = html`<a href="${rel(projectPageKey(lang, r.id))}">${r.name}</a>${acronymShown ? html` <span class="acronym">(${r.acronym})</span>` : ''}`;
  const funding = r.euFundingEur === null ? '–' : formatEuros(lang, r.euFundingEur);
  const start = r.startDate ? formatDate(lang, r.startDate) : '–';
  const end = r.endDate ? formatDate(lang, r.endDate) : '–';
  const cells = html`<td>${beneficiaryLink(list, r)}</td><td>${r.specificObjective?.code ?? '–'}</td><td class="nowrap">${r.programme}</td>`;
  const figures = html`<td class="num">${funding}</td><td class="date">${start}</td><td class="date">${end}</td>`;
  const head = html`<th scope="row"${langAttr(lang, recordLang(r))}>${name}</th>`;
  return html`<tr data-id="${r.id}"${filters}${sorts}${acronym}>${head}${cells}${figures}<td>${t.statusLabels[r.status]}</td></tr>`;
}

/**
 * The selection's count and EU funding (every project before the script narrows it), and what the
 * script needs to keep it current and to download the selection: the line's template, the number
 * formats it shares with the server, and projects.csv, whose rows it copies as they are.
 */
function selectionLine({ ctx, lang, st, rel }: PageParts): SafeHtml {
  const records = ctx.records;
  const text = selectionText(lang, st, fundingTotal(records), totalsByProgramme(records));
  const template = html` data-template="${st.selectionTotal('{count}', '{amount}')}"`;
  const csv = html` data-csv-url="${rel(DATA_FILES.projectsCsv)}" data-csv-id-column="${PROJECT_COLUMNS.findIndex((c) => c.name === 'id')}"`;
  return html`<p id="selection-total" class="selection-total"${template}${csv} data-download-label="${st.downloadSelection}">${text}</p>`;
}

/** Links to the pages of the 2021–2027 programme's specific objectives, which give their totals without the script. */
function objectivesNav({ data, lang, t, st, rel }: PageParts): SafeHtml {
  const codes = data.objectiveCodes;
  if (codes.length === 0) return html``;
  const items = codes.map(
    (c) => html`<li><a href="${rel(objectivePageKey(lang, c))}">${objectiveLabel(c, t)}</a></li>`,
  );
  return html`<nav class="objectives-nav" aria-label="${st.objectivesNav}"><p>${st.objectivesNav}:</p><ul>${items}</ul></nav>`;
}

/** Says, without the script too, that the table is cut short and where the full lists are. */
function partialTableNote(
  lang: Lang,
  t: Messages,
  shown: number,
  total: number,
  rel: (k: string) => string,
): SafeHtml {
  const files = html`<a href="${rel(DATA_FILES.projectsCsv)}">projects.csv</a>, <a href="${rel(DATA_FILES.projectsJson)}">projects.json</a>`;
  return html`<p id="table-partial" class="note">${t.tablePartial(formatInteger(lang, shown), formatInteger(lang, total))} ${files}.</p>`;
}

/**
 * What the script needs to build the rows the page leaves out exactly as the server writes them:
 * the total, a project page link with `{id}` in it, and the status labels of this language.
 */
function partialTableData(lang: Lang, t: Messages, total: number, rel: (k: string) => string): SafeHtml {
  const href = rel(projectPageKey(lang, 'ID-PLACEHOLDER')).replace('ID-PLACEHOLDER', '{id}');
  const labels = html` data-status-labels="${JSON.stringify(t.statusLabels)}"`;
  return html` data-total="${total}" data-project-href="${href}"${labels} data-show-all="${t.showAll(formatInteger(lang, total))}"`;
}

function join(parts: readonly SafeHtml[]): SafeHtml {
  return html`${parts.map((p) => html`${p}\n`)}`;
}

const SHORT_FIELDS = new Set([
  'euFundingEur',
  'startDate',
  'endDate',
  'status',
  'name',
  'acronym',
  'programme',
]);

function shortValue(field: string, value: unknown, lang: Lang, t: Messages): string {
  if (value === null || value === undefined || value === '') return t.empty;
  if (field === 'euFundingEur' && typeof value === 'number') return formatEuros(lang, value);
  if ((field === 'startDate' || field === 'endDate') && typeof value === 'string')
    return formatDate(lang, value);
  if (field === 'status' && typeof value === 'string' && value in t.statusLabels) {
    return t.statusLabels[value as keyof Messages['statusLabels']];
  }
  return String(value);
}

function changeItem(v: ProjectVersion, lang: Lang, t: Messages, rel: (k: string) => string): SafeHtml {
  const link = html`<a href="${rel(projectPageKey(lang, v.id))}"${langAttr(lang, recordLang(v.record))}>${v.record.name}</a>`;
  let detail: SafeHtml | string = '';
  if (v.kind === 'new') {
    const amount = v.record.euFundingEur === null ? null : formatEuros(lang, v.record.euFundingEur);
    const beneficiary = v.record.beneficiary;
    const href = rel(organisationPageKey(lang, beneficiary.id));
    detail = html` – <a href="${href}"${langAttr(lang, recordLang(v.record))}>${beneficiary.name}</a>${amount ? html`, ${amount}` : ''}`;
  } else if (v.fields.length > 0) {
    detail = html`: ${v.fields.map((f, i) => {
      const label = t.fieldLabels[f.field] ?? f.field;
      const sep = i > 0 ? '; ' : '';
      return SHORT_FIELDS.has(f.field)
        ? html`${sep}${label} ${shortValue(f.field, f.old, lang, t)} → ${shortValue(f.field, f.new, lang, t)}`
        : html`${sep}${label}`;
    })}`;
  }
  return html`<li>${timeEl(lang, v.changedAt, 'date')} <span class="kind">${t.changeKinds[v.kind]}</span> ${link}${detail}</li>`;
}

function changesSection({ ctx, lang, t, st, rel }: PageParts): SafeHtml {
  const baselineAt = ctx.baselineAt ?? baselineOf(ctx.records);
  // The feed's first run saw every project at once: that is when the feed began, not when they were funded.
  const isBaseline = (v: ProjectVersion) => v.kind === 'new' && v.changedAt === baselineAt;
  const baseline = ctx.recentChanges.filter(isBaseline).length;
  const fresh = ctx.recentChanges.filter((v) => v.kind === 'new' && !isBaseline(v));
  const other = ctx.recentChanges.filter((v) => v.kind !== 'new');
  const changeFiles = [
    html`<a href="${rel(DATA_FILES.changes)}">${t.files.changes}</a>`,
    html` · <a href="${rel(DATA_FILES.feedAtom)}">Atom</a>`,
    html` · <a href="${rel(DATA_FILES.feedJson)}">JSON Feed</a>`,
  ];
  const list = (versions: readonly ProjectVersion[]) =>
    versions.length === 0
      ? html`<p>${t.noChanges}</p>`
      : html`<ul class="changes">${versions.slice(0, RECENT_LIMIT).map((v) => changeItem(v, lang, t, rel))}</ul>${
          versions.length > RECENT_LIMIT
            ? html`<p class="note"><a href="${rel(DATA_FILES.changes)}">${st.moreChanges(versions.length - RECENT_LIMIT)}</a></p>`
            : ''
        }`;
  return html`<section id="changes" aria-labelledby="changes-h">
<h2 id="changes-h">${t.latestChanges}</h2>
<h3>${t.newAwards}</h3>
<p class="note">${st.newAwardsNote}</p>
${list(fresh)}
${baseline > 0 && baselineAt ? html`<p class="note baseline">${st.baseline(baseline, formatDate(lang, baselineAt))}</p>\n` : ''}<h3>${t.otherChanges}</h3>
${list(other)}
<p>${changeFiles}</p>
<p class="note">${t.changesFeedNote}</p>
</section>`;
}

const DOWNLOAD_ORDER: readonly DownloadKey[] = [
  'projectsJson',
  'projectsXlsx',
  'projectsCsv',
  'projectsExcelCsv',
  'datapackage',
  'catalogTtl',
  'catalogJsonld',
  'feedAtom',
  'feedJson',
  'changes',
  'snapshots',
  'status',
];

function downloadsSection({ ctx, data, lang, t, rel }: PageParts): SafeHtml {
  const licence = ctx.config.licence;
  const changed = data.lastChangedAt;
  const url = `${ctx.config.publicBaseUrl}/`;
  return html`<section id="downloads" aria-labelledby="downloads-h">
<h2 id="downloads-h">${t.downloads}</h2>
<p>${t.downloadsIntro}</p>
<ul class="downloads">${DOWNLOAD_ORDER.map((k) => html`<li><a href="${rel(DATA_FILES[k])}">${t.files[k]}</a> <code>${DATA_FILES[k]}</code></li>`)}</ul>
<h3>${t.licenceHeading}</h3>
<p>${t.licenceText(licence.id.replace(/-/g, ' '))} <a href="${licence.url}" rel="license">${licence.title}</a></p>
<h3>${t.citationHeading}</h3>
<p class="citation">${t.citationText} ${url}${changed ? html` (${t.lastUpdate.toLowerCase()} ${formatDate(lang, changed)})` : ''}</p>
</section>`;
}

function sourceItem(s: RenderContext['meta']['sources'][number], lang: Lang, t: Messages): SafeHtml {
  const publisher = s.title.includes(s.publisher)
    ? ''
    : html` <span${langAttr(lang, 'fi')}>(${s.publisher})</span>`;
  const updated = s.pageUpdated ? html` (${t.pageUpdated(formatDate(lang, s.pageUpdated))})` : '';
  return html`<li><a href="${s.url}"${langAttr(lang, 'fi')}>${s.title}</a>${publisher}${updated}</li>`;
}

function sourcesSection({ ctx, lang, t }: PageParts): SafeHtml {
  return html`<section id="sources" aria-labelledby="sources-h">
<h2 id="sources-h">${t.sourcesHeading}</h2>
<p>${t.sourcesIntro}</p>
<ul>${ctx.meta.sources.map((s) => sourceItem(s, lang, t))}</ul>
</section>`;
}

/** The page's sections in order, as its table of contents lists them. */
const SECTIONS: readonly ((parts: PageParts) => SafeHtml)[] = [
  figuresSection,
  chartsSection,
  projectsSection,
  changesSection,
  downloadsSection,
  followSection,
  sourcesSection,
];
