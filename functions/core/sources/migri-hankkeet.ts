import { PageLayoutError } from '../errors';
import type { ProjectDraft } from '../model/project';
import type { MigriOutput } from '../model/source-output';
import { extractAcronym } from '../normalise/acronym';
import { normaliseBeneficiary } from '../normalise/beneficiary';
import { projectId } from '../normalise/project-id';
import { collapseWhitespace, joinParagraphs } from '../normalise/text';
import { buildDraft, DraftQuality, uniqueDrafts } from './draft-builder';
import { loadPage } from './load-page';
import { MIGRI_FI, MIGRI_HANKKEET_ID, type MigriPageLanguage } from './migri-page-language';
import { blockText, type PageBlock, pageBlocks } from './page-blocks';
import { delimitedNames, sentences } from './press-mentions';
import type { SourceModule } from './source-module';

export { MIGRI_HANKKEET_ID } from './migri-page-language';
export const MIGRI_HANKKEET_URL = 'https://migri.fi/hankkeet';
export const MIGRI_BENEFICIARY = normaliseBeneficiary('Maahanmuuttovirasto');
/** What `migri.matchedBy` says on a block's own record, which no ministry project matched. */
export const MIGRI_UNMATCHED = 'none';

/** Other funding sections ("EU:n elpymis- ja palautumistukiväline (RRF) 2021–2024"): not read. */
const OTHER_SECTION = /\bRRF\b|elpymis|Next Generation|\bESR\b|\bEAKR\b|Horisontti|Horizon/i;
type Role = keyof MigriPageLanguage['labels'];

/** "Aikataulu: …", "Tidsplan: …", "Timetable: …": a label of the language and the text after it. */
function labelPattern(language: MigriPageLanguage): RegExp {
  return new RegExp(String.raw`^(${Object.values(language.labels).join('|')})\s*:\s*(.*)$`, 'iu');
}

function roleOf(language: MigriPageLanguage, word: string): Role {
  const lower = word.toLowerCase();
  return (Object.keys(language.labels) as Role[]).find((r) => language.labels[r] === lower)!;
}
const PERIOD = /(\d{4})\s*[-–—]\s*(\d{4})/;

/**
 * Instruments a block's text can name, with the words that name them. The EUSA section itself lists
 * the three funds with what they are for ("rajaturvallisuuden ja viisumipolitiikan rahoitustukiväline
 * (BMVI)"), so visa and border work is evidence of BMVI.
 */
const INSTRUMENTS: readonly { readonly fund: string; readonly pattern: RegExp }[] = [
  { fund: 'AMIF', pattern: /\bAMIF\b|turvapaikka-, maahanmuutto- ja kotouttamisrahast\p{L}*/iu },
  { fund: 'ISF', pattern: /\bISF\b|sisäisen turvallisuuden rahast\p{L}*/iu },
  { fund: 'BMVI', pattern: /\bBMVI\b|\bviisumi\p{L}*|\brajaturvallisuu\p{L}*|\brajavalvon\p{L}*/iu },
];

export interface InstrumentEvidence {
  readonly fund: string;
  /** The words of the block that name it, e.g. "viisumitietojärjestelmään". */
  readonly evidence: string;
}

/** The one instrument a block's text names, or null when it names none or several. */
export function instrumentOf(text: string): InstrumentEvidence | null {
  const found = INSTRUMENTS.flatMap((i) => {
    const match = i.pattern.exec(text);
    return match ? [{ fund: i.fund, evidence: match[0] }] : [];
  });
  return found.length === 1 ? found[0]! : null;
}

/** One titled block as the page shows it. */
export interface RawMigriBlock {
  readonly title: string;
  /** The page itself gives the block this title (an accordion heading), rather than it being derived. */
  readonly pageTitle: boolean;
  /** The page gives the block no title and its description names none: `title` is the description's opening. */
  readonly untitled?: boolean;
  readonly schedule: string | null;
  readonly description: readonly string[];
  readonly goals: readonly string[];
}

export interface MigriSection {
  readonly heading: string;
  /** "2021-2027" from the heading, or null. */
  readonly period: string | null;
  readonly blocks: readonly RawMigriBlock[];
}

export interface ParsedMigriPage {
  readonly eusa: readonly MigriSection[];
  /** Blocks the page gives no title. */
  readonly warnings: readonly string[];
  /** Blocks of other funding sections (RRF…): not AMIF, not published; counted for the record. */
  readonly otherBlocks: number;
}

function lineOf(block: PageBlock, line: string): string {
  return block.listItem ? `- ${line}` : line;
}

const scheduleLine = (language: MigriPageLanguage) =>
  new RegExp(String.raw`^${language.labels.schedule}\s*:`, 'iu');

function hasSchedule(body: readonly PageBlock[], schedule: RegExp): boolean {
  return body.some((b) => b.lines.some((l) => schedule.test(l)));
}

/**
 * A heading's body split into one part per project: each "Aikataulu:" line starts a block, whether
 * or not a title precedes it (copies of the page often lose the accordion titles). What comes before
 * the first schedule belongs to the first block.
 */
function scheduleParts(body: readonly PageBlock[], schedule: RegExp): PageBlock[][] {
  const parts: PageBlock[][] = [];
  let current: PageBlock[] = [];
  for (const block of body) {
    if (schedule.test(block.lines[0] ?? '') && current.some((b) => hasSchedule([b], schedule))) {
      parts.push(current);
      current = [];
    }
    current.push(block);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** "Digitaalinen vastuu ja yhteisvastuu (DVY) -hankkeessa pannaan …": the name a description gives. */
function nameInDescription(block: RawMigriBlock): string | null {
  const first = block.description[0];
  return first ? (delimitedNames(sentences(first)[0] ?? first)[0] ?? null) : null;
}

function readBlocks(
  language: MigriPageLanguage,
  heading: string,
  body: readonly PageBlock[],
  warnings: string[],
): RawMigriBlock[] {
  const parts = scheduleParts(body, scheduleLine(language));
  if (parts.length === 1 && !language.sectionTitle.test(heading)) {
    return [{ ...readBlock(language, heading, body), pageTitle: true }];
  }
  return parts.map((part) => {
    const untitled = readBlock(language, '', part);
    const named = nameInDescription(untitled);
    // Without a name, the description's first words (the page's own) tell the blocks apart: their
    // schedules repeat (1.1.2023–31.12.2026 twice on the 2023 page).
    const words = (untitled.description[0] ?? '').split(' ');
    const opening = words.length > 8 ? `${words.slice(0, 8).join(' ')} …` : words.join(' ');
    const title = named ?? (opening || `${heading} (${untitled.schedule ?? 'ei aikataulua'})`);
    warnings.push(
      named
        ? `${language.sourceId}: a block under "${heading}" has no title; it is named "${named}" after its description`
        : `${language.sourceId}: a block under "${heading}" has no title and its description names none; it is recorded as "${title}"`,
    );
    return { ...untitled, title, untitled: !named };
  });
}

function readBlock(language: MigriPageLanguage, title: string, body: readonly PageBlock[]): RawMigriBlock {
  const fields: Record<Role, string[]> = { schedule: [], description: [], goals: [] };
  const pattern = labelPattern(language);
  let current: Role | null = null;
  const loose: string[] = [];
  for (const block of body) {
    for (const line of block.lines) {
      const label = pattern.exec(line);
      if (label) {
        current = roleOf(language, label[1]!);
        if (label[2]) fields[current].push(lineOf(block, label[2]));
        continue;
      }
      // Further paragraphs and list items belong to the label before them.
      (current ? fields[current] : loose).push(lineOf(block, line));
    }
  }
  return {
    title,
    pageTitle: false,
    schedule: fields.schedule.length > 0 ? collapseWhitespace(fields.schedule.join(' ')) : null,
    description: [...loose, ...fields.description],
    goals: fields.goals,
  };
}

/**
 * Reads Migri's projects page by its visible text: a funding section's heading, then titled blocks
 * (an accordion's heading, a `<summary>`, any heading or bold line) whose body has "Aikataulu:",
 * "Kuvaus:" and "Tavoitteet:" labels (in Swedish "Tidsplan / Beskrivning / Mål", in English
 * "Timetable / Description / Goals": `language`). Only the EUSA section is read (the whole page for a
 * sectionless list); a heading that is not a block title and sits at or above the section heading's
 * level ends the section. Throws PageLayoutError when there is no EUSA section or it has no blocks.
 */
export function parseMigriHankkeet(html: string, language: MigriPageLanguage = MIGRI_FI): ParsedMigriPage {
  const blocks = pageBlocks(loadPage(html, language.sourceId));
  const label = labelPattern(language);
  const schedule = scheduleLine(language);
  const isHeading = (b: PageBlock) =>
    b.kind === 'heading' || (b.bold && b.lines.length === 1 && !label.test(blockText(b)));
  const eusa: { heading: string; period: string | null; level: number; blocks: RawMigriBlock[] }[] = [];
  let section: (typeof eusa)[number] | null = null;
  if (language.sectionless) {
    section = { heading: '', period: null, level: 0, blocks: [] };
    eusa.push(section);
  }
  let sectionLevel = 0;
  let otherBlocks = 0;
  let inOther = false;
  const warnings: string[] = [];

  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (!isHeading(block)) continue;
    const text = blockText(block);
    const body: PageBlock[] = [];
    for (let j = i + 1; j < blocks.length && !isHeading(blocks[j]!); j++) body.push(blocks[j]!);
    const level = block.level ?? 6;

    if (hasSchedule(body, schedule)) {
      if (section) section.blocks.push(...readBlocks(language, text, body, warnings));
      else if (inOther) otherBlocks += scheduleParts(body, schedule).length;
      continue;
    }
    if (!language.sectionless && language.eusaSection.test(text)) {
      const period = PERIOD.exec(text);
      section = { heading: text, period: period ? `${period[1]}-${period[2]}` : null, level, blocks: [] };
      sectionLevel = level;
      inOther = false;
      eusa.push(section);
    } else if (!language.sectionless && (OTHER_SECTION.test(text) || (section && level <= sectionLevel))) {
      section = null;
      inOther = true;
    }
  }

  const expected = language.expected;
  if (eusa.length === 0) {
    const headings = blocks.filter(isHeading).map((b) => `"${blockText(b)}"`);
    throw new PageLayoutError(
      language.sourceId,
      expected,
      headings.length > 0 ? `the headings ${headings.slice(0, 6).join(', ')}` : 'no headings',
    );
  }
  if (eusa.every((s) => s.blocks.length === 0)) {
    const where = language.sectionless ? 'the page' : `the section "${eusa[0]!.heading}"`;
    const line = `"${language.labels.schedule.replace(/^./, (c) => c.toUpperCase())}:"`;
    const article = /^"[aeiou]/i.test(line) ? 'an' : 'a';
    throw new PageLayoutError(
      language.sourceId,
      expected,
      `${where} without any block that has ${article} ${line} line`,
    );
  }
  return { eusa, otherBlocks, warnings };
}

/** "UMA-" (a compound's first part, "UMA-kehitys") is not a short name; "KOTU", "ADERE" are. */
function acronymOf(title: string): string | null {
  const acronym = extractAcronym(title);
  return acronym && !acronym.endsWith('-') ? acronym : null;
}

/** A block as the record it becomes when no ministry project matches it. */
export function normaliseMigriBlock(block: RawMigriBlock, section: MigriSection): ProjectDraft {
  const quality = new DraftQuality(MIGRI_HANKKEET_ID);
  const { startDate, endDate, note } = quality.period(block.schedule, {
    missing: 'the block has no schedule ("Aikataulu:")',
    notARange: { code: 'schedule-note', message: 'the schedule is not a date range; it is kept as written' },
    notADate: (rawDate) => `"${rawDate}" is not a date on the calendar`,
  });
  if (note) {
    quality.flag(
      'schedule-note',
      'endDate',
      'the schedule goes on after its date range; the note is kept',
      note,
    );
  }
  quality.order(startDate, endDate);
  if (block.untitled) {
    quality.flag(
      'missing-field',
      'name',
      "the page gives the block no title and its description names none; it is named by the description's first words",
      null,
    );
  }

  const title = collapseWhitespace(block.title);
  const description = joinParagraphs(block.description) || null;
  const goals = joinParagraphs(block.goals) || null;
  const programme = section.period ? `EUSA ${section.period}` : 'EUSA';
  const instrument = instrumentOf([title, description ?? '', goals ?? ''].join('\n'));

  return buildDraft(
    {
      id: projectId(programme, title),
      programme,
      fund: instrument?.fund ?? 'EUSA',
      name: title,
      acronym: acronymOf(title),
      beneficiary: MIGRI_BENEFICIARY,
      summary: joinParagraphs([...block.description, ...block.goals]),
      startDate,
      endDate,
      sources: [{ id: MIGRI_HANKKEET_ID, url: MIGRI_HANKKEET_URL }],
      migri: {
        url: MIGRI_HANKKEET_URL,
        title,
        schedule: block.schedule,
        description,
        goals,
        matchedBy: MIGRI_UNMATCHED,
      },
    },
    quality,
  );
}

export const migriHankkeet: SourceModule = {
  id: MIGRI_HANKKEET_ID,
  url: MIGRI_HANKKEET_URL,
  title: 'Hankkeet (Maahanmuuttovirasto)',
  publisher: 'Maahanmuuttovirasto',
  extract(html: string): MigriOutput {
    const page = parseMigriHankkeet(html);
    const unique = uniqueDrafts(
      page.eusa.flatMap((section) => section.blocks.map((block) => normaliseMigriBlock(block, section))),
      (draft) => `${MIGRI_HANKKEET_ID}: the block "${draft.name}" appears twice; kept once`,
    );
    const drafts = unique.drafts;
    const warnings = [...page.warnings, ...unique.warnings];
    return {
      kind: 'migri',
      sourceId: MIGRI_HANKKEET_ID,
      url: MIGRI_HANKKEET_URL,
      pageUpdated: null,
      drafts,
      warnings,
    };
  },
};
