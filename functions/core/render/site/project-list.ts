import { type FundingTotal, fundingTotal } from '../../model/organisation';
import type { ProjectRecord } from '../../model/project';
import { formatDate, formatEuros, formatInteger } from './format';
import { html, type SafeHtml } from './html';
import type { Lang, Messages } from './i18n';
import type { SelectionMessages } from './i18n-selection';
import { organisationPageKey, projectPageKey } from './paths';
import { langAttr, recordLang } from './source-lang';

/** What a list of projects on a page is drawn with. */
export interface ListParts {
  readonly lang: Lang;
  readonly t: Messages;
  readonly st: SelectionMessages;
  /** A site key as a link relative to this page. */
  readonly rel: (key: string) => string;
}

/** A beneficiary's name as published, linked to its organisation page. */
export function beneficiaryLink(parts: ListParts, record: ProjectRecord): SafeHtml {
  const { lang, rel } = parts;
  return html`<a href="${rel(organisationPageKey(lang, record.beneficiary.id))}"${langAttr(lang, recordLang(record))}>${record.beneficiary.name}</a>`;
}

/**
 * The largest EU funding first, projects without an amount last; equal amounts keep the order
 * they are given in (publication order), so the order is the same on every page and in the script.
 */
export function byFundingDesc(records: readonly ProjectRecord[]): ProjectRecord[] {
  const cents = (r: ProjectRecord) => (r.euFundingEur === null ? -1 : Math.round(r.euFundingEur * 100));
  return records
    .map((r, i) => ({ r, i, c: cents(r) }))
    .sort((a, b) => b.c - a.c || a.i - b.i)
    .map((x) => x.r);
}

/** The selection's line: count, EU funding summed, and each programme's sum when there are several. */
export function selectionText(
  lang: Lang,
  st: SelectionMessages,
  total: FundingTotal,
  byProgramme: readonly (FundingTotal & { readonly programme: string })[],
): string {
  const main = st.selectionTotal(
    formatInteger(lang, total.projectCount),
    formatEuros(lang, total.euFundingEur),
  );
  if (byProgramme.length < 2) return main;
  return `${main} (${byProgramme.map((p) => `${p.programme}: ${formatEuros(lang, p.euFundingEur)}`).join('; ')})`;
}

/** Each programme's totals, newest programme first. */
export function totalsByProgramme(
  records: readonly ProjectRecord[],
): (FundingTotal & { readonly programme: string })[] {
  const programmes = [...new Set(records.map((r) => r.programme))].sort().reverse();
  return programmes.map((programme) => ({
    programme,
    ...fundingTotal(records.filter((r) => r.programme === programme)),
  }));
}

/** The projects as a table (cards on a phone): name, beneficiary, objective, programme, funding, dates, status. */
/** The project table's column headings; on the front page the sortable ones name their sort key. */
export function projectTableHeadings(t: Messages, sortable: boolean): SafeHtml[] {
  const sort = (key: string, first?: string) =>
    sortable ? html` data-sort="${key}"${first ? html` data-sort-first="${first}"` : ''}` : '';
  const objective = html`<span aria-hidden="true">${t.specificObjectiveShort}</span><span class="visually-hidden">${t.specificObjective}</span>`;
  return [
    html`<th scope="col"${sort('name')}>${t.project}</th>`,
    html`<th scope="col"${sort('beneficiary')}>${t.beneficiary}</th>`,
    html`<th scope="col">${objective}</th>`,
    html`<th scope="col">${t.programme}</th>`,
    html`<th scope="col" class="num"${sort('eu', '-eu')}>${t.euFunding}</th>`,
    html`<th scope="col"${sort('start')}>${t.start}</th>`,
    html`<th scope="col">${t.end}</th>`,
    html`<th scope="col">${t.status}</th>`,
  ];
}

export function projectListTable(
  parts: ListParts,
  records: readonly ProjectRecord[],
  caption: string,
): SafeHtml {
  const { lang, t, rel } = parts;
  const rows = records.map((r) => {
    const rl = recordLang(r);
    const head = html`<th scope="row"${langAttr(lang, rl)}><a href="${rel(projectPageKey(lang, r.id))}">${r.name}</a></th>`;
    const cells = html`<td>${beneficiaryLink(parts, r)}</td><td>${r.specificObjective?.code ?? '–'}</td><td class="nowrap">${r.programme}</td>`;
    const funding = r.euFundingEur === null ? '–' : formatEuros(lang, r.euFundingEur);
    const start = r.startDate ? formatDate(lang, r.startDate) : '–';
    const end = r.endDate ? formatDate(lang, r.endDate) : '–';
    const figures = html`<td class="num">${funding}</td><td class="date">${start}</td><td class="date">${end}</td>`;
    return html`<tr data-id="${r.id}" data-status="${r.status}">${head}${cells}${figures}<td>${t.statusLabels[r.status]}</td></tr>\n`;
  });
  return html`<div class="table-scroll" role="region" aria-label="${caption}" tabindex="0">
<table class="projects-table list-table">
<caption>${caption}</caption>
<thead><tr>${projectTableHeadings(t, false)}</tr></thead>
<tbody>
${rows}</tbody>
</table>
</div>`;
}

function totalsRow(lang: Lang, label: SafeHtml | string, total: FundingTotal): SafeHtml {
  const count = html`<td class="num">${formatInteger(lang, total.projectCount)}</td>`;
  return html`<tr><th scope="row">${label}</th>${count}<td class="num" data-eur="${total.euFundingEur}">${formatEuros(lang, total.euFundingEur)}</td></tr>`;
}

/** A totals table: one row per group, then the sum of all. */
export function totalsTable(
  parts: ListParts,
  caption: string,
  groupLabel: string,
  groups: readonly { readonly label: SafeHtml | string; readonly total: FundingTotal }[],
  total: FundingTotal,
): SafeHtml {
  const { lang, t } = parts;
  return html`<div class="table-scroll"><table class="totals">
<caption>${caption}</caption>
<thead><tr><th scope="col">${groupLabel}</th><th scope="col" class="num">${t.projectCount}</th><th scope="col" class="num">${t.euFunding}</th></tr></thead>
<tbody>${groups.map((g) => totalsRow(lang, g.label, g.total))}</tbody>
<tfoot>${totalsRow(lang, t.total, total)}</tfoot>
</table></div>`;
}

/** What the totals leave out, said plainly: projects without an amount and removed ones. */
export function totalsNotes(parts: ListParts, total: FundingTotal, removed: number): SafeHtml {
  const { st } = parts;
  const withoutAmount = total.withoutAmount > 0 ? html` ${st.withoutAmount(total.withoutAmount)}` : '';
  const removedNote = removed > 0 ? html` ${st.removedNotSummed(removed)}` : '';
  return html`<p class="note">${st.totalsNote}${withoutAmount}${removedNote}</p>`;
}
