import * as cheerio from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { Element as ElementNode, Text as TextNode } from 'domhandler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eachVisibleLine, visibleLines } from '../../../functions/core/sources/html-text';

/** The recursive walk html-text.ts had before it became iterative, as the reference. */
function referenceLines(root: AnyNode): string[] {
  const BLOCK = new Set(['p', 'div', 'li', 'ul', 'td', 'tr', 'table', 'h2']);
  const SKIP = new Set(['script', 'style', 'template']);
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/[\s\u200b]+/g, ' ').trim();
    current = '';
    if (line) lines.push(line);
  };
  const walk = (n: AnyNode) => {
    if (n.type === 'text') {
      current += (n as Text).data;
      return;
    }
    if (n.type !== 'tag' && n.type !== 'root') return;
    const el = n as Element;
    const tag = n.type === 'tag' ? el.name.toLowerCase() : '';
    if (SKIP.has(tag)) return;
    if (tag === 'br') return flush();
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const child of el.children) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines;
}

const fragment = fc.constantFrom(
  '<p>',
  '</p>',
  '<div>',
  '</div>',
  '<span>',
  '</span>',
  '<br>',
  '<li>',
  '<table><tr><td>',
  '</td></tr></table>',
  '<h2>',
  '</h2>',
  '<script>x</script>',
  '<template>t</template>',
  ' ',
  '\n\u00a0',
  'sana',
  'toinen',
);

describe('visibleLines', () => {
  it('gives the lines of the recursive walk it replaced, on random markup', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 60 }), (parts) => {
        const root = cheerio.load(parts.join('')).root()[0]!;
        expect(visibleLines(root)).toEqual(referenceLines(root));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a tree 100 000 elements deep without overflowing the stack', () => {
    let leaf: ElementNode = new ElementNode('p', {}, [new TextNode('pohjalla')]);
    for (let i = 0; i < 100_000; i++) leaf = new ElementNode(i % 2 ? 'div' : 'span', {}, [leaf]);
    expect(visibleLines(leaf)).toEqual(['pohjalla']);
  });

  it('stops the walk as soon as the callback says so', () => {
    const root = cheerio.load('<p>a</p><p>b</p><p>c</p>').root()[0]!;
    const seen: string[] = [];
    eachVisibleLine(root, (line) => {
      seen.push(line);
      return line === 'b';
    });
    expect(seen).toEqual(['a', 'b']);
  });
});
