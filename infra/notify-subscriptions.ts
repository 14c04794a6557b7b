import { UsageError } from '../functions/core/errors';
import {
  OBJECTIVE_CODES,
  SUBSCRIPTION_TOPICS,
  type SubscriptionTopic,
} from '../functions/core/model/subscription-topics';

/**
 * An e-mail subscription to the awards topic, with the filter its policy applies to each message's
 * attributes: every key must match (AND), any of a key's values does (OR). No filter: every notice.
 */
export interface NotifySubscription {
  readonly email: string;
  readonly filter: Readonly<Partial<Record<SubscriptionTopic, readonly string[]>>>;
}

/** SNS: "the total combination of values in a filter policy must not exceed 150". */
export const MAX_FILTER_COMBINATIONS = 150;
/** SNS: at most 200 filter policies per topic (a default quota). */
export const MAX_FILTER_POLICIES = 200;

// Deliberately simple, as app-config's: catches typos and stray separators.
const EMAIL = /^[^\s@,;:]+@[^\s@,;:]+\.[^\s@,;:]+$/;
/** A programme slug or beneficiary id as the feed publishes them (lower case, digits, hyphens). */
const KEY_VALUE = /^[\p{Ll}\p{N}]+(?:-[\p{Ll}\p{N}]+)*$/u;

/** A `-c notify=…` subscription is malformed: fix it (a usage error). */
export class NotifyContextError extends UsageError {
  override readonly name = 'NotifyContextError';
}

/**
 * `-c notify='me@example.fi:objective=2,org@example.fi:beneficiary=turun-kaupunki&programme=amif-2021-2027'`:
 * comma-separated subscriptions, each `address[:key=value|value…&key=…]`. The keys are the
 * notices' message attributes (`programme`, `objective`, `beneficiary`), the values the keys of
 * the per-subscriber feeds (`v1/feeds/<key>/<value>.atom`), so a subscriber can try a filter as a
 * feed first. A bad item stops the synth with a message naming it.
 */
export function parseNotifySubscription(item: string): NotifySubscription {
  const colon = item.indexOf(':');
  const email = colon < 0 ? item : item.slice(0, colon);
  if (!EMAIL.test(email))
    throw new NotifyContextError(`context notify: "${item}": "${email}" is not an e-mail address`);
  const filter: Partial<Record<SubscriptionTopic, string[]>> = {};
  for (const condition of colon < 0 ? [] : item.slice(colon + 1).split('&')) {
    const [key, values, ...rest] = condition.split('=');
    if (!SUBSCRIPTION_TOPICS.includes(key as SubscriptionTopic) || values === undefined || rest.length > 0) {
      throw new NotifyContextError(
        `context notify: "${item}": "${condition}" is not a filter; ` +
          `expected ${SUBSCRIPTION_TOPICS.map((t) => `${t}=…`).join(', ')} (values separated by |, conditions by &)`,
      );
    }
    const topic = key as SubscriptionTopic;
    if (filter[topic]) throw new NotifyContextError(`context notify: "${item}": ${topic} is given twice`);
    filter[topic] = [...new Set(values.split('|'))].sort();
    for (const v of filter[topic]) {
      const ok =
        topic === 'objective' ? (OBJECTIVE_CODES as readonly string[]).includes(v) : KEY_VALUE.test(v);
      if (!ok) {
        const expected =
          topic === 'objective'
            ? 'a 2021–2027 specific objective (1, 2 or 3)'
            : `a ${topic} key as the feeds use it (v1/feeds/${topic}/<key>.atom)`;
        throw new NotifyContextError(`context notify: "${item}": ${topic} "${v}" is not ${expected}`);
      }
    }
  }
  const combinations = Object.values(filter).reduce((n, v) => n * v.length, 1);
  if (combinations > MAX_FILTER_COMBINATIONS) {
    throw new NotifyContextError(
      `context notify: "${item}": ${combinations} combinations of values; SNS accepts at most ${MAX_FILTER_COMBINATIONS} in one filter policy`,
    );
  }
  return { email, filter };
}

/** Every subscription of `-c notify`, checked together: one per address, at most 200 filtered. */
export function notifySubscriptions(
  items: readonly string[],
  unfiltered: readonly string[],
): NotifySubscription[] {
  const subs = items.map(parseNotifySubscription);
  const seen = new Set<string>();
  for (const email of [...unfiltered, ...subs.map((s) => s.email)]) {
    const key = email.toLowerCase();
    // SNS keeps one subscription per address and topic: a second would silently replace the first.
    if (seen.has(key)) {
      throw new NotifyContextError(
        `context notify: ${email} is subscribed twice (notify and notifyEmails together name each address once; give one filter with several values instead)`,
      );
    }
    seen.add(key);
  }
  const filtered = subs.filter((s) => Object.keys(s.filter).length > 0).length;
  if (filtered > MAX_FILTER_POLICIES) {
    throw new NotifyContextError(
      `context notify: ${filtered} filtered subscriptions; SNS allows ${MAX_FILTER_POLICIES} filter policies per topic`,
    );
  }
  return subs;
}
