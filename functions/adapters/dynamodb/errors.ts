import { RetryNextRunError, StopAndAlertError } from '../../core/errors';
import { isTransient } from '../transient-error';

/** Translating SDK failures at the adapter's edge, by what the caller should do; the SDK error stays as `cause`. */

export function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function isConditionalCheckFailed(err: unknown): boolean {
  return errorName(err) === 'ConditionalCheckFailedException';
}

/** DynamoDB was busy or did not answer (throttled, timed out, 5xx): nothing was committed; the next run tries again. */
export class StateStoreUnavailableError extends RetryNextRunError {
  override readonly name = 'StateStoreUnavailableError';
}

/**
 * The state cannot be used safely (an item that does not parse, a request DynamoDB refuses as invalid,
 * a limit, a table of another schema): the run stops before it writes more, and an operator must look.
 */
export class StateStoreError extends StopAndAlertError {
  override readonly name: string = 'StateStoreError';
}

/** A state item is not what this code wrote (does not parse, a chunk or digest missing or wrong). */
export class CorruptStateError extends StateStoreError {
  override readonly name = 'CorruptStateError';
}

/** An SDK failure with what we were doing, typed by what to do about it. */
export function edgeError(doing: string, err: unknown): StateStoreUnavailableError | StateStoreError {
  const message = `DynamoDB: ${doing} failed: ${errorName(err) ?? 'Error'}: ${messageOf(err)}`;
  return isTransient(err)
    ? new StateStoreUnavailableError(message, { cause: err })
    : new StateStoreError(message, { cause: err });
}
