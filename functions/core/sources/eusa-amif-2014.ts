import { PageLayoutError } from '../errors';
import type { ProjectDraft } from '../model/project';
import type { ProjectsOutput } from '../model/source-output';
import { extractAcronym } from '../normalise/acronym';
import { normaliseBeneficiary } from '../normalise/beneficiary';
import { parseFinnishDate } from '../normalise/date';
import { projectId } from '../normalise/project-id';
import { collapseWhitespace, joinParagraphs } from '../normalise/text';
import { buildDraft, DraftQuality, UNKNOWN_BENEFICIARY, uniqueDrafts } from './draft-builder';
import { loadPage } from './load-page';
import { blockText, type PageBlock, pageBlocks } from './page-blocks';
import type { SourceModule } from './source-module';

const PROGRAMME = 'AMIF 2014-2020';
/**
 * The two path forms under which eusa-rahastot.fi publishes the 2014–2020 objective pages. Each
 * objective is read at the form its stored copy was found under (seeds/README.md, "Live addresses")
 * and accepts the other one as the same page (SourceDescriptor.alternateUrls).
 */
export const EUSA_2014_PATH_FORMS = {
  long: 'https://eusa-rahastot.fi/toimintaa-ja-tuloksia/rahoitetut-amif-hankkeet/erityistavoite-',
  short: 'https://eusa-rahastot.fi/rahoitetut-amif-hankkeet/erityistavoite-',
} as const;
const CONFIRMED_FORM: Readonly<Record<ObjectiveCode2014, keyof typeof EUSA_2014_PATH_FORMS>> = {
  '1': 'long',
  '2': 'long',
  '3': 'short',
};
const PAGE_TITLE = /^rahoitetut amif-hankkeet$/i;

export type ObjectiveCode2014 = '1' | '2' | '3';

/** "Kansallinen tavoite 1.1: Vastaanotto- ja turvapaikkajärjestelmät" */
const NATIONAL_OBJECTIVE = /^kansallinen tavoite\s+(\d+(?:\.\d+)?)\s*[:.–-]?\s*(.*)$/i;
/** "… ei ole tällä hetkellä voimassa olevia rahoitettuja hankkeita" */
const NO_PROJECTS = /\bei ole\b.*\bhankkeita\b/i;
const DATE = String.raw`\d{1,2}\.\s?\d{1,2}\.\s?\d{4}`;
const DESCRIPTION_LABEL = /^hankkeen kuvaus\s*:\s*/i;
/**
 * A bullet that only points elsewhere: "Katso lisää hankkeesta", "Lue lisää maahanmuuttoviraston sivuilta",
 * "Tutustu hankkeeseen THL:n sivuilla". Read as the project's link, never as its description.
 */
const MORE_LINK = /^(?:katso lisää|lue lisää|tutustu hankkeeseen)(?![\p{L}])/iu;
/** A link bullet is short; a description that happens to begin with these words is not one. */
const MORE_LINK_MAX_CHARS = 120;

/** A project as the page shows it, before interpretation. */
export interface RawProject2014 {
  readonly heading: string;
  readonly nationalObjective: string;
  readonly description: readonly string[];
  readonly beneficiary: string | null;
  /** The date range as written ("01.06.2020 - 31.11.2021"), or null. */
  readonly period: string | null;
  readonly amount: string | null;
  /** The "Katso lisää hankkeesta" link as written (may be relative). */
  readonly moreLink: string | null;
}

export interface ParsedPage2014 {
  readonly objective: { readonly code: ObjectiveCode2014; readonly name: string };
  readonly projects: readonly RawProject2014[];
  readonly pageUpdated: string | null;
  readonly warnings: readonly string[];
}

interface Details {
  beneficiary: string | null;
  period: string | null;
  amount: string | null;
}

/** Labels of a details line, with a colon: "Hankkeen toteuttaja: …", "Toteutusaika: …", "EU-tuen määrä: …". */
const COLON_LABEL =
  /(hankkeen toteuttaja|toteuttaja|toteutusaika|hankkeen kesto|eu-tuen määrä|eu-tuki|eu-rahoitus|myönnetty tuki)\s*:\s*/giu;
/** An amount label written without a colon: "EU-tuki 78 438 euroa". */
const BARE_AMOUNT_LABEL = /(eu-tuen määrä|eu-tuki|eu-rahoitus)\s+(?=\d)/giu;
const STARTS_WITH_LABEL =
  /^(hankkeen toteuttaja|toteuttaja|toteutusaika|hankkeen kesto|eu-tuki|eu-tuen määrä|eu-rahoitus|myönnetty tuki)\s*:/iu;
/** "<toteuttaja>, 01.06.2020 - 31.12.2021" at the end of the unlabelled part of a details line. */
const ORG_AND_PERIOD = new RegExp(
  String.raw`^(?<org>[^,]+(?:,\s*(?!${DATE})[^,]+)*?),\s*(?<range>${DATE}\s*[-–—]\s*${DATE})\s*$`,
  'iu',
);

const trimValue = (value: string) =>
  value
    .trim()
    .replace(/[,;.]\s*$/, '')
    .trim();

/**
 * Reads one line as the details of a project, or null when it is not one. The parts may come in any
 * order and with or without labels: "Kuopion Setlementti Puijola ry, 01.06.2020 - 31.12.2021, EU-tuki
 * 78 438 euroa", "Maahanmuuttovirasto, 01.02.2021 - 31.12.2022, EU-tuen määrä: 330 776 euroa.",
 * "Hankkeen toteuttaja: LAB Ammattikorkeakoulu oy, Toteutusaika: 01.09.2020 - 31.12.2022",
 * "Toteutusaika: …, Hankkeen toteuttaja: …". An unlabelled implementer must come first, followed by
 * its period.
 */
export function parseDetailLine(line: string): Details | null {
  const text = collapseWhitespace(line);
  const labels = [...text.matchAll(COLON_LABEL), ...text.matchAll(BARE_AMOUNT_LABEL)].sort(
    (a, b) => a.index - b.index,
  );
  const details: Details = { beneficiary: null, period: null, amount: null };
  const head = trimValue(text.slice(0, labels[0]?.index ?? text.length));
  if (head) {
    const match = ORG_AND_PERIOD.exec(head);
    if (!match?.groups) return null;
    details.beneficiary = match.groups.org!.trim();
    details.period = match.groups.range!.trim();
  }
  labels.forEach((label, i) => {
    const value =
      trimValue(text.slice(label.index + label[0].length, labels[i + 1]?.index ?? text.length)) || null;
    const name = label[1]!.toLowerCase();
    if (name.endsWith('toteuttaja')) details.beneficiary ??= value;
    else if (name === 'toteutusaika' || name === 'hankkeen kesto') details.period ??= value;
    else details.amount ??= value;
  });
  return details.period || details.beneficiary ? details : null;
}

function isHeading(block: PageBlock): boolean {
  return (
    block.kind === 'heading' ||
    (block.bold &&
      block.lines.length === 1 &&
      blockText(block).length <= 300 &&
      !STARTS_WITH_LABEL.test(blockText(block)))
  );
}

/**
 * Reads a 2014–2020 "Rahoitetut AMIF-hankkeet" page of one specific objective by its visible text:
 * the objective's heading, then sections "Kansallinen tavoite N.N: …", each with project headings
 * followed by bullets (description, details, an optional link bullet: "Katso lisää hankkeesta", "Lue lisää
 * maahanmuuttoviraston sivuilta", "Tutustu hankkeeseen THL:n sivuilla"). Whether a
 * heading is a project is decided by its content (a details line under it), not by its tag, so h2/h3/
 * bold-paragraph headings and p/li bullets all read the same. Throws PageLayoutError when there is
 * no national-objective section, or when there are sections but none of their headings has details.
 */
/** What a page of this layout looks like, for the error that says it was not found. */
function expectedLayout(code: ObjectiveCode2014): string {
  return (
    `sections headed "Kansallinen tavoite ${code}.N: …" with project headings followed by a bullet ` +
    '"<toteuttaja>, d.m.yyyy - d.m.yyyy, EU-tuki N euroa" or ' +
    '"Hankkeen toteuttaja: …, Toteutusaika: d.m.yyyy - d.m.yyyy"'
  );
}

/** The specific objective the introduction (the blocks before the first section) names. */
function pageObjective(
  intro: readonly PageBlock[],
  code: ObjectiveCode2014,
  sourceId: string,
  warnings: string[],
): { code: ObjectiveCode2014; name: string } {
  const objectiveHeading = intro
    .filter((b) => isHeading(b) && !PAGE_TITLE.test(blockText(b)))
    .map(blockText)
    .at(-1);
  const introCode = /erityistavoit\w*\s+([123])\b/i.exec(intro.map(blockText).join(' '))?.[1];
  if (introCode && introCode !== code) {
    warnings.push(
      `${sourceId}: the page introduces specific objective ${introCode}, but its address is that of ` +
        `objective ${code}; objective ${code} was recorded`,
    );
  }
  return { code, name: objectiveHeading ?? `Erityistavoite ${code}` };
}

/** What the national-objective sections hold. */
interface Sections {
  readonly projects: RawProject2014[];
  readonly headingsWithoutDetails: { heading: string; nationalObjective: string }[];
  /** Per national objective: how many projects it has and whether it says it has none. */
  readonly sections: Map<string, { projects: number; saysNone: boolean }>;
}

/** Reads each heading from the first section on with the blocks under it: a section, or a project. */
function readSections(
  blocks: readonly PageBlock[],
  firstSection: number,
  code: ObjectiveCode2014,
  sourceId: string,
  warnings: string[],
): Sections {
  const found: Sections = { projects: [], headingsWithoutDetails: [], sections: new Map() };
  let nationalObjective: string | null = null;
  let index = firstSection;
  while (index < blocks.length) {
    const block = blocks[index]!;
    const text = blockText(block);
    index++;
    if (!isHeading(block)) continue;
    const no = NATIONAL_OBJECTIVE.exec(text);
    const body: PageBlock[] = [];
    while (index < blocks.length && !isHeading(blocks[index]!)) body.push(blocks[index++]!);
    const saysNone = body.some((b) => NO_PROJECTS.test(blockText(b)));
    if (no) {
      nationalObjective = no[1]!;
      found.sections.set(nationalObjective, { projects: 0, saysNone });
      if (!nationalObjective.startsWith(`${code}.`)) {
        warnings.push(
          `${sourceId}: national objective ${nationalObjective} is not under specific objective ${code}; ` +
            'its projects are recorded as given',
        );
      }
      continue;
    }
    if (nationalObjective === null) continue;
    const section = found.sections.get(nationalObjective)!;
    if (saysNone) section.saysNone = true;
    const project = readProject(text, nationalObjective, body);
    if (project) {
      found.projects.push(project);
      section.projects++;
    } else if (body.length > 0 && !body.every((b) => NO_PROJECTS.test(blockText(b)))) {
      found.headingsWithoutDetails.push({ heading: text, nationalObjective });
    }
  }
  return found;
}

/** Refuses a page whose headings all lack details; warns of each such heading and of silent empty sections. */
function checkSections(found: Sections, code: ObjectiveCode2014, sourceId: string, warnings: string[]): void {
  const { projects, headingsWithoutDetails, sections } = found;
  if (projects.length === 0 && headingsWithoutDetails.length > 0) {
    throw new PageLayoutError(
      sourceId,
      expectedLayout(code),
      `${sections.size} national-objective sections whose ${headingsWithoutDetails.length} headings have no ` +
        `details line (e.g. "${headingsWithoutDetails[0]!.heading}")`,
    );
  }
  for (const h of headingsWithoutDetails) {
    warnings.push(
      `${sourceId}: "${h.heading}" (national objective ${h.nationalObjective}) has no implementer and ` +
        'dates line; it was not read as a project',
    );
  }
  for (const [no, section] of sections) {
    if (section.projects === 0 && !section.saysNone) {
      warnings.push(
        `${sourceId}: national objective ${no} lists no projects and does not say that it has none`,
      );
    }
  }
}

export function parseEusaAmif2014(html: string, sourceId: string, code: ObjectiveCode2014): ParsedPage2014 {
  const blocks = pageBlocks(loadPage(html, sourceId));
  const warnings: string[] = [];
  const firstSection = blocks.findIndex((b) => isHeading(b) && NATIONAL_OBJECTIVE.test(blockText(b)));
  if (firstSection < 0) {
    const headings = blocks.filter(isHeading).map((b) => `"${blockText(b)}"`);
    throw new PageLayoutError(
      sourceId,
      expectedLayout(code),
      headings.length > 0 ? `the headings ${headings.slice(0, 6).join(', ')}` : 'no headings',
    );
  }
  const objective = pageObjective(blocks.slice(0, firstSection), code, sourceId, warnings);
  const found = readSections(blocks, firstSection, code, sourceId, warnings);
  checkSections(found, code, sourceId, warnings);
  const updated = /päivitetty\s*:?\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})/i.exec(blocks.map(blockText).join(' '));
  const pageUpdated = updated ? parseFinnishDate(updated[1]!) : null;
  return {
    objective,
    projects: found.projects,
    pageUpdated: pageUpdated?.ok ? pageUpdated.iso : null,
    warnings,
  };
}

function readProject(
  heading: string,
  nationalObjective: string,
  body: readonly PageBlock[],
): RawProject2014 | null {
  const description: string[] = [];
  let details: Details | null = null;
  let moreLink: string | null = null;
  for (const block of body) {
    for (const line of block.lines) {
      if (MORE_LINK.test(line) && line.length <= MORE_LINK_MAX_CHARS) {
        // A stored copy may keep the bullet's words but not its target: then there is no link to keep.
        moreLink ??= block.links.find((l) => !l.href.startsWith('#'))?.href ?? null;
        continue;
      }
      const labelled = DESCRIPTION_LABEL.exec(line);
      if (labelled) {
        const rest = line.slice(labelled[0].length).trim();
        if (rest) description.push(rest);
        continue;
      }
      const parsed: Details | null = details ? null : parseDetailLine(line);
      if (parsed) {
        details = parsed;
        continue;
      }
      if (!NO_PROJECTS.test(line)) description.push(line);
    }
  }
  if (!details) return null;
  return {
    heading,
    nationalObjective,
    description,
    beneficiary: details.beneficiary,
    period: details.period,
    amount: details.amount,
    moreLink,
  };
}

/** "TUVI-hanke - Turvapaikkaprosessin…" → "TUVI": the short name without the word "hanke". */
function acronymOf(name: string): string | null {
  const acronym = extractAcronym(name);
  if (!acronym) return null;
  const stripped = acronym.replace(/-?hanke$/i, '').replace(/-$/, '');
  return stripped.length >= 2 ? stripped : null;
}

function absoluteUrl(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function normaliseProject2014(
  raw: RawProject2014,
  objective: ParsedPage2014['objective'],
  sourceId: string,
  url: string,
): ProjectDraft {
  const quality = new DraftQuality(sourceId);
  const name = collapseWhitespace(raw.heading);
  if (!raw.beneficiary) quality.flag('missing-field', 'beneficiary', 'the details give no implementer', null);
  const { startDate, endDate } = quality.period(raw.period, {
    missing: 'the details give no implementation period',
    notARange: { code: 'invalid-date', message: 'expected a period written "d.m.yyyy - d.m.yyyy"' },
    notADate: (rawDate) =>
      `"${rawDate}" is not a date on the calendar (the period reads "${raw.period}"); expected d.m.yyyy`,
  });
  quality.order(startDate, endDate);
  const euFundingEur = quality.amount(raw.amount, {
    missing: 'the details give no EU funding amount',
    invalid: 'expected a euro amount such as "78 438 euroa"',
  });

  return buildDraft(
    {
      id: projectId(PROGRAMME, name),
      programme: PROGRAMME,
      name,
      acronym: acronymOf(name),
      beneficiary: raw.beneficiary ? normaliseBeneficiary(raw.beneficiary) : UNKNOWN_BENEFICIARY,
      specificObjective: objective,
      nationalObjective: raw.nationalObjective,
      summary: joinParagraphs(raw.description),
      euFundingEur,
      startDate,
      endDate,
      website: absoluteUrl(raw.moreLink, url),
      sources: [{ id: sourceId, url }],
    },
    quality,
  );
}

/** The source of one specific objective's 2014–2020 page: `eusa-amif-2014-so1`, `-so2`, `-so3`. */
export function eusaAmif2014Source(code: ObjectiveCode2014): SourceModule {
  const id = `eusa-amif-2014-so${code}`;
  const form = CONFIRMED_FORM[code];
  const url = `${EUSA_2014_PATH_FORMS[form]}${code}`;
  const other = form === 'long' ? EUSA_2014_PATH_FORMS.short : EUSA_2014_PATH_FORMS.long;
  return {
    id,
    url,
    alternateUrls: [`${other}${code}`],
    title: `Rahoitetut AMIF-hankkeet 2014–2020, erityistavoite ${code}`,
    publisher: 'Sisäministeriö',
    extract(html: string): ProjectsOutput {
      const page = parseEusaAmif2014(html, id, code);
      const unique = uniqueDrafts(
        page.projects.map((project) => normaliseProject2014(project, page.objective, id, url)),
        (draft) => `${id}: the project "${draft.name}" appears twice on the page; kept once`,
      );
      const drafts = unique.drafts;
      const warnings = [...page.warnings, ...unique.warnings];
      return { kind: 'projects', sourceId: id, url, pageUpdated: page.pageUpdated, drafts, warnings };
    },
  };
}

export const eusaAmif2014So1 = eusaAmif2014Source('1');
export const eusaAmif2014So2 = eusaAmif2014Source('2');
export const eusaAmif2014So3 = eusaAmif2014Source('3');
