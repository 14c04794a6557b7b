import { createHash } from 'node:crypto';
import { PageLayoutError } from '../errors';
import type { ProjectDraft } from '../model/project';
import type { PressMention, PressOutput, ReleaseTotal, UnnamedAward } from '../model/source-output';
import { extractAcronym } from '../normalise/acronym';
import { groupThousands } from '../normalise/amount';
import { findMillionAmount } from '../normalise/amount-reader';
import { projectId } from '../normalise/project-id';
import { buildDraft, UNKNOWN_BENEFICIARY } from './draft-builder';
import { loadPage } from './load-page';
import { blockText, pageBlocks } from './page-blocks';
import { type ReadMention, readMentions } from './press-mentions';
import { dateCandidates, releaseDate } from './press-release-date';
import { newsTotalKind } from './release-totals';
import type { SourceModule } from './source-module';

export type PressLang = 'fi' | 'sv' | 'en';

export { mentionNames } from './press-mentions';

/** Press releases whose source id is fixed: the snapshot files and the state store know them by it. */
const RELEASE_2023_04_12_SV_SLUG = [
  'inrikesministeriet-beviljar-10-4-miljoner-euro-eu-finansiering-for-utveckling-av-asylsystemet',
  'framjande-av-integration-och-stod-till-atgarder-for-atervandande',
].join('-');

/**
 * The Swedish release of 12.4.2023 at its confirmed address (seeds/README.md, "Live addresses"): the
 * government sites publish a ministry's releases under `/-/<ministry id>/<slug>`, 1410869 being the
 * Ministry of the Interior's.
 */
export const RELEASE_2023_04_12_SV_URL = `https://soteuudistus.fi/sv/-/1410869/${RELEASE_2023_04_12_SV_SLUG}`;

const KNOWN_RELEASES: Readonly<Record<string, string>> = {
  [RELEASE_2023_04_12_SV_URL]: 'intermin-press-2023-04-12-sv',
};

/** The bundled press releases (BUILT_IN_SOURCES); no longer configured by default: the bundled listing leads to them. */
export const DEFAULT_PRESS_RELEASE_URLS: readonly string[] = Object.keys(KNOWN_RELEASES);

/** The language of a release from its address: intermin.fi puts Swedish under /sv/ and English under /en/. */
export function pressLangOfUrl(url: string): PressLang {
  const path = new URL(url).pathname;
  return path.startsWith('/sv/') ? 'sv' : path.startsWith('/en/') ? 'en' : 'fi';
}

/**
 * The source id of a press release: `intermin-press-<date>-<lang>` for the releases listed above, and
 * `intermin-press-<lang>-<first 10 hex digits of the URL's SHA-256>` for any other, since the date is
 * only known once the page is read and the id must be known before. The same URL always gives the
 * same id, so its state and last good reading survive redeployments.
 */
export function pressReleaseId(url: string): string {
  const normalised = new URL(url).href.replace(/\/+$/, '');
  const known = KNOWN_RELEASES[normalised];
  if (known) return known;
  const digest = createHash('sha256').update(normalised).digest('hex').slice(0, 10);
  return `intermin-press-${pressLangOfUrl(normalised)}-${digest}`;
}

const PERIOD = /\b(2014|2021)\s*[-–]\s*(2020|2027)\b/;
const AMIF_NAME =
  /\bAMIF\b|asyl-, migrations- och integrationsfond|turvapaikka-, maahanmuutto- ja kotouttamisrahast|turvapaikka-, maahanmuutto- ja kotoutumisrahast|Asylum, Migration and Integration Fund/iu;
const PROJECT_COUNT = /\b(\d{1,3})\s+(?:projekt|hanketta|hankkeelle|hankkeeseen|projects)\b/iu;
/** News of a call or of the applications it received: "vastaanotti … hakemusta", "haetaan EU-tukea". */
const APPLICATIONS = new RegExp(
  [
    String.raw`\bhakemus\p{L}*|\bavustushakemus\p{L}*|\bhaetaan\b|\bhaettiin\b|\bhaettavissa\b|\bhaettavana\b|\bhaku auki\b`,
    String.raw`\bansök(?:ning\p{L}*|an|s)\b|\b(?:kan|kunde) sökas\b|\bapplications?\b|\bcall for proposals\b`,
  ].join('|'),
  'iu',
);
const AWARDED =
  /\bmyön(?:nettiin|netään|si|netty|tänyt)\b|\brahoitetaan\b|\btuetaan\b|\bbevilja(?:s|des|t|r|de)\b|\bawarded\b|\bgranted\b/iu;

/**
 * Whether a release's opening (title and lead) is news of a call or of the applications received
 * rather than of awards. Listings judge their items' titles and descriptions by the same rule.
 */
export function newsSubject(opening: string): 'awards' | 'applications' {
  return APPLICATIONS.test(opening) && !AWARDED.test(opening) ? 'applications' : 'awards';
}

export interface ParsedPressRelease {
  readonly title: string;
  readonly date: string;
  readonly lang: PressLang;
  readonly programme: string | null;
  readonly announcedTotal: { readonly eur: number; readonly raw: string } | null;
  /** "17 projekt" in the lead: how many projects the release says it funds. */
  readonly projectCount: number | null;
  readonly subject: 'awards' | 'applications';
  readonly mentions: readonly ReadMention[];
  /** Sentences that state an award without naming the project or an amount (the linker resolves them). */
  readonly unnamed: readonly UnnamedAward[];
  /** Figures that are totals, not awards: never a record, an announcement or a notice. */
  readonly totals: readonly ReleaseTotal[];
}

/**
 * Reads a ministry (or Migri) release on AMIF awards by its visible text: the title (`<h1>`), the
 * publication date (see releaseDate), the announced total ("10,4 miljoner euro", "lähes 6 miljoonaa
 * euroa") and every award it states (see readMentions). News of a call or of the applications
 * received is recognised by its title and lead and yields no mentions. Throws PageLayoutError
 * without a title or a date: such a page is not a release.
 */
export function parsePressRelease(html: string, sourceId: string, url: string): ParsedPressRelease {
  const $ = loadPage(html, sourceId);
  const htmlLang = ($('html').attr('lang') ?? '').slice(0, 2).toLowerCase();
  const lang: PressLang =
    htmlLang === 'fi' || htmlLang === 'sv' || htmlLang === 'en' ? htmlLang : pressLangOfUrl(url);

  const blocks = pageBlocks($);
  const titleIndex = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const title = titleIndex >= 0 ? blockText(blocks[titleIndex]!) : null;
  if (!title) throw new PageLayoutError(sourceId, 'a press release with an <h1> title', 'no <h1>');

  const body = blocks.slice(titleIndex + 1);
  const date = releaseDate($('time[datetime]').first().attr('datetime'), body);
  if (!date) {
    throw new PageLayoutError(
      sourceId,
      'a publication date ("Julkaisuajankohta 14.12.2022 11.35", "Utgivningsdatum 12.4.2023", ' +
        '"Publication date …", <time datetime> or a date on its own line under the title)',
      dateCandidates(body),
    );
  }

  const allText = `${title}\n${body.map(blockText).join('\n')}`;
  const period = PERIOD.exec(allText);
  const programme = AMIF_NAME.test(allText) && period ? `AMIF ${period[1]}-${period[2]}` : null;
  // The lead: the paragraph with the total, else the first paragraph that is more than a date or a caption.
  const lead =
    body.find((b) => b.kind === 'text' && findMillionAmount(blockText(b))) ??
    body.find(
      (b) =>
        b.kind === 'text' &&
        blockText(b).split(' ').length >= 3 &&
        !/\d{1,2}\.\d{1,2}\.\d{4}/.test(blockText(b)),
    );
  const leadText = lead ? blockText(lead) : '';
  const announcedTotal = findMillionAmount(title) ?? findMillionAmount(leadText);
  const count = PROJECT_COUNT.exec(`${title}\n${leadText}`);
  const opening = `${title}\n${leadText}`;
  const subject = newsSubject(opening);
  const scan = readMentions(body, announcedTotal?.eur ?? null);
  // News of a call or of applications states no award: each figure it gives is one of its totals.
  const applicationFigures: ReleaseTotal[] = scan.mentions.flatMap((m) =>
    m.amountEur === null
      ? []
      : [
          {
            kind: newsTotalKind(opening),
            eur: m.amountEur,
            approximate: m.approximate,
            raw: showAmount(m.amountEur),
            text: m.text,
          },
        ],
  );
  return {
    title,
    date: date.iso,
    lang,
    programme,
    announcedTotal,
    projectCount: count ? Number(count[1]) : null,
    subject,
    mentions: subject === 'awards' ? scan.mentions : [],
    unnamed: subject === 'awards' ? scan.unnamed : [],
    totals:
      subject === 'awards'
        ? scan.totals
        : [
            ...scan.totals.map((t) => (t.kind === 'announced' ? { ...t, kind: newsTotalKind(opening) } : t)),
            ...applicationFigures,
          ],
  };
}

const wholeEuros = (n: number): string => groupThousands(String(Math.trunc(n)), ' ');
/** 1 153 584 or 2 200 120,80: whole euros, with the cents when the release gives them. */
const showAmount = (n: number): string =>
  Number.isInteger(n)
    ? wholeEuros(n)
    : `${wholeEuros(n)},${String(Math.round((n % 1) * 100)).padStart(2, '0')}`;

/** "IP Istanbulprotokollet" → "IP", "GBV-Tuva2" → "GBV-Tuva2", "Paluu" → null. */
function acronymOf(name: string): string | null {
  const acronym = extractAcronym(name);
  if (acronym) return acronym;
  return /^\S+$/.test(name) && (name.match(/\p{Lu}/gu) ?? []).length >= 2 ? name : null;
}

/** The "announced" draft a mention becomes when no listed project matches it. */
function announcedDraft(
  mention: ReadMention,
  draftId: string,
  release: ParsedPressRelease,
  programme: string,
  source: { id: string; url: string },
): ProjectDraft {
  const name = mention.name!;
  return buildDraft(
    {
      id: draftId,
      programme,
      name,
      acronym: acronymOf(name),
      beneficiary: mention.beneficiary ?? UNKNOWN_BENEFICIARY,
      summary: mention.text,
      euFundingEur: mention.amountEur,
      listing: 'announced',
      sources: [source],
      announcements: [
        {
          date: release.date,
          url: source.url,
          lang: release.lang,
          amountEur: mention.amountEur,
          ...(mention.approximate ? { approximate: true as const } : {}),
        },
      ],
    },
    mention.beneficiary
      ? []
      : [
          {
            code: 'missing-field',
            field: 'beneficiary',
            message: 'the press release does not name the organisation of this project',
            raw: mention.text,
            source: source.id,
          },
        ],
  );
}

/** "noin 5 miljoonaa euroa (sum), …": the totals as the run report lists them. */
const showTotals = (totals: readonly ReleaseTotal[]): string =>
  totals.map((t) => `"${t.raw}" (${TOTAL_KIND_WORDS[t.kind]})`).join(', ');

const TOTAL_KIND_WORDS: Readonly<Record<ReleaseTotal['kind'], string>> = {
  applications: 'applied for',
  call: 'offered by the call',
  programme: "the programme's or fund's",
  sum: 'a sum over several projects',
  announced: 'the announced total',
  unattributed: 'names neither project nor organisation',
};

/** What the run report says about a release beyond its mentions: its subject, counts and totals. */
function releaseWarnings(id: string, release: ParsedPressRelease): string[] {
  const warnings: string[] = [];
  // The announced total is reported as such (release.announcedTotal*); the others are listed here.
  const totals = release.totals.filter((t) => t.kind !== 'announced');
  if (totals.length > 0) {
    warnings.push(`${id}: note: totals of the release, not projects (no record made): ${showTotals(totals)}`);
  }
  if (release.subject === 'applications') {
    warnings.push(
      `${id}: note: this is news of a call or of the applications received ("${release.title}"), not of awards; it announces nothing`,
    );
    return warnings;
  }
  if (release.mentions.length === 0) {
    warnings.push(
      `${id}: note: the release names no project and states no amount of an award; nothing was announced`,
    );
  }
  const withAmount = release.mentions.filter((m) => m.amountEur !== null);
  const projects = withAmount.filter((m) => !m.operatingSupport).length;
  if (
    release.projectCount !== null &&
    withAmount.length === release.mentions.length &&
    release.projectCount !== projects
  ) {
    warnings.push(
      `${id}: the release says ${release.projectCount} projects but names ${projects} project amounts (and ${withAmount.length - projects} operating supports)`,
    );
  }
  const sum = withAmount.reduce((s, m) => s + (m.amountEur ?? 0), 0);
  if (
    release.announcedTotal &&
    withAmount.length === release.mentions.length &&
    withAmount.length > 0 &&
    Math.abs(sum - release.announcedTotal.eur) > 50_000
  ) {
    warnings.push(
      `${id}: the amounts add up to ${wholeEuros(sum)} euro, the release announces "${release.announcedTotal.raw}"`,
    );
  }
  return warnings;
}

/** A press release as a source. `id` defaults to {@link pressReleaseId}. */
export function pressReleaseSource(url: string, id: string = pressReleaseId(url)): SourceModule {
  const lang = pressLangOfUrl(url);
  const migri = new URL(url).host.endsWith('migri.fi');
  return {
    id,
    url,
    title: migri ? `Maahanmuuttoviraston uutinen (${lang})` : `Sisäministeriön tiedote (${lang})`,
    publisher: migri ? 'Maahanmuuttovirasto' : 'Sisäministeriö',
    extract(html: string): PressOutput {
      const release = parsePressRelease(html, id, url);
      // Without the period in the text, the release date decides: the 2021–2027 calls opened in 2022.
      const programme =
        release.programme ?? (release.date >= '2022-01-01' ? 'AMIF 2021-2027' : 'AMIF 2014-2020');
      const drafts: ProjectDraft[] = [];
      const mentions: PressMention[] = [];
      const ids = new Set<string>();
      for (const mention of release.mentions) {
        // Only a name the text delimits makes a record; the linker links or reports the others.
        const name = mention.name;
        if (name === null) {
          mentions.push({ ...mention, draftId: null });
          continue;
        }
        let draftId = projectId(programme, `${name} ${mention.beneficiary?.id ?? ''}`);
        if (ids.has(draftId))
          draftId = projectId(programme, `${name} ${mention.beneficiary?.id ?? ''} ${mention.amountEur}`);
        ids.add(draftId);
        mentions.push({ ...mention, draftId });
        drafts.push(announcedDraft(mention, draftId, release, programme, { id, url }));
      }
      return {
        kind: 'press-release',
        sourceId: id,
        url,
        pageUpdated: release.date,
        drafts,
        warnings: releaseWarnings(id, release),
        release: {
          title: release.title,
          date: release.date,
          lang: release.lang,
          programme,
          announcedTotalEur: release.announcedTotal?.eur ?? null,
          announcedTotalRaw: release.announcedTotal?.raw ?? null,
          subject: release.subject,
          totals: [...release.totals],
        },
        mentions,
        unnamedAwards: [...release.unnamed],
      };
    },
  };
}

/** Sources for a list of press-release URLs (PRESS_RELEASE_URLS, comma-separated), in the given order. */
export function pressReleaseSources(urls: readonly string[]): SourceModule[] {
  return [...new Set(urls.map((u) => u.trim()).filter(Boolean))].map((u) => pressReleaseSource(u));
}
