import type { PipelineOptions } from './run-options';

/** Sends the award notices committed but not sent, oldest first; one that fails waits for the next run. */
export async function sendPendingNotices(options: PipelineOptions, holder: string): Promise<void> {
  for (const notice of await options.state.loadPendingNotices()) {
    try {
      await options.notifier.notify(notice);
    } catch (error) {
      // The publication is done; the notice stays pending and the next run sends it.
      options.logger.warn(`the award notice of ${notice.runId} could not be sent; the next run tries again`, {
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    await options.state.markNoticeSent(notice.runId, holder);
  }
}
