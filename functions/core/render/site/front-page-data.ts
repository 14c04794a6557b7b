import { commonestName } from '../../model/organisation';
import type { ProjectRecord } from '../../model/project';
import type { Allocation } from './allocation';
import {
  activeRecords,
  type BeneficiaryTotal,
  type Bucket,
  centsOf,
  cumulativeByMonth,
  fundingByObjective,
  fundingByStartYear,
  type MonthTotal,
  type ObjectiveKey,
  objectiveKey,
  type PeriodRow,
  projectPeriods,
  topBeneficiaries,
  type YearActivity,
  yearActivity,
} from './charts';
import { type ObjectiveCode, objectiveCodes } from './objective-page';

/** Beneficiaries in Finnish alphabetical order; one collator, not one per comparison. */
const FINNISH = new Intl.Collator('fi');

/**
 * Everything the front page counts, sums and sorts, computed once per run for all three
 * languages: only the words and number formats differ between them (at 20 000 projects computing
 * it per language took about 2 s of a first run).
 */
export interface FrontPageData {
  readonly allocation: Allocation;
  readonly activeCount: number;
  readonly removedCount: number;
  readonly totalCents: number;
  /** Cents awarded to the allocation's programme (removed projects excluded). */
  readonly awardedCents: number;
  /** The latest change of the dataset: the newest lastChangedAt of any record. */
  readonly lastChangedAt: string | null;
  readonly byObjective: readonly Bucket<ObjectiveKey>[];
  readonly byStartYear: readonly Bucket[];
  readonly topBeneficiaries: readonly BeneficiaryTotal[];
  readonly periods: readonly PeriodRow[];
  readonly yearActivity: readonly YearActivity[];
  readonly months: readonly MonthTotal[];
  /** The filters' options: programmes, objectives, beneficiaries (id and commonest name), statuses and start years. */
  readonly programmes: readonly string[];
  readonly objectives: readonly ObjectiveKey[];
  readonly beneficiaries: readonly { readonly id: string; readonly name: string }[];
  readonly statuses: readonly ProjectRecord['status'][];
  readonly years: readonly string[];
  /** The 2021–2027 specific objectives that have a page (objective-page.ts). */
  readonly objectiveCodes: readonly ObjectiveCode[];
}

export function frontPageData(records: readonly ProjectRecord[], allocation: Allocation): FrontPageData {
  const active = activeRecords(records);
  const periods = projectPeriods(active);
  return {
    allocation,
    activeCount: active.length,
    removedCount: records.length - active.length,
    totalCents: active.reduce((s, r) => s + centsOf(r), 0),
    awardedCents: active
      .filter((r) => r.programme === allocation.programme)
      .reduce((s, r) => s + centsOf(r), 0),
    lastChangedAt: records.reduce<string | null>(
      (a, r) => (a === null || r.lastChangedAt > a ? r.lastChangedAt : a),
      null,
    ),
    byObjective: fundingByObjective(active),
    byStartYear: fundingByStartYear(active),
    topBeneficiaries: topBeneficiaries(active, 10),
    periods,
    yearActivity: yearActivity(periods),
    months: cumulativeByMonth(active),
    programmes: [...new Set(records.map((r) => r.programme))].sort(),
    objectives: [...new Set(records.map(objectiveKey))].sort(),
    beneficiaries: beneficiaryOptions(records),
    statuses: (['listed', 'announced', 'removed'] as const).filter((s) =>
      records.some((r) => r.status === s),
    ),
    years: [...new Set(records.map((r) => r.startDate?.slice(0, 4) ?? 'none'))].sort(),
    objectiveCodes: objectiveCodes(records),
  };
}

function beneficiaryOptions(records: readonly ProjectRecord[]): { id: string; name: string }[] {
  const names = new Map<string, Map<string, number>>();
  for (const r of records) {
    const counts = names.get(r.beneficiary.id) ?? new Map<string, number>();
    counts.set(r.beneficiary.name, (counts.get(r.beneficiary.name) ?? 0) + 1);
    names.set(r.beneficiary.id, counts);
  }
  return [...names.entries()]
    .map(([id, counts]) => ({ id, name: commonestName(counts) }))
    .sort((a, b) => FINNISH.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
}
