import { compare, KIND_RANK, type LinkExplanation } from './link/common';
import { linkMigri } from './link/migri-link';
import { explainTwins, linkMigriTwins } from './link/migri-twins';
import { amountsAgree, linkPress } from './link/press-link';
import { isTwin } from './link/unnamed-award-link';
import type { ProjectDraft } from './model/project';
import type {
  FundReference,
  LinkedReference,
  MigriOutput,
  MigriTranslationOutput,
  PressOutput,
  ProjectsOutput,
  ReferenceOutput,
  SourceOutput,
} from './model/source-output';
import { parseSpecificObjective, type ReferenceNames } from './normalise/objective';
import { projectId } from './normalise/project-id';

export type { LinkExplanation } from './link/common';

export interface LinkResult {
  /** One draft per project. */
  readonly drafts: ProjectDraft[];
  readonly warnings: string[];
  /** The fund page's reference data, when a reference source has been read; else null. */
  readonly reference: LinkedReference | null;
  /** How every Migri block and press mention was linked, or why it was not. */
  readonly links: LinkExplanation[];
}

const LANG_RANK: Readonly<Record<string, number>> = { fi: 0, sv: 1, en: 2 };

/**
 * Merges the outputs of every source into one draft per project, whatever order they come in:
 *
 * 1. The ministry lists (`projects` outputs, by source id) give the projects. Two rows that fold to the
 *    same name get an id that also covers beneficiary and start date; an exact repeat is kept once.
 * 2. The fund page (`reference`) fills in what an objective cell lacks (see parseSpecificObjective).
 * 3. Migri's blocks are attached to the ministry project they describe (migri-link.ts); the others
 *    become records of their own, flagged `not-on-ministry-list`.
 * 4. Press releases (by date, then fi/sv/en) add announcements to the listed projects they name
 *    (press-link.ts); a mention with a delimited name that matches none becomes an "announced" record,
 *    shared by the language versions of the same release (same date, organisation and amount). An
 *    award without a delimited name makes no record: it is linked by its organisation's only fitting
 *    project, its subject, or what another language version of the release links at its place.
 *
 * The ministry list wins every field; what disagrees is a quality flag naming both values. A record's
 * first source is the one that owns it (gives its id); the others follow by kind and id.
 */
export function linkOutputs(outputs: readonly SourceOutput[]): LinkResult {
  const sorted = [...outputs].sort(
    (a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || compare(a.sourceId, b.sourceId),
  );
  const log: LinkLog = { warnings: [], links: [] };
  let ministry = linkMinistryLists(
    sorted.filter((o): o is ProjectsOutput => o.kind === 'projects'),
    log.warnings,
  );
  const reference: LinkedReference | null =
    sorted
      .filter((o): o is ReferenceOutput => o.kind === 'reference')
      .map((o) => ({ ...o.reference, source: { id: o.sourceId, url: o.url } }))[0] ?? null;
  if (reference) ministry = ministry.map((d) => applyReference(d, reference));
  const migri = linkMigriPages(sorted, ministry, log);
  const press = linkReleases(sorted, migri.ministry, log);
  const rank = new Map(sorted.map((o) => [o.sourceId, KIND_RANK[o.kind]] as const));
  const drafts = onePerId([...press.ministry, ...migri.own, ...press.announced], rank, log.warnings);
  return { drafts, warnings: log.warnings, reference, links: log.links };
}

/** What linking explains and warns about, in the order it happens. */
interface LinkLog {
  readonly warnings: string[];
  readonly links: LinkExplanation[];
}

/** Migri's pages: the blocks attached to ministry projects, and the blocks no project matched. */
function linkMigriPages(
  sorted: readonly SourceOutput[],
  listed: ProjectDraft[],
  log: LinkLog,
): { ministry: ProjectDraft[]; own: ProjectDraft[] } {
  let ministry = listed;
  const claimed = new Set<string>();
  const own: ProjectDraft[] = [];
  const translations = sorted.filter((o): o is MigriTranslationOutput => o.kind === 'migri-translation');
  const finnish = sorted.filter((o): o is MigriOutput => o.kind === 'migri');
  for (const output of finnish) {
    // The Swedish and English blocks join their Finnish twins first, so they follow them to a record.
    const twins = linkMigriTwins(output.drafts, translations);
    const result = linkMigri({ ...output, drafts: twins.fiBlocks }, ministry, claimed);
    ministry = result.ministry;
    own.push(...result.own);
    log.links.push(...result.links);
    log.warnings.push(...result.warnings);
    const recordOf = (name: string) => result.links.find((l) => l.item === name)?.projectId;
    const explained = explainTwins(twins.links, recordOf);
    log.links.push(...explained.explanations);
    log.warnings.push(...explained.warnings);
  }
  if (finnish.length === 0 && translations.length > 0) {
    log.warnings.push(
      ...translations.map(
        (t) => `${t.sourceId}: Migri's Finnish page was not read, so its ${t.lang} texts join no record`,
      ),
    );
  }
  return { ministry, own };
}

/** The press releases, oldest first: announcements attached to projects, and announced-only records. */
function linkReleases(
  sorted: readonly SourceOutput[],
  listed: ProjectDraft[],
  log: LinkLog,
): { ministry: ProjectDraft[]; announced: ProjectDraft[] } {
  let ministry = listed;
  const announced: ProjectDraft[] = [];
  const releases = sorted
    .filter((o): o is PressOutput => o.kind === 'press-release')
    .sort(
      (a, b) =>
        compare(a.release.date, b.release.date) ||
        (LANG_RANK[a.release.lang] ?? 9) - (LANG_RANK[b.release.lang] ?? 9) ||
        compare(a.sourceId, b.sourceId),
    );
  // What each release links on its own, so that its other language versions can share it.
  const readings = releases.map((output) => linkPress(output, ministry).reading);
  for (const output of releases) {
    const twins = readings.filter((r) => isTwin(output, r));
    const result = linkPress(output, ministry, twins);
    ministry = result.ministry;
    log.links.push(...result.links);
    log.warnings.push(...result.warnings);
    for (const draft of result.unmatched) addAnnounced(announced, draft);
  }
  return { ministry, announced };
}

/** An announced-only draft, or its award in another language version of the same release: one record, both announcements. */
function addAnnounced(announced: ProjectDraft[], draft: ProjectDraft): void {
  const announcement = draft.announcements[0]!;
  const twin = announced.findIndex(
    (a) =>
      a.beneficiary.id === draft.beneficiary.id &&
      a.beneficiary.id !== 'unknown' &&
      a.announcements.some((x) => x.date === announcement.date && x.url !== announcement.url) &&
      amountsAgree(a.euFundingEur, {
        amountEur: announcement.amountEur,
        approximate: announcement.approximate ?? false,
        precisionEur: null,
      }),
  );
  const existing = announced[twin];
  if (existing) {
    announced[twin] = {
      ...existing,
      sources: [...existing.sources, ...draft.sources],
      announcements: [...existing.announcements, announcement],
    };
  } else announced.push(draft);
}

/** The first draft of each id, its sources in rank order; a later one with the same id is warned about. */
function onePerId(
  drafts: readonly ProjectDraft[],
  rank: ReadonlyMap<string, number>,
  warnings: string[],
): ProjectDraft[] {
  const byId = new Map<string, ProjectDraft>();
  for (const draft of drafts) {
    if (byId.has(draft.id)) {
      warnings.push(
        `${draft.sources[0]?.id}: "${draft.name}" has the id ${draft.id} of another record; kept once`,
      );
      continue;
    }
    byId.set(draft.id, orderSources(draft, rank));
  }
  return [...byId.values()];
}

function linkMinistryLists(outputs: readonly ProjectsOutput[], warnings: string[]): ProjectDraft[] {
  const byId = new Map<string, ProjectDraft>();
  for (const output of outputs) {
    for (const draft of output.drafts) {
      let candidate = draft;
      if (byId.has(candidate.id)) {
        const disambiguated = projectId(
          draft.programme,
          `${draft.name} ${draft.beneficiary.id} ${draft.startDate ?? ''}`,
        );
        candidate = { ...draft, id: disambiguated };
      }
      if (byId.has(candidate.id)) {
        warnings.push(
          `${output.sourceId}: the project "${draft.name}" (${draft.beneficiary.name}) appears twice; kept once`,
        );
        continue;
      }
      byId.set(candidate.id, candidate);
    }
  }
  return [...byId.values()];
}

/**
 * Resolves an objective cell the ministry list's parser could not read on its own (flagged
 * `unknown-objective`, raw cell kept) with the fund page's list: a code-only cell gets the fund page's
 * name, a name-only cell the code of the name it repeats. A readable cell keeps its own name.
 */
function applyReference(draft: ProjectDraft, reference: FundReference): ProjectDraft {
  if (draft.programme !== reference.programme || draft.specificObjective !== null) return draft;
  const flag = draft.quality.find((q) => q.code === 'unknown-objective' && q.raw !== null);
  if (!flag) return draft;
  const names: ReferenceNames = Object.fromEntries(reference.specificObjectives.map((o) => [o.code, o.name]));
  const parsed = parseSpecificObjective(flag.raw!, names);
  if (!parsed.ok) return draft;
  return { ...draft, specificObjective: parsed.objective, quality: draft.quality.filter((q) => q !== flag) };
}

/** The owning source first, the others by kind (ministry list, fund page, Migri, press) and id. */
function orderSources(draft: ProjectDraft, rank: ReadonlyMap<string, number>): ProjectDraft {
  const [owner, ...rest] = draft.sources;
  if (!owner || rest.length === 0) return draft;
  const seen = new Set([owner.id]);
  const others = rest
    .filter((s) => !seen.has(s.id) && seen.add(s.id))
    .sort((a, b) => (rank.get(a.id) ?? 9) - (rank.get(b.id) ?? 9) || compare(a.id, b.id));
  return { ...draft, sources: [owner, ...others] };
}
