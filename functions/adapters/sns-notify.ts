import { type MessageAttributeValue, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { awardNoticeAttributes } from '../core/award-notice';
import { RetryNextRunError, StopAndAlertError } from '../core/errors';
import type { AwardNotice, Notifier } from '../core/ports';
import { isTransient } from './transient-error';

/**
 * SNS caps a message, its attributes included, at 256 KiB (262 144 bytes); past that the awards'
 * JSON is left to the feed it links. The attributes' names, types and values are counted first.
 */
const MAX_MESSAGE_BYTES = 250_000;
/** SNS wants a subject of ASCII text without line breaks, "less than 100 characters long". */
const MAX_SUBJECT = 99;

/**
 * Publishes one message per run with new awards: a readable Finnish/English subject and body for
 * e-mail subscribers, and the awards as JSON for programs. Message attributes carry the count, the
 * run and, as String.Array, every `programme`, `objective` and `beneficiary` the awards concern,
 * so a subscription's filter policy receives only runs with an award it follows.
 */
export function createSnsNotifier(client: SNSClient, topicArn: string): Notifier {
  return {
    async notify(notice: AwardNotice): Promise<void> {
      const attributes: Record<string, MessageAttributeValue> = {
        awardCount: { DataType: 'Number', StringValue: String(notice.awards.length) },
        runId: { DataType: 'String', StringValue: notice.runId },
      };
      for (const [name, values] of Object.entries(awardNoticeAttributes(notice))) {
        attributes[name] = { DataType: 'String.Array', StringValue: JSON.stringify(values) };
      }
      const budget = MAX_MESSAGE_BYTES - attributeBytes(attributes);
      const json = JSON.stringify({ runId: notice.runId, awards: notice.awards });
      const withJson = `${notice.text}\n\n---\n${json}`;
      const message = Buffer.byteLength(withJson) <= budget ? withJson : fitText(notice.text, budget);
      try {
        await client.send(
          new PublishCommand({
            TopicArn: topicArn,
            Subject: notice.subject.slice(0, MAX_SUBJECT),
            Message: message,
            MessageAttributes: attributes,
          }),
        );
      } catch (err) {
        throw notifyError(`SNS: publishing the award notice of ${notice.runId} to ${topicArn} failed`, err);
      }
    },
  };
}

/** SNS did not take the notice this time (throttled, a 5xx, the network): it stays pending for the next run. */
export class NotifyUnavailableError extends RetryNextRunError {
  override readonly name = 'NotifyUnavailableError';
}

/** SNS refused the notice (no such topic, no permission, invalid): it stays pending, and an operator must look. */
export class NotifyRefusedError extends StopAndAlertError {
  override readonly name = 'NotifyRefusedError';
}

function notifyError(doing: string, err: unknown): NotifyUnavailableError | NotifyRefusedError {
  const message = `${doing}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  return isTransient(err)
    ? new NotifyUnavailableError(message, { cause: err })
    : new NotifyRefusedError(message, { cause: err });
}

const TRUNCATED =
  '[Viesti katkaistiin, koska se oli liian pitkä: koko luettelo on syötteessä. / Message truncated because it was too long: the full list is in the feed.]';

/**
 * A text that fits one message: one too long (a run with thousands of awards) is cut at a line
 * break, and the closing paragraph with the dataset and feed links is kept after a note.
 */
export function fitText(text: string, maxBytes = MAX_MESSAGE_BYTES): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const split = text.lastIndexOf('\n\n');
  const footer = split >= 0 ? text.slice(split) : '';
  let budget = maxBytes - Buffer.byteLength(`\n\n${TRUNCATED}${footer}`);
  const kept: string[] = [];
  for (const line of (split >= 0 ? text.slice(0, split) : text).split('\n')) {
    budget -= Buffer.byteLength(line) + 1;
    if (budget < 0) break;
    kept.push(line);
  }
  return `${kept.join('\n')}\n\n${TRUNCATED}${footer}`;
}

/** What SNS counts of the attributes towards the message size: each name, type and value. */
function attributeBytes(attributes: Readonly<Record<string, MessageAttributeValue>>): number {
  return Object.entries(attributes).reduce(
    (sum, [name, a]) =>
      sum +
      Buffer.byteLength(name) +
      Buffer.byteLength(a.DataType ?? '') +
      Buffer.byteLength(a.StringValue ?? ''),
    0,
  );
}
