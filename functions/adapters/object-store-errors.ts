import { RetryNextRunError, StopAndAlertError } from '../core/errors';

/** The object store did not answer this time (throttled, timed out, a 5xx): the next run tries again. */
export class ObjectStoreUnavailableError extends RetryNextRunError {
  override readonly name = 'ObjectStoreUnavailableError';
}

/**
 * Reading the published files failed for a reason that will not pass by itself (access refused, a missing
 * bucket, a disk that cannot be read): the run stops before it publishes, and an operator must look.
 */
export class ObjectStoreError extends StopAndAlertError {
  override readonly name = 'ObjectStoreError';
}
