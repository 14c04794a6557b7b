/**
 * Defaults shared by the core, the command line, the Lambda's environment and the CDK stack:
 * each is defined here once and imported wherever it is needed.
 */
export const DEFAULTS = {
  /** Share of a source's projects that may vanish in one run before its removals are refused. */
  collapseThreshold: 0.2,
  /** Share of the compared projects whose one field may change in one run before the change is refused. */
  massChangeShare: 0.5,
  /**
   * The mass-change guard needs this many projects to compare: on a handful a single edit is
   * already "half of them".
   */
  massChangeMinProjects: 10,
  /** How long a crashed run blocks the next one (wall-clock seconds). */
  leaseSeconds: 900,
  /** How many recent changes changes.json and the feeds show. */
  recentChangeLimit: 200,
  /** How far back changes.json and the feeds look for recent changes (days). */
  recentChangeDays: 366,
  /**
   * Longest text kept in a record field (characters). Real summaries run to a few thousand; a
   * longer one is cut with a quality flag holding the SHA-256 of the full text, so one item of
   * the state (the record, and a version holding old and new) stays far below DynamoDB's 400 KB.
   */
  maxTextChars: 20_000,
  /**
   * Bump when a parser reads something else from the same page. A page whose SHA-256 equals the
   * last good reading's is not parsed again (it costs a hash), unless that reading was made by an
   * earlier version: so a parser fix reaches unchanged pages on the next run.
   */
  // 2: the release, 2014–2020 and Migri readers for the real pages, and the page guards.
  // 3: releases keep the award sentences that name neither project nor amount (`unnamedAwards`).
  // 4: release totals kept apart, no record without a delimited name, unnamed awards with their context.
  extractionVersion: 4,
} as const;
