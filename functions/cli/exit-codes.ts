import { LeaseHeldError, LeaseLostError, RunTimeError } from '../core/errors';
import { DataDirBusyError } from './data-dir-lock';
import { StoreStoppedError } from './embedded-dynalite';
import { UsageError } from './usage-error';

/**
 * The command line's exit codes, by what the operator should do (docs/operations.md has the table).
 * Defined once: the run command, main and the tests use these.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** A source could not be fetched, or something unexpected failed: read the message, run again later. */
  failed: 1,
  /** The command line is wrong (an option, a --now not after the last run): fix it. */
  usage: 2,
  /** A source was refused (layout drift, collapse, mass change): check the page. */
  refused: 3,
  /** Another run holds the data directory or the lease: wait for it, then run again. */
  busy: 4,
  /** The machine refused (disk full, read-only, permission, store would not start): fix it, then run again. */
  environment: 5,
} as const;

/** System errors that mean the machine, not the data or the code, must be fixed. */
const ENVIRONMENT_CODES = new Set([
  'ENOSPC',
  'EROFS',
  'EACCES',
  'EPERM',
  'EDQUOT',
  'EMFILE',
  'ENFILE',
  'EIO',
]);

/** The system error code (ENOSPC, EROFS…) anywhere in an error's cause chain; null when none. */
export function systemErrorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    const named = /\b(ENOSPC|EROFS|EACCES|EPERM|EDQUOT)\b/.exec(e.message);
    if (named) return named[1]!;
  }
  return null;
}

export function isEnvironmentError(error: unknown): boolean {
  const code = systemErrorCode(error);
  return code !== null && ENVIRONMENT_CODES.has(code);
}

/** The exit code of a run that ended by an error, by what the operator should do about it. */
export function exitCodeOfError(error: unknown): number {
  if (error instanceof UsageError || error instanceof RunTimeError) return EXIT.usage;
  if (
    error instanceof DataDirBusyError ||
    error instanceof LeaseHeldError ||
    error instanceof LeaseLostError
  ) {
    return EXIT.busy;
  }
  if (error instanceof StoreStoppedError || isEnvironmentError(error)) return EXIT.environment;
  return EXIT.failed;
}
