import type { ProjectRecord } from './model/project';
import { topicValues } from './model/subscription-topics';
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
 * The message attributes of a notice: every programme, 2021–2027 objective and beneficiary its
 * awards concern (String.Array in SNS; an empty list is left out). SNS cannot tailor a message
 * to each subscriber, so a run sends one message carrying the union: a subscription whose filter
 * matches any award receives the whole message, awards of other objectives included; the body is
 * grouped by objective and beneficiary so each reader finds theirs. The alternative, a message per
 * attribute combination, would send a subscriber to two objectives two messages in one run.
 */
export function awardNoticeAttributes(notice: Pick<AwardNotice, 'awards'>): Record<string, string[]> {
  const values = topicValues(notice.awards);
  return Object.fromEntries(Object.entries(values).filter(([, list]) => list.length > 0));
}

interface AwardGroup {
  readonly fi: string;
  readonly en: string;
  readonly awards: readonly ProjectRecord[];
}

/** Awards by programme and specific objective, each group by beneficiary then name. */
function groups(awards: readonly ProjectRecord[]): AwardGroup[] {
  const byKey = new Map<string, ProjectRecord[]>();
  for (const r of awards) {
    const key = `${r.programme}\t${r.specificObjective?.code ?? '~'}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byKey.keys()].sort(order).map((key) => {
    const list = byKey.get(key)!;
    const r = list[0]!;
    const so = r.specificObjective;
    return {
      fi: so ? `${r.programme}, erityistavoite ${so.code}: ${so.name}` : r.programme,
      en: so ? `${r.programme}, specific objective ${so.code}` : r.programme,
      awards: [...list].sort(
        (a, b) => order(a.beneficiary.name, b.beneficiary.name) || order(a.name, b.name),
      ),
    };
  });
}

/**
 * One message per run that found new awards: a Finnish and English plain-text list a person can
 * read in an e-mail client, grouped by programme and objective and sorted by beneficiary, with
 * links to each project's JSON.
 */
export function buildAwardNotice(
  runId: string,
  awards: readonly ProjectRecord[],
  publicBaseUrl: string,
): AwardNotice {
  const n = awards.length;
  const subject =
    n === 1 ? '1 uusi AMIF-hanke / 1 new AMIF award' : `${n} uutta AMIF-hanketta / ${n} new AMIF awards`;
  const byGroup = groups(awards);
  const fi = byGroup.flatMap((g) => [`${g.fi}:`, ...g.awards.map((r) => fiLine(r, publicBaseUrl))]);
  const en = byGroup.flatMap((g) => [`${g.en}:`, ...g.awards.map(enLine)]);
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
    `Vain oma organisaatio, tavoite tai ohjelma / only one organisation, objective or programme: ${publicBaseUrl}/#follow`,
  ].join('\n');
  return { runId, subject, text, awards };
}

function fiLine(r: ProjectRecord, publicBaseUrl: string): string {
  return [
    `- ${r.name}`,
    `  Tuensaaja: ${r.beneficiary.name}`,
    `  EU-rahoitus: ${euros(r.euFundingEur, 'fi')}`,
    `  Aika: ${period(r, 'fi')}`,
    ...(r.status === 'announced' ? ['  (vasta tiedotteessa, ei vielä ministeriön listalla)'] : []),
    `  ${publicBaseUrl}/v1/projects/${r.id}.json`,
  ].join('\n');
}

function enLine(r: ProjectRecord): string {
  const onlyAnnounced = r.status === 'announced' ? ' (press release only, not yet on the ministry list)' : '';
  return `- ${r.name} — ${r.beneficiary.name}, ${euros(r.euFundingEur, 'en')}, ${period(r, 'en')}${onlyAnnounced}`;
}
