import { readFile } from 'node:fs/promises';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';

/**
 * Proves that seeds/pages/eusa-amif-2021.html is a faithful reconstruction of the text dump
 * seeds/text/001_2bdd7d8e7020e5ec.txt: the visible text of the table is re-created from the markup
 * and must equal dump lines 4..237 character for character.
 *
 * Rendering rules (documented in seeds/README.md):
 * - header: each <th>'s text (label + visually hidden sort helper), joined with single spaces;
 * - a cell renders its text nodes literally, <br> as "\n", and <p> boundaries as "\n\n";
 * - cells are joined with a single space, except that a cell whose text spans several lines
 *   (it contains <p> or <br>) ends with a line break, so the next cell starts on a new line;
 * - rows are joined with "\n".
 */

const HTML_URL = new URL('../../seeds/pages/eusa-amif-2021.html', import.meta.url);
const DUMP_URL = new URL('../../seeds/text/001_2bdd7d8e7020e5ec.txt', import.meta.url);

/** domhandler's ChildNode (Element | Text | Comment | ...), reached through cheerio's own types. */
type DomNode = ReturnType<cheerio.CheerioAPI['root']>[number]['children'][number];
type ElementNode = Extract<DomNode, { attribs: unknown }>;

const isElement = (node: DomNode): node is ElementNode => node.nodeType === 1 && 'attribs' in node;

/** Whitespace that is only HTML source formatting (never U+00A0, which is content). */
const FORMATTING_WS = /^[ \t\n\r]*$/;

const KNOWN_BENEFICIARIES = new Set([
  'Business Finland Oy',
  'Diakonia-ammattikorkeakoulu',
  'Elinkeino-, liikenne- ja ympäristökeskusten sekä työ- ja elinkeinotoimistojen kehittämis- ja hallintokeskus',
  'Helsingin Diakonissalaitoksen Säätiö sr',
  'Helsingin Diakonissalaitoksen säätiö sr.',
  'Helsingin seurakuntayhtymä',
  'Kehitysyhtiö SavoGrow Oy',
  'Koulutus Elämään säätiö sr',
  'Kuopion Setlementti Puijola ry',
  'Maahanmuuttovirasto',
  'Mannerheimin Lastensuojeluliiton Uudenmaan piiri ry',
  'Nivalan kaupunki',
  'Pelastakaa Lapset ry',
  'Pelastakaa lapset ry',
  'Pirkanmaan ELY-keskus',
  'Poliisihallitus',
  'Rauhankasvatusinstituutti ry',
  'Rauman kaupunki',
  'Suomen Pakolaisapu ry',
  'Suomen Punainen Risti',
  'Takuusäätiö',
  'Tampereen ammattikorkeakoulu Oy',
  'Tampereen seudun Työllistämisyhdistys Etappi ry',
  'Terveyden ja hyvinvoinnin laitos (THL)',
  'Turun kaupunki',
  'Työväen Sivistysliitto TSL ry',
  'Väestöliitto',
]);

function render(node: DomNode): string {
  if (node.nodeType === 3) return node.data;
  if (isElement(node)) {
    if (node.name === 'br') return '\n';
    return node.children.map(render).join('');
  }
  return ''; // comments and the like are not visible text
}

function cellText(cell: DomNode): string {
  if (!isElement(cell)) throw new Error('cell is not an element');
  const children = cell.children;
  const paragraphs = children.filter((c) => isElement(c) && c.name === 'p');
  if (paragraphs.length === 0) return render(cell);
  for (const child of children) {
    if (child.nodeType === 3 && !FORMATTING_WS.test(child.data)) {
      throw new Error(`loose text next to <p> in a cell: ${JSON.stringify(child.data)}`);
    }
    if (isElement(child) && child.name !== 'p') {
      throw new Error(`unexpected <${child.name}> next to <p> in a cell`);
    }
  }
  return paragraphs.map(render).join('\n\n');
}

function joinCells(texts: string[]): string {
  let out = '';
  texts.forEach((text, i) => {
    if (i > 0) out += texts[i - 1]?.includes('\n') ? '\n' : ' ';
    out += text;
  });
  return out;
}

/** "2200120,8" -> 220012080 cents; rejects anything that is not digits with an optional 1-2 digit decimal part. */
function toCents(amount: string): number {
  const m = /^(\d+)(?:,(\d{1,2}))?$/.exec(amount);
  if (!m) throw new Error(`not an amount: ${JSON.stringify(amount)}`);
  const [, euros = '', fraction = ''] = m;
  return Number(euros) * 100 + Number(fraction.padEnd(2, '0'));
}

const trimLineEnds = (s: string): string => s.replace(/ +$/gm, '');

async function load() {
  const [html, dump] = await Promise.all([readFile(HTML_URL, 'utf8'), readFile(DUMP_URL, 'utf8')]);
  const $ = cheerio.load(html);
  const lines = dump.split('\n');
  const headerCells = $('table thead tr')
    .first()
    .children('th')
    .toArray()
    .map((th) => render(th));
  const rows = $('table tbody > tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .children('td')
        .toArray()
        .map((td) => cellText(td)),
    );
  return { $, html, dump, lines, headerCells, rows };
}

describe('seeds/pages/eusa-amif-2021.html fidelity to dump 001', () => {
  it('re-creates dump lines 4..237 exactly from the table', async () => {
    const { lines, headerCells, rows } = await load();
    const dumpTable = lines.slice(3, 237).join('\n');
    const rendered = [headerCells.join(' '), ...rows.map(joinCells)].join('\n');
    const expected = trimLineEnds(dumpTable);
    const actual = trimLineEnds(rendered);
    expect(actual).toBe(expected);
    // Also compare line by line so a failure names the first differing line.
    expect(actual.split('\n')).toEqual(expected.split('\n'));
    // The dump has no trailing spaces, so the untrimmed rendering must match too: a stray space
    // at the end of a cell or paragraph is a difference as well.
    expect(dumpTable).toBe(expected);
    expect(rendered).toBe(dumpTable);
  });

  it('has the 7-column header with visually hidden sort helpers', async () => {
    const { $ } = await load();
    const ths = $('table thead th').toArray();
    expect(ths).toHaveLength(7);
    for (const th of ths) {
      expect($(th).find('button .screen-reader-text').text()).toBe(
        'Järjestä taulukko sarakkeen mukaan nousevasti',
      );
    }
  });

  it('has 47 rows of 7 cells, split 13/30/4 by specific objective', async () => {
    const { rows } = await load();
    expect(rows).toHaveLength(47);
    const byObjective: Record<string, number> = {};
    for (const cells of rows) {
      expect(cells).toHaveLength(7);
      const code = /^([123]) /.exec(cells[2] ?? '')?.[1] ?? 'none';
      byObjective[code] = (byObjective[code] ?? 0) + 1;
    }
    expect(byObjective).toEqual({ '1': 13, '2': 30, '3': 4 });
  });

  it('puts a known organisation in every beneficiary cell', async () => {
    const { rows } = await load();
    const unknown = rows.map((cells) => cells[1] ?? '').filter((b) => !KNOWN_BENEFICIARIES.has(b));
    expect(unknown).toEqual([]);
  });

  it('sums the EU funding to 26 057 656,23 euros', async () => {
    const { rows } = await load();
    const total = rows.reduce((sum, cells) => sum + toCents(cells[4] ?? ''), 0);
    expect(total).toBe(2605765623);
  });

  it('keeps the title, intro, notes and excel link verbatim', async () => {
    const { $, lines } = await load();
    expect($('main h1').text()).toBe(lines[0]);
    expect(lines[1]).toBe('');
    expect($('main h2').first().text()).toBe(lines[2]);
    const notes = $('main table')
      .closest('.table-wrapper')
      .nextAll('ul')
      .first()
      .children('li')
      .toArray()
      .map((li) => `  • ${$(li).text()}`);
    expect(notes).toEqual(lines.slice(237, 239));
    expect(lines[239]).toBe('');
    expect($('main a[href$=".xlsx"]').text()).toBe(lines[240]);
    expect(lines).toHaveLength(241);
  });

  it('is UTF-8 with LF line endings and a lang="fi" document', async () => {
    const { $, html } = await load();
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(html).not.toContain('\r');
    expect(html).not.toContain('\uFFFD');
    expect($('html').attr('lang')).toBe('fi');
    expect($('meta[charset]').attr('charset')?.toLowerCase()).toBe('utf-8');
  });
});
