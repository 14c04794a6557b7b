import type { CheerioAPI } from 'cheerio';
import { type AnyNode, type Element, isTag } from 'domhandler';
import { PageLayoutError } from '../errors';
import type { ProjectDraft } from '../model/project';
import type { ProjectsOutput } from '../model/source-output';
import { extractAcronym } from '../normalise/acronym';
import { normaliseBeneficiary } from '../normalise/beneficiary';
import { parseFinnishDate } from '../normalise/date';
import { parseSpecificObjective } from '../normalise/objective';
import { projectId } from '../normalise/project-id';
import { collapseWhitespace, foldKey, joinParagraphs } from '../normalise/text';
import { buildDraft, DraftQuality, UNKNOWN_BENEFICIARY } from './draft-builder';
import { eachVisibleLine, visibleLines, visibleText } from './html-text';
import { loadPage } from './load-page';
import type { SourceModule } from './source-module';
import { mapTableHeaders } from './table-headers';
import { assertTypedColumnsHold } from './typed-columns';
import { uniqueRows } from './unique-rows';

export const EUSA_AMIF_2021_ID = 'eusa-amif-2021';
export const EUSA_AMIF_2021_URL = 'https://eusa-rahastot2021.fi/rahoitetut-amif-hankkeet';
const PROGRAMME = 'AMIF 2021-2027';

type Column = 'name' | 'beneficiary' | 'objective' | 'summary' | 'amount' | 'start' | 'end';

/** Header texts, folded, that identify each column; matched by text, never by position or class. */
const HEADERS: Readonly<Record<Column, readonly string[]>> = {
  name: ['hankkeen nimi', 'projektets namn'],
  beneficiary: ['avustuksen saajan nimi', 'avustuksen saaja', 'tuensaaja'],
  objective: ['erityistavoite'],
  summary: ['tavoite ja tulokset'],
  amount: ['eu rahoitus'],
  start: ['hankkeen alkamispaiva', 'alkamispaiva'],
  end: ['hankkeen paattymispaiva', 'paattymispaiva'],
};
const HEADER_LABEL: Readonly<Record<Column, string>> = {
  name: 'Hankkeen nimi',
  beneficiary: 'Avustuksen saajan nimi',
  objective: 'Erityistavoite',
  summary: 'Tavoite ja tulokset',
  amount: 'EU-rahoitus (euroa)',
  start: 'Hankkeen alkamispäivä',
  end: 'Hankkeen päättymispäivä',
};
const COLUMNS = Object.keys(HEADERS) as Column[];

/** Sort-button helper text that CMS tables put inside header cells. */
const HELPER_TEXT = /järjestä taulukko sarakkeen mukaan (nousevasti|laskevasti)/gi;

/** One table row as the page shows it, before any interpretation. */
export interface RawRow2021 {
  readonly rowNumber: number;
  readonly cells: Readonly<Record<Column, readonly string[]>>;
}

export interface ParsedPage2021 {
  readonly pageUpdated: string | null;
  readonly rows: readonly RawRow2021[];
}

function headerColumn(text: string): Column | null {
  const folded = foldKey(text.replace(HELPER_TEXT, ''));
  for (const column of COLUMNS) {
    if (HEADERS[column].some((h) => folded === h || folded.startsWith(`${h} `))) return column;
  }
  return null;
}

/** The nearest <table> above an element, as `$(el).parents('table').first()[0]` finds it. */
function enclosingTable(el: Element): Element | undefined {
  for (let p = el.parent; p && p.type !== 'root'; p = p.parent) {
    if (isTag(p) && p.name === 'table') return p;
  }
  return undefined;
}

const UPDATED = /Lista on päivitetty\s+(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})/i;

/**
 * `UPDATED.exec(visibleText(nodes))` without joining the whole page's text into one string: the
 * lines are joined and searched about a million characters at a time, each batch together with
 * the last 64 characters of the text before it. In visible text white space never repeats, so a
 * match is at most 32 characters long: the tail holds any part of a match that began earlier, and
 * the first batch with a match holds the first match of the whole text.
 */
function findUpdated(nodes: readonly AnyNode[]): RegExpExecArray | null {
  let pending: string[] = [];
  let size = 0;
  let found: RegExpExecArray | null = null;
  const search = (): boolean => {
    const text = pending.join(' ');
    found = UPDATED.exec(text);
    pending = [text.slice(-64)];
    size = 0;
    return found !== null;
  };
  for (const node of nodes) {
    if (found) break;
    eachVisibleLine(node, (line) => {
      pending.push(line);
      size += line.length;
      return size >= 1_000_000 && search();
    });
  }
  if (!found && size > 0) search();
  return found;
}

/** Everything after an element in document order: its following siblings, then its ancestors'. */
function nodesAfter(el: Element): AnyNode[] {
  const after: AnyNode[] = [];
  for (let node: AnyNode | null = el; node; node = node.parent) {
    for (let next = node.next; next; next = next.next) after.push(next);
  }
  return after;
}

/** What `$(tr).children('td, th')` keeps. */
function isCell(node: AnyNode): node is Element {
  return isTag(node) && (node.name === 'td' || node.name === 'th');
}

/**
 * Finds the table and maps its columns by header text. Throws PageLayoutError when it cannot, when
 * two headers map to one column, and when the page is not complete: the table or a list is never
 * closed, or the "Lista on päivitetty" line that always follows the table is missing.
 */
/** The project table: the one whose header row names the most known columns. */
interface ProjectTable {
  readonly table: Element;
  readonly rows: Element[];
  readonly headerRow: Element;
  readonly columns: number;
  /** The header cells' texts, helper texts removed. */
  readonly found: string[];
}

function findProjectTable($: CheerioAPI): ProjectTable | null {
  let best: ProjectTable | null = null;
  for (const table of $('table').toArray()) {
    const rows = $(table).find('tr').toArray();
    const headerRow = $(table).find('thead tr').toArray()[0] ?? rows[0];
    if (!headerRow) continue;
    const found = $(headerRow)
      .children('th, td')
      .toArray()
      .map((cell) => collapseWhitespace(visibleText(cell).replace(HELPER_TEXT, '')));
    const columns = new Set(found.map(headerColumn).filter((c) => c !== null)).size;
    if (!best || columns > best.columns) best = { table, rows, headerRow, columns, found };
  }
  return best;
}

/** Where each column is in the table; refuses a page without the table or without a column. */
function columnPlaces(best: ProjectTable | null): { best: ProjectTable; map: Map<Column, number> } {
  const expected = COLUMNS.map((c) => `"${HEADER_LABEL[c]}"`).join(', ');
  if (!best || best.columns === 0) {
    throw new PageLayoutError(
      EUSA_AMIF_2021_ID,
      `a table with the columns ${expected}`,
      best ? `tables whose headers are ${best.found.map((t) => `"${t}"`).join(', ')}` : 'no table',
    );
  }
  const map = mapTableHeaders(EUSA_AMIF_2021_ID, best.found, headerColumn);
  const missing = COLUMNS.filter((c) => !map.has(c));
  if (missing.length > 0) {
    throw new PageLayoutError(
      EUSA_AMIF_2021_ID,
      `the columns ${missing.map((c) => `"${HEADER_LABEL[c]}"`).join(', ')}`,
      `a table with the columns ${best.found.map((t) => `"${t}"`).join(', ')}`,
    );
  }
  return { best, map };
}

/** The table's project rows, each cell's lines under its column; refuses a row of the wrong width. */
function projectRows(best: ProjectTable, map: ReadonlyMap<Column, number>): RawRow2021[] {
  // Plain DOM walks rather than $(tr).parents('table') / .children('td, th') per row: the same
  // elements, without compiling a selector for each of 20 000 rows.
  const rows: RawRow2021[] = [];
  best.rows.forEach((tr, index) => {
    if (tr === best.headerRow || enclosingTable(tr) !== best.table) return;
    const cells = tr.children.filter(isCell);
    if (cells.length === 0) return;
    // A row with more or fewer cells than there are headers puts every later cell under the wrong header.
    const width = cells.reduce((sum, cell) => sum + (Number(cell.attribs.colspan) || 1), 0);
    if (width !== best.found.length) {
      throw new PageLayoutError(
        EUSA_AMIF_2021_ID,
        `${best.found.length} cells in every row, one under each header`,
        `${width} in table row ${index}`,
      );
    }
    const cellLines = Object.fromEntries(
      COLUMNS.map((c) => {
        const cell = cells[map.get(c)!];
        return [c, cell ? visibleLines(cell) : []];
      }),
    ) as Record<Column, string[]>;
    rows.push({ rowNumber: index, cells: cellLines });
  });
  return rows;
}

export function parseEusaAmif2021(html: string): ParsedPage2021 {
  const $ = loadPage(html, EUSA_AMIF_2021_ID);
  const { best, map } = columnPlaces(findProjectTable($));
  const rows = projectRows(best, map);
  if (rows.length === 0) {
    throw new PageLayoutError(EUSA_AMIF_2021_ID, 'at least one project row in the table', 'no rows');
  }
  const updated = findUpdated(nodesAfter(best.table));
  if (!updated) {
    throw new PageLayoutError(
      EUSA_AMIF_2021_ID,
      'the line "Lista on päivitetty D.M.YYYY" after the table, which the page always has',
      'no such line after the table (the page looks cut off)',
    );
  }
  const pageUpdated = parseFinnishDate(updated[1]!);
  return { pageUpdated: pageUpdated.ok ? pageUpdated.iso : null, rows };
}

/** Turns one raw row into a validated draft; impossible values become null with a quality flag. */
export function normaliseRow2021(row: RawRow2021, url: string): ProjectDraft {
  const quality = new DraftQuality(EUSA_AMIF_2021_ID);
  const cell = (cells: readonly string[]) => collapseWhitespace(cells.join(' ')) || null;

  const name = collapseWhitespace(row.cells.name.join(' '));
  const beneficiaryRaw = cell(row.cells.beneficiary);
  if (!beneficiaryRaw) quality.flag('missing-field', 'beneficiary', 'the beneficiary cell is empty', null);

  const objectiveRaw = row.cells.objective.join('\n');
  const objective = parseSpecificObjective(objectiveRaw);
  if (!objective.ok) {
    quality.flag(
      'unknown-objective',
      'specificObjective',
      'expected "<1|2|3> <objective name>"',
      objectiveRaw || null,
    );
  }

  const euFundingEur = quality.amount(cell(row.cells.amount), {
    missing: 'the EU funding cell is empty',
    invalid: 'expected a euro amount such as "1 153 584,12"',
  });
  const dateMessages = (what: string) => ({
    missing: `the ${what} date cell is empty`,
    invalid: 'expected an existing date written D.M.YYYY',
  });
  const startDate = quality.date('startDate', cell(row.cells.start), dateMessages('start'));
  const endDate = quality.date('endDate', cell(row.cells.end), dateMessages('end'));
  quality.order(startDate, endDate);

  return buildDraft(
    {
      id: projectId(PROGRAMME, name),
      programme: PROGRAMME,
      name,
      acronym: extractAcronym(name),
      beneficiary: beneficiaryRaw ? normaliseBeneficiary(beneficiaryRaw) : UNKNOWN_BENEFICIARY,
      specificObjective: objective.ok ? objective.objective : null,
      summary: joinParagraphs(row.cells.summary),
      euFundingEur,
      startDate,
      endDate,
      sources: [{ id: EUSA_AMIF_2021_ID, url }],
    },
    quality,
  );
}

export const eusaAmif2021: SourceModule = {
  id: EUSA_AMIF_2021_ID,
  url: EUSA_AMIF_2021_URL,
  title: 'Rahoitetut AMIF-hankkeet (2021–2027)',
  publisher: 'Sisäministeriö',
  extract(html: string): ProjectsOutput {
    const page = parseEusaAmif2021(html);
    const unique = uniqueRows(
      page.rows,
      (row) => JSON.stringify(row.cells),
      (row, first) =>
        `${EUSA_AMIF_2021_ID}: table row ${row.rowNumber} repeats row ${first.rowNumber} ` +
        `("${collapseWhitespace(row.cells.name.join(' '))}") cell for cell; it was read once`,
    );
    const warnings = unique.warnings;
    const drafts: ProjectDraft[] = [];
    for (const row of unique.rows) {
      if (!collapseWhitespace(row.cells.name.join(' '))) {
        warnings.push(
          `${EUSA_AMIF_2021_ID}: table row ${row.rowNumber} has no project name; it was not read`,
        );
        continue;
      }
      drafts.push(normaliseRow2021(row, EUSA_AMIF_2021_URL));
    }
    assertTypedColumnsHold(EUSA_AMIF_2021_ID, drafts);
    return {
      kind: 'projects',
      sourceId: EUSA_AMIF_2021_ID,
      url: EUSA_AMIF_2021_URL,
      pageUpdated: page.pageUpdated,
      drafts,
      warnings,
    };
  },
};
