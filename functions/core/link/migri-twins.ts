import type { MigriText, ProjectDraft } from '../model/project';
import type { MigriTranslatedBlock, MigriTranslationOutput } from '../model/source-output';
import { boundedList } from '../normalise/bounded-list';
import { compare, type LinkExplanation } from './common';

/** Codes that read the same in every language: "ADERE", "UMA", "VIS" (two or more capitals or digits). */
const CODE = /(?<![\p{L}\d])\p{Lu}[\p{Lu}\d]+(?![\p{L}\d])/gu;

function codes(text: string): Set<string> {
  return new Set(text.match(CODE) ?? []);
}

/** One Swedish or English block and the Finnish block it is the twin of (null when none is clear). */
export interface TwinLink {
  readonly output: MigriTranslationOutput;
  readonly block: MigriTranslatedBlock;
  readonly twin: ProjectDraft | null;
  /** "dates", "dates+acronym ADERE", "dates+position 1"; null when not linked. */
  readonly matchedBy: string | null;
  readonly note: string | null;
}

const datesOf = (d: { startDate: string | null; endDate: string | null }) =>
  d.startDate && d.endDate ? `${d.startDate}/${d.endDate}` : null;

/** Current lists first (their text wins over a completed list's), then by language and source id. */
function readingOrder(a: MigriTranslationOutput, b: MigriTranslationOutput): number {
  return (
    compare(a.list === 'current' ? '0' : '1', b.list === 'current' ? '0' : '1') ||
    compare(a.lang, b.lang) ||
    compare(a.sourceId, b.sourceId)
  );
}

function blockLabel(block: MigriTranslatedBlock): string {
  return block.title ?? `${block.schedule ?? '?'}: ${(block.description ?? '').slice(0, 60)}`;
}

/**
 * Which Finnish block each block of a translated page is, by what reads the same in every language:
 * the dates of the schedule (unique among the Finnish blocks), else a shared code word ("ADERE"),
 * else, on a list of current projects, the same place in the list (the pages are translations of
 * one accordion and list their blocks in the same order). Each Finnish block takes at most one block
 * of a page. Anything else is left unlinked, naming the candidates.
 */
function linkPage(output: MigriTranslationOutput, fiBlocks: readonly ProjectDraft[]): TwinLink[] {
  const taken = new Set<ProjectDraft>();
  return output.blocks.map((block, index) => {
    const link = (twin: ProjectDraft | null, matchedBy: string | null, note: string | null): TwinLink => {
      if (twin) taken.add(twin);
      return { output, block, twin, matchedBy, note };
    };
    const dates = datesOf(block);
    if (!dates) return link(null, null, `the schedule "${block.schedule ?? ''}" gives no dates to compare`);
    const candidates = fiBlocks.filter((f) => !taken.has(f) && datesOf(f) === dates);
    if (candidates.length === 0)
      return link(null, null, `no block of the Finnish page runs ${block.schedule}`);
    if (candidates.length === 1) return link(candidates[0]!, 'dates', null);
    const own = codes(`${block.title ?? ''}\n${block.description ?? ''}\n${block.goals ?? ''}`);
    const shared = candidates.map((c) => {
      const theirs = codes(`${c.name}\n${c.migri?.description ?? ''}\n${c.migri?.goals ?? ''}`);
      return [...own].filter((w) => theirs.has(w)).sort();
    });
    const best = Math.max(...shared.map((s) => s.length));
    if (best > 0 && shared.filter((s) => s.length === best).length === 1) {
      const i = shared.findIndex((s) => s.length === best);
      return link(candidates[i]!, `dates+acronym ${shared[i]!.join(' ')}`, null);
    }
    const samePlace = fiBlocks[index];
    if (output.list === 'current' && samePlace && candidates.includes(samePlace)) {
      return link(samePlace, `dates+position ${index + 1}`, null);
    }
    return link(
      null,
      null,
      `${candidates.length} Finnish blocks run ${block.schedule}: ${boundedList(
        candidates.map((c) => `"${c.name}"`),
        ', ',
      )}`,
    );
  });
}

export interface TwinResult {
  /** The Finnish blocks, with the texts of their twins and the twins' pages among their sources. */
  readonly fiBlocks: ProjectDraft[];
  readonly links: TwinLink[];
}

/**
 * Gives each Finnish block of Migri's page the Swedish and English texts of its twins. A language
 * the block already has from an earlier page (a current list before the completed list) is kept.
 */
export function linkMigriTwins(
  fiBlocks: readonly ProjectDraft[],
  outputs: readonly MigriTranslationOutput[],
): TwinResult {
  const blocks = new Map(fiBlocks.map((b) => [b, b]));
  const links: TwinLink[] = [];
  for (const output of [...outputs].sort(readingOrder)) {
    for (const found of linkPage(output, fiBlocks)) {
      const current = found.twin ? blocks.get(found.twin)! : null;
      if (!current?.migri) {
        links.push(found);
        continue;
      }
      if (current.migri[output.lang]) {
        // The twin is found, but an earlier page already gave this language: its text is kept.
        const kept = current.sources.find(
          (x) => x.id !== current.sources[0]?.id && x.url === current.migri?.[output.lang]?.url,
        );
        links.push({ ...found, note: `the ${output.lang} text of ${kept?.id ?? 'an earlier page'} is kept` });
        continue;
      }
      const text: MigriText = {
        url: output.url,
        title: found.block.title,
        schedule: found.block.schedule,
        description: found.block.description,
        goals: found.block.goals,
        matchedBy: found.matchedBy!,
      };
      // Keys in the schema's order (sv, then en), whatever order the pages were read in: a record
      // read back from the state has that order, and the diff compares the bytes.
      const { sv, en, ...finnish } = { ...current.migri, [output.lang]: text };
      blocks.set(found.twin!, {
        ...current,
        sources: [...current.sources, { id: output.sourceId, url: output.url }],
        migri: { ...finnish, ...(sv ? { sv } : {}), ...(en ? { en } : {}) },
      });
      links.push(found);
    }
  }
  return { fiBlocks: fiBlocks.map((b) => blocks.get(b)!), links };
}

/**
 * How each translated block was linked, as the linker reports it: to the record its Finnish twin
 * ended in (`recordOf`, by the twin's name), or why it was not, with a warning for each of those.
 */
export function explainTwins(
  links: readonly TwinLink[],
  recordOf: (twinName: string) => string | undefined,
): { explanations: LinkExplanation[]; warnings: string[] } {
  const explanations = links.map((l) => ({
    sourceId: l.output.sourceId,
    item: blockLabel(l.block),
    projectId: l.twin ? (recordOf(l.twin.name) ?? l.twin.id) : '',
    matchedBy: l.matchedBy,
    note: l.note,
  }));
  const warnings = explanations
    .filter((e) => e.matchedBy === null)
    .map(
      (e) => `${e.sourceId}: the block "${e.item}" was not linked to a block of the Finnish page: ${e.note}`,
    );
  return { explanations, warnings };
}
