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
export function projectListTable(
  parts: ListParts,
  records: readonly ProjectRecord[],
  caption: string,
): SafeHtml {
  const { lang, t, rel } = parts;
  const rows = records.map((r) => {
    const rl = recordLang(r);
    return html`<tr data-id="${r.id}" data-status="${r.status}"><th scope="row"${langAttr(lang, rl)}><a href="${rel(projectPageKey(lang, r.id))}">${r.name}</a></th><td>${beneficiaryLink(parts, r)}</td><td>${r.specificObjective?.code ?? '–'}</td><td class="nowrap">${r.programme}</td><td class="num">${r.euFundingEur === null ? '–' : formatEuros(lang, r.euFundingEur)}</td><td class="date">${r.startDate ? formatDate(lang, r.startDate) : '–'}</td><td class="date">${r.endDate ? formatDate(lang, r.endDate) : '–'}</td><td>${t.statusLabels[r.status]}</td></tr>\n`;
  });
  return html`<div class="table-scroll" role="region" aria-label="${caption}" tabindex="0">
<table class="projects-table list-table">
<caption>${caption}</caption>
<thead><tr><th scope="col">${t.project}</th><th scope="col">${t.beneficiary}</th><th scope="col"><span aria-hidden="true">${t.specificObjectiveShort}</span><span class="visually-hidden">${t.specificObjective}</span></th><th scope="col">${t.programme}</th><th scope="col" class="num">${t.euFunding}</th><th scope="col">${t.start}</th><th scope="col">${t.end}</th><th scope="col">${t.status}</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</div>`;
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
<tbody>${groups.map((g) => html`<tr><th scope="row">${g.label}</th><td class="num">${formatInteger(lang, g.total.projectCount)}</td><td class="num" data-eur="${g.total.euFundingEur}">${formatEuros(lang, g.total.euFundingEur)}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row">${t.total}</th><td class="num">${formatInteger(lang, total.projectCount)}</td><td class="num" data-eur="${total.euFundingEur}">${formatEuros(lang, total.euFundingEur)}</td></tr></tfoot>
</table></div>`;
}

/** What the totals leave out, said plainly: projects without an amount and removed ones. */
export function totalsNotes(parts: ListParts, total: FundingTotal, removed: number): SafeHtml {
  const { st } = parts;
  return html`<p class="note">${st.totalsNote}${total.withoutAmount > 0 ? html` ${st.withoutAmount(total.withoutAmount)}` : ''}${removed > 0 ? html` ${st.removedNotSummed(removed)}` : ''}</p>`;
}
