import { programmeSlug } from '../render/subscriber-feed-keys';
import type { ProjectRecord } from './project';

/**
 * What a subscriber can follow, and what a project (as of one version) belongs to: its
 * programme, its 2021–2027 specific objective and its beneficiary. The per-subscriber feeds
 * (v1/feeds/<topic>/<key>) and the SNS message attributes of award notices use the same keys,
 * so a filter policy `{"objective": ["2"]}` selects what `v1/feeds/objective/2.atom` lists.
 */
/** The names of the topics: message attributes, filter keys and feed folders alike. */
export const SUBSCRIPTION_TOPICS = ['programme', 'objective', 'beneficiary'] as const;
export type SubscriptionTopic = (typeof SUBSCRIPTION_TOPICS)[number];

export interface SubscriptionTopics {
  /** The programme as a slug: "AMIF 2021-2027" → "amif-2021-2027". */
  readonly programme: string;
  /** "1" | "2" | "3" for a project of the 2021–2027 programme with a known objective; else null. */
  readonly objective: string | null;
  /** The canonical beneficiary id. */
  readonly beneficiary: string;
}

/**
 * The programme whose specific objectives have feeds of their own. The 2014–2020 pages number
 * their objectives 1–3 too, but those are other objectives: a "2" there is not a "2" here.
 */
export const OBJECTIVE_PROGRAMME = 'AMIF 2021-2027';

/** The specific objectives of 2021–2027 that always have a feed, with or without projects. */
export const OBJECTIVE_CODES = ['1', '2', '3'] as const;

export function topicsOf(
  record: Pick<ProjectRecord, 'programme' | 'specificObjective' | 'beneficiary'>,
): SubscriptionTopics {
  return {
    programme: programmeSlug(record.programme),
    objective:
      record.programme === OBJECTIVE_PROGRAMME && record.specificObjective
        ? record.specificObjective.code
        : null,
    beneficiary: record.beneficiary.id,
  };
}

/** The distinct values of each topic over several records, sorted, for message attributes. */
export function topicValues(
  records: readonly Pick<ProjectRecord, 'programme' | 'specificObjective' | 'beneficiary'>[],
): Record<SubscriptionTopic, string[]> {
  const sorted = (values: readonly (string | null)[]) =>
    [...new Set(values.filter((v): v is string => v !== null))].sort();
  const topics = records.map(topicsOf);
  return {
    programme: sorted(topics.map((t) => t.programme)),
    objective: sorted(topics.map((t) => t.objective)),
    beneficiary: sorted(topics.map((t) => t.beneficiary)),
  };
}
