import { type FeedConfig, PLACEHOLDER_CONTACT_EMAIL } from '../../feed-config';
import type { SiteAssets } from './assets';
import { html, type SafeHtml } from './html';
import { LANG_NAMES, LANGS, type Lang, MESSAGES } from './i18n';
import { DATA_FILES, frontPageKey, publicUrl, relativeHref } from './paths';
import type { HeadFeedLink } from './subscriber-feed-links';

export interface PageInput {
  readonly lang: Lang;
  /** This page's object key, e.g. "sv/projects/amif21-abc.html". */
  readonly key: string;
  /** The same page in each language, by key. */
  readonly alternates: Readonly<Record<Lang, string>>;
  readonly title: string;
  readonly description: string;
  readonly assets: SiteAssets;
  readonly config: FeedConfig;
  readonly main: SafeHtml;
  /** Further feeds the page announces after the main ones (a project's beneficiary and objective). */
  readonly feeds?: readonly HeadFeedLink[];
}

/** The footer's contact: omitted when none was configured, so no placeholder address is ever shown. */
function contact(config: FeedConfig): SafeHtml | string {
  return config.contactEmail === PLACEHOLDER_CONTACT_EMAIL
    ? ''
    : html` · <a href="mailto:${config.contactEmail}">${config.contactEmail}</a>`;
}

/**
 * The page shell: one external stylesheet and one deferred external script (the CSP allows no
 * inline code or styles), a skip link, the header with the language switch, main and footer.
 */
export function renderPage(page: PageInput): string {
  const t = MESSAGES[page.lang];
  const rel = (key: string) => relativeHref(page.key, key);
  const base = page.config.publicBaseUrl;
  const languageLinks = LANGS.map((lang) => {
    const target = rel(page.alternates[lang]);
    const current = lang === page.lang ? html` aria-current="page"` : '';
    return html`<li><a href="${target}" data-lang-link="${target}" lang="${lang}" hreflang="${lang}"${current}>${LANG_NAMES[lang]}</a></li>`;
  });
  const alternates = LANGS.map(
    (lang) =>
      html`<link rel="alternate" hreflang="${lang}" href="${publicUrl(base, page.alternates[lang])}">`,
  );
  const { licence: l } = page.config;
  const licence = html`<a href="${l.url}" rel="license">${l.title} (${l.id})</a>`;
  const doc = html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<meta name="description" content="${page.description}">
<link rel="canonical" href="${publicUrl(base, page.key)}">
${alternates}
<link rel="stylesheet" href="${rel(page.assets.css)}">
<link rel="icon" href="${rel(page.assets.icon)}" type="image/svg+xml">
<link rel="alternate" type="application/atom+xml" href="${rel(DATA_FILES.feedAtom)}" title="${t.files.feedAtom}">
<link rel="alternate" type="application/feed+json" href="${rel(DATA_FILES.feedJson)}" title="${t.files.feedJson}">
${(page.feeds ?? []).map(
  (f) => html`<link rel="alternate" type="${f.type}" href="${rel(encodeURI(f.key))}" title="${f.title}">
`,
)}<script src="${rel(page.assets.js)}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${t.skipLink}</a>
<header class="site-header">
<div class="wrap">
<p class="site-name"><a href="${rel(frontPageKey(page.lang))}">${t.siteTitle}</a></p>
<nav aria-label="${t.languageNav}"><ul class="lang-switch">${languageLinks}</ul></nav>
</div>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
${page.main}
</div>
</main>
<footer class="site-footer">
<div class="wrap">
<p>${t.footerData}</p>
<p>${licence} · <a href="${rel(DATA_FILES.status)}">${t.footerStatus}</a>${contact(page.config)}</p>
</div>
</footer>
</body>
</html>
`;
  return doc.html;
}
