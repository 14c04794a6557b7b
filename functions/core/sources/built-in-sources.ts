import { eusaAmif2021 } from './eusa-amif-2021';
import type { SourceModule } from './source-module';

/** Every source the feed reads by default, in the order they are read and listed. */
export const BUILT_IN_SOURCES: readonly SourceModule[] = [eusaAmif2021];

/** The hosts the live fetcher may contact: those of the built-in sources. */
export function sourceHosts(sources: readonly SourceModule[]): string[] {
  return [...new Set(sources.map((s) => new URL(s.url).host))].sort();
}
