/** The command line was called wrongly: exit code 2, with the usage text. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
