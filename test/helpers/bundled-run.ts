/**
 * What a first run on the bundled pages (seeds/pages) reports for each source, as [id, status,
 * records]: the CLI's and the bundled Lambda's end-to-end tests both expect it.
 */
export const BUNDLED_FIRST_RUN_SOURCES: readonly (readonly [string, string, number])[] = [
  ['eusa-amif-2021', 'ok', 47],
  ['eusa-amif-2014-so1', 'ok', 5],
  ['eusa-amif-2014-so2', 'ok', 1],
  ['eusa-amif-2014-so3', 'ok', 1],
  ['eusa-amif-fund', 'ok', 0],
  ['migri-hankkeet', 'ok', 17],
  // Migri's Swedish and English pages make no record of their own: their texts join the Finnish blocks'.
  ['migri-projekt-sv', 'ok', 0],
  ['migri-projects-en', 'ok', 0],
  ['migri-completed-projects-en', 'ok', 0],
  // 19 awards, 13 of them with a name the text delimits: only those could make records of their own.
  ['intermin-press-2023-04-12-sv', 'ok', 13],
  // The listings: the bundled pages hold the government's feed and intermin.fi's Swedish search.
  ['vn-press-en', 'ok', 0],
  ['intermin-search-fi', 'skipped', 0],
  ['intermin-search-sv', 'ok', 1],
  ['intermin-search-en', 'skipped', 0],
];
