import type { ProjectRecord } from './model/project';
import { formatEuros, formatFinnishEuros, groupThousands } from './normalise/amount';
import { formatFinnishDate } from './normalise/date';
import type { AwardNotice } from './ports';

function euros(amount: number | null, locale: 'fi' | 'en'): string {
  if (amount === null) return locale === 'fi' ? 'summa ei tiedossa' : 'amount not known';
  if (locale === 'fi') return formatFinnishEuros(amount);
  const [whole, cents] = formatEuros(amount).split('.');
  return `EUR ${groupThousands(whole!, ',')}.${cents}`;
}

function period(record: ProjectRecord, locale: 'fi' | 'en'): string {
  const start = record.startDate
    ? locale === 'fi'
      ? formatFinnishDate(record.startDate)
      : record.startDate
    : '?';
  const end = record.endDate ? (locale === 'fi' ? formatFinnishDate(record.endDate) : record.endDate) : '?';
  return `${start}–${end}`;
}

/**
 * Whether a new record can be announced: it has a name, a beneficiary and an amount. A row cut
 * off by a truncated page lacks them, and is never news.
 */
export function isNotifiable(record: ProjectRecord): boolean {
  return (
    record.name.trim().length > 0 &&
    record.beneficiary.name.trim().length > 0 &&
    record.euFundingEur !== null &&
    record.status !== 'removed'
  );
}

/**
 * One message per run that found new awards: a Finnish and English plain-text list a person can
 * read in an e-mail client, with links to each project's JSON.
 */
export function buildAwardNotice(
  runId: string,
  awards: readonly ProjectRecord[],
  publicBaseUrl: string,
): AwardNotice {
  const n = awards.length;
  const subject =
    n === 1 ? '1 uusi AMIF-hanke / 1 new AMIF award' : `${n} uutta AMIF-hanketta / ${n} new AMIF awards`;
  const fi = awards.map(
    (r) =>
      `- ${r.name}\n  Tuensaaja: ${r.beneficiary.name}\n  EU-rahoitus: ${euros(r.euFundingEur, 'fi')}\n  Aika: ${period(r, 'fi')}${r.status === 'announced' ? '\n  (vasta tiedotteessa, ei vielä ministeriön listalla)' : ''}\n  ${publicBaseUrl}/v1/projects/${r.id}.json`,
  );
  const en = awards.map(
    (r) =>
      `- ${r.name} — ${r.beneficiary.name}, ${euros(r.euFundingEur, 'en')}, ${period(r, 'en')}${r.status === 'announced' ? ' (press release only, not yet on the ministry list)' : ''}`,
  );
  const text = [
    `Uudet AMIF-rahoitetut hankkeet (${n}):`,
    '',
    ...fi,
    '',
    `New AMIF-funded projects (${n}):`,
    '',
    ...en,
    '',
    `Koko aineisto / full dataset: ${publicBaseUrl}/v1/projects.json`,
    `Atom: ${publicBaseUrl}/v1/feed.atom`,
  ].join('\n');
  return { runId, subject, text, awards };
}
