import type { ObjectStore } from '../ports';
import type { RenderedState } from '../publication/render-state';
import { publishFiles } from '../publish';
import type { OutputFile } from '../render/output-file';

/** Writes a rendered publication: its dataset-wide files, then its per-project files batch by batch. */
export function publishRendered(store: ObjectStore, rendered: RenderedState) {
  return publishFiles(store, toWrite(rendered), { detail: rendered.detail.batches() });
}

/** The dataset-wide files less those whose bytes are already published (per-subscriber feeds). */
export function toWrite(rendered: RenderedState): OutputFile[] {
  return rendered.files.filter((f) => !rendered.unchanged.has(f.key));
}
