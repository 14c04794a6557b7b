import type { SourceReport } from './model/run-report';
import type { SourceOutput } from './model/source-output';
import type { SourceReading } from './model/source-state';
import type { SourceState, StoredSourceState } from './ports';
import type { SourceModule } from './sources/source-module';

/**
 * How a run read one source, by what stands for the source this run. Its report says what
 * happened (`report.status`); the kind says which output the run links for it:
 *
 * - `fresh`: the page was extracted this run; its output is linked and remembered.
 * - `unchanged`: the page is the one last read (a 304, or the same bytes): the stored reading stands,
 *   remembered again with this run's read time and validators.
 * - `kept`: the page could not be read (failed, or skipped): the last good stored reading stands in.
 * - `refused`: the page was read but not trusted (not understood, a collapse, or a mass change): the
 *   last good stored reading stands in, and nothing of the page is remembered.
 *
 * Only a fresh read holds an output; for the others, a run that links loads the stored outputs once
 * from the state (see outputOf). A run in which no read is fresh loads none.
 */
export type SourceRead = FreshRead | UnchangedRead | StandInRead;

interface ReadOf<K extends string> {
  readonly kind: K;
  readonly module: SourceModule;
  readonly report: SourceReport;
}

export interface FreshRead extends ReadOf<'fresh'> {
  readonly output: SourceOutput;
  /** The reading to remember, this output with it. */
  readonly next: SourceState;
}

export interface UnchangedRead extends ReadOf<'unchanged'> {
  /** The stored reading read again, to remember: this run's read time and the page's validators. */
  readonly stored: StoredSourceState;
}

/** The page not used: the source's stored output, if any, stands in, and nothing of the page is remembered. */
export type StandInRead = ReadOf<'kept' | 'refused'>;

/** The stored outputs a run that links has loaded, by source id (see pipeline/load-for-linking.ts). */
export type StoredOutputs = ReadonlyMap<string, { readonly output: SourceOutput | null }>;

/** The output linked for a source this run: the fresh one, or the stored one that stands in. */
export function outputOf(read: SourceRead, stored: StoredOutputs): SourceOutput | null {
  return read.kind === 'fresh' ? read.output : (stored.get(read.module.id)?.output ?? null);
}

/** The reading a run that links remembers of a source; null when nothing of the page is remembered. */
export function nextStateOf(read: SourceRead, stored: StoredOutputs): SourceState | null {
  if (read.kind === 'fresh') return read.next;
  if (read.kind === 'unchanged') return withOutput(read.stored, outputOf(read, stored));
  return null;
}

/** A stored reading with its output loaded: the summary that stood for the output is not carried over. */
export function withOutput(stored: StoredSourceState, output: SourceOutput | null): SourceState {
  const { summary: _summary, ...reading } = stored;
  return { ...reading, output };
}

/** The reading to remember of a page read again unchanged in a run that does not link; else null. */
export function keptStateOf(read: SourceRead): StoredSourceState | null {
  return read.kind === 'unchanged' ? read.stored : null;
}

/** What the run remembers of a source, its output aside (status.json's read time); null when nothing. */
export function readingOf(read: SourceRead): SourceReading | null {
  if (read.kind === 'fresh') return read.next;
  return read.kind === 'unchanged' ? read.stored : null;
}
