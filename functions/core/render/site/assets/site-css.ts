/**
 * The site's one stylesheet. Colours meet WCAG 2.1 AA: text at least 4.5:1 on its background,
 * chart marks and focus rings at least 3:1. No web fonts, no images.
 */
export const SITE_CSS = String.raw`:root {
  --text: #1b1f24;
  --muted: #4a535e;
  --bg: #ffffff;
  --panel: #f3f5f8;
  --line: #c9d0d8;
  --link: #0a4d8c;
  --link-visited: #5a2d8a;
  --brand: #0b3a63;
  --focus: #ffd21f;
  --so1: #1f5f99;
  --so2: #b35300;
  --so3: #6b3fa0;
  --so-none: #5f6770;
  --ins: #e6f4ea;
  --del: #fbe9e9;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5;
  color: var(--text);
  background: var(--bg);
}
a { color: var(--link); text-underline-offset: 0.15em; }
a:visited { color: var(--link-visited); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible {
  outline: 3px solid var(--text);
  outline-offset: 2px;
  box-shadow: 0 0 0 7px var(--focus);
}
main:focus { outline: none; box-shadow: none; }
.wrap { max-width: 80rem; margin: 0 auto; padding: 0 1rem; }
.visually-hidden {
  position: absolute !important;
  width: 1px; height: 1px;
  margin: -1px; padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
.skip-link {
  position: absolute;
  left: 1rem; top: -10rem;
  z-index: 10;
  padding: 0.5rem 1rem;
  background: var(--focus);
  color: #000;
  font-weight: 700;
}
.skip-link:focus, .skip-link:focus-visible { top: 0.5rem; color: #000; }
.site-header { background: var(--brand); color: #fff; }
.site-header .wrap {
  display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between;
  gap: 0.5rem 1.5rem; padding-top: 0.75rem; padding-bottom: 0.75rem;
}
.site-name { margin: 0; font-size: 1.25rem; font-weight: 700; }
.site-header a, .site-header a:visited { color: #fff; }
.lang-switch { display: flex; gap: 1rem; margin: 0; padding: 0; list-style: none; }
.lang-switch a[aria-current="page"] { font-weight: 700; text-decoration: none; border-bottom: 3px solid #fff; }
.site-header :focus-visible { outline-color: #fff; box-shadow: 0 0 0 7px #000; }
main { display: block; padding-bottom: 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1.5rem 0 0.75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2.5rem 0 0.75rem; padding-top: 0.5rem; border-top: 4px solid var(--brand); }
h3 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
.lead { font-size: 1.125rem; max-width: 48rem; }
.muted, .note { color: var(--muted); }
.note { font-size: 0.9375rem; }
.toc ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; padding: 0; list-style: none; }
.figures {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
  gap: 1rem; margin: 0; padding: 0;
}
.figure { margin: 0; padding: 1rem; background: var(--panel); border-left: 6px solid var(--brand); }
.figure dt { font-size: 0.9375rem; color: var(--muted); }
.figure dd { margin: 0; }
.figure .value { display: block; font-size: 1.75rem; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.figure .detail { display: block; font-size: 0.875rem; color: var(--muted); }
.meter { display: block; height: 0.625rem; margin-top: 0.5rem; background: #fff; border: 1px solid var(--muted); }
.meter svg { display: block; width: 100%; height: 100%; }
.meter rect { fill: var(--brand); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 0 2rem; }
.chart { min-width: 0; }
.chart-wide { grid-column: 1 / -1; }
.chart svg { display: block; width: 100%; height: auto; max-width: 60rem; }
.chart text { font-size: 13px; fill: var(--text); font-family: inherit; }
.chart .axis text, .chart .value-label { fill: var(--muted); }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .baseline { stroke: var(--text); stroke-width: 1; }
.chart .marker { stroke: #b00020; stroke-width: 2; stroke-dasharray: 4 3; }
.chart .marker-label { fill: #b00020; }
.chart .line { fill: none; stroke: var(--so1); stroke-width: 2.5; }
.chart .area { fill: var(--so1); fill-opacity: 0.12; }
.bar, .so-1 { fill: var(--so1); }
.so-2 { fill: var(--so2); }
.so-3 { fill: var(--so3); }
.so-none { fill: var(--so-none); }
.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.5rem 0; padding: 0; list-style: none; font-size: 0.875rem; }
.legend svg { display: inline-block; width: 0.875rem; height: 0.875rem; margin-right: 0.35rem; vertical-align: -0.1rem; }
details { margin: 0.5rem 0 1rem; }
summary { cursor: pointer; color: var(--link); text-decoration: underline; text-underline-offset: 0.15em; }
.table-scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 0.9375rem; }
caption { text-align: left; font-weight: 700; padding: 0.5rem 0; caption-side: top; }
th, td { padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--text); white-space: nowrap; }
tbody th { font-weight: 600; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--text); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.date { white-space: nowrap; }
.acronym { color: var(--muted); font-weight: 400; }
.projects-table tbody th { min-width: 14rem; }
.projects-table .nowrap { white-space: nowrap; }
.projects-table tbody tr:hover { background: var(--panel); }
.sort-button {
  font: inherit; font-weight: 700; color: var(--link);
  background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline;
}
.sort-button::after { content: " \2195"; color: var(--muted); }
th[aria-sort="ascending"] .sort-button::after { content: " \2191"; color: var(--text); }
th[aria-sort="descending"] .sort-button::after { content: " \2193"; color: var(--text); }
.filters {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 13rem), 1fr));
  gap: 0.75rem 1rem; padding: 1rem; margin: 0 0 1rem; background: var(--panel); border: 1px solid var(--line);
}
.filters .search { grid-column: 1 / -1; }
.filters label { display: block; font-weight: 600; }
.filters .hint { display: block; font-size: 0.875rem; color: var(--muted); }
.filters input, .filters select {
  width: 100%; font: inherit; padding: 0.4rem 0.5rem; color: var(--text); background: #fff;
  border: 2px solid var(--muted); border-radius: 0;
}
.filters .actions { grid-column: 1 / -1; display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; }
.button {
  font: inherit; font-weight: 700; padding: 0.45rem 1rem; cursor: pointer;
  color: #fff; background: var(--brand); border: 2px solid var(--brand);
}
.button.secondary { color: var(--brand); background: #fff; }
.shown-count { font-weight: 600; }
.changes { padding-left: 1.25rem; }
.changes li { margin: 0.35rem 0; }
.kind { display: inline-block; padding: 0 0.4rem; margin-right: 0.35rem; font-size: 0.8125rem; font-weight: 700; border: 1px solid currentColor; }
.downloads { padding-left: 1.25rem; }
.downloads li { margin: 0.3rem 0; }
.downloads code { font-size: 0.875rem; }
.citation { padding: 0.75rem 1rem; background: var(--panel); border-left: 6px solid var(--line); }
.fields { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: 0; margin: 0; }
.fields dt, .fields dd { margin: 0; padding: 0.45rem 0.5rem; border-bottom: 1px solid var(--line); }
.fields dt { font-weight: 600; }
@media (max-width: 40rem) {
  .fields { grid-template-columns: 1fr; }
  .fields dt { border-bottom: 0; padding-bottom: 0; }
  h1 { font-size: 1.6rem; }
}
.text-block p { max-width: 48rem; }
.text-block > p:first-child { margin-top: 0; }
.text-block > p:last-child { margin-bottom: 0; }
.quality { padding-left: 1.25rem; }
.quality li { margin: 0.5rem 0; }
.timeline { list-style: none; margin: 0; padding: 0 0 0 1.25rem; border-left: 4px solid var(--line); }
.timeline > li { position: relative; margin: 0 0 1.5rem; }
.timeline > li::before {
  content: ""; position: absolute; left: -1.85rem; top: 0.45rem;
  width: 0.9rem; height: 0.9rem; border-radius: 50%; background: var(--brand); border: 2px solid #fff;
}
.timeline h3 { margin-top: 0; }
.diff td { overflow-wrap: anywhere; }
.diff .old { background: var(--del); }
.diff .new { background: var(--ins); }
.breadcrumb { margin: 1rem 0 0; }
.site-footer { border-top: 1px solid var(--line); background: var(--panel); padding: 1.5rem 0; font-size: 0.9375rem; }
.site-footer p { margin: 0.25rem 0; }
[hidden] { display: none !important; }
.eyebrow { margin: 1.5rem 0 0; font-weight: 700; color: var(--muted); text-transform: uppercase; font-size: 0.875rem; }
.eyebrow + h1 { margin-top: 0.25rem; }
.selection-total { font-size: 1.125rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.follow .note { display: block; }
.objectives-nav { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 1rem; }
.objectives-nav p { margin: 0; font-weight: 600; }
.objectives-nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; list-style: none; }
.filters-toggle { margin: 1rem 0; }
.filters-toggle > summary {
  display: inline-block; padding: 0.45rem 1rem; font-weight: 700; color: var(--brand);
  background: #fff; border: 2px solid var(--brand); text-decoration: none;
}
.filters-toggle[open] > summary { margin-bottom: 0.75rem; }
.totals { max-width: 48rem; }
/* A phone: each project a card of name, beneficiary and EU funding, the rest on one line below. */
@media (max-width: 40rem) {
  .projects-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .projects-table, .projects-table tbody, .projects-table tr { display: block; width: 100%; }
  .projects-table caption { display: block; }
  .projects-table tr { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
  .projects-table tbody th, .projects-table td { display: block; min-width: 0; padding: 0.1rem 0; border: 0; overflow-wrap: anywhere; }
  .projects-table td.num { text-align: left; font-weight: 700; }
  .projects-table td:nth-child(3) { display: none; }
  .projects-table td:nth-child(4), .projects-table td.date, .projects-table td:last-child {
    display: inline; font-size: 0.875rem; color: var(--muted); white-space: normal;
  }
  .projects-table td.date::before, .projects-table td:last-child::before { content: " · "; }
  .projects-table td.num + td.date::before { content: none; }
  .totals thead th { white-space: normal; }
  .totals th, .totals td { padding-left: 0.25rem; padding-right: 0.25rem; }
}
@media print {
  .site-header, .filters, .skip-link, .toc { display: none; }
  a { color: inherit; }
}
`;
