import { randomUUID } from 'node:crypto';
import { buildAwardNotice, isNotifiable } from './award-notice';
import { canonicalJson } from './canonical-json';
import { DEFAULTS } from './defaults';
import { type DiffResult, diffProjects } from './diff';
import { type DiscoveryResult, discoverReleases } from './discovery/discover-releases';
import { RunTimeError } from './errors';
import type { FeedConfig } from './feed-config';
import { capLongTexts } from './guards/cap-long-texts';
import { findMassChanges, massChangeWarning } from './guards/mass-change';
import { publishableDraft, publishableValue } from './guards/publishable-characters';
import { type LinkResult, linkOutputs } from './link';
import { type CurrentSummary, summariseRecords } from './model/current-summary';
import type { RunRef } from './model/history';
import type { ProjectRecord } from './model/project';
import type { Publication } from './model/publication';
import type { RunCounts, RunReport, SourceReport } from './model/run-report';
import type { SnapshotEntry } from './model/snapshot';
import type { SourceReading } from './model/source-state';
import type {
  AwardNotice,
  Logger,
  Notifier,
  ObjectStore,
  PageFetcher,
  SourceState,
  StateStore,
  StoredSourceState,
} from './ports';
import { loadChangeLog } from './publication/change-log';
import {
  loadHistories,
  loadRenderState,
  mergeRecent,
  recentChangesSince,
} from './publication/load-render-state';
import { readPublishedSnapshots } from './publication/published-state';
import { type RenderedState, renderState } from './publication/render-state';
import { publishFiles } from './publish';
import {
  type FirstRead,
  type KeptRead,
  readSources,
  refusedRead,
  type SourceRead,
  withStoredOutputs,
} from './read-sources';
import { OUTPUT_FORMAT_VERSION } from './render/format-version';
import type { Renderer } from './render/render-context';
import { type SourceHealth, statusFile } from './render/status-json';
import { SUBSCRIBER_FEED_ROOT } from './render/subscriber-feed-keys';
import { type ListingSource, MAX_NEW_RELEASES_PER_LISTING } from './sources/listing-sources';
import type { SourceModule } from './sources/source-module';

export interface PipelineOptions {
  readonly sources: readonly SourceModule[];
  readonly fetcher: PageFetcher;
  readonly state: StateStore;
  readonly store: ObjectStore;
  readonly notifier: Notifier;
  readonly logger: Logger;
  /** The run's clock reading; the only time the pipeline knows (the lease counts on the wall clock). */
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
  /** Names this run's process in the lease holder (`pid=…,start=…,boot=…`), so a local successor can tell it died. */
  readonly processIdentity?: string;
  /** How many recent changes changes.json and the feeds show. */
  readonly recentChangeLimit?: number;
  /** Publish a change of one field in most projects at once instead of refusing it. */
  readonly acceptMassChange?: boolean;
  /** The listings that lead to press releases (docs/discovery.md); none by default. */
  readonly listings?: readonly ListingSource[];
  /** How many new releases one listing may add in one run. */
  readonly maxNewReleasesPerListing?: number;
}

/** The pipeline's options with the run's sources: the configured ones and the discovered releases. */
type RunOptions = PipelineOptions & { readonly discovery: DiscoveryResult };

interface RunIds {
  readonly runId: string;
  readonly startedAt: string;
  readonly holder: string;
}

/**
 * What a run first loads of the state, after any pending publication was finished: enough to
 * tell that no page changed (each source's hash and validators, the records' summary), and no more.
 */
interface StoredHead {
  readonly summary: CurrentSummary;
  readonly sourceStates: ReadonlyMap<string, StoredSourceState>;
  readonly publication: Publication | null;
  readonly snapshots: readonly SnapshotEntry[];
}

/** What the state holds at the start of a run that links: the records and every stored output too. */
interface StoredState {
  readonly current: readonly ProjectRecord[];
  readonly sourceStates: ReadonlyMap<string, SourceState>;
  readonly publication: Publication | null;
  readonly snapshots: readonly SnapshotEntry[];
}

interface Derived {
  readonly reads: SourceRead[];
  readonly linked: LinkResult;
  readonly diff: DiffResult;
}

interface Plan {
  readonly publication: Publication;
  readonly rendered: RenderedState;
  /** Snapshots the commit adds to the state: the new one, and earlier ones carried over once. */
  readonly snapshots: readonly SnapshotEntry[];
  readonly warnings: readonly string[];
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

const STATUS_KEY = 'v1/status.json';

/**
 * One harvest, as named phases: finish what an earlier run left pending → read sources → link →
 * diff → plan the publication → commit → publish → notify. The state commit comes before any
 * file is written and records the publication as pending; the run that writes every file marks
 * it done, and a run that finds it still pending renders it again from the committed state and
 * writes it first. So the latest files are always what the committed state renders.
 */
export async function runPipeline(options: PipelineOptions): Promise<RunReport> {
  const startedAt = isoSeconds(options.now);
  const runId = `run-${startedAt.replace(/[-:]/g, '')}`;
  const holder =
    options.leaseHolder ??
    [runId, ...(options.processIdentity ? [options.processIdentity] : []), randomUUID()].join('/');
  const ids: RunIds = { runId, startedAt, holder };
  await options.state.acquireLease(ids.holder, options.leaseSeconds ?? DEFAULTS.leaseSeconds);
  try {
    await refuseTimeGoingBack(options.state, startedAt);
    return await harvest(options, ids);
  } catch (error) {
    options.logger.error('run failed', {
      runId,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    await options.state.releaseLease(ids.holder);
  }
}

/**
 * Run ids, snapshot ids and outbox names are the run's time to the second, so a run at or before
 * the last run's time would share them (a snapshot index naming bytes its files do not hold) or
 * date a change before the record first appeared. Such a run is refused: see docs/operations.md.
 */
async function refuseTimeGoingBack(state: StateStore, startedAt: string): Promise<void> {
  const last = await state.loadLastRun();
  if (last !== null && Date.parse(last.startedAt) >= Date.parse(startedAt)) {
    throw new RunTimeError(startedAt, last.runId, last.startedAt);
  }
}

async function harvest(pipelineOptions: PipelineOptions, ids: RunIds): Promise<RunReport> {
  const { warnings: recovered, finished } = await finishPending(pipelineOptions, ids.holder);
  const first = await loadStored(pipelineOptions.state);
  const options = await withDiscovery(pipelineOptions, ids.startedAt);
  let current: Promise<ProjectRecord[]> | null = null;
  const loadCurrent = () => {
    current ??= options.state.loadCurrent();
    return current;
  };
  const firstReads = await readSources({
    sources: options.sources,
    fetcher: options.fetcher,
    stored: first.sourceStates,
    loadOutput: (s) => options.state.loadSourceOutput(s),
    loadCurrent,
    startedAt: ids.startedAt,
    collapseThreshold: options.config.collapseThreshold,
  });
  for (const r of firstReads) {
    options.logger.info(`${r.module.id}: ${r.report.status}, ${r.report.records} records`, {
      warnings: r.report.warnings,
    });
  }
  const upToDate = first.publication?.formatVersion === OUTPUT_FORMAT_VERSION;
  const kept = firstReads.filter((r): r is KeptRead => r.reused);
  if (upToDate && kept.length === firstReads.length) {
    // Every page is the one last read (or could not be used): nothing can change, so nothing is
    // extracted, linked, diffed or rendered, and neither the records nor the outputs are loaded.
    return recordUnchangedRun(options, ids, first, kept, recovered, finished);
  }

  const { stored, reads } = await loadForLinking(options.state, first, firstReads, loadCurrent);
  const derived = deriveGuarded(options, ids, stored, reads);
  const plan = await planPublication(options, ids, stored, derived);
  const notice = planNotice(options, ids, stored, derived);
  const report = buildReport(
    ids,
    derived.reads,
    options.discovery.reports,
    derived.diff.counts,
    plan,
    [
      ...recovered,
      ...derived.linked.warnings,
      ...derived.reads.flatMap((r) => r.report.warnings),
      ...options.discovery.reports.flatMap((r) => r.warnings),
      ...(plan?.warnings ?? []),
    ],
    finished,
  );
  await options.state.commit(
    {
      records: derived.diff.changed,
      versions: derived.diff.versions,
      sourceStates: derived.reads.flatMap((r) => (r.nextState ? [r.nextState] : [])),
      run: report,
      publication: plan?.publication ?? null,
      snapshots: plan?.snapshots ?? [],
      notice,
      discovered: options.discovery.added,
    },
    ids.holder,
  );
  if (plan) await publishRendered(options.store, plan.rendered);
  await publishFiles(options.store, [
    statusOf(
      report,
      [...derived.reads, ...listingOutcomes(options.discovery)],
      stored,
      derived.diff.records,
      [...(plan?.rendered.detail.keys ?? []), ...(finished?.detailKeys ?? [])],
    ),
  ]);
  if (plan) await options.state.markPublished(ids.runId, ids.holder);
  await sendPendingNotices(options, ids.holder);
  return report;
}

/**
 * Reads the listings and returns the options with the run's sources: the configured ones and every
 * discovered release (docs/discovery.md), each read like a configured one.
 */
async function withDiscovery(options: PipelineOptions, startedAt: string): Promise<RunOptions> {
  const discovery = await discoverReleases({
    listings: options.listings ?? [],
    fetcher: options.fetcher,
    known: await options.state.loadDiscovered(),
    configured: options.sources,
    startedAt,
    maxNewPerListing: options.maxNewReleasesPerListing ?? MAX_NEW_RELEASES_PER_LISTING,
  });
  for (const r of discovery.reports) {
    options.logger.info(`${r.id}: ${r.status}, ${r.records} award releases`, { warnings: r.warnings });
  }
  return { ...options, sources: [...options.sources, ...discovery.sources], discovery };
}

/**
 * Before anything else: a publication committed but not completely written is rendered again
 * from the committed state and written, and notices committed but not sent are sent.
 */
/** A publication an earlier run committed and this run finished writing: whose, and which files. */
interface FinishedPublication {
  readonly runId: string;
  readonly keys: readonly string[];
  /** The per-project files among them (status.json counts them instead of naming them). */
  readonly detailKeys: readonly string[];
}

async function finishPending(
  options: PipelineOptions,
  holder: string,
): Promise<{ warnings: string[]; finished: FinishedPublication | null }> {
  const { state, logger } = options;
  const warnings: string[] = [];
  let finished: FinishedPublication | null = null;
  const publication = await state.loadPublication();
  if (publication?.status === 'pending') {
    const rendered = await renderState(await loadRenderState(state, publication, options));
    if (rendered.manifestSha256 !== publication.manifestSha256) {
      warnings.push(
        `run ${publication.runId}'s publication renders differently now than when it was committed (manifest ${rendered.manifestSha256}, committed ${publication.manifestSha256}); the files were written as the committed state renders them today`,
      );
    }
    await publishRendered(options.store, rendered);
    await state.markPublished(publication.runId, holder);
    finished = {
      runId: publication.runId,
      keys: [...rendered.files.map((f) => f.key), ...rendered.detail.keys],
      detailKeys: rendered.detail.keys,
    };
    warnings.push(
      `run ${publication.runId} committed a publication but did not finish writing it; its ${rendered.fileCount} files were written from the committed state before this run`,
    );
    for (const w of warnings) logger.warn(w);
  }
  await sendPendingNotices(options, holder);
  return { warnings, finished };
}

function publishRendered(store: ObjectStore, rendered: RenderedState) {
  return publishFiles(store, toWrite(rendered), { detail: rendered.detail.batches() });
}

/** The dataset-wide files less those whose bytes are already published (per-subscriber feeds). */
function toWrite(rendered: RenderedState) {
  return rendered.files.filter((f) => !rendered.unchanged.has(f.key));
}

async function sendPendingNotices(options: PipelineOptions, holder: string): Promise<void> {
  for (const notice of await options.state.loadPendingNotices()) {
    try {
      await options.notifier.notify(notice);
    } catch (error) {
      // The publication is done; the notice stays pending and the next run sends it.
      options.logger.warn(`the award notice of ${notice.runId} could not be sent; the next run tries again`, {
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    await options.state.markNoticeSent(notice.runId, holder);
  }
}

async function loadStored(state: StateStore): Promise<StoredHead> {
  const [summary, sourceStates, publication, snapshots] = await Promise.all([
    state.loadCurrentSummary(),
    state.loadSourceStates(),
    state.loadPublication(),
    state.loadSnapshots(),
  ]);
  return { summary, sourceStates: new Map(sourceStates.map((s) => [s.id, s])), publication, snapshots };
}

/** A run that links loads the rest: the current records and every stored output (each loaded once). */
async function loadForLinking(
  state: StateStore,
  first: StoredHead,
  firstReads: readonly FirstRead[],
  loadCurrent: () => Promise<ProjectRecord[]>,
): Promise<{ stored: StoredState; reads: SourceRead[] }> {
  const load = (s: StoredSourceState) => state.loadSourceOutput(s);
  const [current, sourceStates, reads] = await Promise.all([
    loadCurrent(),
    Promise.all(
      [...first.sourceStates.values()].map(
        async (s): Promise<SourceState> => ({ ...s, output: await load(s) }),
      ),
    ),
    withStoredOutputs(firstReads, load),
  ]);
  const stored: StoredState = {
    current,
    sourceStates: new Map(sourceStates.map((s) => [s.id, s])),
    publication: first.publication,
    snapshots: first.snapshots,
  };
  return { stored, reads };
}

/** Link and diff; then refuse the fresh reading of any source that changes one field in most projects. */
function deriveGuarded(
  options: PipelineOptions,
  ids: RunIds,
  stored: StoredState,
  first: SourceRead[],
): Derived {
  let reads = first;
  for (;;) {
    const derived = derive(ids, stored, reads);
    if (options.acceptMassChange) return derived;
    const share = options.config.massChangeShare;
    const changes = findMassChanges(
      stored.current,
      derived.diff.versions,
      share,
      DEFAULTS.massChangeMinProjects,
    );
    const refusals = new Map<string, string[]>();
    for (const change of changes) {
      for (const id of change.sources) {
        const read = reads.find((r) => r.module.id === id && !r.reused);
        if (read) refusals.set(id, [...(refusals.get(id) ?? []), massChangeWarning(id, change, share)]);
      }
    }
    // A mass change no fresh reading caused (a linking change) cannot be refused page by page.
    if (refusals.size === 0) return derived;
    reads = reads.map((r) => {
      const warnings = refusals.get(r.module.id);
      if (!warnings) return r;
      const cached = stored.sourceStates.get(r.module.id)?.output ?? null;
      return refusedRead(
        r.module,
        { ...r.report, status: 'refused', records: cached?.drafts.length ?? 0, warnings },
        cached,
      );
    });
  }
}

function derive(ids: RunIds, stored: StoredState, reads: SourceRead[]): Derived {
  const linkedRaw = linkOutputs(reads.flatMap((r) => (r.output ? [r.output] : [])));
  const linked = { ...linkedRaw, reference: publishableValue(linkedRaw.reference) };
  const drafts = linked.drafts.map((d) => capLongTexts(publishableDraft(d), DEFAULTS.maxTextChars));
  const readSources = new Set(
    reads
      .filter((r) => r.report.status === 'ok' || r.report.status === 'not-modified')
      .map((r) => r.module.id),
  );
  const run: RunRef = {
    runId: ids.runId,
    at: ids.startedAt,
    sources: reads.map((r) => ({ id: r.module.id, url: r.module.url, sha256: r.report.sha256 })),
  };
  const diff = diffProjects({ drafts, current: stored.current, readSources, run });
  return { reads, linked, diff };
}

/** The files this run publishes, rendered from the next state; null when it publishes none. */
async function planPublication(
  options: PipelineOptions,
  ids: RunIds,
  stored: StoredState,
  { reads, linked, diff }: Derived,
): Promise<Plan | null> {
  const { state } = options;
  // A source can change what is published without changing a project: its page date, or the fund
  // page's reference data. Compare the whole fresh reading with the stored one.
  const metaChanged = reads.some(
    (r) =>
      !r.reused &&
      r.nextState !== null &&
      canonicalJson(r.nextState.output) !==
        canonicalJson(stored.sourceStates.get(r.module.id)?.output ?? null),
  );
  const rewriteAll = stored.publication?.formatVersion !== OUTPUT_FORMAT_VERSION;
  if (diff.records.length === 0 || !(diff.versions.length > 0 || metaChanged || rewriteAll)) return null;

  const warnings: string[] = [];
  let snapshots = stored.snapshots;
  let carried: readonly SnapshotEntry[] = [];
  if (stored.publication === null && stored.current.length > 0) {
    // A state from before the publication protocol: carry the published snapshot list over once.
    const published = await readPublishedSnapshots(options.store);
    if (published.warning) warnings.push(published.warning);
    carried = published.snapshots.filter((s) => !snapshots.some((t) => t.id === s.id));
    snapshots = [...snapshots, ...carried];
    warnings.push(
      'the state had no record of what is published (written before the publication protocol); every file was written again',
    );
  } else if (stored.publication && rewriteAll) {
    warnings.push(
      `the published files were written by an older output format (${stored.publication.formatVersion}, now ${OUTPUT_FORMAT_VERSION}); every file was written again`,
    );
  }

  const limit = options.recentChangeLimit ?? DEFAULTS.recentChangeLimit;
  const changedIds = new Set((rewriteAll ? diff.records : diff.changed).map((r) => r.id));
  const last = stored.publication && !rewriteAll ? stored.publication : null;
  const [historyById, storedRecent, publishedRecent, changeLog] = await Promise.all([
    loadHistories(state, changedIds, diff.versions),
    state.loadChangesSince(recentChangesSince(ids.startedAt), limit),
    // What the last publication's feeds were drawn from: the feeds that render alike are not rewritten.
    last ? state.loadChangesSince(recentChangesSince(last.startedAt), limit) : null,
    loadChangeLog(state, options.store, snapshots, diff.versions),
  ]);
  if (changeLog.warning) warnings.push(changeLog.warning);
  const input = {
    runId: ids.runId,
    startedAt: ids.startedAt,
    formatVersion: OUTPUT_FORMAT_VERSION,
    rewriteAll,
    counts: diff.counts,
    sources: reads.map((r) => ({ id: r.module.id, pageUpdated: r.report.pageUpdated })),
    reference: linked.reference,
  };
  const rendered = await renderState({
    config: options.config,
    sources: options.sources,
    publication: input,
    records: diff.records,
    changedIds,
    historyById,
    recentChanges: mergeRecent(storedRecent, diff.versions, limit),
    snapshots,
    changeLog: changeLog.input,
    ...(options.renderers ? { renderers: options.renderers } : {}),
    published: publishedRecent
      ? { records: stored.current, recentChanges: mergeRecent(publishedRecent, [], limit) }
      : null,
  });
  return {
    publication: {
      ...input,
      status: 'pending',
      files: rendered.fileCount,
      manifestSha256: rendered.manifestSha256,
    },
    rendered,
    snapshots: [...carried, ...(rendered.snapshot ? [rendered.snapshot] : [])],
    warnings,
  };
}

/**
 * New awards, committed with the state and sent once the files are written. The first reading of
 * a list (the first run, or a list source added to the configuration) is the baseline, not news:
 * its projects were awarded before anyone watched. A press release is news whenever it is read,
 * so announced awards always notify. A record without its name, beneficiary or amount (a cut-off
 * row) is never announced.
 */
function planNotice(
  options: PipelineOptions,
  ids: RunIds,
  stored: StoredState,
  { reads, diff }: Derived,
): AwardNotice | null {
  const listedBefore = (id: string) =>
    stored.sourceStates.has(id) ||
    reads.some((r) => r.module.id === id && r.output?.kind === 'press-release');
  const newVersions = diff.versions.filter((v) => v.kind === 'new');
  const awards = newVersions
    .filter((v) => stored.current.length > 0 && v.record.sources.some((s) => listedBefore(s.id)))
    .map((v) => v.record);
  const notifiable = awards.filter(isNotifiable);
  if (newVersions.length > awards.length) {
    options.logger.info(
      `${newVersions.length - awards.length} projects from sources read for the first time were recorded as the baseline; no award notice was sent for them`,
    );
  }
  if (notifiable.length < awards.length) {
    options.logger.warn(
      `${awards.length - notifiable.length} new projects lack a name, beneficiary or amount; no award notice was sent for them`,
    );
  }
  return notifiable.length > 0 ? buildAwardNotice(ids.runId, notifiable, options.config.publicBaseUrl) : null;
}

function runStatus(reports: readonly SourceReport[], published: boolean): RunReport['status'] {
  const usable = reports.filter((r) => r.status !== 'skipped');
  const bad = usable.filter((r) => r.status === 'refused' || r.status === 'failed');
  if (bad.length > 0 && bad.length === usable.length) return 'failed';
  if (bad.length > 0) return 'partial';
  return published ? 'published' : 'unchanged';
}

function buildReport(
  ids: RunIds,
  reads: readonly SourceRead[],
  listings: readonly SourceReport[],
  counts: RunCounts,
  plan: Plan | null,
  warnings: readonly string[],
  finished: FinishedPublication | null,
): RunReport {
  const sources = [...reads.map((r) => r.report), ...listings];
  const own = plan ? [...toWrite(plan.rendered).map((f) => f.key), ...plan.rendered.detail.keys] : [];
  return {
    runId: ids.runId,
    startedAt: ids.startedAt,
    status: runStatus(sources, plan !== null),
    counts,
    sources,
    warnings: [...warnings],
    // A run that finished another's publication wrote those files too, and says so.
    published: [...new Set([...(finished?.keys ?? []), ...own, STATUS_KEY])].sort(),
    ...(finished ? { finishedPublication: { runId: finished.runId, files: finished.keys.length } } : {}),
  };
}

/** A run in which no page changed: the source states' read times, the run record and status.json. */
async function recordUnchangedRun(
  options: RunOptions,
  ids: RunIds,
  stored: StoredHead,
  reads: readonly KeptRead[],
  recovered: readonly string[],
  finished: FinishedPublication | null,
): Promise<RunReport> {
  const { total } = stored.summary;
  const counts: RunCounts = { total, new: 0, changed: 0, removed: 0, reinstated: 0, unchanged: total };
  // buildReport reads only the sources' reports; no output is loaded to fill in the rest.
  const reported = reads.map((r): SourceRead => ({ ...r, output: null, nextState: null }));
  const listings = options.discovery.reports;
  const report = buildReport(
    ids,
    reported,
    listings,
    counts,
    null,
    [...recovered, ...reads.flatMap((r) => r.report.warnings), ...listings.flatMap((r) => r.warnings)],
    finished,
  );
  await options.state.commit(
    {
      records: [],
      versions: [],
      sourceStates: [],
      keptSourceStates: reads.flatMap((r) => (r.nextState ? [r.nextState] : [])),
      run: report,
      publication: null,
      snapshots: [],
      notice: null,
      discovered: options.discovery.added,
    },
    ids.holder,
  );
  const outcomes = [...reads, ...listingOutcomes(options.discovery)];
  await publishFiles(options.store, [
    statusOf(report, outcomes, stored, stored.summary, finished?.detailKeys),
  ]);
  return report;
}

/** A source as status.json reports it: its read, and what the state remembers of it. */
interface SourceOutcome {
  readonly module: Pick<SourceModule, 'id' | 'url'>;
  readonly report: SourceRead['report'];
  readonly nextState: SourceReading | null;
}

/** The listings as status.json reports them: read this run, never remembered as a source. */
function listingOutcomes(discovery: DiscoveryResult): SourceOutcome[] {
  return discovery.reports.map((report) => ({ module: report, report, nextState: null }));
}

function statusOf(
  report: RunReport,
  reads: readonly SourceOutcome[],
  stored: { readonly sourceStates: ReadonlyMap<string, SourceReading> },
  records: readonly ProjectRecord[] | CurrentSummary,
  projectFileKeys: readonly string[] = [],
) {
  const { lastChangedAt } = 'total' in records ? records : summariseRecords(records);
  // A monitor polls status.json every minute: it names the dataset-wide files and counts the
  // per-project ones (four a changed project; 80 000 keys were 3.5 MB). `--json` lists them all.
  const perProject = new Set(projectFileKeys);
  const isFeed = (key: string) => key.startsWith(`${SUBSCRIBER_FEED_ROOT}/`);
  const health: SourceHealth[] = reads.map((r) => ({
    id: r.module.id,
    url: r.module.url,
    status: r.report.status,
    records: r.report.records,
    pageUpdated: r.report.pageUpdated,
    lastReadAt: r.nextState?.fetchedAt ?? stored.sourceStates.get(r.module.id)?.fetchedAt ?? null,
    warnings: r.report.warnings,
  }));
  return statusFile({
    schemaVersion: 1,
    formatVersion: OUTPUT_FORMAT_VERSION,
    lastRunAt: report.startedAt,
    lastChangedAt,
    run: {
      ...report,
      published: report.published.filter((key) => !perProject.has(key) && !isFeed(key)),
      publishedFiles: report.published.length,
      publishedProjectFiles: perProject.size,
      publishedSubscriberFeeds: report.published.filter(isFeed).length,
    },
    sources: health,
  });
}
