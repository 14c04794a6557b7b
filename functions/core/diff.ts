import type { FieldChange, ProjectVersion, RunRef } from './model/history';
import type { ProjectDraft, ProjectRecord } from './model/project';
import type { RunCounts } from './model/run-report';
import { MIGRI_UNMATCHED } from './sources/migri-hankkeet';

/** What a page states about each project, as opposed to what linking and history add. */
export const PAGE_FIELDS = [
  'programme',
  'fund',
  'name',
  'acronym',
  'beneficiary',
  'specificObjective',
  'nationalObjective',
  'summary',
  'euFundingEur',
  'startDate',
  'endDate',
  'website',
] as const satisfies readonly (keyof ProjectRecord)[];

/** Fields that come from the sources; a difference in any of them is a change. */
export const TRACKED_FIELDS = [
  ...PAGE_FIELDS,
  'status',
  'sources',
  'migri',
  'announcements',
  'quality',
] as const satisfies readonly (keyof ProjectRecord)[];

export interface DiffInput {
  readonly drafts: readonly ProjectDraft[];
  readonly current: readonly ProjectRecord[];
  /** Sources whose content is known this run; only they can make a project disappear. */
  readonly readSources: ReadonlySet<string>;
  readonly run: RunRef;
}

export interface DiffResult {
  /** The whole next state, in publication order. */
  readonly records: ProjectRecord[];
  /** Records that changed this run (to write as current). */
  readonly changed: ProjectRecord[];
  readonly versions: ProjectVersion[];
  readonly counts: RunCounts;
}

/**
 * Compares what the sources say now with the stored state. Nothing here depends on the clock
 * except the run's own timestamp, so unchanged pages give an empty diff on any date.
 */
export function diffProjects(input: DiffInput): DiffResult {
  const at = input.run.at;
  const current = new Map(input.current.map((r) => [r.id, r]));
  const drafts = resolveIdentities(input.drafts, current);
  const counts: RunCounts = { total: 0, new: 0, changed: 0, removed: 0, reinstated: 0, unchanged: 0 };
  const records: ProjectRecord[] = [];
  const changed: ProjectRecord[] = [];
  const versions: ProjectVersion[] = [];
  const seen = new Set<string>();

  const record = (next: ProjectRecord, kind: ProjectVersion['kind'] | null, fields: FieldChange[]) => {
    records.push(next);
    if (!kind) {
      counts.unchanged++;
      return;
    }
    counts[kind]++;
    changed.push(next);
    versions.push({
      id: next.id,
      version: next.version,
      kind,
      changedAt: at,
      fields,
      run: input.run,
      record: next,
    });
  };

  for (const draft of drafts) {
    seen.add(draft.id);
    const { listing, ...fields } = draft;
    const previous = current.get(draft.id);
    if (!previous) {
      const next: ProjectRecord = {
        ...fields,
        status: listing,
        removedAt: null,
        firstSeenAt: at,
        lastChangedAt: at,
        version: 1,
      };
      record(next, 'new', []);
      continue;
    }
    const candidate: ProjectRecord = { ...previous, ...fields, status: listing, removedAt: null };
    const fieldChanges = compareTracked(previous, candidate);
    if (fieldChanges.length === 0) {
      record(previous, null, []);
      continue;
    }
    const next: ProjectRecord = { ...candidate, lastChangedAt: at, version: previous.version + 1 };
    record(next, previous.status === 'removed' ? 'reinstated' : 'changed', fieldChanges);
  }

  for (const previous of input.current) {
    if (seen.has(previous.id)) continue;
    const canRemove =
      previous.status !== 'removed' && previous.sources.every((s) => input.readSources.has(s.id));
    if (!canRemove) {
      record(previous, null, []);
      continue;
    }
    const next: ProjectRecord = {
      ...previous,
      status: 'removed',
      removedAt: at,
      lastChangedAt: at,
      version: previous.version + 1,
    };
    record(next, 'removed', [{ field: 'status', old: previous.status, new: 'removed' }]);
  }

  records.sort(publicationOrder);
  counts.total = records.length;
  return { records, changed, versions, counts };
}

function compareTracked(previous: ProjectRecord, next: ProjectRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TRACKED_FIELDS) {
    if (!sameJson(previous[field], next[field])) {
      changes.push({ field, old: previous[field], new: next[field] });
    }
  }
  return changes;
}

/**
 * `JSON.stringify(a) === JSON.stringify(b)`, answered without serialising when the values are
 * identical or plain data with the same shape (the usual, unchanged case); anything else is
 * serialised and compared as before.
 */
function sameJson(a: unknown, b: unknown): boolean {
  return identical(a, b) || samePlainData(a, b) || JSON.stringify(a) === JSON.stringify(b);
}

/** `===`, except for BigInts, which JSON.stringify refuses (so the slow path throws as before). */
function identical(a: unknown, b: unknown): boolean {
  return a === b && typeof a !== 'bigint';
}

/** True only when both are arrays or plain objects whose keys (in order) and leaves are identical. */
function samePlainData(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!identical(a[i], b[i]) && !samePlainData(a[i], b[i])) return false;
    }
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== otherKeys[i] || key === 'toJSON') return false;
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (!identical(x, y) && !samePlainData(x, y)) return false;
  }
  return true;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Gives a draft the id of the stored project it continues, when its own id is new:
 * a rename (same programme, beneficiary, dates and amount, and the old name gone from the page),
 * or a press-release announcement that the ministry list now carries (the draft holds the
 * announcement that created the stored "announced" record).
 */
function resolveIdentities(
  drafts: readonly ProjectDraft[],
  current: ReadonlyMap<string, ProjectRecord>,
): ProjectDraft[] {
  const draftIds = new Set(drafts.map((d) => d.id));
  const orphans = [...current.values()].filter((r) => !draftIds.has(r.id));
  if (orphans.length === 0) return [...drafts];
  const claimed = new Set<string>();

  return drafts.map((draft) => {
    if (current.has(draft.id)) return draft;
    const candidates = orphans.filter((r) => !claimed.has(r.id) && continues(r, draft));
    if (candidates.length !== 1) return draft;
    const match = candidates[0]!;
    claimed.add(match.id);
    return { ...draft, id: match.id };
  });
}

function continues(previous: ProjectRecord, draft: ProjectDraft): boolean {
  // A project known only from Migri's page that a ministry list now carries: the same Migri block
  // is now attached to the list's record.
  if (
    previous.migri &&
    draft.migri &&
    previous.migri.matchedBy === MIGRI_UNMATCHED &&
    draft.migri.matchedBy !== MIGRI_UNMATCHED
  ) {
    return previous.migri.url === draft.migri.url && previous.migri.title === draft.migri.title;
  }
  if (previous.status === 'announced' && draft.listing === 'listed') {
    const urls = new Set(previous.announcements.map((a) => a.url));
    return (
      draft.announcements.some((a) => urls.has(a.url)) && previous.beneficiary.id === draft.beneficiary.id
    );
  }
  return (
    previous.programme === draft.programme &&
    previous.beneficiary.id === draft.beneficiary.id &&
    previous.startDate !== null &&
    previous.startDate === draft.startDate &&
    previous.endDate === draft.endDate &&
    previous.euFundingEur !== null &&
    previous.euFundingEur === draft.euFundingEur
  );
}

const collator = new Intl.Collator('fi');
/** The collator's order; equal strings (most programmes and objectives) skip the ICU call. */
const compareText = (a: string, b: string): number => (a === b ? 0 : collator.compare(a, b));

/** Newest programme first, then by specific objective, start date and name: how the ministry lists them. */
export function publicationOrder(a: ProjectRecord, b: ProjectRecord): number {
  return (
    compareText(b.programme, a.programme) ||
    compareText(a.specificObjective?.code ?? '9', b.specificObjective?.code ?? '9') ||
    compareText(a.startDate ?? '9999', b.startDate ?? '9999') ||
    compareText(a.name, b.name) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
