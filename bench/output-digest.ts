/**
 * Digest of everything the benchmarked stages produce, for checking that an optimisation changes
 * no behaviour: run `npx tsx bench/output-digest.ts` before and after a change (ideally on a copy
 * of the tree, so other people's concurrent edits don't move the baseline) and compare the lines.
 * Covers the real snapshot, a synthetic page with a stored state (new/changed/removed/unchanged),
 * awkward markup (nested tables, <th> row headers, <br>/<div>/<p> cells, script, svg, template,
 * comments, odd spaces, short rows, empty names) and awkward values for the diff and the CSV.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { diffProjects } from '../functions/core/diff';
import { feedConfigSchema } from '../functions/core/feed-config';
import { linkOutputs } from '../functions/core/link';
import type { ProjectRecord } from '../functions/core/model/project';
import { toCsv } from '../functions/core/render/csv';
import { renderProjectsCsv, renderProjectsExcelCsv } from '../functions/core/render/projects-csv';
import { datasetMeta, datasetSources, renderProjectsJson } from '../functions/core/render/projects-json';
import { eusaAmif2021, parseEusaAmif2021 } from '../functions/core/sources/eusa-amif-2021';
import { visibleLines, visibleText } from '../functions/core/sources/html-text';
import { storedState } from './stored-state';
import { seededRandom, syntheticPage } from './synthetic-page';

const lines: string[] = [];
const all = createHash('sha256');
function record(label: string, value: unknown): void {
  let text: string;
  try {
    text = typeof value === 'function' ? JSON.stringify((value as () => unknown)()) : JSON.stringify(value);
  } catch (error) {
    text = `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  const digest = createHash('sha256')
    .update(text ?? 'undefined')
    .digest('hex')
    .slice(0, 16);
  all.update(`${label}=${digest}\n`);
  lines.push(`${digest} ${label}`);
}

const HEADER = `<thead><tr>
<th>Hankkeen nimi <span class="screen-reader-text">Järjestä taulukko sarakkeen mukaan nousevasti</span></th>
<th>Avustuksen saajan nimi</th><th>Erityistavoite</th><th>Tavoite ja tulokset</th>
<th>EU-rahoitus (euroa)</th><th>Hankkeen alkamispäivä</th><th>Hankkeen päättymispäivä</th>
</tr></thead>`;

const AWKWARD = `<!DOCTYPE html><html><head><title>t</title><style>td{color:red}</style></head><body>
<table><tr><td>Hankkeen nimi</td><td>muu</td></tr><tr><td>x</td><td>y</td></tr></table>
<TABLE class="big">${HEADER}<tbody>
<tr><th scope="row">Rivi\u00a0 <b>yksi</b>\u200b (RY1)</th><td>Maahanmuuttovirasto</td><td>1 Euroopan<br>yhteinen</td>
<td><p>Eka  kappale</p><div>Toka<br/>rivi</div><!-- kommentti -->loppu<script>var x = "skripti";</script><style>.a{}</style></td>
<td>1 153 584,12 €</td><td>01.05.2023</td><td>30.4.2025.</td></tr>
<tr><td>Sisäkkäinen<table><tr><td>Hankkeen nimi</td></tr><tr><td>sisä</td></tr></table></td><td>Väestöliitto</td>
<td>4 Tuntematon</td><td>x</td><td>abc</td><td>31.11.2021</td><td>1.1.2020</td></tr>
<tr><td>Kuvallinen <svg><title>ei näy</title><foreignObject>eikä tämä</foreignObject></svg>hanke</td><td></td>
<td>Erityistavoite 2: Laillinen maahanmuutto</td><td><template>piilossa</template><ul><li>a</li><li>b</li></ul></td>
<td>12.5</td><td></td><td>1.1.2024</td></tr>
<tr><td>  </td><td>Tyhjä nimi</td><td>1 x</td><td>y</td><td>1</td><td>1.1.2023</td><td>1.1.2023</td></tr>
<tr><td>Lyhyt rivi</td><td>Suomen Punainen Risti</td></tr>
<tr><td>Toistuva</td><td>THL</td><td>3 Paluu</td><td>s</td><td>100</td><td>1.1.2023</td><td>1.2.2023</td></tr>
<tr><td>Toistuva</td><td>THL</td><td>3 Paluu</td><td>s</td><td>100</td><td>1.1.2023</td><td>1.2.2023</td></tr>
<tr><td>Toistuva</td><td>Takuusäätiö</td><td>3 Paluu</td><td>s</td><td>100</td><td>1.1.2023</td><td>1.2.2023</td></tr>
<tr><td>=KAAVA()</td><td>+Etumerkki</td><td>2\tx</td><td> "lainaus", ja; puolipiste </td><td>0,5</td><td>29.2.2024</td><td>28.2.2024</td></tr>
</tbody></TABLE>
<ul><li>Lista on <b>päivitetty</b>\n 5. 3. 2024</li></ul></body></html>`;

const CASES: Record<string, string> = {
  awkward: AWKWARD,
  'no table': '<html><body><p>Lista on päivitetty 1.1.2024</p></body></html>',
  'missing columns': `<table><tr><th>Hankkeen nimi</th><th>Erityistavoite</th></tr><tr><td>a</td><td>1 b</td></tr></table>`,
  'header only': `<table>${HEADER}</table>`,
  'no thead, update in table':
    '<table><tr><td>Hankkeen nimi</td><td>Avustuksen saaja</td><td>Erityistavoite</td><td>Tavoite ja tulokset</td>' +
    `<td>EU rahoitus</td><td>Alkamispäivä</td><td>Päättymispäivä</td></tr>
<tr><td>Lista on päivitetty</td><td>2.2.2022</td><td>1 a</td><td>b</td><td>1</td><td>1.1.2022</td><td>1.1.2021</td></tr></table>`,
};

const snapshot = readFileSync(new URL('../seeds/pages/eusa-amif-2021.html', import.meta.url), 'utf8');
const synthetic = syntheticPage(snapshot, 3000, 7);
for (const [label, html] of Object.entries({ snapshot, synthetic, ...CASES })) {
  record(`parse ${label}`, () => parseEusaAmif2021(html));
  record(`extract ${label}`, () => eusaAmif2021.extract(html));
}
for (const [label, html] of Object.entries(CASES)) {
  record(`visibleLines ${label}`, () => {
    const $ = cheerio.load(html);
    return [visibleLines($.root()[0]!), visibleLines($.root()[0]!, { skip: (el) => el.name === 'b' })];
  });
}

// Random markup soup: block/inline/skipped/br elements, comments and every kind of white space.
const random = seededRandom(42);
const PIECES = [
  '<p>',
  '</p>',
  '<div>',
  '</div>',
  '<br>',
  '<span>',
  '</span>',
  '<b>',
  '</b>',
  '<li>',
  '<tr>',
  '<td>',
  '<svg>',
  '</svg>',
  '<script>s</script>',
  '<style>y</style>',
  '<!-- c -->',
  '<template>t</template>',
  'a',
  'b c',
  ' ',
  '  ',
  '\n',
  '\t',
  '\u00a0',
  '\u200b',
  '\u202f',
  '\ufeff',
  '\u2028',
  '&nbsp;',
  'Lista on päivitetty 1.2.2023',
  'Lista',
  'on',
  'päivitetty',
  'LISTA ON PÄIVITETTY',
  '5.',
  '3.',
  '12.',
  '2024',
  '20245',
  'x'.repeat(70),
];
const soups: string[] = [];
for (let i = 0; i < 400; i++) {
  const length = 1 + Math.floor(random() * 30);
  soups.push(Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join(''));
}
// "Lista on päivitetty D.M.YYYY" cut up by every kind of line break, inline markup and filler.
const TOKENS = ['x', 'Lista', 'on', 'päivitetty', '5.', '3.', '2024', 'y'];
const GLUE = [
  ' ',
  '',
  '<br>',
  '<p>',
  '</p><p>',
  '<b> </b>',
  '<span>',
  '</span>',
  '\n ',
  '\u00a0',
  '\u200b',
  '<svg>z</svg>',
  `${'w'.repeat(40)} `,
  `<div>${'v '.repeat(30)}</div>`,
  '<script>1</script>',
  '. ',
];
for (let i = 0; i < 400; i++) {
  soups.push(
    TOKENS.map((token, j) => (j === 0 ? '' : GLUE[Math.floor(random() * GLUE.length)]) + token)
      .join('')
      .replace('2024', random() < 0.3 ? '20245' : '2024'),
  );
}

record('soup', () =>
  soups.map((html) => {
    const $ = cheerio.load(`<body>${html}</body>`);
    const body = $('body')[0]!;
    return [
      visibleLines(body),
      visibleText(body),
      visibleText($.root()[0]!, { skip: (el) => el.name === 'b' }),
    ];
  }),
);

const ROW = '<tr><td>n</td><td>b</td><td>1 o</td><td>s</td><td>1</td><td>1.1.2023</td><td>1.1.2024</td></tr>';
record('soup pages', () =>
  soups.map((html, i) => {
    const other = soups[(i * 7 + 3) % soups.length];
    try {
      return parseEusaAmif2021(`<body>${html}<table>${HEADER}<tbody>${ROW}</tbody></table>${other}</body>`)
        .pageUpdated;
    } catch (error) {
      return String(error);
    }
  }),
);

// Every kind of white space, alone and in runs, at the edges and inside lines.
const SPACES = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2009',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u0085',
  '\u180e',
  'a',
  'ä',
  '–',
];
const spaceStrings = Array.from({ length: 3000 }, () =>
  Array.from({ length: Math.floor(random() * 12) }, () => SPACES[Math.floor(random() * SPACES.length)]).join(
    '',
  ),
);
record('white space', () =>
  spaceStrings.map((text) => {
    const $ = cheerio.load(`<div>${text}</div><p>${text}<br>x${text}</p>`, null, false);
    return [visibleLines($.root()[0]!), visibleText($.root()[0]!)];
  }),
);

// The pipeline over the synthetic page against a stored state, and the awkward page from scratch.
const config = feedConfigSchema.parse({ publicBaseUrl: 'https://amif-feed.example.org' });
const run = { runId: 'run-digest', at: '2026-11-22T04:00:00Z', sources: [] };
const readSources = new Set([eusaAmif2021.id]);
function pipeline(label: string, html: string, current: readonly ProjectRecord[]) {
  const output = eusaAmif2021.extract(html);
  const linked = linkOutputs([output, output]);
  record(`link ${label}`, linked);
  const diff = diffProjects({ drafts: linked.drafts, current, readSources, run });
  record(`diff ${label}`, diff);
  const meta = datasetMeta(
    diff.records,
    datasetSources([eusaAmif2021], [{ id: eusaAmif2021.id, pageUpdated: output.pageUpdated }]),
    config,
    run.at,
  );
  record(`json ${label}`, renderProjectsJson(meta, diff.records));
  record(`csv ${label}`, renderProjectsCsv(diff.records));
  record(`excel csv ${label}`, renderProjectsExcelCsv(diff.records));
  return diff;
}
const previous = eusaAmif2021.extract(synthetic).drafts;
const state = storedState(previous);
pipeline('synthetic', synthetic, state);
const fresh = pipeline('awkward', AWKWARD, []);

// Diff edge cases: key order, NaN, undefined-valued keys, reordered lists, removed-and-back, renames.
const base = fresh.records;
const tweaked: ProjectRecord[] = base.map((r, i) => {
  switch (i % 8) {
    case 0:
      return { ...r, beneficiary: { name: r.beneficiary.name, id: r.beneficiary.id } };
    case 1:
      return { ...r, euFundingEur: Number.NaN };
    case 2:
      return { ...r, website: undefined as unknown as null, status: 'removed', removedAt: run.at };
    case 3:
      return { ...r, sources: [...r.sources, { id: 'other', url: 'https://example.org/' }] };
    case 4:
      return { ...r, quality: [...r.quality].reverse(), version: 7 };
    case 5:
      return { ...r, id: `${r.id}-old`, name: `${r.name} (vanha)` };
    case 6:
      return { ...r, summary: `${r.summary} ` };
    default:
      return { ...r, specificObjective: r.specificObjective ? { ...r.specificObjective } : null };
  }
});
record('diff edge cases', () =>
  diffProjects({
    drafts: linkOutputs([eusaAmif2021.extract(AWKWARD)]).drafts,
    current: tweaked,
    readSources,
    run,
  }),
);
record('diff unread source', () =>
  diffProjects({ drafts: [], current: tweaked, readSources: new Set(), run }),
);

// CSV quoting.
const cells = [
  '',
  ' ',
  'a',
  ' a',
  'a ',
  '\u00a0a',
  'a\u2028',
  '\ufeffa',
  'a"b',
  'a,b',
  'a;b',
  'a\nb',
  'a\rb',
  '=1',
  '+1',
  '-1',
  '@a',
  '\tx',
  '\rx',
  'é',
];
record('toCsv', () => [
  toCsv(
    ['h', 'i'],
    cells.map((c) => [c, `${c}${c}`]),
  ),
  toCsv(
    ['h'],
    cells.map((c) => [c]),
    { separator: ';', lineEnding: '\r\n', bom: true },
  ),
]);

for (const line of lines) console.log(line);
console.log(`${all.digest('hex').slice(0, 16)} ALL`);
