import type { FeedConfig } from '../feed-config';
import type { ChangeKind, FieldChange, ProjectVersion } from '../model/history';
import type { ProjectRecord } from '../model/project';
import { formatFinnishEuros } from '../normalise/amount';
import { formatFinnishDate, helsinkiDay } from '../normalise/date';
import type { RenderContext } from './render-context';
import { projectPageKey, publicUrl } from './site/paths';

/**
 * The fields whose change a person following awards wants to hear about. Everything else
 * (summary wording, Migri text, quality flags, source lists) is recorded in the history and in
 * changes.json but makes no feed entry.
 */
export const SIGNIFICANT_FIELDS = ['euFundingEur', 'startDate', 'endDate', 'status'] as const;
export type SignificantField = (typeof SIGNIFICANT_FIELDS)[number];

/** How many entries the Atom and JSON feeds carry. */
export const FEED_ENTRY_LIMIT = 100;

/** The year the feed started minting tag URIs (RFC 4151): part of every id, so it never changes. */
export const TAG_YEAR = '2026';

/** One entry of the Atom and JSON feeds: one significant version of one project. */
export interface FeedEntry {
  /** Stable tag URI of the version: a reader shows it once. */
  readonly id: string;
  readonly projectId: string;
  readonly version: number;
  readonly kind: ChangeKind;
  /** When the change was seen (the version's changedAt). */
  readonly updated: string;
  /** Finnish, one line. */
  readonly title: string;
  /** Finnish plain text, lines separated by "\n". */
  readonly text: string;
  /** The project's web page (Finnish): what a feed reader opens. */
  readonly htmlUrl: string;
  /** The project's JSON with its history. */
  readonly url: string;
  /** The pages the values came from: source lists first, then press releases. */
  readonly sourceUrls: readonly string[];
  /** The significant fields that changed (empty for a new project). */
  readonly fields: readonly SignificantField[];
}

const SIGNIFICANT: ReadonlySet<string> = new Set(SIGNIFICANT_FIELDS);

/** How an entry title names a changed field, in the middle of a Finnish sentence. */
const FIELD_NAMES: Readonly<Record<SignificantField, string>> = {
  euFundingEur: 'EU-rahoitus',
  startDate: 'alkamispäivä',
  endDate: 'päättymispäivä',
  status: 'tila',
};

const STATUS_LABELS: Readonly<Record<ProjectRecord['status'], string>> = {
  listed: 'ministeriön hankelistalla',
  announced: 'vain tiedotteessa, ei vielä ministeriön hankelistalla',
  removed: 'poistunut lähdesivulta',
};

/** The significant field changes of a version, in SIGNIFICANT_FIELDS order. */
export function significantChanges(version: Pick<ProjectVersion, 'fields'>): FieldChange[] {
  return SIGNIFICANT_FIELDS.flatMap((field) => version.fields.filter((f) => f.field === field));
}

/** Whether a version makes a feed entry: every new, removed and reinstated one, and significant changes. */
export function isSignificant(version: Pick<ProjectVersion, 'kind' | 'fields'>): boolean {
  return version.kind !== 'changed' || version.fields.some((f) => SIGNIFICANT.has(f.field));
}

export { formatFinnishEuros };

/** An ISO date, or the date part of a timestamp in Finnish time, as a Finn writes it: "22.11.2026". */
export function formatFinnishDay(iso: string | null): string {
  if (iso === null) return 'ei tiedossa';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatFinnishDate(iso);
  return formatFinnishDate(helsinkiDay(new Date(iso)));
}

function period(startDate: string | null, endDate: string | null): string {
  if (startDate === null && endDate === null) return 'ei tiedossa';
  const day = (iso: string | null) => (iso === null ? '?' : formatFinnishDate(iso));
  return `${day(startDate)}–${day(endDate)}`;
}

function status(value: unknown): string {
  return STATUS_LABELS[value as ProjectRecord['status']] ?? String(value);
}

function amount(value: unknown): string {
  return formatFinnishEuros(typeof value === 'number' ? value : null);
}

function day(value: unknown): string {
  return formatFinnishDay(typeof value === 'string' ? value : null);
}

const FORMAT: Readonly<Record<SignificantField, (value: unknown) => string>> = {
  euFundingEur: amount,
  startDate: day,
  endDate: day,
  status,
};

/** "a", "a ja b", "a, b ja c", with the first letter capitalised. */
function sentenceList(words: readonly string[]): string {
  const text = words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ja ${words.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The host of the public base URL: the tagging authority of every tag URI (RFC 4151). */
export function tagAuthority(publicBaseUrl: string): string {
  return new URL(publicBaseUrl).hostname.toLowerCase();
}

/** `tag:<host>,2026:amif-feed/<specific>`. */
export function tagUri(publicBaseUrl: string, specific: string): string {
  return `tag:${tagAuthority(publicBaseUrl)},${TAG_YEAR}:amif-feed/${specific}`;
}

export function projectJsonUrl(publicBaseUrl: string, id: string): string {
  return `${publicBaseUrl}/v1/projects/${encodeURIComponent(id)}.json`;
}

/** The project's page on the feed's site, in Finnish (the feed's language). */
export function projectPageUrl(publicBaseUrl: string, id: string): string {
  return publicUrl(publicBaseUrl, projectPageKey('fi', encodeURIComponent(id)));
}

/** Every page a record's values came from, without repeats: source lists, then press releases. */
export function sourceUrlsOf(record: ProjectRecord): string[] {
  return [...new Set([...record.sources.map((s) => s.url), ...record.announcements.map((a) => a.url)])];
}

/** Newest first; one run's versions by project id, so equal input gives equal order. */
export function newestFirst(a: ProjectVersion, b: ProjectVersion): number {
  if (a.changedAt !== b.changedAt) return a.changedAt < b.changedAt ? 1 : -1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return b.version - a.version;
}

export interface FeedEntryOptions {
  readonly limit?: number;
  /**
   * When the dataset was first published (the earliest firstSeenAt). A project "new" then was
   * already funded before the feed existed, so its entry says so instead of announcing an award.
   */
  readonly baselineAt?: string | null;
}

/** The feed entries of the given versions: significant ones only, newest first, at most `limit`. */
export function feedEntries(
  versions: readonly ProjectVersion[],
  config: Pick<FeedConfig, 'publicBaseUrl'>,
  options: FeedEntryOptions = {},
): FeedEntry[] {
  return versions
    .filter(isSignificant)
    .sort(newestFirst)
    .slice(0, options.limit ?? FEED_ENTRY_LIMIT)
    .map((v) => feedEntry(v, config.publicBaseUrl, options.baselineAt ?? null));
}

/** The feed entries of a run: its recent changes, with the dataset's first publication as baseline. */
export function feedEntriesOf(ctx: Pick<RenderContext, 'recentChanges' | 'records' | 'config'>): FeedEntry[] {
  return feedEntries(ctx.recentChanges, ctx.config, { baselineAt: baselineOf(ctx.records) });
}

/** The earliest firstSeenAt: when the feed's first run recorded what the sources already listed. */
export function baselineOf(records: readonly ProjectRecord[]): string | null {
  return records.reduce<string | null>(
    (earliest, r) => (earliest === null || r.firstSeenAt < earliest ? r.firstSeenAt : earliest),
    null,
  );
}

/**
 * The feed's `updated`: its newest entry's time, or without entries the newest change of any
 * record, so the bytes depend on the data and never on the clock.
 */
export function feedUpdated(
  entries: readonly FeedEntry[],
  records: readonly Pick<ProjectRecord, 'lastChangedAt'>[],
): string {
  const first = entries[0];
  if (first) return first.updated;
  return (
    records
      .map((r) => r.lastChangedAt)
      .sort()
      .at(-1) ?? '1970-01-01T00:00:00Z'
  );
}

/**
 * The facts of a version, one line each; a value that changed reads "old → new". The period is
 * one line, so a moved end date shows as the old and the new period.
 */
function facts(r: ProjectRecord, changes: readonly FieldChange[]): string[] {
  const change = (field: SignificantField) => changes.find((c) => c.field === field);
  const funding = change('euFundingEur');
  const start = change('startDate');
  const end = change('endDate');
  const oldStart = start ? (start.old as string | null) : r.startDate;
  const oldEnd = end ? (end.old as string | null) : r.endDate;
  const newPeriod = period(r.startDate, r.endDate);
  return [
    `Hanke: ${r.name}`,
    `Tuensaaja: ${r.beneficiary.name}`,
    `EU-rahoitus: ${funding ? `${amount(funding.old)} → ${amount(funding.new)}` : amount(r.euFundingEur)}`,
    `Hankeaika: ${start || end ? `${period(oldStart, oldEnd)} → ${newPeriod}` : newPeriod}`,
  ];
}

/** An entry's title and the lines of its text before the links. */
interface Wording {
  readonly title: string;
  readonly lines: string[];
}

/** A project first seen: on the feed's first run (the baseline), or new since. */
function newWording(v: ProjectVersion, baselineAt: string | null): Wording {
  const r = v.record;
  const seen = formatFinnishDay(v.changedAt);
  const baseline = baselineAt !== null && v.changedAt === baselineAt;
  const objective = r.specificObjective
    ? `, erityistavoite ${r.specificObjective.code}: ${r.specificObjective.name}`
    : '';
  return {
    title: baseline ? `AMIF-hanke: ${r.name}` : `Uusi AMIF-hanke: ${r.name}`,
    lines: [
      baseline
        ? `Hanke oli lähdesivulla jo, kun aineisto koottiin ensimmäisen kerran ${seen}.`
        : `Uusi EU:n AMIF-rahastosta rahoitettu hanke havaittiin ${seen}.`,
      '',
      ...facts(r, []),
      `Ohjelma: ${r.programme}${objective}`,
      ...(r.status === 'announced' ? [`Tila: ${STATUS_LABELS.announced}`] : []),
    ],
  };
}

/** A change of significant fields: named in the title, with old → new when only one changed. */
function changedWording(v: ProjectVersion, changes: readonly FieldChange[]): Wording {
  const r = v.record;
  const fields = changes.map((c) => c.field as SignificantField);
  const only = changes.length === 1 ? changes[0] : undefined;
  const show = (field: string, value: unknown) => FORMAT[field as SignificantField](value);
  const values = only ? ` (${show(only.field, only.old)} → ${show(only.field, only.new)})` : '';
  const verb = fields.length === 1 ? 'muuttui' : 'muuttuivat';
  const statusChange = changes.find((c) => c.field === 'status');
  return {
    title: `${sentenceList(fields.map((f) => FIELD_NAMES[f]))} ${verb}: ${r.name}${values}`,
    lines: [
      `Hankkeen tiedot muuttuivat lähdesivulla ${formatFinnishDay(v.changedAt)}.`,
      '',
      ...facts(r, changes),
      ...(statusChange ? [`Tila: ${status(statusChange.old)} → ${status(statusChange.new)}`] : []),
    ],
  };
}

function wording(v: ProjectVersion, changes: readonly FieldChange[], baselineAt: string | null): Wording {
  const r = v.record;
  const seen = formatFinnishDay(v.changedAt);
  switch (v.kind) {
    case 'new':
      return newWording(v, baselineAt);
    case 'changed':
      return changedWording(v, changes);
    case 'removed':
      return {
        title: `Poistunut lähteestä: ${r.name}`,
        lines: [
          `Hanke ei ${seen} enää näkynyt lähdesivulla. Se säilyy aineistossa poistuneeksi merkittynä.`,
          '',
          ...facts(r, []),
        ],
      };
    case 'reinstated':
      return {
        title: `Palannut lähteeseen: ${r.name}`,
        lines: [`Aiemmin poistunut hanke näkyi taas lähdesivulla ${seen}.`, '', ...facts(r, changes)],
      };
  }
}

function feedEntry(v: ProjectVersion, base: string, baselineAt: string | null): FeedEntry {
  const url = projectJsonUrl(base, v.id);
  const htmlUrl = projectPageUrl(base, v.id);
  const sourceUrls = sourceUrlsOf(v.record);
  const changes = significantChanges(v);
  const { title, lines } = wording(v, changes, baselineAt);
  const text = [
    ...lines,
    '',
    `Hankkeen sivu: ${htmlUrl}`,
    `Tiedot ja muutoshistoria (JSON): ${url}`,
    ...sourceUrls.map((s) => `Lähde: ${s}`),
  ].join('\n');
  return {
    id: tagUri(base, `${v.id}/v${v.version}`),
    projectId: v.id,
    version: v.version,
    kind: v.kind,
    updated: v.changedAt,
    title,
    text,
    htmlUrl,
    url,
    sourceUrls,
    fields: changes.map((c) => c.field as SignificantField),
  };
}
