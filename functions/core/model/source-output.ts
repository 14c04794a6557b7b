import * as z from 'zod';
import { beneficiarySchema, isoDateSchema, projectDraftSchema, specificObjectiveSchema } from './project';

/**
 * What one source page yields after parsing and normalising. Kept in the state store as the
 * source's last good output, so a page that is refused, unreachable or unchanged (HTTP 304)
 * is linked from its last good reading and nothing it contributed changes.
 *
 * Every kind carries `drafts`: the records the page would publish on its own. The run report
 * counts them, and the pipeline compares them with the previous reading to spot a collapsed
 * page. How the drafts of the different kinds are merged is the linker's business (link.ts).
 */
const outputBase = {
  sourceId: z.string(),
  url: z.string().url(),
  /** The page's own "updated" date (e.g. "Lista on päivitetty 5.3.2024"), ISO; null if absent. */
  pageUpdated: z.string().nullable(),
  drafts: z.array(projectDraftSchema),
  warnings: z.array(z.string()),
};

/** A ministry list of funded projects (the 2021–2027 table, the 2014–2020 objective pages): authoritative. */
export const projectsOutputSchema = z.object({ kind: z.literal('projects'), ...outputBase });
export type ProjectsOutput = z.infer<typeof projectsOutputSchema>;

/**
 * Migri's own project descriptions. Each draft is one titled block as the record it becomes when no
 * ministry project matches it (listing "listed", `migri` filled in, `not-on-ministry-list` flag);
 * the linker attaches the block to the matching ministry record instead when there is one.
 */
export const migriOutputSchema = z.object({ kind: z.literal('migri'), ...outputBase });
export type MigriOutput = z.infer<typeof migriOutputSchema>;

/** One block of Migri's Swedish or English projects page: the texts a Finnish block's twin gives. */
export const migriTranslatedBlockSchema = z.object({
  /** The block's title, or null when the page gives it none (the stored copies have none). */
  title: z.string().nullable(),
  /** The schedule as written ("1.5.2023–30.4.2025", "01/05/2023–30/04/2025"). */
  schedule: z.string().nullable(),
  startDate: isoDateSchema.nullable(),
  endDate: isoDateSchema.nullable(),
  description: z.string().nullable(),
  goals: z.string().nullable(),
});
export type MigriTranslatedBlock = z.infer<typeof migriTranslatedBlockSchema>;

/**
 * Migri's projects page in Swedish or English, or its English list of completed projects. It publishes
 * no record of its own (`drafts` is empty): each block is the twin of a block of the Finnish page and
 * only adds its texts to the record that block is linked to (link/migri-twins.ts).
 */
export const migriTranslationOutputSchema = z.object({
  kind: z.literal('migri-translation'),
  ...outputBase,
  lang: z.enum(['sv', 'en']),
  /** "current" for the projects page, "completed" for the list of completed projects. */
  list: z.enum(['current', 'completed']),
  blocks: z.array(migriTranslatedBlockSchema),
});
export type MigriTranslationOutput = z.infer<typeof migriTranslationOutputSchema>;

/** One project (or operating-support) mention of a press release, with its amount when the text states one. */
export const pressMentionSchema = z.object({
  /**
   * The id of the "announced" draft the mention becomes when no listed project matches it; null when
   * the text delimits no name: such a mention is linked or reported, never published as a record.
   */
  draftId: z.string().nullable(),
  /** The sentence(s) of the release that name the project and its amount, verbatim. */
  text: z.string(),
  /** The project's name as the release delimits it ("Puheesta tekstiksi- hankkeessa" → "Puheesta tekstiksi"). */
  name: z.string().nullable().default(null),
  /** Names the mention gives the project: its delimited name, acronyms and capitalised names, as written. */
  names: z.array(z.string()),
  /** The organisation the mention names, in its own sentence or in the sentence that introduces it. */
  beneficiary: beneficiarySchema.nullable(),
  /** Euros as the release states them; null when it names the project without an amount. */
  amountEur: z.number().nullable(),
  /** The release rounds ("n. 2,2 miljoonaa euroa"): the amount is good to `precisionEur`. */
  approximate: z.boolean().default(false),
  /** The unit the amount is written to (1 for whole euros, 100 000 for "2,2 miljoonaa"); null without an amount. */
  precisionEur: z.number().nullable().default(null),
  /** True for operating support ("operativt stöd", "toimintatuki"), false for a project. */
  operatingSupport: z.boolean(),
  /**
   * The copy ends inside this mention, before its amount ("Työväen Sivistysliiton Arvosta osaamista –
   * Maahan muuttaneiden naisten työll"): the linker reads its organisation and the name after it.
   */
  truncated: z.boolean().default(false),
});
export type PressMention = z.infer<typeof pressMentionSchema>;

/**
 * A sentence that states an award to organisations without naming the project or an amount ("Migri
 * sai operatiivista tukea myös paluuneuvonnan ylläpitämiseen."). It makes no record of its own: the
 * linker attaches it to an organisation's only fitting listed project, or reports the candidates.
 */
export const unnamedAwardSchema = z.object({
  /** The sentence(s), verbatim. */
  text: z.string(),
  /** Every organisation the sentence names, in order. */
  beneficiaries: z.array(beneficiarySchema).min(1),
  /** The sentences after it in its paragraph that say more of what it is for (the subject linker reads them). */
  context: z.string().default(''),
  /** How many mentions the release states before it: its place among the release's awards. */
  mentionsBefore: z.number().int().min(0).default(0),
});
export type UnnamedAward = z.infer<typeof unnamedAwardSchema>;

/**
 * A figure of a release that is not one project's: what a call offered, what applicants applied for,
 * a programme's or the fund's figure, a sum over several projects, the announced total repeated, or
 * a figure that names neither a project nor an organisation. Kept in the reading and reported; it
 * makes no record, no announcement and no notice.
 */
export const releaseTotalSchema = z.object({
  kind: z.enum(['applications', 'call', 'programme', 'sum', 'announced', 'unattributed']),
  eur: z.number(),
  approximate: z.boolean(),
  /** The figure as written ("noin 5 miljoonaa euroa"); in news of a call, a figure read as a mention gives its euros ("157 129,23"). */
  raw: z.string(),
  /** The sentence it is written in. */
  text: z.string(),
});
export type ReleaseTotal = z.infer<typeof releaseTotalSchema>;

/** A ministry press release announcing awards. Its drafts are the mentions as "announced" records. */
export const pressOutputSchema = z.object({
  kind: z.literal('press-release'),
  ...outputBase,
  release: z.object({
    title: z.string(),
    date: isoDateSchema,
    lang: z.enum(['fi', 'sv', 'en']),
    /** The programme the release is about, e.g. "AMIF 2021-2027"; null when it does not say. */
    programme: z.string().nullable(),
    /** The total the release announces ("10,4 miljoner euro" → 10 400 000), in euros. */
    announcedTotalEur: z.number().nullable(),
    announcedTotalRaw: z.string().nullable(),
    /** "awards", or "applications" for news of a call or of the applications received (no awards in it). */
    subject: z.enum(['awards', 'applications']).default('awards'),
    /** The figures of the release that are totals, not awards (see releaseTotalSchema), in order. */
    totals: z.array(releaseTotalSchema).default([]),
  }),
  mentions: z.array(pressMentionSchema),
  /** Defaults to none: outputs stored before these were kept still parse. */
  unnamedAwards: z.array(unnamedAwardSchema).default([]),
});
export type PressOutput = z.infer<typeof pressOutputSchema>;

/** What the fund description page says about the fund: reference data, no projects. */
export const fundReferenceSchema = z.object({
  programme: z.string(),
  fund: z.string(),
  /** The specific objectives as the fund page names them, in code order. */
  specificObjectives: z.array(specificObjectiveSchema),
  /** Finland's allocation for the programme period in euros, e.g. 67 900 000; null if absent. */
  allocationEur: z.number().nullable(),
  /** The allocation as written ("67,9 miljoonaa euroa"). */
  allocationRaw: z.string().nullable(),
});
export type FundReference = z.infer<typeof fundReferenceSchema>;

/** The fund page's reference data as the linker passes it on: with the page it came from. */
export interface LinkedReference extends FundReference {
  readonly source: { readonly id: string; readonly url: string };
}

export const referenceOutputSchema = z.object({
  kind: z.literal('reference'),
  ...outputBase,
  reference: fundReferenceSchema,
});
export type ReferenceOutput = z.infer<typeof referenceOutputSchema>;

export const sourceOutputSchema = z.discriminatedUnion('kind', [
  projectsOutputSchema,
  migriOutputSchema,
  migriTranslationOutputSchema,
  pressOutputSchema,
  referenceOutputSchema,
]);
export type SourceOutput = z.infer<typeof sourceOutputSchema>;
