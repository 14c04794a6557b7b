import type { Beneficiary, ProjectDraft, QualityFlag } from '../model/project';
import type { PressMention, PressOutput } from '../model/source-output';

export { amountsAgree } from './amounts-agree';

import { findBeneficiaries } from '../normalise/beneficiary';
import { foldKey } from '../normalise/text';
import { amountsAgree } from './amounts-agree';
import { compare, type LinkExplanation, samePeriod, showDate, showEuros, uniquePairs } from './common';
import { coreName, draftKeys } from './draft-keys';
import {
  linkUnnamedItems,
  type ReadingItem,
  type ReleaseReading,
  type UnnamedItem,
} from './unnamed-award-link';

export interface PressLinkResult {
  /** Ministry drafts, with the announcements that matched them attached. */
  readonly ministry: ProjectDraft[];
  /** The "announced" drafts of mentions no listed project matched. */
  readonly unmatched: ProjectDraft[];
  readonly links: LinkExplanation[];
  readonly warnings: string[];
  /** What it linked, in text order, for its other language versions (see twinProject). */
  readonly reading: ReleaseReading;
}

const acronymLike = (word: string) => (word.match(/\p{Lu}/gu) ?? []).length >= 2;

/** A written name of a mention, folded the ways nameEvidence compares it with a project's. */
interface WrittenNameKeys {
  readonly folded: string;
  /** The first word, folded, when it looks like an acronym ("PALOMA-hanke" → "paloma"); else null. */
  readonly acronym: string | null;
  readonly core: string;
}

// A mention is compared with every listed project of its programme (20 000 at scale): fold its
// names once, not once per project.
const writtenKeys = new WeakMap<PressMention, readonly WrittenNameKeys[]>();

function writtenNameKeys(mention: PressMention): readonly WrittenNameKeys[] {
  let found = writtenKeys.get(mention);
  if (!found) {
    found = mention.names.map((written) => {
      const first = written.split(/\s+/)[0]!;
      return {
        folded: foldKey(written),
        acronym: acronymLike(first) ? foldKey(first) : null,
        core: coreName(written),
      };
    });
    writtenKeys.set(mention, found);
  }
  return found;
}

/** How a mention's names point at a project: "acronym", "name", or null. */
export function nameEvidence(mention: PressMention, project: ProjectDraft): 'acronym' | 'name' | null {
  const { acronym, name, coreName: core } = draftKeys(project);
  for (const written of writtenNameKeys(mention)) {
    if (acronym && (written.folded === acronym || written.acronym === acronym)) return 'acronym';
    if (written.folded.length >= 4 && (name === written.folded || name.startsWith(`${written.folded} `)))
      return 'name';
    if (written.core.length >= 4 && written.core === core) return 'name';
  }
  return null;
}

/** The shortest folded start of a name a cut copy may link by: "arvosta osaamista" and more. */
const MIN_CUT_NAME = 12;

/**
 * A mention the copy cuts short: the organisation it opens with (by the list's spellings, inflected)
 * and the folded words after it, which begin the project's name.
 */
function cutName(
  mention: PressMention,
  knownNames: readonly Beneficiary[],
): [PressMention, { organisation: string; name: string }][] {
  const found = findBeneficiaries(mention.text, knownNames)[0];
  if (!found) return [];
  const words = mention.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const name = foldKey(words.slice(found.word + found.text.split(' ').length).join(' '));
  return name.length >= MIN_CUT_NAME ? [[mention, { organisation: found.id, name }]] : [];
}

function describe(mention: PressMention): string {
  const names = mention.names.length > 0 ? `${mention.names.join(' / ')}, ` : '';
  const amount =
    mention.amountEur === null
      ? 'no amount'
      : `${mention.approximate ? 'n. ' : ''}${showEuros(mention.amountEur)}`;
  return `${names}${mention.beneficiary?.name ?? '?'}, ${amount}`;
}

/** Who a release's mentions may be linked to, and what each mention names. */
interface PressScope {
  readonly output: PressOutput;
  /** The listed AMIF projects of the release's programme. */
  readonly candidates: readonly ProjectDraft[];
  /** Their beneficiaries, one entry per written name. */
  readonly knownNames: readonly Beneficiary[];
  /** The organisation each mention names, by its own reading or found in its text among knownNames. */
  readonly beneficiaryOf: ReadonlyMap<PressMention, Beneficiary | null>;
  /** The mentions the copy cuts short, with the organisation and name start they give. */
  readonly cutNames: ReadonlyMap<PressMention, { organisation: string; name: string }>;
  /** How many candidates each organisation has. */
  readonly projectCounts: ReadonlyMap<string, number>;
}

function pressScope(output: PressOutput, ministry: readonly ProjectDraft[]): PressScope {
  const programme = output.release.programme ?? '';
  const candidates = ministry.filter(
    (p) => p.listing === 'listed' && p.fund === 'AMIF' && samePeriod(p.programme, programme),
  );
  // One entry per written name: a long list repeats its organisations, and each is searched for.
  const knownNames = [
    ...new Map(
      candidates.map((p) => [`${p.beneficiary.id}\u0000${p.beneficiary.name}`, p.beneficiary]),
    ).values(),
  ];
  const beneficiaryOf = new Map<PressMention, Beneficiary | null>(
    output.mentions.map((m) => {
      if (m.beneficiary) return [m, m.beneficiary];
      const found = findBeneficiaries(m.text, knownNames)[0];
      return [m, found ? { id: found.id, name: found.name } : null];
    }),
  );
  const cutNames = new Map(output.mentions.flatMap((m) => (m.truncated ? cutName(m, knownNames) : [])));
  const projectCounts = new Map<string, number>();
  for (const p of candidates)
    projectCounts.set(p.beneficiary.id, (projectCounts.get(p.beneficiary.id) ?? 0) + 1);
  return { output, candidates, knownNames, beneficiaryOf, cutNames, projectCounts };
}

/** One tier of matching: which pairs it accepts, and how it explains a link. */
interface MatchTier {
  readonly test: (m: PressMention, p: ProjectDraft) => boolean;
  readonly label: (m: PressMention, p: ProjectDraft) => string;
}

/** The tiers, strongest first (see linkPress). */
function matchTiers({ beneficiaryOf, cutNames, projectCounts }: PressScope): MatchTier[] {
  const sameOrg = (m: PressMention, p: ProjectDraft) => beneficiaryOf.get(m)?.id === p.beneficiary.id;
  return [
    {
      // "Työväen Sivistysliiton Arvosta osaamista – … työll": the copy ends inside the name.
      test: (m, p) => {
        const cut = cutNames.get(m);
        return (
          cut !== undefined && cut.organisation === p.beneficiary.id && draftKeys(p).name.startsWith(cut.name)
        );
      },
      label: () => 'name+beneficiary',
    },
    {
      test: (m, p) => nameEvidence(m, p) !== null && (beneficiaryOf.get(m) === null || sameOrg(m, p)),
      label: (m, p) =>
        [
          nameEvidence(m, p),
          sameOrg(m, p) ? 'beneficiary' : null,
          amountsAgree(p.euFundingEur, m) ? 'amount' : null,
        ]
          .filter(Boolean)
          .join('+'),
    },
    {
      test: (m, p) => sameOrg(m, p) && amountsAgree(p.euFundingEur, m),
      label: () => 'beneficiary+amount',
    },
    {
      test: (m, p) => sameOrg(m, p) && (projectCounts.get(p.beneficiary.id) ?? 0) === 1,
      label: () => 'beneficiary',
    },
    {
      // An amount to the euro is specific enough on its own when the release names no organisation.
      test: (m, p) => beneficiaryOf.get(m) === null && !m.approximate && amountsAgree(p.euFundingEur, m),
      label: () => 'amount',
    },
  ];
}

type Matches = Map<PressMention, { project: ProjectDraft; label: string }>;

/** Each tier in turn pairs the mentions and projects still free, one to one; ties stay unmatched. */
function matchMentions(scope: PressScope): { matched: Matches; ambiguous: Set<PressMention> } {
  const matched: Matches = new Map();
  const ambiguous = new Set<PressMention>();
  for (const tier of matchTiers(scope)) {
    const used = new Set([...matched.values()].map((m) => m.project));
    const free = scope.output.mentions.filter((m) => !matched.has(m));
    const { pairs, ambiguous: unclear } = uniquePairs(
      free,
      scope.candidates.filter((p) => !used.has(p)),
      tier.test,
    );
    for (const [mention, project] of pairs)
      matched.set(mention, { project, label: tier.label(mention, project) });
    for (const m of unclear) ambiguous.add(m);
  }
  return { matched, ambiguous };
}

/** The ministry drafts as the release's announcements leave them: each announced project once, updated. */
class Announcements {
  private readonly attached = new Map<string, ProjectDraft>();
  constructor(private readonly output: PressOutput) {}

  /** The project with every announcement attached so far. */
  current(project: ProjectDraft): ProjectDraft {
    return this.attached.get(project.id) ?? project;
  }

  announce(
    project: ProjectDraft,
    amountEur: number | null,
    approximate: boolean,
    quality?: QualityFlag[],
  ): void {
    const { output } = this;
    const base = this.current(project);
    const announcement = {
      date: output.release.date,
      url: output.url,
      lang: output.release.lang,
      amountEur,
      ...(approximate ? { approximate: true as const } : {}),
    };
    this.attached.set(project.id, {
      ...base,
      sources: [...base.sources, { id: output.sourceId, url: output.url }],
      announcements: [...base.announcements, announcement].sort(
        (a, b) => compare(a.date, b.date) || compare(a.lang, b.lang) || compare(a.url, b.url),
      ),
      quality: quality ?? base.quality,
    });
  }
}

/** Why a mention with a name of its own was published as announced, warning when several projects fit. */
function unlinkedMention(
  output: PressOutput,
  mention: PressMention,
  ambiguous: boolean,
  warnings: string[],
): LinkExplanation {
  if (ambiguous) {
    warnings.push(
      `${output.sourceId}: the mention "${describe(mention)}" fits several listed projects; it was not linked`,
    );
  }
  return {
    sourceId: output.sourceId,
    item: describe(mention),
    projectId: mention.draftId!,
    matchedBy: null,
    note: ambiguous
      ? 'several listed projects fit equally well; published as announced'
      : 'no listed project fits its names, organisation and amount; published as announced',
  };
}

/** Attaches a matched mention's announcement to its project, flagging an amount that disagrees. */
function linkedMention(
  output: PressOutput,
  mention: PressMention,
  { project, label }: { project: ProjectDraft; label: string },
  announcements: Announcements,
): LinkExplanation {
  const agree = mention.amountEur === null || amountsAgree(project.euFundingEur, mention);
  const quality: QualityFlag[] = [...announcements.current(project).quality];
  const differ = !agree && project.euFundingEur !== null && mention.amountEur !== null;
  if (differ) {
    const about = mention.approximate ? 'about ' : '';
    quality.push({
      code: 'amount-mismatch',
      field: 'euFundingEur',
      message:
        `the press release of ${showDate(output.release.date)} gives ${about}${showEuros(mention.amountEur!)}, ` +
        `the ministry list ${showEuros(project.euFundingEur!)}; the ministry's amount is kept`,
      raw: mention.text,
      source: output.sourceId,
    });
  }
  announcements.announce(project, mention.amountEur, mention.approximate, quality);
  return {
    sourceId: output.sourceId,
    item: describe(mention),
    projectId: project.id,
    matchedBy: label,
    note: differ
      ? `amounts differ: ${showEuros(mention.amountEur!)} announced, ${showEuros(project.euFundingEur!)} listed`
      : null,
  };
}

/** A mention without a delimited name: never a record, but resolved as an unnamed award of its organisation. */
function unnamedMention(scope: PressScope, mention: PressMention, place: number): UnnamedItem {
  const organisation = scope.beneficiaryOf.get(mention);
  return {
    text: mention.text,
    context: '',
    beneficiaries: organisation ? [organisation] : [],
    place,
    amountEur: mention.amountEur,
  };
}

/**
 * Links a press release's mentions to the listed projects of its programme. Tiers, each one-to-one:
 * (1) a name or acronym the mention gives, when the organisation agrees or is not named; (2) the same
 * organisation and an amount within a euro; (3) the same organisation when it has only one project in
 * the programme. An amount that then disagrees by a euro or more is flagged `amount-mismatch`; the
 * list's amount is kept.
 */
export function linkPress(
  output: PressOutput,
  ministry: readonly ProjectDraft[],
  twins: readonly ReleaseReading[] = [],
): PressLinkResult {
  const scope = pressScope(output, ministry);
  const { matched, ambiguous } = matchMentions(scope);
  const links: LinkExplanation[] = [];
  const warnings: string[] = [];
  const announcements = new Announcements(output);
  const unnamedItems: UnnamedItem[] = [];
  for (const [place, mention] of output.mentions.entries()) {
    const match = matched.get(mention);
    if (match) links.push(linkedMention(output, mention, match, announcements));
    else if (mention.draftId === null) unnamedItems.push(unnamedMention(scope, mention, place));
    else links.push(unlinkedMention(output, mention, ambiguous.has(mention), warnings));
  }
  for (const award of output.unnamedAwards) {
    unnamedItems.push({ ...award, place: award.mentionsBefore - 0.5, amountEur: null });
  }

  // The release's awards in text order: what its other language versions align with (twinProject).
  const items = readingItems(output, matched, unnamedItems, scope.beneficiaryOf);
  const announcedHere = new Set([...matched.values()].map((m) => m.project.id));
  const slots = items.map((i) => ({ item: i.item, reading: i.reading }));
  const { candidates, knownNames } = scope;
  linkUnnamedItems(
    { output, candidates, knownNames, twins, announcedHere, links, warnings },
    [...unnamedItems].sort((a, b) => a.place - b.place),
    slots,
    (project) => announcements.announce(project, null, false),
  );

  const draftsById = new Map(output.drafts.map((d) => [d.id, d]));
  const { release } = output;
  return {
    ministry: ministry.map((p) => announcements.current(p)),
    unmatched: output.mentions
      .filter((m) => !matched.has(m) && m.draftId !== null)
      .flatMap((m) => draftsById.get(m.draftId!) ?? []),
    links,
    warnings,
    reading: {
      sourceId: output.sourceId,
      date: release.date,
      host: new URL(output.url).host,
      programme: release.programme,
      lang: release.lang,
      items: slots.map((i) => i.reading),
    },
  };
}

/** The release's mentions and unnamed items in text order, each with what it was linked to so far. */
function readingItems(
  output: PressOutput,
  matched: ReadonlyMap<PressMention, { project: ProjectDraft }>,
  unnamed: readonly UnnamedItem[],
  beneficiaryOf: ReadonlyMap<PressMention, Beneficiary | null>,
): { item: UnnamedItem | PressMention; place: number; reading: ReadingItem }[] {
  const named = output.mentions
    .map((m, place) => ({ m, place }))
    .filter(({ m }) => matched.has(m) || m.draftId !== null)
    .map(({ m, place }) => ({
      item: m as UnnamedItem | PressMention,
      place,
      reading: {
        organisations: [beneficiaryOf.get(m)?.id].filter((id): id is string => id !== undefined),
        projectId: matched.get(m)?.project.id ?? null,
        amountEur: m.amountEur,
        approximate: m.approximate,
      },
    }));
  const others = unnamed.map((u) => ({
    item: u as UnnamedItem | PressMention,
    place: u.place,
    reading: {
      organisations: u.beneficiaries.map((b) => b.id),
      projectId: null,
      amountEur: u.amountEur,
      approximate: false,
    },
  }));
  return [...named, ...others].sort((a, b) => a.place - b.place);
}
