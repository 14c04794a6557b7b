import type { ProjectDraft, QualityFlag } from '../model/project';
import type { MigriOutput } from '../model/source-output';
import { roundScore, stemSetContainment, stemSetDice } from '../normalise/similarity';
import { instrumentOf } from '../sources/migri-hankkeet';
import { compare, type LinkExplanation, samePeriod, showDate, uniquePairs } from './common';
import { draftKeys, draftStems } from './draft-keys';

/** A dates-agreeing pair needs this much shared vocabulary (Dice of word stems) to be linked. */
export const DATES_TEXT_THRESHOLD = 0.2;
/** Without agreeing dates, text alone needs this much. */
export const TEXT_THRESHOLD = 0.5;
/** A similarity link must beat the runner-up (for the block and for the project) by this much. */
export const TEXT_MARGIN = 0.1;

export interface MigriLinkResult {
  /** Ministry drafts, with the Migri blocks that matched them attached. */
  readonly ministry: ProjectDraft[];
  /** Blocks no ministry project matched, as their own records. */
  readonly own: ProjectDraft[];
  readonly links: LinkExplanation[];
  readonly warnings: string[];
}

type Tier = {
  readonly label: string;
  readonly test: (block: ProjectDraft, project: ProjectDraft) => boolean;
};

const sameDates = (a: ProjectDraft, b: ProjectDraft) =>
  a.startDate !== null && a.endDate !== null && a.startDate === b.startDate && a.endDate === b.endDate;

/** "varausapu 2" is a word-prefix of "varausapu 2 turvapaikkakuulemisten …" (or the other way round). */
function namePrefix(a: ProjectDraft, b: ProjectDraft): boolean {
  const fa = draftKeys(a).name;
  const fb = draftKeys(b).name;
  const [short, long] = fa.length <= fb.length ? [fa, fb] : [fb, fa];
  return short.length >= 8 && short.includes(' ') && long.startsWith(`${short} `);
}

const sameTitle = (a: ProjectDraft, b: ProjectDraft) => draftKeys(a).name === draftKeys(b).name;

const sameAcronym = (a: ProjectDraft, b: ProjectDraft) => {
  const x = draftKeys(a).acronym;
  return x !== null && x === draftKeys(b).acronym;
};

/**
 * The exact criteria, strongest first. Each tier links what it can one-to-one before the next looks:
 * the same title (folded: case, accents and punctuation ignored), the same acronym, or one name the
 * start of the other; each "+dates" when the schedule agrees too, which is tried first.
 */
const EXACT_TIERS: readonly Tier[] = [
  { label: 'title+dates', test: (b, p) => sameTitle(b, p) && sameDates(b, p) },
  { label: 'title', test: sameTitle },
  { label: 'acronym+dates', test: (b, p) => sameAcronym(b, p) && sameDates(b, p) },
  { label: 'acronym', test: sameAcronym },
  { label: 'name+dates', test: (b, p) => namePrefix(b, p) && sameDates(b, p) },
  { label: 'name', test: namePrefix },
];

/**
 * A block without a title, named after its description (Migri's 2025 page, a copy cut inside it): its
 * few words are compared by how many of them the project's text repeats, not by Dice, which a long
 * summary against a short description would always keep low.
 */
const untitled = (block: ProjectDraft) =>
  block.quality.some((q) => q.code === 'missing-field' && q.field === 'name');

/** With agreeing dates, an untitled block needs this share of its words in the project's text. */
export const UNTITLED_CONTAINMENT_THRESHOLD = 0.5;

interface Scored {
  readonly block: ProjectDraft;
  readonly project: ProjectDraft;
  readonly score: number;
  /** Scored by containment (an untitled block with agreeing dates), not Dice. */
  readonly contained?: boolean;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function blockText(block: ProjectDraft): string {
  return [block.name, block.migri?.description ?? '', block.migri?.goals ?? ''].join('\n');
}

function projectText(project: ProjectDraft): string {
  return `${project.name}\n${project.summary}`;
}

/** The matching of one Migri page: which block is linked to which project so far, one to one. */
class MigriMatcher {
  readonly matchedBy = new Map<ProjectDraft, { project: ProjectDraft; label: string }>();
  private readonly matchedProjects = new Set<ProjectDraft>();
  /** Each block's possible projects: same organisation, period and fund; checked once per pair. */
  private readonly candidatesOf: ReadonlyMap<ProjectDraft, readonly ProjectDraft[]>;

  constructor(
    private readonly blocks: readonly ProjectDraft[],
    ministry: readonly ProjectDraft[],
    /** Projects another page already linked. */
    private readonly claimed: ReadonlySet<string>,
  ) {
    this.candidatesOf = new Map(
      blocks.map((block) => [
        block,
        ministry.filter(
          (project) =>
            project.beneficiary.id === block.beneficiary.id &&
            samePeriod(block.programme, project.programme) &&
            (block.fund === 'EUSA' || block.fund === project.fund),
        ),
      ]),
    );
  }

  free(block: ProjectDraft, project: ProjectDraft): boolean {
    return !this.claimed.has(project.id) && !this.matchedProjects.has(project) && !this.matchedBy.has(block);
  }

  private match(block: ProjectDraft, project: ProjectDraft, label: string): void {
    this.matchedBy.set(block, { project, label });
    this.matchedProjects.add(project);
  }

  /** Each exact tier links what it can one to one before the next looks. */
  linkExact(): void {
    for (const tier of EXACT_TIERS) {
      const open = this.blocks.filter((b) => !this.matchedBy.has(b));
      const { pairs } = uniquePairs(
        open,
        (b) => this.candidatesOf.get(b) ?? [],
        (b, p) => this.free(b, p) && tier.test(b, p),
      );
      for (const [block, project] of pairs) this.match(block, project, tier.label);
    }
  }

  /** The free pairs' text scores, best first (with agreeing dates only, when `withDates`). */
  private scorePairs(withDates: boolean): Scored[] {
    const scored: Scored[] = [];
    for (const block of this.blocks) {
      const blockStems = draftStems(block, 'block', blockText);
      for (const project of this.candidatesOf.get(block) ?? []) {
        if (!this.free(block, project) || (withDates && !sameDates(block, project))) continue;
        const projectStems = draftStems(project, 'project', projectText);
        const contained = withDates && untitled(block);
        const score = contained
          ? stemSetContainment(blockStems, projectStems)
          : stemSetDice(blockStems, projectStems);
        scored.push({ block, project, score, contained });
      }
    }
    return scored.sort(
      (a, b) => b.score - a.score || compare(a.block.id, b.block.id) || compare(a.project.id, b.project.id),
    );
  }

  /** Links by shared vocabulary: a pair above the threshold that leads every free rival by the margin. */
  linkByText(withDates: boolean): void {
    const threshold = withDates ? DATES_TEXT_THRESHOLD : TEXT_THRESHOLD;
    const scored = this.scorePairs(withDates);
    const byBlock = groupBy(scored, (s) => s.block);
    const byProject = groupBy(scored, (s) => s.project);
    // Lists are best first, so the first free rival is the strongest one.
    const bestRival = (list: readonly Scored[] | undefined, isSelf: (s: Scored) => boolean) =>
      list?.find((s) => !isSelf(s) && this.free(s.block, s.project));
    for (const { block, project, score, contained } of scored) {
      if (score < (contained ? UNTITLED_CONTAINMENT_THRESHOLD : threshold) || !this.free(block, project))
        continue;
      // Rivals share the block or the project (not both): the link must lead them all by the margin.
      const rivals = [
        bestRival(byBlock.get(block), (s) => s.project === project),
        bestRival(byProject.get(project), (s) => s.block === block),
      ];
      if (rivals.some((r) => r !== undefined && r.score > score - TEXT_MARGIN)) continue;
      const measure = contained ? 'text-containment' : 'text-similarity';
      this.match(block, project, `${withDates ? 'dates+' : ''}${measure} ${roundScore(score).toFixed(2)}`);
    }
  }
}

/** A block no ministry project matched, as its own record flagged `not-on-ministry-list`, and why. */
function ownRecord(block: ProjectDraft, output: MigriOutput): { draft: ProjectDraft; link: LinkExplanation } {
  const instrument = instrumentOf(blockText(block));
  const why =
    instrument && instrument.fund !== 'AMIF'
      ? `its text names ${instrument.fund} work ("${instrument.evidence}"), so it is not looked for on the AMIF lists`
      : `no ${block.beneficiary.name} project on the ministry lists matches its title, acronym, dates or text`;
  const flag: QualityFlag = {
    code: 'not-on-ministry-list',
    field: 'sources',
    message: `Migri describes this project, but ${why}`,
    raw: block.name,
    source: output.sourceId,
  };
  return {
    draft: { ...block, quality: [...block.quality, flag] },
    link: { sourceId: output.sourceId, item: block.name, projectId: block.id, matchedBy: null, note: why },
  };
}

/**
 * Links Migri's blocks to the ministry's projects of the same organisation (Maahanmuuttovirasto) and
 * programme period: by exact criteria first (title, acronym, name, each with and without agreeing
 * dates), then by shared vocabulary of the texts (with agreeing dates, then without, each needing a
 * clear lead over the runner-up). One block per project and one project per block. A block whose text
 * names another instrument (BMVI: visa information system…) is not linked to an AMIF list.
 */
export function linkMigri(
  output: MigriOutput,
  ministry: readonly ProjectDraft[],
  claimed: Set<string>,
): MigriLinkResult {
  const blocks = output.drafts;
  const matcher = new MigriMatcher(blocks, ministry, claimed);
  matcher.linkExact();
  matcher.linkByText(true);
  matcher.linkByText(false);

  const links: LinkExplanation[] = [];
  const attached = new Map<string, ProjectDraft>();
  for (const [block, { project, label }] of matcher.matchedBy) {
    claimed.add(project.id);
    attached.set(project.id, attachBlock(project, block, label, output));
    links.push({
      sourceId: output.sourceId,
      item: block.name,
      projectId: project.id,
      matchedBy: label,
      note: null,
    });
  }
  const own: ProjectDraft[] = [];
  for (const block of blocks) {
    if (matcher.matchedBy.has(block)) continue;
    const { draft, link } = ownRecord(block, output);
    own.push(draft);
    links.push(link);
  }
  return {
    ministry: ministry.map((p) => attached.get(p.id) ?? p),
    own,
    links: links.sort((a, b) => a.item.localeCompare(b.item, 'fi')),
    warnings: [],
  };
}

function attachBlock(
  project: ProjectDraft,
  block: ProjectDraft,
  label: string,
  output: MigriOutput,
): ProjectDraft {
  const quality: QualityFlag[] = [...project.quality];
  const schedule = block.migri?.schedule ?? null;
  for (const field of ['startDate', 'endDate'] as const) {
    const ours = project[field];
    const theirs = block[field];
    if (ours !== null && theirs !== null && ours !== theirs) {
      quality.push({
        code: 'date-mismatch',
        field,
        message:
          `the ministry list gives ${showDate(ours)}, Migri's page ${showDate(theirs)} ` +
          `(schedule "${schedule}"); the ministry's date is kept`,
        raw: schedule,
        source: output.sourceId,
      });
    }
  }
  return {
    ...project,
    // The block's own page first, then the Swedish and English pages that gave it texts.
    sources: [...project.sources, ...block.sources],
    migri: { ...block.migri!, matchedBy: label },
    quality,
  };
}
