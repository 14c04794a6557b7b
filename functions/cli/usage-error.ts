/** The command line was called wrongly: exit code 2, with the usage text. One class with the core's. */
export { UsageError } from '../core/errors';
