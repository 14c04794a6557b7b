import { createHash } from 'node:crypto';
import { CACHE_IMMUTABLE, CONTENT_TYPES, type OutputFile } from '../output-file';
import { ICON_SVG } from './assets/icon-svg';
import { SITE_CSS } from './assets/site-css';
import { SITE_JS as SITE_JS_MAIN } from './assets/site-js';
import { STEM_SEARCH_JS } from './search-index';

/** The site's script: the stem search first, which the main script calls. */
const SITE_JS = STEM_SEARCH_JS + SITE_JS_MAIN;

export interface SiteAssets {
  /** Object keys of the assets, e.g. "assets/site.3f2a9c1b0d.css". */
  readonly css: string;
  readonly js: string;
  readonly icon: string;
  readonly files: readonly OutputFile[];
}

function hashed(name: string, extension: string, body: string): string {
  const digest = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return `assets/${name}.${digest}.${extension}`;
}

function asset(key: string, body: string, contentType: string): OutputFile {
  // The name changes with the content, so the file can be cached for a year. Written in the
  // first stage, before any page that links it, and never rewritten once it exists.
  return { key, body, contentType, cacheControl: CACHE_IMMUTABLE, stage: 'immutable' };
}

/** The stylesheet, the script and the icon under content-hashed names. */
export function siteAssets(): SiteAssets {
  const css = hashed('site', 'css', SITE_CSS);
  const js = hashed('site', 'js', SITE_JS);
  const icon = hashed('icon', 'svg', ICON_SVG);
  return {
    css,
    js,
    icon,
    files: [
      asset(css, SITE_CSS, CONTENT_TYPES.css),
      asset(js, SITE_JS, CONTENT_TYPES.js),
      asset(icon, ICON_SVG, CONTENT_TYPES.svg),
    ],
  };
}
