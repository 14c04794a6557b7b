import * as z from 'zod';
import { announcementSchema, type ProjectRecord, specificObjectiveSchema } from './project';

/** Projects and EU funding of one group (a programme, an objective, a selection). */
export const fundingTotalSchema = z.object({
  projectCount: z.number().int().nonnegative(),
  /** Sum over the projects not removed from their source, in euros (summed as integer cents). */
  euFundingEur: z.number(),
  /** Projects (not removed) whose source states no amount: the sum leaves them out. */
  withoutAmount: z.number().int().nonnegative(),
});
export type FundingTotal = z.infer<typeof fundingTotalSchema>;

export const organisationSchema = z.object({
  /** The beneficiary id the records carry (`beneficiary.id`), canonical across spellings. */
  id: z.string().min(1),
  /** The spelling most of its projects use. */
  name: z.string().min(1),
  /** Every spelling the sources use, commonest first. */
  names: z.array(z.object({ name: z.string(), projectCount: z.number().int().positive() })),
  /** Its projects in publication order, removed ones included. */
  projectIds: z.array(z.string()),
  removedCount: z.number().int().nonnegative(),
  total: fundingTotalSchema,
  byProgramme: z.array(fundingTotalSchema.extend({ programme: z.string() })),
  byObjective: z.array(
    fundingTotalSchema.extend({
      programme: z.string(),
      specificObjective: specificObjectiveSchema.nullable(),
    }),
  ),
  /** The press releases that announced its projects, newest first. */
  announcements: z.array(announcementSchema.extend({ projectId: z.string() })),
});
export type Organisation = z.infer<typeof organisationSchema>;

interface Sum {
  projectCount: number;
  cents: number;
  withoutAmount: number;
}

function emptySum(): Sum {
  return { projectCount: 0, cents: 0, withoutAmount: 0 };
}

function add(sum: Sum, record: ProjectRecord): void {
  sum.projectCount += 1;
  if (record.status === 'removed') return;
  if (record.euFundingEur === null) sum.withoutAmount += 1;
  else sum.cents += Math.round(record.euFundingEur * 100);
}

function asTotal(sum: Sum): FundingTotal {
  return { projectCount: sum.projectCount, euFundingEur: sum.cents / 100, withoutAmount: sum.withoutAmount };
}

/** The totals of any list of projects: removed projects are counted but not summed. */
export function fundingTotal(records: readonly ProjectRecord[]): FundingTotal {
  const sum = emptySum();
  for (const r of records) add(sum, r);
  return asTotal(sum);
}

/** The spelling most projects use; the first seen wins a tie. */
export function commonestName(names: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [name, count] of names) {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One organisation from its projects (all sharing `beneficiary.id`), given in publication order.
 * Everything is derived from the records, so the same records give the same organisation.
 */
export function organisationOf(records: readonly ProjectRecord[]): Organisation {
  const first = records[0];
  if (!first) throw new Error('an organisation needs at least one project');
  const names = new Map<string, number>();
  const total = emptySum();
  const programmes = new Map<string, Sum>();
  const objectives = new Map<
    string,
    { programme: string; so: ProjectRecord['specificObjective']; sum: Sum }
  >();
  for (const r of records) {
    if (r.beneficiary.id !== first.beneficiary.id) {
      throw new Error(`project ${r.id} belongs to ${r.beneficiary.id}, not to ${first.beneficiary.id}`);
    }
    names.set(r.beneficiary.name, (names.get(r.beneficiary.name) ?? 0) + 1);
    add(total, r);
    const programme = programmes.get(r.programme) ?? emptySum();
    add(programme, r);
    programmes.set(r.programme, programme);
    const soKey = `${r.programme}\t${r.specificObjective?.code ?? '9'}`;
    const objective = objectives.get(soKey) ?? {
      programme: r.programme,
      so: r.specificObjective,
      sum: emptySum(),
    };
    add(objective.sum, r);
    objectives.set(soKey, objective);
  }
  return {
    id: first.beneficiary.id,
    name: commonestName(names),
    names: [...names.entries()]
      .map(([name, projectCount]) => ({ name, projectCount }))
      .sort((a, b) => b.projectCount - a.projectCount),
    projectIds: records.map((r) => r.id),
    removedCount: records.filter((r) => r.status === 'removed').length,
    total: asTotal(total),
    // Newest programme first, as the publication order has them.
    byProgramme: [...programmes.entries()]
      .sort(([a], [b]) => byText(b, a))
      .map(([programme, sum]) => ({ programme, ...asTotal(sum) })),
    byObjective: [...objectives.entries()]
      .sort(([a], [b]) => byText(b.split('\t')[0]!, a.split('\t')[0]!) || byText(a, b))
      .map(([, o]) => ({ programme: o.programme, specificObjective: o.so, ...asTotal(o.sum) })),
    announcements: records
      .flatMap((r) => r.announcements.map((a) => ({ ...a, projectId: r.id })))
      .sort((a, b) => byText(b.date, a.date) || byText(a.projectId, b.projectId) || byText(a.url, b.url)),
  };
}

/** The projects of each beneficiary, in the records' order; beneficiaries by id. */
export function projectsByBeneficiary(records: readonly ProjectRecord[]): Map<string, ProjectRecord[]> {
  const groups = new Map<string, ProjectRecord[]>();
  for (const r of records) {
    const list = groups.get(r.beneficiary.id);
    if (list) list.push(r);
    else groups.set(r.beneficiary.id, [r]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => byText(a, b)));
}

/** Every organisation of the dataset, by id. */
export function organisationsOf(records: readonly ProjectRecord[]): Organisation[] {
  return [...projectsByBeneficiary(records).values()].map(organisationOf);
}
