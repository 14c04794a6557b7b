import { createHash, randomUUID } from 'node:crypto';
import { buildAwardNotice } from './award-notice';
import { canonicalJson } from './canonical-json';
import { type DiffResult, diffProjects } from './diff';
import { PageLayoutError, SourceFetchError } from './errors';
import type { FeedConfig } from './feed-config';
import { linkOutputs } from './link';
import type { ProjectVersion, RunRef } from './model/history';
import type { ProjectRecord } from './model/project';
import type { RunReport, SourceReport } from './model/run-report';
import type { SourceOutput } from './model/source-output';
import type { Logger, Notifier, ObjectStore, PageFetcher, SourceState, StateStore } from './ports';
import { checkPublishedState, publishFiles } from './publish';
import { CATALOGUE_OPTIONAL_KEYS, renderCatalogue } from './render/catalogue-files';
import { OUTPUT_FORMAT_VERSION } from './render/format-version';
import type { OutputFile } from './render/output-file';
import { datasetMeta, datasetSources } from './render/projects-json';
import type { RenderContext, Renderer } from './render/render-context';
import { DEFAULT_RENDERERS, renderDataset } from './render/render-dataset';
import { SNAPSHOT_INDEX_KEY } from './render/snapshots';
import { type SourceHealth, statusFile } from './render/status-json';
import type { SourceModule } from './sources/source-module';

export interface PipelineOptions {
  readonly sources: readonly SourceModule[];
  readonly fetcher: PageFetcher;
  readonly state: StateStore;
  readonly store: ObjectStore;
  readonly notifier: Notifier;
  readonly logger: Logger;
  /** The run's clock reading; the only time the pipeline knows. */
  readonly now: Date;
  readonly config: FeedConfig;
  readonly renderers?: readonly Renderer[];
  /** How long a crashed run blocks the next one. */
  readonly leaseSeconds?: number;
  /**
   * Who holds the lease. The run id is derived from the clock so output stays reproducible, but two
   * runs started in the same second must still exclude each other, so the holder adds a nonce.
   */
  readonly leaseHolder?: string;
  /** How many recent changes changes.json and the feeds show. */
  readonly recentChangeLimit?: number;
}

interface SourceRead {
  readonly module: SourceModule;
  readonly report: SourceReport;
  /** The output linked this run: fresh, or the last good one when the page was not usable. */
  readonly output: SourceOutput | null;
  /** The state to remember when the page was read successfully. */
  readonly nextState: SourceState | null;
}

/** Exit code the command line and the Lambda's metrics derive from a report. */
export function exitCodeOf(report: RunReport): 0 | 1 | 3 {
  if (report.sources.some((s) => s.status === 'refused')) return 3;
  if (report.status === 'failed' || report.sources.some((s) => s.status === 'failed')) return 1;
  return 0;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * One harvest: read every source, link, diff against the stored state, publish the files and
 * the new state, notify new awards. A source that cannot be read or understood contributes its
 * last good reading, so it never removes or changes anything already published.
 */
export async function runPipeline(options: PipelineOptions): Promise<RunReport> {
  const { state, logger } = options;
  const startedAt = isoSeconds(options.now);
  const runId = `run-${startedAt.replace(/[-:]/g, '')}`;
  const holder = options.leaseHolder ?? `${runId}/${randomUUID()}`;
  await state.acquireLease(holder, options.now, options.leaseSeconds ?? 900);
  try {
    return await harvest(options, runId, startedAt);
  } catch (error) {
    logger.error('run failed', { runId, error: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    await state.releaseLease(holder);
  }
}

async function harvest(options: PipelineOptions, runId: string, startedAt: string): Promise<RunReport> {
  const { state, store, logger, config } = options;
  const [current, storedStates] = await Promise.all([state.loadCurrent(), state.loadSourceStates()]);
  const statesById = new Map(storedStates.map((s) => [s.id, s]));

  const reads: SourceRead[] = [];
  for (const module of options.sources) {
    const read = await readSource(options, module, statesById.get(module.id) ?? null, current, startedAt);
    logger.info(`${module.id}: ${read.report.status}, ${read.report.records} records`, {
      warnings: read.report.warnings,
    });
    reads.push(read);
  }

  const outputs = reads.flatMap((r) => (r.output ? [r.output] : []));
  const linked = linkOutputs(outputs);
  const readSources = new Set(
    reads
      .filter((r) => r.report.status === 'ok' || r.report.status === 'not-modified')
      .map((r) => r.module.id),
  );
  const run: RunRef = {
    runId,
    at: startedAt,
    sources: reads.map((r) => ({ id: r.module.id, url: r.module.url, sha256: r.report.sha256 })),
  };
  const diff = diffProjects({ drafts: linked.drafts, current, readSources, run });

  const sourceReports = reads.map((r) => r.report);
  // A source can change what is published without changing a project: its page date, or the fund
  // page's reference data. Compare the whole fresh reading with the stored one.
  const metaChanged = reads.some(
    (r) =>
      r.nextState !== null &&
      canonicalJson(r.nextState.output) !== canonicalJson(statesById.get(r.module.id)?.output ?? null),
  );
  // A publish that failed part-way left latest files the committed state does not describe: redo it.
  const storedIndex = await store.get(SNAPSHOT_INDEX_KEY);
  const publication = await checkPublishedState(store, storedIndex);
  const previousStatus = parseJson(await store.get('v1/status.json')) as { formatVersion?: unknown } | null;
  const formatChanged = !publication.empty && previousStatus?.formatVersion !== OUTPUT_FORMAT_VERSION;
  const datasetChanged = diff.versions.length > 0 || metaChanged || formatChanged || !publication.complete;
  const usable = reads.filter((r) => r.report.status !== 'skipped');
  const bad = usable.filter((r) => r.report.status === 'refused' || r.report.status === 'failed');
  const status: RunReport['status'] =
    bad.length > 0 && bad.length === usable.length
      ? 'failed'
      : bad.length > 0
        ? 'partial'
        : datasetChanged
          ? 'published'
          : 'unchanged';
  const warnings = [...linked.warnings, ...reads.flatMap((r) => r.report.warnings)];
  if (formatChanged) {
    warnings.push(
      `the published files were written by an older output format (${String(previousStatus?.formatVersion ?? 'none')}, now ${OUTPUT_FORMAT_VERSION}); every file was written again`,
    );
  } else if (!publication.complete && !publication.empty && diff.versions.length === 0 && !metaChanged) {
    warnings.push(
      `the published files were incomplete (${publication.reason}); the whole dataset was published again`,
    );
  }

  const baseReport: RunReport = {
    runId,
    startedAt,
    status,
    counts: diff.counts,
    sources: sourceReports,
    warnings,
    published: [],
  };

  const rendered =
    datasetChanged && diff.records.length > 0
      ? await renderRun(options, {
          diff,
          changedIds: new Set((formatChanged ? diff.records : diff.changed).map((r) => r.id)),
          storedIndex,
          sourceReports,
          reference: linked.reference,
          report: baseReport,
          startedAt,
        })
      : { files: [], warnings: [] };
  const files: OutputFile[] = [...rendered.files];
  for (const warning of rendered.warnings) {
    // Before the first publication there is no snapshot index to miss.
    if (publication.empty) logger.info(warning);
    else {
      logger.warn(warning);
      warnings.push(warning); // the report's own list (baseReport.warnings)
    }
  }

  const published = [...files.map((f) => f.key), 'v1/status.json'].sort();
  const report: RunReport = { ...baseReport, published };
  const lastChangedAt = diff.records.reduce<string | null>(
    (latest, r) => (latest === null || r.lastChangedAt > latest ? r.lastChangedAt : latest),
    null,
  );
  const health: SourceHealth[] = reads.map((r) => ({
    id: r.module.id,
    url: r.module.url,
    status: r.report.status,
    records: r.report.records,
    pageUpdated: r.report.pageUpdated,
    lastReadAt: r.nextState?.fetchedAt ?? statesById.get(r.module.id)?.fetchedAt ?? null,
    warnings: r.report.warnings,
  }));
  files.push(
    statusFile({
      schemaVersion: 1,
      formatVersion: OUTPUT_FORMAT_VERSION,
      lastRunAt: startedAt,
      lastChangedAt,
      run: report,
      sources: health,
    }),
  );

  // The snapshot index goes last of all: it records the publication as complete (checkPublishedState).
  const commitRecord = files.filter((f) => f.key === SNAPSHOT_INDEX_KEY);
  const rest = files.filter((f) => !commitRecord.includes(f));
  await publishFiles(store, rest);
  await publishFiles(store, commitRecord);
  await state.commit({
    records: diff.changed,
    versions: diff.versions,
    sourceStates: reads.flatMap((r) => (r.nextState ? [r.nextState] : [])),
    run: report,
  });

  // The first reading of a list (the first run, or a list source added to the configuration) is the
  // baseline, not news: its projects were awarded before anyone watched. A press release is news
  // whenever it is read, so announced awards always notify.
  const listedBefore = (id: string) =>
    statesById.has(id) || reads.some((r) => r.module.id === id && r.output?.kind === 'press-release');
  const newVersions = diff.versions.filter((v) => v.kind === 'new');
  const awards = newVersions
    .filter((v) => current.length > 0 && v.record.sources.some((s) => listedBefore(s.id)))
    .map((v) => v.record);
  if (awards.length > 0) {
    await options.notifier.notify(buildAwardNotice(runId, awards, config.publicBaseUrl));
  }
  if (newVersions.length > awards.length) {
    logger.info(
      `${newVersions.length - awards.length} projects from sources read for the first time were recorded as the baseline; no award notice was sent for them`,
    );
  }
  return report;
}

async function readSource(
  options: PipelineOptions,
  module: SourceModule,
  stored: SourceState | null,
  current: readonly ProjectRecord[],
  startedAt: string,
): Promise<SourceRead> {
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
  const keep = (status: SourceReport['status'], warning: string): SourceRead => ({
    module,
    report: report(status, { records: cached?.drafts.length ?? 0, warnings: [warning] }),
    output: cached,
    nextState: null,
  });

  let fetched: Awaited<ReturnType<PageFetcher['fetch']>>;
  try {
    fetched = await options.fetcher.fetch(
      module,
      cached && stored ? { etag: stored.etag, lastModified: stored.lastModified } : null,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const prefix = error instanceof SourceFetchError ? '' : `${module.id}: `;
    return keep('failed', `${prefix}${message}; its projects were left as they were`);
  }

  if (fetched.kind === 'missing')
    return keep('skipped', `${module.id}: ${fetched.reason}; its projects were left as they were`);
  if (fetched.kind === 'not-modified') {
    if (!cached)
      return keep(
        'failed',
        `${module.id}: the server answered 304 Not Modified but no earlier reading is stored`,
      );
    return {
      module,
      report: report('not-modified', { records: cached.drafts.length }),
      output: cached,
      nextState: { ...stored!, fetchedAt: startedAt },
    };
  }

  const page = fetched.page;
  const digest = sha256(page.body);
  let output: SourceOutput;
  try {
    output = module.extract(page.body);
  } catch (error) {
    const message =
      error instanceof PageLayoutError
        ? error.message
        : `${module.id}: the page could not be understood: ${error instanceof Error ? error.message : String(error)}`;
    return {
      module,
      report: report('refused', {
        sha256: digest,
        records: cached?.drafts.length ?? 0,
        warnings: [`${message}; nothing of it was published`],
      }),
      output: cached,
      nextState: null,
    };
  }

  // Compared with the source's own last reading: a record keeps its id when Migri or a press
  // release enriches it, or an announcement is continued (diff.ts), so record ids are not the
  // page's. Without a stored reading, the records this source owns (its first source) stand in.
  const previousIds = cached
    ? cached.drafts.map((d) => d.id)
    : current.filter((r) => r.status !== 'removed' && r.sources[0]?.id === module.id).map((r) => r.id);
  const freshIds = new Set(output.drafts.map((d) => d.id));
  const gone = previousIds.filter((id) => !freshIds.has(id)).length;
  if (previousIds.length > 0 && gone / previousIds.length > options.config.collapseThreshold) {
    return {
      module,
      report: report('refused', {
        sha256: digest,
        records: output.drafts.length,
        warnings: [
          `${module.id}: ${gone} of its ${previousIds.length} projects would disappear at once (the page now lists ${output.drafts.length}); more than ${Math.round(options.config.collapseThreshold * 100)} % gone looks like a broken page, so the removals were refused and the previous records kept`,
        ],
      }),
      output: cached,
      nextState: null,
    };
  }

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
      fetchedAt: startedAt,
      output,
    },
  };
}

interface RenderInput {
  readonly diff: DiffResult;
  /** Projects whose per-project files are written: the changed ones, or all after a format change. */
  readonly changedIds: ReadonlySet<string>;
  readonly storedIndex: Uint8Array | null;
  readonly sourceReports: readonly SourceReport[];
  readonly reference: RenderContext['reference'];
  readonly report: RunReport;
  readonly startedAt: string;
}

/**
 * Every file of a run that changed the dataset: the renderers over the whole state, then the
 * snapshot, datapackage.json and the catalogue, which describe those files.
 */
async function renderRun(
  options: PipelineOptions,
  input: RenderInput,
): Promise<{ files: OutputFile[]; warnings: string[] }> {
  const { state, store, config } = options;
  const { diff, changedIds } = input;
  const historyById = await loadHistories(state, changedIds, diff.versions);
  const recentChanges = mergeRecent(
    await state.loadChangesSince(isoSeconds(new Date(options.now.getTime() - 366 * 86_400_000))),
    diff.versions,
    options.recentChangeLimit ?? 200,
  );
  const ctx: RenderContext = {
    config,
    meta: datasetMeta(
      diff.records,
      datasetSources(options.sources, input.sourceReports),
      config,
      input.startedAt,
    ),
    records: diff.records,
    changedIds,
    historyById,
    recentChanges,
    report: input.report,
    previous: { snapshotIndex: parseJson(input.storedIndex) },
    reference: input.reference,
  };
  const files = renderDataset(ctx, options.renderers ?? DEFAULT_RENDERERS);
  const stored = new Map<string, Uint8Array>();
  for (const key of CATALOGUE_OPTIONAL_KEYS) {
    const body = files.some((f) => f.key === key) ? null : await store.get(key);
    if (body) stored.set(key, body);
  }
  const catalogue = renderCatalogue(ctx, files, stored);
  return { files: [...files, ...catalogue.files], warnings: catalogue.warnings };
}

async function loadHistories(
  state: StateStore,
  ids: ReadonlySet<string>,
  fresh: readonly ProjectVersion[],
): Promise<Map<string, ProjectVersion[]>> {
  const histories = new Map<string, ProjectVersion[]>();
  for (const id of ids) {
    const added = fresh.filter((v) => v.id === id);
    // A project first seen this run has no stored history; skipping the query keeps big first runs fast.
    const stored = added.some((v) => v.version === 1) ? [] : await state.loadVersions(id);
    const known = new Set(added.map((v) => v.version));
    histories.set(
      id,
      [...stored.filter((v) => !known.has(v.version)), ...added].sort((a, b) => a.version - b.version),
    );
  }
  return histories;
}

function mergeRecent(
  stored: readonly ProjectVersion[],
  fresh: readonly ProjectVersion[],
  limit: number,
): ProjectVersion[] {
  const key = (v: ProjectVersion) => `${v.id}#${v.version}`;
  const freshKeys = new Set(fresh.map(key));
  return [...fresh, ...stored.filter((v) => !freshKeys.has(key(v)))]
    .sort((a, b) => (a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

function parseJson(bytes: Uint8Array | null): unknown | null {
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}
