import { expect } from 'vitest';
import type { StateStore } from '../../functions/core/ports';
import { loadRenderState, type RenderSettings } from '../../functions/core/publication/load-render-state';
import { renderState } from '../../functions/core/publication/render-state';

/**
 * The invariant of the publication protocol: every file a fresh render of the committed state
 * gives (every project's files included, not only the last run's) is in the store byte for byte,
 * and the state's publication is done. Returns how many files were compared.
 */
export async function expectLatestFilesRenderCommittedState(
  state: StateStore,
  read: (key: string) => Promise<Uint8Array | null>,
  settings: RenderSettings,
): Promise<number> {
  const publication = await state.loadPublication();
  expect(publication?.status).toBe('done');
  const input = await loadRenderState(state, { ...publication!, rewriteAll: true }, settings);
  const rendered = await renderState(input);
  const files = [...rendered.files, ...[...rendered.detail.batches()].flat()];
  expect(files.length).toBe(rendered.fileCount);
  const differing: string[] = [];
  for (const file of files) {
    const stored = await read(file.key);
    const expected = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : Buffer.from(file.body);
    if (stored === null || !expected.equals(Buffer.from(stored))) differing.push(file.key);
  }
  expect(differing).toEqual([]);
  return files.length;
}
