import type { SourceOutput } from '../model/source-output';
import type { SourceDescriptor } from '../ports';

/** One source page: where it lives and how to turn its HTML into data. Pure: no fetching, no clock. */
export interface SourceModule extends SourceDescriptor {
  readonly title: string;
  readonly publisher: string;
  /** Parses and normalises the page. Throws PageLayoutError when the page is not understood. */
  extract(html: string): SourceOutput;
}
