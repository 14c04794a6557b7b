import * as cheerio from 'cheerio';
import type { Text } from 'domhandler';
import { Parser } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import { PageLayoutError } from '../errors';
import { guardContent, guardPage } from './page-guard';
import { parseBudgetMs } from './page-limits';
import type { SourceModule } from './source-module';

/** How much of the page the parser is given between two looks at the clock. */
const CHUNK_CHARS = 64 * 1024;

export interface LoadPageOptions {
  /** The clock the parse budget reads, epoch ms. Default Date.now. */
  readonly clock?: () => number;
  /** Characters per chunk; tests make it small to check that chunking changes nothing. */
  readonly chunkChars?: number;
}

let scopedDeadline: number | null = null;

/**
 * Runs `fn` (synchronous: a source's extract) with parses inside it refused past `deadline`
 * (epoch ms) as well as past their own budget, so the Lambda gives no page more time than it has
 * left. Synchronous code cannot interleave, so a plain variable restored afterwards is enough.
 */
export function withParseDeadline<T>(deadline: number, fn: () => T): T {
  const outer = scopedDeadline;
  scopedDeadline = outer === null ? deadline : Math.min(outer, deadline);
  try {
    return fn();
  } finally {
    scopedDeadline = outer;
  }
}

/** The source with every parse of its extract refused past `deadline` (epoch ms); see withParseDeadline. */
export function sourceWithParseDeadline(source: SourceModule, deadline: number): SourceModule {
  return { ...source, extract: (html) => withParseDeadline(deadline, () => source.extract(html)) };
}

/** Tree operations between two looks at the clock inside one chunk. */
const OPERATIONS_PER_CHECK = 256;

/** Characters read to flatten texts; kept so that no optimiser drops the reads as unused. */
let flattenedReads = 0;

/**
 * The tree adapter cheerio uses, with a look at the clock every OPERATIONS_PER_CHECK tree
 * operations: parse5 can spend most of a minute on one chunk of misnested markup (foster parenting
 * and the adoption agency), so the chunk boundaries alone are not enough.
 *
 * It also flattens each text node once its text is complete. parse5 hands over a text a run of
 * letters or a run of spaces at a time and the adapter appends each to the node, and V8 keeps a
 * string built so as a rope of all its pieces: at 20 000 rows they were 260 MB of the heap against
 * some 30 MB of text, and a page parsed so needed more heap than the whole rest of a run. Reading a
 * character of a rope flattens it in place; a node is flattened when text goes to another node, so
 * at most one rope is alive at a time.
 */
function clockedAdapter(check: () => void): { readonly tree: typeof adapter; finish(): void } {
  let operations = 0;
  const tick = () => {
    if (++operations % OPERATIONS_PER_CHECK === 0) check();
  };
  let growing: Text | undefined;
  const textGoesTo = (node: Text | undefined) => {
    if (node === growing) return;
    if (growing) flattenedReads = (flattenedReads + growing.data.charCodeAt(0)) | 0;
    growing = node;
  };
  return {
    finish: () => textGoesTo(undefined),
    tree: {
      ...adapter,
      appendChild: (parent, child) => {
        tick();
        adapter.appendChild(parent, child);
      },
      insertBefore: (parent, child, reference) => {
        tick();
        adapter.insertBefore(parent, child, reference);
      },
      createElement: (tagName, namespaceURI, attrs) => {
        tick();
        return adapter.createElement(tagName, namespaceURI, attrs);
      },
      insertText: (parent, text) => {
        tick();
        adapter.insertText(parent, text);
        textGoesTo(parent.children[parent.children.length - 1] as Text);
      },
      insertTextBefore: (parent, text, reference) => {
        tick();
        adapter.insertTextBefore(parent, text, reference);
        // Foster-parented text only, which is rare: the node is the one before the reference.
        textGoesTo(parent.children[parent.children.indexOf(reference) - 1] as Text);
      },
    },
  };
}

/**
 * Parses a source page as cheerio does (parse5, scripting on, the same tree), after `guardPage` and
 * before `guardContent` (a page of chrome only is refused),
 * within its budget (`parseBudgetMs`, growing with the page's size): the parser is fed the page a chunk at a time and the clock is
 * read between chunks, so a page whose parse would run away (parse5's tree building is quadratic
 * on some misnested markup: 5 MB of it take half a minute) is refused with PageLayoutError
 * instead of holding the run. The clock only decides refusals; it never shapes what is read.
 */
export function loadPage(html: string, sourceId: string, options: LoadPageOptions = {}): cheerio.CheerioAPI {
  const clock = options.clock ?? Date.now;
  const chunk = options.chunkChars ?? CHUNK_CHARS;
  const started = clock();
  guardPage(html, sourceId);
  const budget = parseBudgetMs(html.length);
  const runLeft = scopedDeadline === null ? Number.POSITIVE_INFINITY : scopedDeadline - started;
  const deadline = started + Math.min(budget, runLeft);
  const expected =
    budget <= runLeft
      ? `a page that parses within ${budget} ms`
      : `a page that parses in the ${Math.max(0, runLeft)} ms the run had left`;
  let from = 0;
  const check = () => {
    if (clock() <= deadline) return;
    throw new PageLayoutError(
      sourceId,
      expected,
      `${Math.round((from / html.length) * 100)} % of its ${html.length} characters parsed when the time ran out (a hostile or broken page; it was refused)`,
    );
  };
  const { tree, finish } = clockedAdapter(check);
  const parser = new Parser({ treeAdapter: tree, scriptingEnabled: true });
  for (; from < html.length; from += chunk) {
    check();
    parser.tokenizer.write(html.slice(from, from + chunk), false);
  }
  parser.tokenizer.write('', true);
  finish();
  const $ = cheerio.load(parser.document);
  guardContent($, sourceId);
  return $;
}
