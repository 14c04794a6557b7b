import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awardNoticeAttributes } from '../core/award-notice';
import type { AwardNotice, Notifier } from '../core/ports';

/**
 * The local notifier: `<dir>/<run>.json` plus a line on stderr, in place of SNS. The file carries
 * the message attributes SNS would (`programme`, `objective`, `beneficiary`), so a local run shows
 * which filtered subscriptions would receive the notice.
 */
export function createOutboxNotifier(
  dir: string,
  say: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Notifier {
  return {
    async notify(notice: AwardNotice): Promise<void> {
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${notice.runId}.json`);
      const temp = `${path}.tmp`;
      await writeFile(
        temp,
        `${JSON.stringify(
          {
            subject: notice.subject,
            attributes: awardNoticeAttributes(notice),
            text: notice.text,
            awards: notice.awards,
          },
          null,
          2,
        )}\n`,
      );
      await rename(temp, path);
      say(`notice: ${notice.subject} (written to ${path})`);
    },
  };
}
