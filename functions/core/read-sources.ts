import { createHash } from 'node:crypto';
import { DEFAULTS } from './defaults';
import { PageLayoutError, SourceFetchError } from './errors';
import type { ProjectRecord } from './model/project';
import type { SourceReport } from './model/run-report';
import type { SourceOutput } from './model/source-output';
import type { FetchedPage, FetchResult, PageFetcher, StoredSourceState } from './ports';
import type { SourceRead, StandInRead } from './source-read';
import type { SourceModule } from './sources/source-module';

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
export async function readSources(input: ReadSourcesInput): Promise<SourceRead[]> {
  const reads: SourceRead[] = [];
  for (const module of input.sources) {
    reads.push(await readSource(input, module, input.stored.get(module.id) ?? null));
  }
  return reads;
}

/** One source's reports, each from what the state remembers of it unless the page says otherwise. */
class Reads {
  readonly module: SourceModule;
  readonly stored: StoredSourceState | null;

  constructor(module: SourceModule, stored: StoredSourceState | null) {
    this.module = module;
    this.stored = stored;
  }

  report(status: SourceReport['status'], extra: Partial<SourceReport> = {}): SourceReport {
    return {
      id: this.module.id,
      url: this.module.url,
      status,
      records: 0,
      pageUpdated: this.stored?.summary?.pageUpdated ?? null,
      sha256: this.stored?.sha256 ?? null,
      warnings: [],
      ...extra,
    };
  }

  /** A page not used: kept when it could not be read, refused when it was read but not trusted. */
  standIn(
    status: 'failed' | 'skipped' | 'refused',
    warning: string,
    extra: Partial<SourceReport> = {},
  ): StandInRead {
    const records = this.stored?.summary?.records ?? 0;
    return {
      kind: status === 'refused' ? 'refused' : 'kept',
      module: this.module,
      report: this.report(status, { records, warnings: [warning], ...extra }),
    };
  }

  /** The stored reading stands: remembered again with this run's read time (and the page's validators). */
  unchanged(status: 'ok' | 'not-modified', stored: StoredSourceState, startedAt: string): SourceRead {
    const records = stored.summary?.records ?? 0;
    return {
      kind: 'unchanged',
      module: this.module,
      report: this.report(status, { records }),
      stored: { ...stored, fetchedAt: startedAt },
    };
  }
}

async function readSource(
  input: ReadSourcesInput,
  module: SourceModule,
  stored: StoredSourceState | null,
): Promise<SourceRead> {
  const reads = new Reads(module, stored);
  let fetched: FetchResult;
  try {
    fetched = await input.fetcher.fetch(
      module,
      stored?.summary ? { etag: stored.etag, lastModified: stored.lastModified } : null,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const prefix = error instanceof SourceFetchError ? '' : `${module.id}: `;
    // An error that is not a SourceFetchError came from below the fetcher: counted as transient.
    const problem = error instanceof SourceFetchError ? error.problem : 'unreachable';
    return reads.standIn('failed', `${prefix}${message}; its projects were left as they were`, { problem });
  }
  if (fetched.kind === 'missing')
    return reads.standIn('skipped', `${module.id}: ${fetched.reason}; its projects were left as they were`);
  if (fetched.kind === 'page') return readPage(input, reads, fetched.page);
  if (!stored?.summary) {
    return reads.standIn(
      'failed',
      `${module.id}: the server answered 304 Not Modified but no earlier reading is stored`,
    );
  }
  return reads.unchanged('not-modified', stored, input.startedAt);
}

async function readPage(input: ReadSourcesInput, reads: Reads, page: FetchedPage): Promise<SourceRead> {
  const { module, stored } = reads;
  const digest = sha256(page.body);
  // The same bytes as the last good reading: its output is the one stored, so the page costs a hash.
  if (
    stored?.summary &&
    stored.sha256 === digest &&
    stored.extractionVersion === DEFAULTS.extractionVersion
  ) {
    const validators = { etag: page.etag, lastModified: page.lastModified };
    return reads.unchanged('ok', { ...stored, ...validators }, input.startedAt);
  }
  let output: SourceOutput;
  try {
    output = module.extract(page.body);
  } catch (error) {
    const message =
      error instanceof PageLayoutError
        ? error.message
        : `${module.id}: the page could not be understood: ${error instanceof Error ? error.message : String(error)}`;
    return reads.standIn('refused', `${message}; nothing of it was published`, { sha256: digest });
  }
  const collapse = await collapseWarning(input, module, stored, output);
  if (collapse) return reads.standIn('refused', collapse, { sha256: digest, records: output.drafts.length });
  const report = reads.report('ok', {
    sha256: digest,
    records: output.drafts.length,
    pageUpdated: output.pageUpdated,
    warnings: output.warnings,
  });
  const next = {
    id: module.id,
    url: module.url,
    sha256: digest,
    etag: page.etag,
    lastModified: page.lastModified,
    fetchedAt: input.startedAt,
    extractionVersion: DEFAULTS.extractionVersion,
    output,
  };
  return { kind: 'fresh', module, report, output, next };
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
  return (
    `${module.id}: ${gone} of its ${previousIds.length} projects would disappear at once (the page now lists ${output.drafts.length}); ` +
    `more than ${Math.round(input.collapseThreshold * 100)} % gone looks like a broken page, so the removals were refused and the previous ` +
    `records kept`
  );
}
