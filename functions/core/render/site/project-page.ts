import type { FieldChange, ProjectVersion } from '../../model/history';
import type { Announcement, MigriEnrichment, ProjectRecord, QualityFlag } from '../../model/project';
import type { RenderContext } from '../render-context';
import type { SiteAssets } from './assets';
import { truncate } from './charts';
import { formatDate, formatEuros, formatTimestamp } from './format';
import { externalHref, html, type SafeHtml } from './html';
import { LANGS, type Lang, MESSAGES, type Messages } from './i18n';
import { SELECTION_MESSAGES } from './i18n-selection';
import { renderPage } from './layout';
import { frontPageKey, projectJsonKey, projectPageKey, relativeHref } from './paths';
import { beneficiaryLink } from './project-list';
import { qualityText } from './quality-text';
import { inLang, langAttr, recordLang } from './source-lang';
import { projectFeedLinks } from './subscriber-feed-links';

export interface ProjectPageInput {
  readonly ctx: RenderContext;
  readonly lang: Lang;
  readonly assets: SiteAssets;
  readonly record: ProjectRecord;
  /** The project's versions, oldest first. */
  readonly history: readonly ProjectVersion[];
  /** When the feed began (its first run's time): a project first seen then is part of the baseline, not new. */
  readonly baselineAt?: string | null;
}

const DASH = '–';

/** Scraped text with blank lines as paragraph breaks and single line breaks kept. */
function paragraphs(text: string | null): SafeHtml {
  if (!text || text.trim() === '') return html`<p>${DASH}</p>`;
  return html`${text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => html`<p>${p.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>`)}`;
}

function link(url: string | null | undefined, text: string): SafeHtml {
  const href = externalHref(url);
  return href ? html`<a href="${href}">${text}</a>` : html`${text}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function dateOrDash(lang: Lang, iso: string | null): SafeHtml | string {
  return iso ? html`<time datetime="${iso}">${formatDate(lang, iso)}</time>` : DASH;
}

function timestamp(lang: Lang, iso: string | null): SafeHtml | string {
  return iso ? html`<time datetime="${iso}">${formatTimestamp(lang, iso)}</time>` : DASH;
}

/** A field's value as the history shows it, in the interface language where it is a label. */
export function historyValue(field: string, value: unknown, lang: Lang, t: Messages): SafeHtml {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return html`<span class="muted">${t.empty}</span>`;
  }
  const v = value as Record<string, unknown>;
  switch (field) {
    case 'euFundingEur':
      return typeof value === 'number' ? html`${formatEuros(lang, value)}` : html`${String(value)}`;
    case 'startDate':
    case 'endDate':
      return typeof value === 'string' ? html`${formatDate(lang, value)}` : html`${String(value)}`;
    case 'status':
      return html`${typeof value === 'string' && value in t.statusLabels ? t.statusLabels[value as keyof Messages['statusLabels']] : String(value)}`;
    case 'beneficiary':
      return html`${inLang(lang, 'fi', String(v.name ?? ''))} (${String(v.id ?? '')})`;
    case 'specificObjective':
      return html`${String(v.code ?? '')} ${inLang(lang, 'fi', String(v.name ?? ''))}`;
    case 'sources':
      return html`${(value as { id?: unknown; url?: unknown }[]).map((s, i) => html`${i > 0 ? ', ' : ''}${String(s.id ?? '')}`)}`;
    case 'announcements':
      return html`${(value as { date?: unknown; amountEur?: unknown }[]).map(
        (a, i) =>
          html`${i > 0 ? '; ' : ''}${formatDate(lang, String(a.date ?? ''))}${typeof a.amountEur === 'number' ? html` ${formatEuros(lang, a.amountEur)}` : ''}`,
      )}`;
    case 'quality':
      return html`${(value as { code?: unknown; field?: unknown }[]).map((q, i) => {
        const field = String(q.field ?? '');
        return html`${i > 0 ? '; ' : ''}${t.fieldLabels[field] ?? field}: ${String(q.code ?? '')}`;
      })}`;
    case 'migri':
      return inLang(lang, 'fi', String(v.title ?? ''));
    case 'summary':
      return lang === 'fi'
        ? paragraphs(String(value))
        : html`<div lang="fi">${paragraphs(String(value))}</div>`;
    case 'name':
    case 'acronym':
      return inLang(lang, 'fi', String(value));
    default:
      return typeof value === 'object' ? html`${JSON.stringify(value)}` : html`${String(value)}`;
  }
}

function fieldChangeRow(f: FieldChange, lang: Lang, t: Messages): SafeHtml {
  const old = historyValue(f.field, f.old, lang, t);
  const now = historyValue(f.field, f.new, lang, t);
  return html`<tr><th scope="row">${t.fieldLabels[f.field] ?? f.field}</th><td class="old">${old}</td><td class="new">${now}</td></tr>`;
}

function historyEntry(version: ProjectVersion, lang: Lang, t: Messages, baselineAt: string | null): SafeHtml {
  const at = html`<time datetime="${version.changedAt}">${formatTimestamp(lang, version.changedAt)}</time>`;
  const heading = html`${t.versionLabel(version.version)} · ${at} · ${t.changeKinds[version.kind]}`;
  let body: SafeHtml;
  if (version.kind === 'new') {
    body = html`<p>${version.changedAt === baselineAt ? SELECTION_MESSAGES[lang].historyBaseline : t.historyFirst}</p>`;
  } else if (version.fields.length === 0) {
    body = html`<p>${t.historyNoFields}</p>`;
  } else {
    body = html`<div class="table-scroll"><table class="diff"><caption class="visually-hidden">${t.versionLabel(version.version)}</caption>
<thead><tr><th scope="col">${t.historyField}</th><th scope="col">${t.historyOld}</th><th scope="col">${t.historyNew}</th></tr></thead>
<tbody>${version.fields.map((f) => fieldChangeRow(f, lang, t))}</tbody>
</table></div>`;
  }
  return html`<li><h3>${heading}</h3>${body}</li>`;
}

/**
 * Migri's description of the project: on the Swedish and English pages its text from Migri's page in
 * that language when that page has the block, else the Finnish text (marked lang="fi"). A translated
 * block without a title of its own shows the Finnish title.
 */
function migriSection(m: MigriEnrichment, lang: Lang, t: Messages): SafeHtml {
  const own = lang === 'fi' ? undefined : m[lang];
  const textLang: Lang = own ? lang : 'fi';
  const titleLang: Lang = own?.title ? lang : 'fi';
  const text = own ?? m;
  return html`<p class="note">${own ? t.migriIntroOwnLang : t.migriIntro}</p>
<dl class="fields">
<dt>${t.migriTitle}</dt><dd${langAttr(lang, titleLang)}>${link(text.url, own?.title ?? m.title)}</dd>
<dt>${t.migriSchedule}</dt><dd${langAttr(lang, textLang)}>${text.schedule ?? DASH}</dd>
<dt>${t.migriDescription}</dt><dd class="text-block"${langAttr(lang, textLang)}>${paragraphs(text.description)}</dd>
<dt>${t.migriGoals}</dt><dd class="text-block"${langAttr(lang, textLang)}>${paragraphs(text.goals)}</dd>
<dt>${t.migriMatchedBy}</dt><dd>${own ? `${m.matchedBy}; ${own.matchedBy}` : m.matchedBy}</dd>
</dl>`;
}

/** What the parts of one project page are drawn from. */
interface ProjectParts {
  readonly lang: Lang;
  readonly t: Messages;
  readonly r: ProjectRecord;
  /** A site key as a link relative to this page. */
  readonly rel: (key: string) => string;
}

/** The details list: every field of the record, a dash for what it lacks. */
function projectFields({ lang, t, r, rel }: ProjectParts): [string, SafeHtml | string][] {
  // The record's texts are in its source's language; the sources' and Migri's texts are Finnish.
  const own = (value: string) => inLang(lang, recordLang(r), value);
  const fi = (value: string) => inLang(lang, 'fi', value);
  return [
    [t.name, own(r.name)],
    [t.acronym, r.acronym === null ? DASH : own(r.acronym)],
    [t.id, html`<code>${r.id}</code>`],
    [t.programme, r.programme],
    [t.fund, r.fund],
    [t.beneficiary, beneficiaryLink({ lang, t, st: SELECTION_MESSAGES[lang], rel }, r)],
    [t.beneficiaryId, html`<code>${r.beneficiary.id}</code>`],
    [
      t.specificObjective,
      r.specificObjective ? html`${r.specificObjective.code} ${fi(r.specificObjective.name)}` : DASH,
    ],
    [t.nationalObjective, r.nationalObjective ?? DASH],
    [t.euFunding, r.euFundingEur === null ? DASH : formatEuros(lang, r.euFundingEur)],
    [t.start, dateOrDash(lang, r.startDate)],
    [t.end, dateOrDash(lang, r.endDate)],
    [t.website, r.website ? link(r.website, r.website) : DASH],
    [t.status, t.statusLabels[r.status]],
    ...(r.removedAt ? ([[t.removedAt, timestamp(lang, r.removedAt)]] as [string, SafeHtml | string][]) : []),
    [t.firstSeenAt, timestamp(lang, r.firstSeenAt)],
    [t.lastChangedAt, timestamp(lang, r.lastChangedAt)],
    [t.version, String(r.version)],
  ];
}

function announcementRow(a: Announcement, lang: Lang, t: Messages): SafeHtml {
  const amount = a.amountEur === null ? DASH : formatEuros(lang, a.amountEur);
  const date = dateOrDash(lang, a.date);
  return html`<tr><th scope="row">${date}</th><td>${t.languageNames[a.lang]}</td><td class="num">${amount}</td><td>${link(a.url, hostOf(a.url))}</td></tr>`;
}

/** The press releases that announced the project, as a table. */
function announcementsBlock({ lang, t, r }: ProjectParts): SafeHtml {
  if (r.announcements.length === 0) return html`<p>${t.announcementsNone}</p>`;
  const headings = [
    html`<th scope="col">${t.announcementDate}</th>`,
    html`<th scope="col">${t.announcementLang}</th>`,
    html`<th scope="col" class="num">${t.announcementAmount}</th>`,
    html`<th scope="col">${t.announcementLink}</th>`,
  ];
  return html`<div class="table-scroll"><table><caption class="visually-hidden">${t.announcementsHeading}</caption>
<thead><tr>${headings}</tr></thead>
<tbody>${r.announcements.map((a) => announcementRow(a, lang, t))}</tbody>
</table></div>`;
}

function qualityItem(q: QualityFlag, lang: Lang, t: Messages): SafeHtml {
  const raw = q.raw !== null ? html` ${t.qualityRaw}: <q${langAttr(lang, 'fi')}>${q.raw}</q>` : '';
  const source = html`<span class="muted">(<code>${q.code}</code>${q.source ? html`, ${q.source}` : ''})</span>`;
  return html`<li><strong>${t.fieldLabels[q.field] ?? q.field}</strong>: ${qualityText(q.code, lang)}${raw} ${source}</li>`;
}

function qualityBlock({ lang, t, r }: ProjectParts): SafeHtml {
  if (r.quality.length === 0) return html`<p>${t.qualityNone}</p>`;
  return html`<ul class="quality">${r.quality.map((q) => qualityItem(q, lang, t))}</ul>`;
}

/** Under the title: the beneficiary, the EU funding and the dates, each when known. */
function leadLine({ lang, t, r, rel }: ProjectParts): SafeHtml {
  const beneficiary = beneficiaryLink({ lang, t, st: SELECTION_MESSAGES[lang], rel }, r);
  const funding = r.euFundingEur === null ? '' : html` · ${formatEuros(lang, r.euFundingEur)}`;
  const start = r.startDate ? formatDate(lang, r.startDate) : '?';
  const end = r.endDate ? formatDate(lang, r.endDate) : '?';
  const dates = r.startDate || r.endDate ? html` · ${start} – ${end}` : '';
  return html`<p class="lead">${beneficiary}${funding}${dates}</p>`;
}

function sourceItem({ lang }: ProjectParts, source: { id: string; url: string }, title: string): SafeHtml {
  return html`<li>${inLang(lang, 'fi', link(source.url, title))} <span class="muted">(${source.url})</span></li>`;
}

export function renderProjectPage(input: ProjectPageInput): string {
  const { ctx, lang, assets, record: r } = input;
  const t = MESSAGES[lang];
  const key = projectPageKey(lang, r.id);
  const parts: ProjectParts = { lang, t, r, rel: (target: string) => relativeHref(key, target) };
  const { rel } = parts;
  const sourceTitles = new Map(ctx.meta.sources.map((s) => [s.id, s.title]));
  const rl = recordLang(r);
  const history = [...input.history].sort((a, b) => b.version - a.version);
  const migri = r.migri ? migriSection(r.migri, lang, t) : html`<p>${t.migriNone}</p>`;
  const sources = r.sources.map((s) => sourceItem(parts, s, sourceTitles.get(s.id) ?? s.id));

  const main = html`<p class="breadcrumb"><a href="${rel(`${frontPageKey(lang)}#all-projects`)}">← ${t.backToList}</a></p>
<h1${langAttr(lang, rl)}>${r.name}</h1>
${leadLine(parts)}
<section aria-labelledby="details-h">
<h2 id="details-h">${t.projectDetails}</h2>
<dl class="fields">${projectFields(parts).map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
<p class="note">${SELECTION_MESSAGES[lang].datesNote}</p>
</section>
<section aria-labelledby="summary-h">
<h2 id="summary-h">${t.summary}</h2>
<div class="text-block"${langAttr(lang, rl)}>${paragraphs(r.summary)}</div>
</section>
<section aria-labelledby="sources-h">
<h2 id="sources-h">${t.sources}</h2>
<ul>${sources}</ul>
<p><a href="${rel(projectJsonKey(r.id))}">${t.projectJson}</a></p>
</section>
<section aria-labelledby="migri-h">
<h2 id="migri-h">${t.migriHeading}</h2>
${migri}
</section>
<section aria-labelledby="announcements-h">
<h2 id="announcements-h">${t.announcementsHeading}</h2>
${announcementsBlock(parts)}
</section>
<section aria-labelledby="quality-h">
<h2 id="quality-h">${t.qualityHeading}</h2>
${qualityBlock(parts)}
</section>
<section aria-labelledby="history-h">
<h2 id="history-h">${t.historyHeading}</h2>
<p>${t.historyIntro}</p>
<ol class="timeline" reversed>${history.map((v) => historyEntry(v, lang, t, input.baselineAt ?? null))}</ol>
</section>`;

  return renderPage({
    lang,
    key,
    alternates: Object.fromEntries(LANGS.map((l) => [l, projectPageKey(l, r.id)])) as Record<Lang, string>,
    title: `${r.name} – ${t.siteTitle}`,
    description: truncate(r.summary.replace(/\s+/g, ' ').trim() || r.name, 160),
    assets,
    config: ctx.config,
    main,
    feeds: projectFeedLinks(r, lang),
  });
}
