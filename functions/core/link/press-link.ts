import type { Beneficiary, ProjectDraft, QualityFlag } from '../model/project';
import type { PressMention, PressOutput } from '../model/source-output';
import { amountAgrees } from '../normalise/amount-reader';
import { findBeneficiaries } from '../normalise/beneficiary';
import { foldKey } from '../normalise/text';
import { compare, type LinkExplanation, samePeriod, showDate, showEuros, uniquePairs } from './common';
import { coreName, draftKeys } from './draft-keys';
import { unnamedAwardCandidates } from './unnamed-award-candidates';

export interface PressLinkResult {
  /** Ministry drafts, with the announcements that matched them attached. */
  readonly ministry: ProjectDraft[];
  /** The "announced" drafts of mentions no listed project matched. */
  readonly unmatched: ProjectDraft[];
  readonly links: LinkExplanation[];
  readonly warnings: string[];
}

/**
 * A listed amount agrees with a mention's when they differ by less than a euro (releases give whole
 * euros, rounded or truncated), or, when the release rounds ("n. 2,2 miljoonaa euroa"), by at most
 * half its precision. A mention without an amount agrees with nothing.
 */
export function amountsAgree(
  listed: number | null,
  announced: {
    readonly amountEur: number | null;
    readonly approximate?: boolean;
    readonly precisionEur?: number | null;
  },
): boolean {
  if (announced.amountEur === null) return false;
  return amountAgrees(listed, {
    eur: announced.amountEur,
    approximate: announced.approximate ?? false,
    precisionEur: announced.precisionEur ?? 1,
  });
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
export function linkPress(output: PressOutput, ministry: readonly ProjectDraft[]): PressLinkResult {
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
  for (const mention of output.mentions) {
    const match = matched.get(mention);
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
        projectId: mention.draftId,
        matchedBy: null,
        note,
      });
      continue;
    }
    const { project, label } = match;
    const agree = mention.amountEur === null || amountsAgree(project.euFundingEur, mention);
    const quality: QualityFlag[] = [...project.quality];
    if (!agree && project.euFundingEur !== null && mention.amountEur !== null) {
      quality.push({
        code: 'amount-mismatch',
        field: 'euFundingEur',
        message: `the press release of ${showDate(release.date)} gives ${mention.approximate ? 'about ' : ''}${showEuros(mention.amountEur)}, the ministry list ${showEuros(project.euFundingEur)}; the ministry's amount is kept`,
        raw: mention.text,
        source: output.sourceId,
      });
    }
    const announcement = {
      date: release.date,
      url: output.url,
      lang: release.lang,
      amountEur: mention.amountEur,
      ...(mention.approximate ? { approximate: true as const } : {}),
    };
    attached.set(project.id, {
      ...project,
      sources: [...project.sources, { id: output.sourceId, url: output.url }],
      announcements: [...project.announcements, announcement].sort(
        (a, b) => compare(a.date, b.date) || compare(a.lang, b.lang) || compare(a.url, b.url),
      ),
      quality,
    });
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

  // Awards stated without project or amount: linked only where the organisation has one fitting project.
  const announcedHere = new Set([...matched.values()].map((m) => m.project.id));
  for (const award of output.unnamedAwards) {
    // The list's own spellings find organisations the built-in names do not know ("LAB-ammattikorkeakoulu Oy").
    const organisations = [
      ...award.beneficiaries,
      ...findBeneficiaries(award.text, knownNames).map((o) => ({ id: o.id, name: o.name })),
    ].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);
    for (const organisation of organisations) {
      const fitting = unnamedAwardCandidates(organisation, candidates, release.date);
      const item = `${organisation.name}, no project named, no amount`;
      const project = fitting.length === 1 ? fitting[0]! : null;
      if (project && announcedHere.has(project.id)) {
        links.push({
          sourceId: output.sourceId,
          item,
          projectId: project.id,
          matchedBy: 'beneficiary',
          note: 'the only fitting project of the organisation; the release announces it already, so no second announcement',
        });
      } else if (project) {
        announcedHere.add(project.id);
        const base = attached.get(project.id) ?? project;
        attached.set(project.id, {
          ...base,
          sources: [...base.sources, { id: output.sourceId, url: output.url }],
          announcements: [
            ...base.announcements,
            { date: release.date, url: output.url, lang: release.lang, amountEur: null },
          ].sort((a, b) => compare(a.date, b.date) || compare(a.lang, b.lang) || compare(a.url, b.url)),
        });
        links.push({
          sourceId: output.sourceId,
          item,
          projectId: project.id,
          matchedBy: 'beneficiary',
          note: 'the release names neither project nor amount; the only listed project of the organisation whose period fits the release',
        });
      } else {
        const programme = release.programme ?? 'the programme';
        const why =
          fitting.length === 0
            ? `no listed project of ${organisation.name} in ${programme} fits its date, so it was not published as a record`
            : `${fitting.length} listed projects of ${organisation.name} in ${programme} fit its date (${fitting.map((p) => p.name).join('; ')}), so it was not linked`;
        warnings.push(
          `${output.sourceId}: note: "${award.text}" states an award to ${organisation.name} without naming the project or an amount; ${why}`,
        );
      }
    }
  }

  const draftsById = new Map(output.drafts.map((d) => [d.id, d]));
  return {
    ministry: ministry.map((p) => attached.get(p.id) ?? p),
    unmatched: output.mentions.filter((m) => !matched.has(m)).flatMap((m) => draftsById.get(m.draftId) ?? []),
    links,
    warnings,
  };
}
