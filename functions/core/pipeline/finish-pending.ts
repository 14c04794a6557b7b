import type { PipelineOptions } from './run-options';
import { sendPendingNotices } from './send-notices';

/** A publication an earlier run committed and this run finished writing: whose, and which files. */
export interface FinishedPublication {
  readonly runId: string;
  readonly keys: readonly string[];
  /** The per-project files among them (status.json counts them instead of naming them). */
  readonly detailKeys: readonly string[];
}

/** What finishing an earlier run's work left: warnings for the report, and the publication finished. */
export interface Recovery {
  readonly warnings: readonly string[];
  readonly finished: FinishedPublication | null;
}

/**
 * Before anything else: a publication committed but not completely written is rendered again
 * from the committed state and written, and notices committed but not sent are sent.
 */
export async function finishPending(options: PipelineOptions, holder: string): Promise<Recovery> {
  const { state, logger } = options;
  const warnings: string[] = [];
  let finished: FinishedPublication | null = null;
  const publication = await state.loadPublication();
  if (publication?.status === 'pending') {
    // The renderers load only when there is something to render (as in pipeline.ts).
    const [{ loadRenderState }, { renderState }, { publishRendered }] = await Promise.all([
      import('../publication/load-render-state'),
      import('../publication/render-state'),
      import('./publish-rendered'),
    ]);
    const rendered = await renderState(await loadRenderState(state, publication, options));
    if (rendered.manifestSha256 !== publication.manifestSha256) {
      warnings.push(
        `run ${publication.runId}'s publication renders differently now than when it was committed (manifest ${rendered.manifestSha256}, ` +
          `committed ${publication.manifestSha256}); the files were written as the committed state renders them today`,
      );
    }
    await publishRendered(options.store, rendered);
    await state.markPublished(publication.runId, holder);
    finished = {
      runId: publication.runId,
      keys: [...rendered.files.map((f) => f.key), ...rendered.detail.keys],
      detailKeys: rendered.detail.keys,
    };
    warnings.push(
      `run ${publication.runId} committed a publication but did not finish writing it; its ${rendered.fileCount} files were written from ` +
        `the committed state before this run`,
    );
    for (const w of warnings) logger.warn(w);
  }
  await sendPendingNotices(options, holder);
  return { warnings, finished };
}
