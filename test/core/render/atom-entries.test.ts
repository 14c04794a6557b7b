import { describe, expect, it } from 'vitest';
import {
  FEED_ENTRY_LIMIT,
  type FeedEntry,
  feedEntries,
  feedEntriesOf,
  feedUpdated,
  formatFinnishEuros,
  isSignificant,
  tagUri,
} from '../../../functions/core/render/feed-entries';
import {
  BASE_URL,
  baselineProject,
  CONFIG,
  contextOf,
  firstVersion,
  LIST_URL,
  lifeOfAProject,
  nextVersion,
  PRESS_URL,
  record,
  T0,
  T1,
  T2,
  T3,
  T5,
  T6,
} from './feed-fixtures';

const JSON_URL = `${BASE_URL}/v1/projects/amif21-kotona-suomessa.json`;
const PAGE_URL = `${BASE_URL}/projects/amif21-kotona-suomessa.html`;
const LINKS = `Hankkeen sivu: ${PAGE_URL}\nTiedot ja muutoshistoria (JSON): ${JSON_URL}\nLähde: ${LIST_URL}`;
const NBSP = '\u00a0';

function entryOf(entries: readonly FeedEntry[], version: number): FeedEntry | undefined {
  return entries.find((e) => e.projectId === 'amif21-kotona-suomessa' && e.version === version);
}

describe('Feed entries', () => {
  const history = lifeOfAProject();
  const entries = feedEntries(history, CONFIG, { baselineAt: T0 });

  it('formats euros the Finnish way, with no-break spaces', () => {
    expect(formatFinnishEuros(1_153_584.12)).toBe(`1${NBSP}153${NBSP}584,12${NBSP}€`);
    expect(formatFinnishEuros(0.5)).toBe(`0,50${NBSP}€`);
    expect(formatFinnishEuros(999)).toBe(`999,00${NBSP}€`);
    expect(formatFinnishEuros(null)).toBe('ei tiedossa');
  });

  it('makes one entry per new award and significant change, newest first, and none for a summary edit', () => {
    expect(entries.map((e) => [e.version, e.kind, e.fields])).toEqual([
      [6, 'reinstated', ['status']],
      [5, 'removed', ['status']],
      [3, 'changed', ['endDate']],
      [2, 'changed', ['euFundingEur']],
      [1, 'new', []],
    ]);
    expect(isSignificant(history[3]!)).toBe(false);
    expect(entries.map((e) => e.updated)).toEqual([T6, T5, T3, T2, T1]);
  });

  it('gives every entry a stable tag URI (RFC 4151) and links the project JSON and its source page', () => {
    expect(entries.map((e) => e.id)).toEqual(
      [6, 5, 3, 2, 1].map((n) => `tag:amif.example.fi,2026:amif-feed/amif21-kotona-suomessa/v${n}`),
    );
    for (const e of entries) {
      expect(e.url).toBe(JSON_URL);
      expect(e.sourceUrls).toEqual([LIST_URL]);
    }
    expect(tagUri('http://LOCALHOST:8080', 'feed')).toBe('tag:localhost,2026:amif-feed/feed');
  });

  it('announces a new award with its name, beneficiary, amount, dates and programme', () => {
    expect(entryOf(entries, 1)).toMatchObject({
      title: 'Uusi AMIF-hanke: Kotona Suomessa',
      text: [
        'Uusi EU:n AMIF-rahastosta rahoitettu hanke havaittiin 2.2.2026.',
        '',
        'Hanke: Kotona Suomessa',
        'Tuensaaja: Turun kaupunki',
        `EU-rahoitus: 1${NBSP}000${NBSP}000,00${NBSP}€`,
        'Hankeaika: 1.1.2024–31.12.2025',
        'Ohjelma: AMIF 2021-2027, erityistavoite 2: Laillinen muuttoliike ja kotoutuminen',
        '',
        LINKS,
      ].join('\n'),
    });
  });

  it('shows an amount change as old → new, in the title too', () => {
    expect(entryOf(entries, 2)).toMatchObject({
      title: `EU-rahoitus muuttui: Kotona Suomessa (1${NBSP}000${NBSP}000,00${NBSP}€ → 1${NBSP}153${NBSP}584,12${NBSP}€)`,
      text: [
        'Hankkeen tiedot muuttuivat lähdesivulla 2.3.2026.',
        '',
        'Hanke: Kotona Suomessa',
        'Tuensaaja: Turun kaupunki',
        `EU-rahoitus: 1${NBSP}000${NBSP}000,00${NBSP}€ → 1${NBSP}153${NBSP}584,12${NBSP}€`,
        'Hankeaika: 1.1.2024–31.12.2025',
        '',
        LINKS,
      ].join('\n'),
    });
  });

  it('shows a moved end date as the old and the new period', () => {
    expect(entryOf(entries, 3)).toMatchObject({
      title: 'Päättymispäivä muuttui: Kotona Suomessa (31.12.2025 → 30.6.2026)',
      text: [
        'Hankkeen tiedot muuttuivat lähdesivulla 6.4.2026.',
        '',
        'Hanke: Kotona Suomessa',
        'Tuensaaja: Turun kaupunki',
        `EU-rahoitus: 1${NBSP}153${NBSP}584,12${NBSP}€`,
        'Hankeaika: 1.1.2024–31.12.2025 → 1.1.2024–30.6.2026',
        '',
        LINKS,
      ].join('\n'),
    });
  });

  it('reports a removal and a reinstatement', () => {
    const facts = [
      'Hanke: Kotona Suomessa',
      'Tuensaaja: Turun kaupunki',
      `EU-rahoitus: 1${NBSP}153${NBSP}584,12${NBSP}€`,
      'Hankeaika: 1.1.2024–30.6.2026',
    ];
    expect(entryOf(entries, 5)).toMatchObject({
      title: 'Poistunut lähteestä: Kotona Suomessa',
      text: [
        'Hanke ei 1.6.2026 enää näkynyt lähdesivulla. Se säilyy aineistossa poistuneeksi merkittynä.',
        '',
        ...facts,
        '',
        LINKS,
      ].join('\n'),
    });
    expect(entryOf(entries, 6)).toMatchObject({
      title: 'Palannut lähteeseen: Kotona Suomessa',
      text: ['Aiemmin poistunut hanke näkyi taas lähdesivulla 6.7.2026.', '', ...facts, '', LINKS].join('\n'),
    });
  });

  it('names several changed fields in one title and shows a status change', () => {
    const v1 = firstVersion(record({ status: 'announced', euFundingEur: null, endDate: null }));
    const v2 = nextVersion(v1, 'changed', T2, [
      { field: 'summary', old: 'Hanke tukee kotoutumista.', new: 'Uusi kuvaus.' },
      { field: 'euFundingEur', old: null, new: 80_000 },
      { field: 'endDate', old: null, new: '2027-12-31' },
      { field: 'status', old: 'announced', new: 'listed' },
    ]);
    const [entry] = feedEntries([v2], CONFIG);
    expect(entry?.title).toBe('EU-rahoitus, päättymispäivä ja tila muuttuivat: Kotona Suomessa');
    expect(entry?.text.split('\n').slice(2, 7)).toEqual([
      'Hanke: Kotona Suomessa',
      'Tuensaaja: Turun kaupunki',
      `EU-rahoitus: ei tiedossa → 80${NBSP}000,00${NBSP}€`,
      'Hankeaika: 1.1.2024–? → 1.1.2024–31.12.2027',
      'Tila: vain tiedotteessa, ei vielä ministeriön hankelistalla → ministeriön hankelistalla',
    ]);
  });

  it('marks an award only a press release knows and links the release as a source', () => {
    const v1 = firstVersion(
      record({
        status: 'announced',
        sources: [{ id: 'intermin-press', url: PRESS_URL }],
        announcements: [{ date: '2026-01-30', url: PRESS_URL, lang: 'fi', amountEur: 80_000 }],
      }),
    );
    const [entry] = feedEntries([v1], CONFIG);
    expect(entry?.sourceUrls).toEqual([PRESS_URL]);
    expect(entry?.text).toContain('\nTila: vain tiedotteessa, ei vielä ministeriön hankelistalla\n');
  });

  it("does not call the first run's projects new awards", () => {
    const ctx = contextOf([[baselineProject()], lifeOfAProject()], []);
    const baseline = feedEntriesOf(ctx).find((e) => e.projectId === 'amif21-baseline');
    expect(baseline?.title).toBe('AMIF-hanke: Perusta');
    expect(baseline?.text.split('\n')[0]).toBe(
      'Hanke oli lähdesivulla jo, kun aineisto koottiin ensimmäisen kerran 5.1.2026.',
    );
    expect(feedEntriesOf(ctx).find((e) => e.version === 1 && e.projectId !== 'amif21-baseline')?.title).toBe(
      'Uusi AMIF-hanke: Kotona Suomessa',
    );
  });

  it('keeps the newest entries only, ordered the same whatever the input order', () => {
    const many = Array.from({ length: FEED_ENTRY_LIMIT + 30 }, (_, i) =>
      firstVersion(
        record({
          id: `amif21-p${String(i).padStart(3, '0')}`,
          firstSeenAt: `2026-01-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
        }),
      ),
    );
    const kept = feedEntries(many, CONFIG);
    expect(kept).toHaveLength(FEED_ENTRY_LIMIT);
    expect(kept[0]?.projectId).toBe(`amif21-p${FEED_ENTRY_LIMIT + 29}`);
    expect(feedEntries([...many].reverse(), CONFIG)).toEqual(kept);
  });

  it("takes the feed's updated time from the newest entry, or from the records when there is none", () => {
    expect(feedUpdated(entries, [])).toBe(T6);
    expect(feedUpdated([], [{ lastChangedAt: T2 }, { lastChangedAt: T3 }])).toBe(T3);
  });
});
