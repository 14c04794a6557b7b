import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AwardNotice, Notifier } from '../core/ports';

/** SNS caps a message at 256 KB; past that the awards' JSON is left to the feed it links. */
const MAX_MESSAGE_BYTES = 250_000;
/** E-mail subjects must be ASCII-printable-ish and at most 100 characters. */
const MAX_SUBJECT = 100;

/**
 * Publishes one message per run with new awards: a readable Finnish/English subject and body for
 * e-mail subscribers, and the awards as JSON for programs (a message attribute carries the count).
 */
export function createSnsNotifier(client: SNSClient, topicArn: string): Notifier {
  return {
    async notify(notice: AwardNotice): Promise<void> {
      const json = JSON.stringify({ runId: notice.runId, awards: notice.awards });
      const withJson = `${notice.text}\n\n---\n${json}`;
      const message = Buffer.byteLength(withJson) <= MAX_MESSAGE_BYTES ? withJson : notice.text;
      await client.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: notice.subject.slice(0, MAX_SUBJECT),
          Message: message,
          MessageAttributes: {
            awardCount: { DataType: 'Number', StringValue: String(notice.awards.length) },
            runId: { DataType: 'String', StringValue: notice.runId },
          },
        }),
      );
    },
  };
}
