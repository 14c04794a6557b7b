/**
 * The order in which files reach the object store: immutable objects first, then per-project
 * files and feeds, then the "latest" files, and the catalogue and indexes last, so no latest
 * file ever points at an object that was not written.
 */
export const PUBLISH_STAGES = ['immutable', 'detail', 'latest', 'index'] as const;
export type PublishStage = (typeof PUBLISH_STAGES)[number];

export interface OutputFile {
  readonly key: string;
  readonly body: string | Uint8Array;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly stage: PublishStage;
}

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_LATEST = 'public, max-age=300, must-revalidate';
export const CACHE_STATUS = 'public, max-age=60, must-revalidate';

export const CONTENT_TYPES = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  turtle: 'text/turtle',
  jsonld: 'application/ld+json',
  /** JSON Lines (jsonlines.org); the type its proposers registered, with UTF-8 stated. */
  jsonl: 'application/jsonl; charset=utf-8',
  atom: 'application/atom+xml',
  feedJson: 'application/feed+json',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** JSON as published: two-space indentation and a final newline, so files diff well. */
export function jsonBody(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
