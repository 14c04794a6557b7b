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
  const release = output.release;
  const candidates = ministry.filter(
    (p) => p.listing === 'listed' && p.fund === 'AMIF' && samePeriod(p.programme, release.programme ?? ''),
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
  const sameOrg = (m: PressMention, p: ProjectDraft) => beneficiaryOf.get(m)?.id === p.beneficiary.id;
  const projectCounts = new Map<string, number>();
  for (const p of candidates)
    projectCounts.set(p.beneficiary.id, (projectCounts.get(p.beneficiary.id) ?? 0) + 1);
  const projectsOf = (id: string) => projectCounts.get(id) ?? 0;

  const matched = new Map<PressMention, { project: ProjectDraft; label: string }>();
  const taken = () => new Set([...matched.values()].map((m) => m.project));
  const tiers: {
    label: (m: PressMention, p: ProjectDraft) => string;
    test: (m: PressMention, p: ProjectDraft) => boolean;
  }[] = [
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
    { test: (m, p) => sameOrg(m, p) && projectsOf(p.beneficiary.id) === 1, label: () => 'beneficiary' },
    {
      // An amount to the euro is specific enough on its own when the release names no organisation.
      test: (m, p) => beneficiaryOf.get(m) === null && !m.approximate && amountsAgree(p.euFundingEur, m),
      label: () => 'amount',
    },
  ];
  const ambiguous = new Set<PressMention>();
  for (const tier of tiers) {
    const used = taken();
    const free = output.mentions.filter((m) => !matched.has(m));
    const { pairs, ambiguous: unclear } = uniquePairs(
      free,
      candidates.filter((p) => !used.has(p)),
      tier.test,
    );
    for (const [mention, project] of pairs)
      matched.set(mention, { project, label: tier.label(mention, project) });
    for (const m of unclear) ambiguous.add(m);
  }

  const links: LinkExplanation[] = [];
  const warnings: string[] = [];
  const attached = new Map<string, ProjectDraft>();
  const announce = (
    project: ProjectDraft,
    amountEur: number | null,
    approximate: boolean,
    quality?: QualityFlag[],
  ) => {
    const base = attached.get(project.id) ?? project;
    const announcement = {
      date: release.date,
      url: output.url,
      lang: release.lang,
      amountEur,
      ...(approximate ? { approximate: true as const } : {}),
    };
    attached.set(project.id, {
      ...base,
      sources: [...base.sources, { id: output.sourceId, url: output.url }],
      announcements: [...base.announcements, announcement].sort(
        (a, b) => compare(a.date, b.date) || compare(a.lang, b.lang) || compare(a.url, b.url),
      ),
      quality: quality ?? base.quality,
    });
  };
  const unnamedItems: UnnamedItem[] = [];
  for (const [place, mention] of output.mentions.entries()) {
    const match = matched.get(mention);
    if (!match && mention.draftId === null) {
      // No delimited name: never a record; resolved below as an unnamed award of its organisation.
      const organisation = beneficiaryOf.get(mention);
      unnamedItems.push({
        text: mention.text,
        context: '',
        beneficiaries: organisation ? [organisation] : [],
        place,
        amountEur: mention.amountEur,
      });
      continue;
    }
    if (!match) {
      const note = ambiguous.has(mention)
        ? 'several listed projects fit equally well; published as announced'
        : 'no listed project fits its names, organisation and amount; published as announced';
      if (ambiguous.has(mention)) {
        warnings.push(
          `${output.sourceId}: the mention "${describe(mention)}" fits several listed projects; it was not linked`,
        );
      }
      links.push({
        sourceId: output.sourceId,
        item: describe(mention),
        projectId: mention.draftId!,
        matchedBy: null,
        note,
      });
      continue;
    }
    const { project, label } = match;
    const agree = mention.amountEur === null || amountsAgree(project.euFundingEur, mention);
    const quality: QualityFlag[] = [...(attached.get(project.id) ?? project).quality];
    if (!agree && project.euFundingEur !== null && mention.amountEur !== null) {
      quality.push({
        code: 'amount-mismatch',
        field: 'euFundingEur',
        message: `the press release of ${showDate(release.date)} gives ${mention.approximate ? 'about ' : ''}${showEuros(mention.amountEur)}, the ministry list ${showEuros(project.euFundingEur)}; the ministry's amount is kept`,
        raw: mention.text,
        source: output.sourceId,
      });
    }
    announce(project, mention.amountEur, mention.approximate, quality);
    links.push({
      sourceId: output.sourceId,
      item: describe(mention),
      projectId: project.id,
      matchedBy: label,
      note:
        agree || project.euFundingEur === null || mention.amountEur === null
          ? null
          : `amounts differ: ${showEuros(mention.amountEur)} announced, ${showEuros(project.euFundingEur)} listed`,
    });
  }
  for (const award of output.unnamedAwards) {
    unnamedItems.push({ ...award, place: award.mentionsBefore - 0.5, amountEur: null });
  }

  // The release's awards in text order: what its other language versions align with (twinProject).
  const items = readingItems(output, matched, unnamedItems, beneficiaryOf);
  const announcedHere = new Set([...matched.values()].map((m) => m.project.id));
  const slots = items.map((i) => ({ item: i.item, reading: i.reading }));
  linkUnnamedItems(
    { output, candidates, knownNames, twins, announcedHere, links, warnings },
    [...unnamedItems].sort((a, b) => a.place - b.place),
    slots,
    (project) => announce(project, null, false),
  );

  const draftsById = new Map(output.drafts.map((d) => [d.id, d]));
  return {
    ministry: ministry.map((p) => attached.get(p.id) ?? p),
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
