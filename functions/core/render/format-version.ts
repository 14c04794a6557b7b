/**
 * Bump when renderers change what they write (a new file, a new field, a page layout). A run that
 * finds an older version in v1/status.json renders every file again, per-project files and pages
 * included, so a deployment never leaves files of the previous format behind.
 */
export const OUTPUT_FORMAT_VERSION = 2;
