/** Where the per-subscriber feeds are published: one Atom and one JSON Feed per topic and key. */
export type SubscriberFeedTopic = 'objective' | 'beneficiary' | 'programme';
export type SubscriberFeedFormat = 'atom' | 'json';

export const SUBSCRIBER_FEED_ROOT = 'v1/feeds';

/** The key of one per-subscriber feed, e.g. `v1/feeds/beneficiary/<beneficiary-id>.atom`. */
export function subscriberFeedKey(topic: SubscriberFeedTopic, key: string, format: SubscriberFeedFormat): string {
  return `${SUBSCRIBER_FEED_ROOT}/${topic}/${key}.${format}`;
}

/** A programme label as a file name: "AMIF 2021-2027" → "amif-2021-2027". */
export function programmeSlug(programme: string): string {
  return programme
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
