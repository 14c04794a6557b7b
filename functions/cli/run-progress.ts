import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import yoctoSpinner from 'yocto-spinner';
import { groupThousands } from '../core/normalise/amount';
import type { ObjectStore, PageFetcher } from '../core/ports';
import type { SourceModule } from '../core/sources/source-module';

/**
 * What a long run is doing, for a person watching a terminal: its phase and how far it got (rows
 * read, files written, state items committed). Counted at the edges the command line builds (the
 * source modules, the object store, the DynamoDB client), so the pipeline itself knows nothing of it.
 */
export interface RunProgress {
  /** The sources, each counting its rows as it is read. */
  readonly sources: readonly SourceModule[];
  /** The fetcher, counting the pages it has answered for (read, unchanged, missing or failed). */
  fetcher(fetcher: PageFetcher): PageFetcher;
  /** The store, counting the files it writes. */
  store<S extends ObjectStore>(store: S): S;
  /** Counts the items each BatchWriteItem commits (the state adapter's only bulk write). */
  watch(client: DynamoDBClient): void;
  stop(): void;
}

export interface ProgressCounts {
  pagesRead: number;
  readonly pages: number;
  rows: number;
  files: number;
  items: number;
  phase: 'reading' | 'rendering' | 'writing' | 'committing';
}

const count = (n: number) => groupThousands(String(n), ' ');

/** The one line shown for a run so far. */
export function progressLine(c: ProgressCounts): string {
  const done = [`${c.pagesRead}/${c.pages} pages, ${count(c.rows)} rows read`];
  if (c.files > 0) done.push(`${count(c.files)} files written`);
  if (c.items > 0) done.push(`${count(c.items)} items committed`);
  const phase = {
    reading: 'Reading sources',
    rendering: 'Linking, diffing and rendering',
    writing: 'Writing files',
    committing: 'Committing state',
  }[c.phase];
  return `${phase}: ${done.join(', ')}`;
}

/**
 * Whether to show progress: only for a person at a terminal. Not under --json (a script reads
 * stdout), not when stdout or stderr is redirected, and not in CI (`CI` set, as CI services do).
 */
export function showsProgress(options: {
  readonly json: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
}): boolean {
  const ci = options.env.CI;
  const inCi = ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
  return !options.json && !inCi && options.stdoutIsTty && options.stderrIsTty;
}

/** The sources, each counting the rows it extracts. */
function countedSources(
  sources: readonly SourceModule[],
  counts: ProgressCounts,
  update: (phase?: ProgressCounts['phase']) => void,
): SourceModule[] {
  return sources.map(
    (module): SourceModule => ({
      id: module.id,
      url: module.url,
      title: module.title,
      publisher: module.publisher,
      extract(html) {
        try {
          const output = module.extract(html);
          counts.rows += output.drafts.length;
          return output;
        } finally {
          update(counts.pagesRead === counts.pages ? 'rendering' : 'reading');
        }
      },
    }),
  );
}

/** Counters and wrappers; `render` is called with the new line whenever a counter moves. */
export function createRunProgress(
  sources: readonly SourceModule[],
  render: (line: string) => void,
): RunProgress & { readonly counts: Readonly<ProgressCounts> } {
  const counts: ProgressCounts = {
    pagesRead: 0,
    pages: sources.length,
    rows: 0,
    files: 0,
    items: 0,
    phase: 'reading',
  };
  const update = (phase?: ProgressCounts['phase']) => {
    if (phase) counts.phase = phase;
    render(progressLine(counts));
  };
  return {
    counts,
    sources: countedSources(sources, counts, update),
    fetcher(fetcher) {
      return {
        fetch: async (source, conditional) => {
          let result: Awaited<ReturnType<PageFetcher['fetch']>> | null = null;
          try {
            result = await fetcher.fetch(source, conditional);
            return result;
          } finally {
            counts.pagesRead++;
            // A page still to be extracted moves the phase on from extract() instead.
            update(counts.pagesRead === counts.pages && result?.kind !== 'page' ? 'rendering' : 'reading');
          }
        },
      };
    },
    store(store) {
      return {
        ...store,
        put: async (object) => {
          await store.put(object);
          counts.files++;
          update('writing');
        },
      };
    },
    watch(client) {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          const input = args.input as { RequestItems?: Record<string, readonly unknown[]> };
          let items = 0;
          if (context.commandName === 'BatchWriteItemCommand') {
            const unprocessed = (result.output as { UnprocessedItems?: Record<string, readonly unknown[]> })
              .UnprocessedItems;
            const sizes = (m: Record<string, readonly unknown[]> | undefined) =>
              Object.values(m ?? {}).reduce((sum, list) => sum + list.length, 0);
            items = sizes(input.RequestItems) - sizes(unprocessed);
          }
          if (items > 0) {
            counts.items += items;
            update('committing');
          }
          return result;
        },
        { step: 'initialize', name: 'amifRunProgress' },
      );
    },
    stop() {},
  };
}

/** Progress drawn with a spinner on stderr; `stop()` clears it before the summary is printed. */
export function terminalRunProgress(sources: readonly SourceModule[]): RunProgress {
  // Signals stay the command line's to handle (the lease is released in a finally block).
  const spinner = yoctoSpinner({ stream: process.stderr, handleSignals: false });
  let last = '';
  let lastAt = 0;
  const progress = createRunProgress(sources, (line) => {
    // A run writes tens of thousands of files: redraw at most every 100 ms.
    const now = Date.now();
    if (line === last || now - lastAt < 100) return;
    last = line;
    lastAt = now;
    spinner.text = line;
  });
  spinner.start(progressLine(progress.counts));
  return { ...progress, stop: () => void spinner.stop() };
}
