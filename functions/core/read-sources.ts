import { createHash } from 'node:crypto';
import { DEFAULTS } from './defaults';
import { PageLayoutError, SourceFetchError } from './errors';
import type { ProjectRecord } from './model/project';
import type { SourceReport } from './model/run-report';
import type { SourceOutput } from './model/source-output';
import type { PageFetcher, SourceState, StoredSourceState } from './ports';
import type { SourceModule } from './sources/source-module';

export interface SourceRead {
  readonly module: SourceModule;
  readonly report: SourceReport;
  /** The output linked this run: fresh, or the last good one when the page was not usable. */
  readonly output: SourceOutput | null;
  /** The state to remember when the page was read successfully. */
  readonly nextState: SourceState | null;
  /** True when the output is the stored one (304, the same page, or a page not used): nothing of it can change. */
  readonly reused: boolean;
}

/** A page extracted this run: its output is in hand. */
export type FreshRead = SourceRead & { readonly reused: false };

/**
 * A source whose stored reading stands (304, the same page, or a page not used), its output not
 * loaded: a run in which every source is kept needs none of them. `withStoredOutputs` loads them
 * for a run that links.
 */
export interface KeptRead {
  readonly module: SourceModule;
  readonly report: SourceReport;
  readonly reused: true;
  /** The stored reading whose output stands in; null when none is stored. */
  readonly stored: StoredSourceState | null;
  /** The state to remember (the stored one, read again); null when the page was not used. */
  readonly nextState: StoredSourceState | null;
}

export type FirstRead = FreshRead | KeptRead;

export interface ReadSourcesInput {
  readonly sources: readonly SourceModule[];
  readonly fetcher: PageFetcher;
  readonly stored: ReadonlyMap<string, StoredSourceState>;
  /** A stored output, loaded only when a changed page is compared with it. */
  readonly loadOutput: (state: StoredSourceState) => Promise<SourceOutput | null>;
  /** The current records, loaded only for the collapse check of a source without a stored reading. */
  readonly loadCurrent: () => Promise<readonly ProjectRecord[]>;
  readonly startedAt: string;
  readonly collapseThreshold: number;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads every source in turn; one that cannot be used contributes its last good reading. */
export async function readSources(input: ReadSourcesInput): Promise<FirstRead[]> {
  const reads: FirstRead[] = [];
  for (const module of input.sources) {
    reads.push(await readSource(input, module, input.stored.get(module.id) ?? null));
  }
  return reads;
}

async function readSource(
  input: ReadSourcesInput,
  module: SourceModule,
  stored: StoredSourceState | null,
): Promise<FirstRead> {
  const cached = stored?.output ?? null;
  const report = (status: SourceReport['status'], extra: Partial<SourceReport> = {}): SourceReport => ({
    id: module.id,
    url: module.url,
    status,
    records: 0,
    pageUpdated: cached?.pageUpdated ?? null,
    sha256: stored?.sha256 ?? null,
    warnings: [],
    ...extra,
  });
  const keep = (status: SourceReport['status'], warning: string, extra: Partial<SourceReport> = {}) =>
    keptRead(
      module,
      report(status, { records: cached?.records ?? 0, warnings: [warning], ...extra }),
      stored,
    );

  let fetched: Awaited<ReturnType<PageFetcher['fetch']>>;
  try {
    fetched = await input.fetcher.fetch(
      module,
      cached && stored ? { etag: stored.etag, lastModified: stored.lastModified } : null,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const prefix = error instanceof SourceFetchError ? '' : `${module.id}: `;
    // An error that is not a SourceFetchError came from below the fetcher: counted as transient.
    const problem = error instanceof SourceFetchError ? error.problem : 'unreachable';
    return keep('failed', `${prefix}${message}; its projects were left as they were`, { problem });
  }

  if (fetched.kind === 'missing')
    return keep('skipped', `${module.id}: ${fetched.reason}; its projects were left as they were`);
  if (fetched.kind === 'not-modified') {
    if (!cached || !stored)
      return keep(
        'failed',
        `${module.id}: the server answered 304 Not Modified but no earlier reading is stored`,
      );
    return unchangedRead(
      module,
      report('not-modified', { records: cached.records }),
      stored,
      input.startedAt,
    );
  }

  const page = fetched.page;
  const digest = sha256(page.body);
  // The same bytes as the last good reading: its output is the one stored, so the page costs a hash.
  if (
    cached &&
    stored &&
    stored.sha256 === digest &&
    stored.extractionVersion === DEFAULTS.extractionVersion
  ) {
    const state = { ...stored, etag: page.etag, lastModified: page.lastModified };
    return unchangedRead(module, report('ok', { records: cached.records }), state, input.startedAt);
  }
  let output: SourceOutput;
  try {
    output = module.extract(page.body);
  } catch (error) {
    const message =
      error instanceof PageLayoutError
        ? error.message
        : `${module.id}: the page could not be understood: ${error instanceof Error ? error.message : String(error)}`;
    return keep('refused', `${message}; nothing of it was published`, { sha256: digest });
  }

  const collapse = await collapseWarning(input, module, stored, output);
  if (collapse) return keep('refused', collapse, { sha256: digest, records: output.drafts.length });

  return {
    module,
    report: report('ok', {
      sha256: digest,
      records: output.drafts.length,
      pageUpdated: output.pageUpdated,
      warnings: output.warnings,
    }),
    output,
    nextState: {
      id: module.id,
      url: module.url,
      sha256: digest,
      etag: page.etag,
      lastModified: page.lastModified,
      fetchedAt: input.startedAt,
      extractionVersion: DEFAULTS.extractionVersion,
      output,
    },
    reused: false,
  };
}

function unchangedRead(
  module: SourceModule,
  report: SourceReport,
  stored: StoredSourceState,
  startedAt: string,
): KeptRead {
  return { module, report, reused: true, stored, nextState: { ...stored, fetchedAt: startedAt } };
}

/** As refusedRead, before the stored output is loaded. */
function keptRead(module: SourceModule, report: SourceReport, stored: StoredSourceState | null): KeptRead {
  return { module, report, reused: true, stored: stored?.output ? stored : null, nextState: null };
}

/** A read whose page is not used: the last good output stands in and nothing of the source is remembered. */
export function refusedRead(
  module: SourceModule,
  report: SourceReport,
  cached: SourceOutput | null,
): SourceRead {
  return { module, report, output: cached, nextState: null, reused: true };
}

/**
 * The reads with the stored outputs they stand on, for a run that links: the store hands out the
 * same output object for each state, so committing it again writes only the source's item.
 */
export async function withStoredOutputs(
  reads: readonly FirstRead[],
  loadOutput: ReadSourcesInput['loadOutput'],
): Promise<SourceRead[]> {
  return Promise.all(
    reads.map(async (r): Promise<SourceRead> => {
      if (!r.reused) return r;
      const output = r.stored ? await loadOutput(r.stored) : null;
      const nextState: SourceState | null = r.nextState ? { ...r.nextState, output } : null;
      return { module: r.module, report: r.report, output, nextState, reused: true };
    }),
  );
}

/**
 * Compared with the source's own last reading: a record keeps its id when Migri or a press
 * release enriches it, or an announcement is continued (diff.ts), so record ids are not the
 * page's. Without a stored reading, the records this source owns (its first source) stand in.
 */
async function collapseWarning(
  input: ReadSourcesInput,
  module: SourceModule,
  stored: StoredSourceState | null,
  output: SourceOutput,
): Promise<string | null> {
  const cached = stored ? await input.loadOutput(stored) : null;
  const previousIds = cached
    ? cached.drafts.map((d) => d.id)
    : (await input.loadCurrent())
        .filter((r) => r.status !== 'removed' && r.sources[0]?.id === module.id)
        .map((r) => r.id);
  const freshIds = new Set(output.drafts.map((d) => d.id));
  const gone = previousIds.filter((id) => !freshIds.has(id)).length;
  if (previousIds.length === 0 || gone / previousIds.length <= input.collapseThreshold) return null;
  return `${module.id}: ${gone} of its ${previousIds.length} projects would disappear at once (the page now lists ${output.drafts.length}); more than ${Math.round(input.collapseThreshold * 100)} % gone looks like a broken page, so the removals were refused and the previous records kept`;
}
