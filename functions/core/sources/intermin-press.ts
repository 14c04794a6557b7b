import { createHash } from 'node:crypto';
import { PageLayoutError } from '../errors';
import { type Beneficiary, type ProjectDraft, projectDraftSchema } from '../model/project';
import type { PressMention, PressOutput } from '../model/source-output';
import { extractAcronym } from '../normalise/acronym';
import { groupThousands, parseEuroAmount } from '../normalise/amount';
import { findBeneficiaries } from '../normalise/beneficiary';
import { parseFinnishDate } from '../normalise/date';
import { findMillionAmount } from '../normalise/million-amount';
import { projectId } from '../normalise/project-id';
import { collapseWhitespace } from '../normalise/text';
import { loadPage } from './load-page';
import { blockText, pageBlocks } from './page-blocks';
import type { SourceModule } from './source-module';

export type PressLang = 'fi' | 'sv' | 'en';

/** Press releases whose source id is fixed: the snapshot files and the state store know them by it. */
const KNOWN_RELEASES: Readonly<Record<string, string>> = {
  'https://intermin.fi/sv/-/inrikesministeriet-beviljar-10-4-miljoner-euro-eu-finansiering':
    'intermin-press-2023-04-12-sv',
};

/** The press releases read by default (the command line and a deployment without PRESS_RELEASE_URLS). */
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

const PUBLICATION_LABEL =
  /(?:utgivningsdatum|julkaisuaika|julkaistu|publication date|published)\s*:?\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})/i;
/** "(212 429 euro EU-finansiering)", "(1 153 584 euro)", "(78 438 euroa)", "(EUR 212,429)". */
const NUM = String.raw`(\d{1,3}(?:[\s\u00a0.,]\d{3})+|\d+)`;
const AMOUNT = new RegExp(
  String.raw`\(\s*(?:EUR\s*${NUM}|${NUM}\s*(?:€|euroa|euros|euro|EUR)(?![\p{L}])(?:\s+[\p{L}-]+){0,3})\s*\)`,
  'gu',
);
/** The words that introduce a project's name, by language. */
const PROJECT_WORD = /\b(?:projektet|projekt|hankkeessa|hankkeen|hanke|project)\s+/giu;
const NAME_WORD = String.raw`(?:[\p{Lu}][\p{L}\p{N}-]*!?|\d+)`;
const NAME_AFTER_PROJECT_WORD = new RegExp(String.raw`^(${NAME_WORD}(?:\s+${NAME_WORD}){0,5})`, 'u');
/** Capitals words that are not project names: the fund, the EU, instruments. */
const NOT_A_NAME = /^(?:EU|AMIF|ISF|BMVI|EUSA)(?:$|[-\s])/u;
const OPERATING_SUPPORT =
  /\boperativ\p{L}*\s+stöd|\boperatiivi\p{L}*\s+tu\p{L}*|\boperating support|\btoimintatu\p{L}*/iu;
const PROJECT_COUNT = /\b(\d{1,3})\s+(?:projekt|hanketta|hankkeelle|hankkeeseen|projects)\b/iu;
const PERIOD = /\b(20\d\d)\s*[-–]\s*(20\d\d)\b/;
const AMIF_NAME =
  /\bAMIF\b|asyl-, migrations- och integrationsfond|turvapaikka-, maahanmuutto- ja kotouttamisrahast|Asylum, Migration and Integration Fund/iu;

/** Splits running text into sentences: after ".", "!" or "?" followed by a capital, a digit or "(". */
function sentences(line: string): string[] {
  return line
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\d(])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Names a mention gives its project: the capitalised words after "projekt(et)"/"hanke"/"project",
 * then acronym-like words (two or more capitals: "ADERE", "GBV-Tuva2", "MoniTieto"), leaving out the
 * words of the organisations it names (`organisations`, e.g. "Utvecklingsbolaget SavoGrow Oy s").
 */
export function mentionNames(text: string, organisations: readonly string[] = []): string[] {
  const orgWords = new Set(organisations.flatMap((o) => o.split(/\s+/)));
  const names: string[] = [];
  for (const match of text.matchAll(PROJECT_WORD)) {
    const after = NAME_AFTER_PROJECT_WORD.exec(text.slice(match.index + match[0].length));
    if (after) names.push(after[1]!.replace(/[,;:]$/, ''));
  }
  for (const word of text.split(/[\s,;:()–]+/u)) {
    const clean = word.replace(/[.!?]$/, '');
    if ((clean.match(/\p{Lu}/gu) ?? []).length >= 2 && !/:s$/.test(clean)) names.push(clean);
  }
  return [
    ...new Set(names.filter((n) => !NOT_A_NAME.test(n) && !n.split(/\s+/).every((w) => orgWords.has(w)))),
  ];
}

export interface ParsedPressRelease {
  readonly title: string;
  readonly date: string;
  readonly lang: PressLang;
  readonly programme: string | null;
  readonly announcedTotal: { readonly eur: number; readonly raw: string } | null;
  /** "17 projekt" in the lead: how many projects the release says it funds. */
  readonly projectCount: number | null;
  readonly mentions: readonly Omit<PressMention, 'draftId'>[];
}

/**
 * Reads a ministry press release on AMIF awards by its visible text: the title (`<h1>`), the
 * publication date (`<time datetime>` or "Utgivningsdatum/Julkaisuaika/Publication date d.m.yyyy"),
 * the announced total ("10,4 miljoner euro") and every amount in brackets with the sentence that
 * names its project. A sentence that names an organisation but no amount ("Stiftelsen Helsingfors
 * Diakonissanstalt beviljades finansiering för tre projekt.") sets the organisation of the mentions
 * after it, until the next subheading. Throws PageLayoutError without a title, a date or an amount.
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

  const datetime = $('time[datetime]').first().attr('datetime') ?? '';
  const labelled = PUBLICATION_LABEL.exec(blocks.map(blockText).join('\n'));
  const parsedDate = /^\d{4}-\d{2}-\d{2}/.test(datetime)
    ? { ok: true as const, iso: datetime.slice(0, 10) }
    : labelled
      ? parseFinnishDate(labelled[1]!)
      : null;
  if (!parsedDate?.ok) {
    throw new PageLayoutError(
      sourceId,
      'a publication date ("Utgivningsdatum 12.4.2023", "Julkaisuaika …", "Publication date …" or <time datetime>)',
      labelled ? `"${labelled[0]}"` : 'no date',
    );
  }

  const body = blocks.slice(titleIndex + 1);
  const allText = body.map(blockText).join('\n');
  const period = PERIOD.exec(allText);
  const programme =
    AMIF_NAME.test(`${title}\n${allText}`) && period ? `AMIF ${period[1]}-${period[2]}` : null;
  // The lead: the paragraph with the total, else the first paragraph that is more than a date or a label.
  const lead =
    body.find((b) => b.kind === 'text' && findMillionAmount(blockText(b))) ??
    body.find(
      (b) =>
        b.kind === 'text' && !PUBLICATION_LABEL.test(blockText(b)) && blockText(b).split(' ').length >= 3,
    );
  const announcedTotal = findMillionAmount(title) ?? (lead ? findMillionAmount(blockText(lead)) : null);
  const count = PROJECT_COUNT.exec(`${title}\n${lead ? blockText(lead) : ''}`);

  const mentions: Omit<PressMention, 'draftId'>[] = [];
  let context: Beneficiary | null = null;
  for (const block of body) {
    if (block.kind === 'heading') {
      context = null;
      continue;
    }
    for (const line of block.lines) {
      for (const sentence of sentences(line)) {
        const amounts = [...sentence.matchAll(AMOUNT)];
        const named = findBeneficiaries(sentence)[0] ?? null;
        if (amounts.length === 0) {
          if (named) context = { id: named.id, name: named.name };
          continue;
        }
        let from = 0;
        for (const [i, amount] of amounts.entries()) {
          // A mention runs to its amount; the last one to the end of the sentence.
          const to = i === amounts.length - 1 ? sentence.length : amount.index + amount[0].length;
          const text = collapseWhitespace(sentence.slice(from, to));
          const parsed = parseEuroAmount((amount[1] ?? amount[2]!).replace(/[.,](?=\d{3}\b)/g, ' '));
          from = to;
          if (!parsed.ok) continue;
          const organisations = findBeneficiaries(text);
          const own = organisations[0] ?? null;
          mentions.push({
            text,
            names: mentionNames(
              text,
              organisations.map((o) => o.text),
            ),
            beneficiary: own ? { id: own.id, name: own.name } : context,
            amountEur: Math.trunc(parsed.cents / 100),
            operatingSupport: OPERATING_SUPPORT.test(text),
          });
        }
      }
    }
  }
  if (mentions.length === 0) {
    throw new PageLayoutError(
      sourceId,
      'project mentions with an amount in brackets, e.g. "(212 429 euro EU-finansiering)"',
      'no amounts in brackets',
    );
  }
  return {
    title,
    date: parsedDate.iso,
    lang,
    programme,
    announcedTotal,
    projectCount: count ? Number(count[1]) : null,
    mentions,
  };
}

const PROJECT_WORD_BY_LANG: Readonly<Record<PressLang, string>> = {
  fi: 'hanke',
  sv: 'projekt',
  en: 'project',
};
const OPERATING_WORD_BY_LANG: Readonly<Record<PressLang, string>> = {
  fi: 'toimintatuki',
  sv: 'operativt stöd',
  en: 'operating support',
};

const wholeEuros = (n: number): string => groupThousands(String(n), ' ');

/** "IP Istanbulprotokollet" → "IP", "GBV-Tuva2" → "GBV-Tuva2", "Paluu" → null. */
function acronymOf(name: string): string | null {
  const acronym = extractAcronym(name);
  if (acronym) return acronym;
  return /^\S+$/.test(name) && (name.match(/\p{Lu}/gu) ?? []).length >= 2 ? name : null;
}

/** The name an announced record carries: the name the release gives, else who and how much. */
function announcedName(mention: Omit<PressMention, 'draftId'>, lang: PressLang): string {
  const named = mention.names[0];
  if (named) return named;
  const what = mention.operatingSupport ? OPERATING_WORD_BY_LANG[lang] : PROJECT_WORD_BY_LANG[lang];
  return `${mention.beneficiary?.name ?? '?'}: ${what} (${wholeEuros(mention.amountEur)} euro)`;
}

/** A press release as a source. `id` defaults to {@link pressReleaseId}. */
export function pressReleaseSource(url: string, id: string = pressReleaseId(url)): SourceModule {
  const lang = pressLangOfUrl(url);
  return {
    id,
    url,
    title: `Sisäministeriön tiedote (${lang})`,
    publisher: 'Sisäministeriö',
    extract(html: string): PressOutput {
      const release = parsePressRelease(html, id, url);
      const warnings: string[] = [];
      // Without the period in the text, the release date decides: the 2021–2027 calls opened in 2022.
      const programme =
        release.programme ?? (release.date >= '2022-01-01' ? 'AMIF 2021-2027' : 'AMIF 2014-2020');
      const drafts: ProjectDraft[] = [];
      const mentions: PressMention[] = [];
      const ids = new Set<string>();
      for (const mention of release.mentions) {
        const name = announcedName(mention, release.lang);
        let draftId = projectId(programme, `${name} ${mention.beneficiary?.id ?? ''}`);
        if (ids.has(draftId))
          draftId = projectId(programme, `${name} ${mention.beneficiary?.id ?? ''} ${mention.amountEur}`);
        ids.add(draftId);
        mentions.push({ ...mention, draftId });
        drafts.push(
          projectDraftSchema.parse({
            id: draftId,
            programme,
            fund: 'AMIF',
            name,
            acronym: acronymOf(name),
            beneficiary: mention.beneficiary ?? { id: 'unknown', name: '(ei ilmoitettu)' },
            specificObjective: null,
            nationalObjective: null,
            summary: mention.text,
            euFundingEur: mention.amountEur,
            startDate: null,
            endDate: null,
            website: null,
            listing: 'announced',
            sources: [{ id, url }],
            migri: null,
            announcements: [{ date: release.date, url, lang: release.lang, amountEur: mention.amountEur }],
            quality: mention.beneficiary
              ? []
              : [
                  {
                    code: 'missing-field',
                    field: 'beneficiary',
                    message: 'the press release does not name the organisation of this project',
                    raw: mention.text,
                    source: id,
                  },
                ],
          }),
        );
      }

      const projects = release.mentions.filter((m) => !m.operatingSupport).length;
      if (release.projectCount !== null && release.projectCount !== projects) {
        warnings.push(
          `${id}: the release says ${release.projectCount} projects but names ${projects} project amounts (and ${release.mentions.length - projects} operating supports)`,
        );
      }
      const sum = release.mentions.reduce((s, m) => s + m.amountEur, 0);
      if (release.announcedTotal && Math.abs(sum - release.announcedTotal.eur) > 50_000) {
        warnings.push(
          `${id}: the amounts add up to ${wholeEuros(sum)} euro, the release announces "${release.announcedTotal.raw}"`,
        );
      }
      return {
        kind: 'press-release',
        sourceId: id,
        url,
        pageUpdated: release.date,
        drafts,
        warnings,
        release: {
          title: release.title,
          date: release.date,
          lang: release.lang,
          programme,
          announcedTotalEur: release.announcedTotal?.eur ?? null,
          announcedTotalRaw: release.announcedTotal?.raw ?? null,
        },
        mentions,
      };
    },
  };
}

/** Sources for a list of press-release URLs (PRESS_RELEASE_URLS, comma-separated), in the given order. */
export function pressReleaseSources(urls: readonly string[]): SourceModule[] {
  return [...new Set(urls.map((u) => u.trim()).filter(Boolean))].map((u) => pressReleaseSource(u));
}
