import { describe, expect, it } from 'vitest';
import { scanPage } from '../../../functions/core/sources/page-scan';

describe('scanPage', () => {
  it('counts nesting as the parser builds it: optional end tags and void elements add no depth', () => {
    const rows = '<tr><td>a<td>b<p>c<p>d<li>e<li>f<br><img src="x">'.repeat(20_000);
    expect(scanPage(`<html><body><table>${rows}</table></body></html>`, 256)).toEqual({
      maxDepth: 6,
      tooDeepAtLine: null,
      unclosed: [],
      elements: 3 + 20_000 * 9,
    });
  });

  it('skips comments, raw text and quoted attribute values', () => {
    const html =
      '<main><!-- <table> --><script>if (a < b) "<table>"</script><a title="<table>">x</a><style>ul{}</style></main>';
    expect(scanPage(html, 256)).toMatchObject({ maxDepth: 2, unclosed: [] });
  });

  it('reports, outermost first, the required structures a cut-off page never closes', () => {
    const html = '<main>\n<article>\n<ul><li>a</li></ul>\n<table>\n<tr><td>x</td></tr>\n<tr><td>y';
    expect(scanPage(html, 256).unclosed).toEqual([
      { tag: 'main', line: 1 },
      { tag: 'article', line: 2 },
      { tag: 'table', line: 4 },
    ]);
  });

  it('stops at the first element past the limit and names its line', () => {
    const html = `<body>\n${'<div>\n'.repeat(300)}`;
    expect(scanPage(html, 256)).toMatchObject({ maxDepth: 257, tooDeepAtLine: 257 });
  });
});
