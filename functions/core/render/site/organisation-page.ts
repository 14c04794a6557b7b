import type { Organisation } from '../../model/organisation';
import type { ProjectRecord } from '../../model/project';
import type { RenderContext } from '../render-context';
import { subscriberFeedKey } from '../subscriber-feed-keys';
import type { SiteAssets } from './assets';
import { objectiveLabel } from './charts';
import { formatDate, formatEuros, formatInteger } from './format';
import { html, type SafeHtml } from './html';
import { LANGS, type Lang, MESSAGES } from './i18n';
import { SELECTION_MESSAGES } from './i18n-selection';
import { renderPage } from './layout';
import {
  frontPageKey,
  organisationCsvKey,
  organisationJsonKey,
  organisationPageKey,
  projectPageKey,
  relativeHref,
} from './paths';
import {
  byFundingDesc,
  type ListParts,
  projectListTable,
  selectionText,
  totalsNotes,
  totalsTable,
} from './project-list';
import { inLang } from './source-lang';

export interface OrganisationPageInput {
  readonly ctx: RenderContext;
  readonly lang: Lang;
  readonly assets: SiteAssets;
  readonly organisation: Organisation;
  /** The organisation's projects, in publication order. */
  readonly records: readonly ProjectRecord[];
}

/** One beneficiary: what it got (totals per programme and objective), its projects, spellings and announcements. */
/** The press releases that announced the organisation's projects, as a table. */
function announcementsBlock(
  org: Organisation,
  lang: Lang,
  rel: (key: string) => string,
  names: ReadonlyMap<string, string>,
): SafeHtml {
  const t = MESSAGES[lang];
  const st = SELECTION_MESSAGES[lang];
  if (org.announcements.length === 0) return html`<p>${t.announcementsNone}</p>`;
  const announcementHeadings = [
    html`<th scope="col">${t.announcementDate}</th>`,
    html`<th scope="col">${st.announcementProject}</th>`,
    html`<th scope="col" class="num">${t.announcementAmount}</th>`,
    html`<th scope="col">${t.announcementLink}</th>`,
  ];
  const announcementRow = (a: Organisation['announcements'][number]) => {
    const date = html`<time datetime="${a.date}">${formatDate(lang, a.date)}</time>`;
    const fi = lang === 'fi' ? '' : html` lang="fi"`;
    const project = html`<a href="${rel(projectPageKey(lang, a.projectId))}"${fi}>${names.get(a.projectId) ?? a.projectId}</a>`;
    const amount = a.amountEur === null ? '–' : formatEuros(lang, a.amountEur);
    const release = html`<a href="${a.url}" lang="${a.lang}">${t.languageNames[a.lang]}</a>`;
    return html`<tr><th scope="row">${date}</th><td>${project}</td><td class="num">${amount}</td><td>${release}</td></tr>`;
  };
  return html`<div class="table-scroll"><table><caption class="visually-hidden">${t.announcementsHeading}</caption>
<thead><tr>${announcementHeadings}</tr></thead>
<tbody>${org.announcements.map(announcementRow)}</tbody>
</table></div>`;
}

export function renderOrganisationPage(input: OrganisationPageInput): string {
  const { ctx, lang, assets, organisation: org } = input;
  const t = MESSAGES[lang];
  const st = SELECTION_MESSAGES[lang];
  const key = organisationPageKey(lang, org.id);
  const rel = (target: string) => relativeHref(key, target);
  const parts: ListParts = { lang, t, st, rel };
  const names = new Map(input.records.map((r) => [r.id, r.name]));
  const feed = subscriberFeedKey('beneficiary', org.id, 'atom');
  const byObjective = org.byObjective.map((o) => ({
    label: html`${o.programme} · ${o.specificObjective ? objectiveLabel(o.specificObjective.code, t) : t.noObjective}`,
    total: o,
  }));
  const downloads = [
    html`<li><a href="${rel(organisationCsvKey(org.id))}">${st.csvOfPage}</a></li>`,
    html`<li><a href="${rel(organisationJsonKey(org.id))}">${st.jsonOfPage}</a></li>`,
  ];
  const announcements = announcementsBlock(org, lang, rel, names);
  const main = html`<p class="breadcrumb"><a href="${rel(`${frontPageKey(lang)}#all-projects`)}">← ${t.backToList}</a></p>
<p class="eyebrow">${st.organisation}</p>
<h1>${inLang(lang, 'fi', org.name)}</h1>
<p class="lead">${st.organisationIntro}</p>
<p class="selection-total" id="selection-total">${selectionText(lang, st, org.total, org.byProgramme)}</p>
<p class="follow"><a href="${rel(feed)}" type="application/atom+xml">${st.follow}</a> <span class="note">${st.followNote}</span></p>
<section aria-labelledby="totals-h">
<h2 id="totals-h">${st.totalsHeading}</h2>
${totalsTable(
  parts,
  st.byProgramme,
  t.programme,
  org.byProgramme.map((p) => ({ label: p.programme, total: p })),
  org.total,
)}
${totalsTable(parts, st.byObjective, t.specificObjective, byObjective, org.total)}
${totalsNotes(parts, org.total, org.removedCount)}
</section>
<section aria-labelledby="projects-h">
<h2 id="projects-h">${st.projectsHeading} (${formatInteger(lang, org.projectIds.length)})</h2>
${projectListTable(parts, byFundingDesc(input.records), st.projectsHeading)}
<ul class="downloads">${downloads}</ul>
</section>
<section aria-labelledby="names-h">
<h2 id="names-h">${st.spellings}</h2>
<p>${st.spellingsIntro}</p>
<ul>${org.names.map((n) => html`<li>${inLang(lang, 'fi', n.name)} (${formatInteger(lang, n.projectCount)})</li>`)}</ul>
<p class="note">${t.beneficiaryId}: <code>${org.id}</code></p>
</section>
<section aria-labelledby="announcements-h">
<h2 id="announcements-h">${t.announcementsHeading}</h2>
${announcements}
</section>`;
  return renderPage({
    lang,
    key,
    alternates: Object.fromEntries(LANGS.map((l) => [l, organisationPageKey(l, org.id)])) as Record<
      Lang,
      string
    >,
    title: `${org.name} – ${t.siteTitle}`,
    description: `${org.name}: ${selectionText(lang, st, org.total, org.byProgramme)}`,
    assets,
    config: ctx.config,
    main,
    feeds: [{ key: feed, type: 'application/atom+xml', title: st.follow }],
  });
}
