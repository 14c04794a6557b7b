/** Translating SDK failures at the adapter's edge; the SDK error stays as `cause`. */

export function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function isConditionalCheckFailed(err: unknown): boolean {
  return errorName(err) === 'ConditionalCheckFailedException';
}

/** An SDK failure with what we were doing. */
export function edgeError(doing: string, err: unknown): Error {
  return new Error(`DynamoDB: ${doing} failed: ${errorName(err) ?? 'Error'}: ${messageOf(err)}`, {
    cause: err,
  });
}
