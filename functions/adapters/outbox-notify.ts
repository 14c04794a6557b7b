import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awardNoticeAttributes } from '../core/award-notice';
import type { AwardNotice, Notifier } from '../core/ports';

/**
 * The local notifier: `<dir>/<run>.json` plus a line on stderr, in place of SNS. The file carries
 * the message attributes SNS would (`programme`, `objective`, `beneficiary`), so a local run shows
 * which filtered subscriptions would receive the notice. A notice never replaces another: when the
 * name holds a different notice (an outbox kept across a reset state), it becomes `<run>-2.json`,
 * `<run>-3.json`… The same notice sent again (a run killed before it marked it sent) finds its own
 * file and is not written twice.
 */
export function createOutboxNotifier(
  dir: string,
  say: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Notifier {
  return {
    async notify(notice: AwardNotice): Promise<void> {
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.${notice.runId}.${process.pid}.tmp`);
      const body = `${JSON.stringify(
        {
          subject: notice.subject,
          attributes: awardNoticeAttributes(notice),
          text: notice.text,
          awards: notice.awards,
        },
        null,
        2,
      )}\n`;
      await writeFile(temp, body);
      try {
        const path = await linkUnique(temp, body, dir, notice.runId);
        say(`notice: ${notice.subject} (written to ${path})`);
      } finally {
        await rm(temp, { force: true });
      }
    },
  };
}

/** Links the whole file under the first free name: link() never replaces an existing file. */
async function linkUnique(temp: string, body: string, dir: string, runId: string): Promise<string> {
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? `${runId}.json` : `${runId}-${n}.json`);
    try {
      await link(temp, path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if ((await readFile(path, 'utf8').catch(() => null)) === body) return path;
    }
  }
}
