import type { ProjectVersion } from '../model/history';
import type { ProjectRecord } from '../model/project';
import { OBJECTIVE_CODES, topicsOf } from '../model/subscription-topics';
import { type FeedHead, renderAtomFeed } from './atom-feed';
import { baselineOf, feedEntries, feedUpdated, isSignificant } from './feed-entries';
import { jsonFeedDocument } from './json-feed';
import { CACHE_LATEST, CONTENT_TYPES, jsonBody, type OutputFile } from './output-file';
import type { RenderContext, Renderer } from './render-context';
import { type SubscriberFeedTopic, subscriberFeedKey } from './subscriber-feed-keys';

/** One per-subscriber feed: which topic and key, its head, and what it is drawn from. */
export interface SubscriberFeed {
  readonly topic: SubscriberFeedTopic;
  readonly key: string;
  readonly head: FeedHead;
  /** The significant versions of the recent-change window that concern it. */
  readonly versions: readonly ProjectVersion[];
  /** The current records it concerns: its `updated` when it has no entry. */
  readonly records: readonly ProjectRecord[];
}

const SUFFIX = 'uudet hankkeet ja muutokset';

/** The name most records give a value (ties: the first in code-point order), so it never depends on order. */
function usualName(names: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return (
    [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0)).map(([name]) => name)[0] ??
    null
  );
}

function head(topic: SubscriberFeedTopic, key: string, records: readonly ProjectRecord[]): FeedHead {
  const keys = { tag: `feeds/${topic}/${key}`, atomKey: subscriberFeedKey(topic, key, 'atom') };
  const jsonKey = subscriberFeedKey(topic, key, 'json');
  const base = { ...keys, jsonKey };
  switch (topic) {
    case 'objective': {
      const name = usualName(records.flatMap((r) => (r.specificObjective ? [r.specificObjective.name] : [])));
      return {
        ...base,
        title: `AMIF 2021–2027, erityistavoite ${key}: ${SUFFIX}`,
        subtitle:
          `AMIF-rahaston ohjelmakauden 2021–2027 erityistavoitteen ${key}${name ? ` (${name})` : ''} uudet ` +
          'hankkeet sekä muutokset niiden rahoitukseen, aikatauluun ja tilaan. Samat merkinnät kuin koko ' +
          'aineiston syötteessä.',
      };
    }
    case 'beneficiary': {
      const name = usualName(records.map((r) => r.beneficiary.name)) ?? key;
      return {
        ...base,
        title: `${name}: AMIF-hankkeet, ${SUFFIX}`,
        subtitle:
          `Tuensaajan ${name} uudet AMIF-rahoitteiset hankkeet sekä muutokset niiden rahoitukseen, ` +
          'aikatauluun ja tilaan. Samat merkinnät kuin koko aineiston syötteessä.',
      };
    }
    case 'programme': {
      const name = usualName(records.map((r) => r.programme)) ?? key;
      return {
        ...base,
        title: `${name}: ${SUFFIX}`,
        subtitle:
          `Ohjelman ${name} uudet hankkeet sekä muutokset niiden rahoitukseen, aikatauluun ja tilaan. ` +
          'Samat merkinnät kuin koko aineiston syötteessä.',
      };
    }
  }
}

/** `topic/key` → items, each list in the order given. */
function groupBy<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

function topicKeys(record: Pick<ProjectRecord, 'programme' | 'specificObjective' | 'beneficiary'>): string[] {
  const t = topicsOf(record);
  return [
    `programme/${t.programme}`,
    `beneficiary/${t.beneficiary}`,
    ...(t.objective === null ? [] : [`objective/${t.objective}`]),
  ];
}

/**
 * Every per-subscriber feed, sorted by key: the three 2021–2027 objectives always, and each
 * programme and beneficiary that has a project. An entry belongs to the topics of the version it
 * reports (a project that later moves to another objective keeps its old entries where they were).
 */
export function subscriberFeeds(ctx: Pick<RenderContext, 'records' | 'recentChanges'>): SubscriberFeed[] {
  const versions = groupBy(ctx.recentChanges.filter(isSignificant), (v) => topicKeys(v.record));
  const records = groupBy(ctx.records, topicKeys);
  const ids = new Set([
    ...OBJECTIVE_CODES.map((code) => `objective/${code}`),
    ...[...records.keys()].filter((k) => !k.startsWith('objective/')),
  ]);
  return [...ids].sort().map((id) => {
    const slash = id.indexOf('/');
    const topic = id.slice(0, slash) as SubscriberFeedTopic;
    const key = id.slice(slash + 1);
    const own = records.get(id) ?? [];
    return { topic, key, head: head(topic, key, own), versions: versions.get(id) ?? [], records: own };
  });
}

/** The Atom and JSON files of one feed: the same entries, ids and rules as v1/feed.atom and feed.json. */
export function subscriberFeedFiles(
  feed: SubscriberFeed,
  ctx: Pick<RenderContext, 'config'>,
  baselineAt: string | null,
): OutputFile[] {
  const entries = feedEntries(feed.versions, ctx.config, { baselineAt });
  const updated = feedUpdated(entries, feed.records);
  return [
    {
      key: feed.head.atomKey,
      body: renderAtomFeed(entries, ctx.config, [{ lastChangedAt: updated }], feed.head),
      contentType: CONTENT_TYPES.atom,
      cacheControl: CACHE_LATEST,
      stage: 'latest',
    },
    {
      key: feed.head.jsonKey,
      body: jsonBody(jsonFeedDocument(entries, ctx.config, feed.head)),
      contentType: CONTENT_TYPES.feedJson,
      cacheControl: CACHE_LATEST,
      stage: 'latest',
    },
  ];
}

/** v1/feeds/<topic>/<key>.atom|json for every feed (see subscriberFeeds). */
export const renderSubscriberFeeds: Renderer = (ctx: RenderContext): OutputFile[] => {
  const baselineAt = baselineOf(ctx.records);
  return subscriberFeeds(ctx).flatMap((feed) => subscriberFeedFiles(feed, ctx, baselineAt));
};
