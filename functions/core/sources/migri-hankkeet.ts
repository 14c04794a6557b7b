import { PageLayoutError } from '../errors';
import type { ProjectDraft } from '../model/project';
import type { MigriOutput } from '../model/source-output';
import { extractAcronym } from '../normalise/acronym';
import { normaliseBeneficiary } from '../normalise/beneficiary';
import { projectId } from '../normalise/project-id';
import { collapseWhitespace, joinParagraphs } from '../normalise/text';
import { buildDraft, DraftQuality, uniqueDrafts } from './draft-builder';
import { loadPage } from './load-page';
import { blockText, type PageBlock, pageBlocks } from './page-blocks';
import { delimitedNames, sentences } from './press-mentions';
import type { SourceModule } from './source-module';

export const MIGRI_HANKKEET_ID = 'migri-hankkeet';
export const MIGRI_HANKKEET_URL = 'https://migri.fi/hankkeet';
export const MIGRI_BENEFICIARY = normaliseBeneficiary('Maahanmuuttovirasto');
/** What `migri.matchedBy` says on a block's own record, which no ministry project matched. */
export const MIGRI_UNMATCHED = 'none';

/** "EU:n sisäasioiden rahastot (EUSA) 2021–2027": the section whose blocks are read. */
const EUSA_SECTION = /\bEUSA\b|sisäasioiden rahast/i;
/** Other funding sections ("EU:n elpymis- ja palautumistukiväline (RRF) 2021–2024"): not read. */
const OTHER_SECTION = /\bRRF\b|elpymis|Next Generation|\bESR\b|\bEAKR\b|Horisontti|Horizon/i;
const LABEL = /^(aikataulu|kuvaus|tavoitteet)\s*:\s*(.*)$/i;
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

const SCHEDULE_LINE = /^aikataulu\s*:/i;

function hasSchedule(body: readonly PageBlock[]): boolean {
  return body.some((b) => b.lines.some((l) => SCHEDULE_LINE.test(l)));
}

/**
 * A heading's body split into one part per project: each "Aikataulu:" line starts a block, whether
 * or not a title precedes it (copies of the page often lose the accordion titles). What comes before
 * the first schedule belongs to the first block.
 */
function scheduleParts(body: readonly PageBlock[]): PageBlock[][] {
  const parts: PageBlock[][] = [];
  let current: PageBlock[] = [];
  for (const block of body) {
    if (SCHEDULE_LINE.test(block.lines[0] ?? '') && current.some((b) => hasSchedule([b]))) {
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

/** A heading over several projects ("Maahanmuuttovirastossa käynnissä olevat hankkeet") is not a title. */
const SECTION_TITLE = /\bhankkeet\b|\bprojekt(?:en)?\b/i;

function readBlocks(heading: string, body: readonly PageBlock[], warnings: string[]): RawMigriBlock[] {
  const parts = scheduleParts(body);
  if (parts.length === 1 && !SECTION_TITLE.test(heading)) return [readBlock(heading, body)];
  return parts.map((part) => {
    const untitled = readBlock('', part);
    const named = nameInDescription(untitled);
    // Without a name, the description's first words (the page's own) tell the blocks apart: their
    // schedules repeat (1.1.2023–31.12.2026 twice on the 2023 page).
    const words = (untitled.description[0] ?? '').split(' ');
    const opening = words.length > 8 ? `${words.slice(0, 8).join(' ')} …` : words.join(' ');
    const title = named ?? (opening || `${heading} (${untitled.schedule ?? 'ei aikataulua'})`);
    warnings.push(
      named
        ? `${MIGRI_HANKKEET_ID}: a block under "${heading}" has no title; it is named "${named}" after its description`
        : `${MIGRI_HANKKEET_ID}: a block under "${heading}" has no title and its description names none; it is recorded as "${title}"`,
    );
    return { ...untitled, title, untitled: !named };
  });
}

function readBlock(title: string, body: readonly PageBlock[]): RawMigriBlock {
  const fields: Record<'aikataulu' | 'kuvaus' | 'tavoitteet', string[]> = {
    aikataulu: [],
    kuvaus: [],
    tavoitteet: [],
  };
  let current: keyof typeof fields | null = null;
  const loose: string[] = [];
  for (const block of body) {
    for (const line of block.lines) {
      const label = LABEL.exec(line);
      if (label) {
        current = label[1]!.toLowerCase() as keyof typeof fields;
        if (label[2]) fields[current].push(lineOf(block, label[2]));
        continue;
      }
      // Further paragraphs and list items belong to the label before them.
      (current ? fields[current] : loose).push(lineOf(block, line));
    }
  }
  return {
    title,
    schedule: fields.aikataulu.length > 0 ? collapseWhitespace(fields.aikataulu.join(' ')) : null,
    description: [...loose, ...fields.kuvaus],
    goals: fields.tavoitteet,
  };
}

/**
 * Reads Migri's projects page by its visible text: a funding section's heading, then titled blocks
 * (an accordion's heading, a `<summary>`, any heading or bold line) whose body has "Aikataulu:",
 * "Kuvaus:" and "Tavoitteet:" labels. Only the EUSA section is read; a heading that is not a block
 * title and sits at or above the section heading's level ends the section. Throws PageLayoutError
 * when there is no EUSA section or it has no blocks.
 */
export function parseMigriHankkeet(html: string): ParsedMigriPage {
  const blocks = pageBlocks(loadPage(html, MIGRI_HANKKEET_ID));
  const isHeading = (b: PageBlock) =>
    b.kind === 'heading' || (b.bold && b.lines.length === 1 && !LABEL.test(blockText(b)));
  const eusa: { heading: string; period: string | null; level: number; blocks: RawMigriBlock[] }[] = [];
  let section: (typeof eusa)[number] | null = null;
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

    if (hasSchedule(body)) {
      if (section) section.blocks.push(...readBlocks(text, body, warnings));
      else if (inOther) otherBlocks += scheduleParts(body).length;
      continue;
    }
    if (EUSA_SECTION.test(text)) {
      const period = PERIOD.exec(text);
      section = { heading: text, period: period ? `${period[1]}-${period[2]}` : null, level, blocks: [] };
      sectionLevel = level;
      inOther = false;
      eusa.push(section);
    } else if (OTHER_SECTION.test(text) || (section && level <= sectionLevel)) {
      section = null;
      inOther = true;
    }
  }

  const expected =
    'a section headed "EU:n sisäasioiden rahastot (EUSA) …" with titled blocks that read "Aikataulu: …", "Kuvaus: …", "Tavoitteet: …"';
  if (eusa.length === 0) {
    const headings = blocks.filter(isHeading).map((b) => `"${blockText(b)}"`);
    throw new PageLayoutError(
      MIGRI_HANKKEET_ID,
      expected,
      headings.length > 0 ? `the headings ${headings.slice(0, 6).join(', ')}` : 'no headings',
    );
  }
  if (eusa.every((s) => s.blocks.length === 0)) {
    throw new PageLayoutError(
      MIGRI_HANKKEET_ID,
      expected,
      `the section "${eusa[0]!.heading}" without any block that has an "Aikataulu:" line`,
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
