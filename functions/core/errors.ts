/**
 * Errors grouped by what the caller should do about them. Each names the source and, where it
 * applies, the field, what was expected and what was found.
 */

/**
 * What the caller of a failed step should do:
 * - `retry-next-run`: transient (network, throttling, a lease held by another run); nothing was
 *   changed, the next scheduled run tries again and no one need act unless it keeps happening;
 * - `refuse-source`: one source cannot be trusted this time (moved, malformed, wrong layout); its last
 *   good data stays published, the other sources go on;
 * - `stop-and-alert`: the run cannot go on safely (corrupt state, a limit, a disk that is full or
 *   read-only); nothing more is written and an operator must act;
 * - `usage`: the command, its options or the deployment's configuration are wrong; fix them and run again.
 */
export type ErrorAction = 'retry-next-run' | 'refuse-source' | 'stop-and-alert' | 'usage';

/** The base of every error the harvester throws on purpose: `action` says what the caller should do. */
export abstract class AmifError extends Error {
  abstract readonly action: ErrorAction;
}

/** Transient: nothing was changed; the next run tries again. */
export class RetryNextRunError extends AmifError {
  override name = 'RetryNextRunError';
  readonly action = 'retry-next-run';
}

/** One source is refused this run; its last good data stays. */
export class RefuseSourceError extends AmifError {
  override name = 'RefuseSourceError';
  readonly action = 'refuse-source';
}

/** The run stops and an operator is alerted; nothing more is written. */
export class StopAndAlertError extends AmifError {
  override name = 'StopAndAlertError';
  readonly action = 'stop-and-alert';
}

/** The invocation or configuration is wrong; fix it and run again. */
export class UsageError extends AmifError {
  override name = 'UsageError';
  readonly action = 'usage';
}

/**
 * Why a page could not be fetched, by what the operator should do:
 * - `moved`: the address no longer serves the page (HTTP 404 or 410, or a redirect to an address that
 *   is not one of the source's own): permanent, someone has to find where it went;
 * - `unreachable`: the server could not be reached or answered with an error (network, DNS, timeout,
 *   5xx, 429): transient, the next run tries again;
 * - `rejected`: the server answered, but with something that is not a page to read (wrong type, too
 *   large, a forbidden address, a wrong scheme or port): permanent until the page or the configuration changes.
 */
export type FetchProblem = 'moved' | 'unreachable' | 'rejected';

/** The page could not be fetched this time (network, HTTP status, size); `problem` says what to do. */
export class SourceFetchError extends AmifError {
  override readonly name = 'SourceFetchError';
  readonly problem: FetchProblem;
  get action(): ErrorAction {
    return this.problem === 'unreachable' ? 'retry-next-run' : 'refuse-source';
  }
  constructor(
    readonly sourceId: string,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; problem?: FetchProblem },
  ) {
    super(`${sourceId}: ${message}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.problem = options?.problem ?? (retryable ? 'unreachable' : 'rejected');
  }
}

/** The page was read but its shape is not what the parser knows: refuse it and keep the last good data. */
export class PageLayoutError extends RefuseSourceError {
  override readonly name = 'PageLayoutError';
  constructor(
    readonly sourceId: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${sourceId}: page layout changed: expected ${expected}, found ${found}`);
  }
}

/** Another run holds the lease: this run changes nothing. */
export class LeaseHeldError extends RetryNextRunError {
  override readonly name = 'LeaseHeldError';
  constructor(
    readonly holder: string,
    readonly expiresAt: string,
  ) {
    super(`another run (${holder}) is active until ${expiresAt}; this run changed nothing`);
  }
}

/** The lease expired or passed to another run before this run committed: nothing of it was committed. */
export class LeaseLostError extends RetryNextRunError {
  override readonly name = 'LeaseLostError';
  constructor(readonly holder: string) {
    super(
      `this run (${holder}) no longer holds the lease (it expired or another run took it over); nothing of it was committed`,
    );
  }
}

/** A state item would pass the store's limits: refused before anything is written or published. */
export class StateLimitError extends StopAndAlertError {
  override readonly name = 'StateLimitError';
}

/** A configuration value is missing or malformed; names the variable or option. */
export class ConfigError extends UsageError {
  override readonly name = 'ConfigError';
}

/** Writing to the object store failed; the latest files still describe the previous complete state. */
export class PublishError extends StopAndAlertError {
  override readonly name = 'PublishError';
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    // The system's reason (EROFS, ENOSPC…) with the path, when the store says it.
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`could not write ${key}${cause}`, options);
  }
}

/**
 * The run's time is not after the state's last run (a `--now` in the past, or a clock set back):
 * refused before anything is read or written, so no record changes before it first appeared and
 * no two runs share an id, a snapshot or a notice. Fix the time and run again.
 */
export class RunTimeError extends UsageError {
  override readonly name = 'RunTimeError';
  constructor(
    readonly startedAt: string,
    readonly lastRunId: string,
    readonly lastStartedAt: string,
  ) {
    super(
      `this run's time ${startedAt} is not after the last run's (${lastRunId} at ${lastStartedAt}); ` +
        `a run's time must move forward (with --now, give a time after ${lastStartedAt}); nothing was changed`,
    );
  }
}
