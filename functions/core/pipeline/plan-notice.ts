import { buildAwardNotice, isNotifiable } from '../award-notice';
import type { AwardNotice } from '../ports';
import { outputOf } from '../source-read';
import type { Derived } from './derive';
import type { PipelineOptions, RunIds } from './run-options';
import type { StoredState } from './stored-state';

/**
 * New awards, committed with the state and sent once the files are written. The first reading of
 * a list (the first run, or a list source added to the configuration) is the baseline, not news:
 * its projects were awarded before anyone watched. A press release is news whenever it is read,
 * so announced awards always notify. A record without its name, beneficiary or amount (a cut-off
 * row) is never announced.
 */
export function planNotice(
  options: PipelineOptions,
  ids: RunIds,
  stored: StoredState,
  { reads, diff }: Derived,
): AwardNotice | null {
  const listedBefore = (id: string) =>
    stored.sourceStates.has(id) ||
    reads.some((r) => r.module.id === id && outputOf(r, stored.sourceStates)?.kind === 'press-release');
  const newVersions = diff.versions.filter((v) => v.kind === 'new');
  const awards = newVersions
    .filter((v) => stored.current.length > 0 && v.record.sources.some((s) => listedBefore(s.id)))
    .map((v) => v.record);
  const notifiable = awards.filter(isNotifiable);
  if (newVersions.length > awards.length) {
    options.logger.info(
      `${newVersions.length - awards.length} projects from sources read for the first time were recorded as the baseline; no award notice was sent for them`,
    );
  }
  if (notifiable.length < awards.length) {
    options.logger.warn(
      `${awards.length - notifiable.length} new projects lack a name, beneficiary or amount; no award notice was sent for them`,
    );
  }
  return notifiable.length > 0 ? buildAwardNotice(ids.runId, notifiable, options.config.publicBaseUrl) : null;
}
