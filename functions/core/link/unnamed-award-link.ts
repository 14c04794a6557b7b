import type { Beneficiary, ProjectDraft } from '../model/project';
import type { PressMention, PressOutput } from '../model/source-output';
import { findBeneficiaries } from '../normalise/beneficiary';
import { boundedList } from '../normalise/bounded-list';
import { roundScore } from '../normalise/similarity';
import { amountsAgree } from './amounts-agree';
import { type LinkExplanation, showEuros } from './common';
import { subjectDecision } from './subject-match';
import { unnamedAwardCandidates } from './unnamed-award-candidates';

/** An award of a release without a delimited name: an unnamed award, or a mention no project matched. */
export interface UnnamedItem {
  readonly text: string;
  readonly context: string;
  readonly beneficiaries: readonly Beneficiary[];
  /** Its place among the release's awards (see ReleaseReading). */
  readonly place: number;
  readonly amountEur: number | null;
}

/** One award of a release in text order, with the organisations it names and the project it was linked to. */
export interface ReadingItem {
  readonly organisations: readonly string[];
  readonly projectId: string | null;
  readonly amountEur: number | null;
  readonly approximate: boolean;
}

/** What one release linked, in text order: its language versions read each other's (see twinProject). */
export interface ReleaseReading {
  readonly sourceId: string;
  readonly date: string;
  readonly host: string;
  readonly programme: string | null;
  readonly lang: string;
  readonly items: readonly ReadingItem[];
}

/** Whether `other` is another language version of the release `output` (same host, date and programme). */
export function isTwin(output: PressOutput, other: ReleaseReading): boolean {
  return (
    other.sourceId !== output.sourceId &&
    other.lang !== output.release.lang &&
    other.date === output.release.date &&
    other.programme === output.release.programme &&
    other.host === new URL(output.url).host
  );
}

/**
 * The project another language version links at the same place among one organisation's awards
 * ("Migrationsverket fick driftsstöd också för … återvändande" is the Finnish version's second award
 * to Migri, which the Finnish text links by subject), when the two agree wherever both can be checked
 * before it: the same project where both linked one, agreeing amounts where both state one.
 */
export function twinProject(
  own: readonly ReadingItem[],
  at: number,
  organisation: string,
  twin: ReleaseReading,
): string | null {
  const mine = own.filter((i) => i.organisations.includes(organisation));
  const theirs = twin.items.filter((i) => i.organisations.includes(organisation));
  const index = mine.indexOf(own[at]!);
  if (index < 0 || index >= theirs.length) return null;
  for (let j = 0; j < index; j++) {
    const a = mine[j]!;
    const b = theirs[j]!;
    if (a.projectId && b.projectId && a.projectId !== b.projectId) return null;
    if (
      a.amountEur !== null &&
      b.amountEur !== null &&
      !amountsAgree(a.amountEur, { ...b, precisionEur: null })
    )
      return null;
  }
  return theirs[index]!.projectId;
}

export interface UnnamedResolution {
  readonly project: ProjectDraft;
  readonly link: LinkExplanation;
}

/**
 * Resolves one organisation of an unnamed award among the fitting candidates: the only one; else the
 * one clear subject winner (subjectDecision); else the project the release's other language version
 * links at the same place. Returns null with the warning to give when none is clear.
 */
export function resolveUnnamed(
  output: PressOutput,
  item: UnnamedItem,
  organisation: Beneficiary,
  fitting: readonly ProjectDraft[],
  twinOf: (organisation: string) => string | null,
): UnnamedResolution | { warning: string } {
  const amount = item.amountEur === null ? 'no amount' : showEuros(item.amountEur);
  const itemText = `${organisation.name}, no project named, ${amount}`;
  const link = (project: ProjectDraft, matchedBy: string, note: string): UnnamedResolution => ({
    project,
    link: { sourceId: output.sourceId, item: itemText, projectId: project.id, matchedBy, note },
  });
  if (fitting.length === 1) {
    return link(
      fitting[0]!,
      'beneficiary',
      'the release names neither project nor amount; the only listed project of the organisation whose period fits the release',
    );
  }
  if (fitting.length > 1) {
    const names = [...item.beneficiaries.map((b) => b.name), organisation.name];
    const decision = subjectDecision(`${item.text} ${item.context}`, output.release.lang, fitting, names);
    if (decision.winner) {
      const runnerUp = decision.scores[1]!;
      return link(
        decision.winner,
        `subject ${roundScore(decision.scores[0]!.score)}`,
        `what the sentence is about fits it best among ${fitting.length} fitting projects of the organisation, ` +
          `by ${roundScore(decision.margin)} over "${runnerUp.project.name}"`,
      );
    }
    const twin = twinOf(organisation.id);
    const project = twin ? fitting.find((p) => p.id === twin) : undefined;
    if (project) {
      return link(
        project,
        'twin',
        "the release's other language version links its award at the same place to this project",
      );
    }
  }
  const programme = output.release.programme ?? 'the programme';
  const why =
    fitting.length === 0
      ? `no listed project of ${organisation.name} in ${programme} fits its date, so it was not published as a record`
      : `${fitting.length} listed projects of ${organisation.name} in ${programme} fit its date ` +
        `(${boundedList(
          fitting.map((p) => p.name),
          '; ',
        )}), so it was not linked`;
  const stated =
    item.amountEur === null
      ? 'without naming the project or an amount'
      : `of ${showEuros(item.amountEur)} without a project name the text delimits`;
  return {
    warning: `${output.sourceId}: note: "${item.text}" states an award to ${organisation.name} ${stated}; ${why}`,
  };
}

/** The organisations of an item: its own, and those the list's spellings find in its text ("LAB-ammattikorkeakoulu Oy"). */
export function itemOrganisations(item: UnnamedItem, knownNames: readonly Beneficiary[]): Beneficiary[] {
  return [
    ...item.beneficiaries,
    ...findBeneficiaries(item.text, knownNames).map((o) => ({ id: o.id, name: o.name })),
  ].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);
}

/** What linkUnnamedItems reads and adds to: the release, its candidates and the links and warnings so far. */
export interface UnnamedLinkContext {
  readonly output: PressOutput;
  /** The listed projects of the release's programme. */
  readonly candidates: readonly ProjectDraft[];
  /** The lists' own spellings of their organisations. */
  readonly knownNames: readonly Beneficiary[];
  /** The other language versions' readings. */
  readonly twins: readonly ReleaseReading[];
  /** Projects this release announces already (an unnamed award adds no second announcement). */
  readonly announcedHere: Set<string>;
  readonly links: LinkExplanation[];
  readonly warnings: string[];
}

/**
 * Resolves the release's awards without a delimited name, in text order (see resolveUnnamed), per
 * organisation; `slots` is the release's reading in text order, updated as projects are linked, so a
 * later award aligns with what an earlier one linked. `announce` attaches an announcement without amount.
 */
export function linkUnnamedItems(
  ctx: UnnamedLinkContext,
  items: readonly UnnamedItem[],
  slots: { item: UnnamedItem | PressMention; reading: ReadingItem }[],
  announce: (project: ProjectDraft) => void,
): void {
  const { output } = ctx;
  for (const item of items) {
    const organisations = itemOrganisations(item, ctx.knownNames);
    if (organisations.length === 0) {
      const what = item.amountEur === null ? 'an award' : showEuros(item.amountEur);
      ctx.warnings.push(
        `${output.sourceId}: note: "${item.text}" states ${what} without a project name the text delimits or an organisation; it was not published as a record`,
      );
      continue;
    }
    const at = slots.findIndex((s) => s.item === item);
    for (const organisation of organisations) {
      const fitting = unnamedAwardCandidates(organisation, ctx.candidates, output.release.date);
      const readings = slots.map((s) => s.reading);
      const twinOf = (id: string) =>
        ctx.twins.map((t) => twinProject(readings, at, id, t)).find((p) => p !== null) ?? null;
      const resolved = resolveUnnamed(output, item, organisation, fitting, twinOf);
      if ('warning' in resolved) {
        ctx.warnings.push(resolved.warning);
        continue;
      }
      const { project, link } = resolved;
      if (ctx.announcedHere.has(project.id)) {
        const why =
          link.matchedBy === 'beneficiary' ? 'the only fitting project of the organisation' : link.note;
        ctx.links.push({
          ...link,
          note: `${why}; the release announces it already, so no second announcement`,
        });
        continue;
      }
      ctx.announcedHere.add(project.id);
      announce(project);
      ctx.links.push(link);
      const slot = slots[at];
      if (slot) slots[at] = { ...slot, reading: { ...slot.reading, projectId: project.id } };
    }
  }
}
