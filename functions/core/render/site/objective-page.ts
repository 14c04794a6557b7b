import { fundingTotal } from '../../model/organisation';
import type { ProjectRecord } from '../../model/project';
import type { RenderContext } from '../render-context';
import { ALLOCATION_PROGRAMME } from './allocation';
import type { SiteAssets } from './assets';
import { objectiveLabel } from './charts';
import { formatInteger } from './format';
import { html } from './html';
import { LANGS, type Lang, MESSAGES } from './i18n';
import { SELECTION_MESSAGES } from './i18n-selection';
import { renderPage } from './layout';
import { frontPageKey, objectiveCsvKey, objectivePageKey, organisationPageKey, relativeHref } from './paths';
import {
  byFundingDesc,
  type ListParts,
  projectListTable,
  selectionText,
  totalsByProgramme,
  totalsNotes,
  totalsTable,
} from './project-list';
import { inLang } from './source-lang';

/** The programme whose specific objectives have pages: the current one, the only one the codes 1–3 name. */
export const OBJECTIVE_PROGRAMME = ALLOCATION_PROGRAMME;
export type ObjectiveCode = '1' | '2' | '3';

/** The codes of the objectives that have projects of OBJECTIVE_PROGRAMME, in order. */
export function objectiveCodes(records: readonly ProjectRecord[]): ObjectiveCode[] {
  return (['1', '2', '3'] as const).filter((c) => records.some((r) => isObjectiveProject(r, c)));
}

export function isObjectiveProject(record: ProjectRecord, code: ObjectiveCode): boolean {
  return record.programme === OBJECTIVE_PROGRAMME && record.specificObjective?.code === code;
}

export interface ObjectivePageInput {
  readonly ctx: RenderContext;
  readonly lang: Lang;
  readonly assets: SiteAssets;
  readonly code: ObjectiveCode;
  /** The objective's projects, in publication order. */
  readonly records: readonly ProjectRecord[];
}

/** One specific objective: its totals per beneficiary, its projects and their CSV, without the script. */
export function renderObjectivePage(input: ObjectivePageInput): string {
  const { ctx, lang, assets, code, records } = input;
  const t = MESSAGES[lang];
  const st = SELECTION_MESSAGES[lang];
  const key = objectivePageKey(lang, code);
  const rel = (target: string) => relativeHref(key, target);
  const parts: ListParts = { lang, t, st, rel };
  const total = fundingTotal(records);
  const beneficiaries = [...new Set(records.map((r) => r.beneficiary.id))].map((id) => {
    const own = records.filter((r) => r.beneficiary.id === id);
    return { id, name: own[0]!.beneficiary.name, total: fundingTotal(own) };
  });
  beneficiaries.sort((a, b) => b.total.euFundingEur - a.total.euFundingEur || (a.id < b.id ? -1 : 1));
  const removed = records.filter((r) => r.status === 'removed').length;
  const main = html`<p class="breadcrumb"><a href="${rel(`${frontPageKey(lang)}#all-projects`)}">← ${t.backToList}</a></p>
<h1>${st.objectivePage(code)}</h1>
<p class="lead">${objectiveLabel(code, t)}. ${st.objectiveIntro}</p>
<p class="selection-total" id="selection-total">${selectionText(lang, st, total, totalsByProgramme(records))}</p>
<section aria-labelledby="totals-h">
<h2 id="totals-h">${st.totalsHeading}</h2>
${totalsTable(
  parts,
  t.beneficiary,
  t.beneficiary,
  beneficiaries.map((b) => ({
    label: html`<a href="${rel(organisationPageKey(lang, b.id))}">${inLang(lang, 'fi', b.name)}</a>`,
    total: b.total,
  })),
  total,
)}
${totalsNotes(parts, total, removed)}
</section>
<section aria-labelledby="projects-h">
<h2 id="projects-h">${st.projectsHeading} (${formatInteger(lang, records.length)})</h2>
${projectListTable(parts, byFundingDesc(records), st.projectsHeading)}
<ul class="downloads"><li><a href="${rel(objectiveCsvKey(code))}">${st.csvOfPage}</a></li></ul>
</section>`;
  return renderPage({
    lang,
    key,
    alternates: Object.fromEntries(LANGS.map((l) => [l, objectivePageKey(l, code)])) as Record<Lang, string>,
    title: `${st.objectivePage(code)} – ${t.siteTitle}`,
    description: `${objectiveLabel(code, t)}: ${selectionText(lang, st, total, [])}`,
    assets,
    config: ctx.config,
    main,
  });
}
