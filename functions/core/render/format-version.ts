/**
 * Bump when renderers change what they write (a new file, a new field, a page layout). A run that
 * finds an older version in v1/status.json renders every file again, per-project files and pages
 * included, so a deployment never leaves files of the previous format behind.
 */
// 2: per-subscriber feeds (v1/feeds/…), the front page's "Follow" section, and the project pages'
//    links to their beneficiary's and objective's feeds.
//    Organisation and objective pages with their JSON and CSV, selection totals, cards on a phone,
//    and the default order (largest EU funding first).
//    The change history as data (v1/changes.csv, .jsonl) and the search index (v1/search-index.json).
export const OUTPUT_FORMAT_VERSION = 2;
