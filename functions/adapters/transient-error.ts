/** Whether an AWS SDK error (DynamoDB, S3, SNS) is one that the next run may not meet again. */

/** The SDK's names for a request the service did not serve this time; sending it again later may succeed. */
const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'ThrottledException',
  'SlowDown',
  'RequestLimitExceeded',
  'LimitExceededException',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'InternalErrorException',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Network failures below the SDK: the service was not reached. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

interface SdkErrorShape {
  readonly code?: unknown;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Whether an SDK error says "not now" (throttled, timed out, a 5xx, the network) rather than "not this". */
export function isTransient(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const shape = err as SdkErrorShape;
  const name = err instanceof Error ? err.name : undefined;
  if (name !== undefined && TRANSIENT_NAMES.has(name)) return true;
  if (typeof shape.code === 'string' && TRANSIENT_CODES.has(shape.code)) return true;
  if (shape.$retryable !== undefined && shape.$retryable !== null && shape.$retryable !== false) return true;
  const status = shape.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}
