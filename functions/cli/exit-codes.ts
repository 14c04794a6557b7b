import { AmifError, type ErrorAction } from '../core/errors';
import { StoreStoppedError } from './embedded-dynalite';

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
  /** Another run holds the data directory or the lease, or a store was busy (retry-next-run): wait, then run again. */
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

/**
 * The exit code of a run that ended by an error, by the error's `action` (functions/core/errors.ts).
 * Within stop-and-alert, the machine's refusals (a system code such as ENOSPC anywhere in the cause
 * chain, or the embedded store that would not run) have a code of their own, so that a script can
 * tell "free space and run again" from "look at the state"; a system error no adapter wrapped is one too.
 */
export function exitCodeOfError(error: unknown): number {
  const action: ErrorAction | null = error instanceof AmifError ? error.action : null;
  if (action === 'usage') return EXIT.usage;
  if (error instanceof StoreStoppedError || isEnvironmentError(error)) return EXIT.environment;
  // Another run holds the data directory or the lease, or a store was briefly unavailable.
  if (action === 'retry-next-run') return EXIT.busy;
  // Stop-and-alert, and a refusal that escaped the run (each source's is reported, exit 3).
  return EXIT.failed;
}
