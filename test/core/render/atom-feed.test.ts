import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { ProjectVersion } from '../../../functions/core/model/history';
import { renderAtomFeed, renderAtomFeedFile } from '../../../functions/core/render/atom-feed';
import { feedEntriesOf } from '../../../functions/core/render/feed-entries';
import { DEFAULT_RENDERERS } from '../../../functions/core/render/render-dataset';
import { stripIllegalXmlChars } from '../../../functions/core/render/xml';
import {
  BASE_URL,
  baselineProject,
  CONFIG,
  contextOf,
  firstVersion,
  LIST_URL,
  lifeOfAProject,
  RUN_AT,
  record,
  T0,
  T6,
} from './feed-fixtures';

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
/** Character data as the renderer may write it: no markup characters, only known references. */
const CHAR_DATA = /^(?:[^<>&]|&(?:amp|lt|gt|quot|apos|#x[0-9A-F]+);)*$/;
const TAG = /<(\/?)([A-Za-z][\w.:-]*)((?:\s+[\w.:-]+="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w.:-]+)="([^"]*)"/g;

/**
 * A strict well-formedness check of what the renderer emits (cheerio's XML mode forgives too
 * much): the declaration, one root, balanced tags, unique quoted attributes, no bare `<`, `>` or
 * `&` in text or attribute values, and no character XML 1.0 forbids.
 */
function expectWellFormed(xml: string): void {
  expect(xml.startsWith(DECLARATION)).toBe(true);
  expect(stripIllegalXmlChars(xml)).toBe(xml);
  const body = xml.slice(DECLARATION.length);
  const open: string[] = [];
  let roots = 0;
  let last = 0;
  for (const match of body.matchAll(TAG)) {
    const text = body.slice(last, match.index);
    if (open.length === 0) expect(text.trim()).toBe('');
    else expect(text, `text before ${match[0]}`).toMatch(CHAR_DATA);
    last = match.index + match[0].length;
    const [, closing, name, attrs, selfClosing] = match;
    const names = [...attrs!.matchAll(ATTRIBUTE)].map((a) => {
      expect(a[2], `attribute ${a[1]} of ${name}`).toMatch(CHAR_DATA);
      return a[1];
    });
    expect(new Set(names).size, `duplicate attribute on ${name}`).toBe(names.length);
    if (closing) {
      expect(open.pop(), `closing ${name}`).toBe(name);
    } else if (!selfClosing) {
      if (open.length === 0) roots++;
      open.push(name!);
    } else if (open.length === 0) {
      roots++;
    }
  }
  expect(body.slice(last)).toBe('\n');
  expect(open).toEqual([]);
  expect(roots).toBe(1);
}

function render(histories: readonly (readonly ProjectVersion[])[]): string {
  const [file] = renderAtomFeedFile(contextOf(histories, []));
  return file!.body as string;
}

describe('Atom feed', () => {
  const histories = [[baselineProject()], lifeOfAProject()];
  const xml = render(histories);
  const $ = cheerio.load(xml, { xml: true });

  it('is published as v1/feed.atom in the latest stage, and is one of the default renderers', () => {
    const [file, ...rest] = renderAtomFeedFile(contextOf(histories, []));
    expect(rest).toEqual([]);
    expect(file).toMatchObject({
      key: 'v1/feed.atom',
      contentType: 'application/atom+xml',
      cacheControl: 'public, max-age=300, must-revalidate',
      stage: 'latest',
    });
    expect(DEFAULT_RENDERERS).toContain(renderAtomFeedFile);
  });

  it('is well-formed XML', () => {
    expectWellFormed(xml);
  });

  it('checks well-formedness strictly enough to catch what a careless renderer writes', () => {
    const bad = [
      '<a>x & y</a>',
      '<a>x < y</a>',
      '<a>x > y</a>',
      '<a b="1 & 2"/>',
      '<a b="1" b="2"/>',
      '<a><b></a></b>',
      '<a></a><a></a>',
      '<a>\u0001</a>',
      '<a>',
    ];
    for (const doc of bad) expect(() => expectWellFormed(`${DECLARATION}${doc}\n`), doc).toThrow();
    expectWellFormed(`${DECLARATION}<a b="&amp;&#xA;"><c/>&lt;&#xD;</a>\n`);
  });

  it('has the feed elements RFC 4287 requires, and self and alternate links', () => {
    const feed = $('feed');
    expect(feed).toHaveLength(1);
    expect(feed.attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
    expect(feed.attr('xml:lang')).toBe('fi');
    expect(feed.children('id').text()).toBe('tag:amif.example.fi,2026:amif-feed/feed');
    expect(feed.children('title').text()).toBe(
      'AMIF-rahoitetut hankkeet Suomessa: uudet hankkeet ja muutokset',
    );
    expect(feed.children('author').children('name').text()).toBe('amif-feed');
    expect(feed.children('author').children('email').text()).toBe('amif-feed@example.org');
    expect(feed.children('link[rel="self"]').attr('href')).toBe(`${BASE_URL}/v1/feed.atom`);
    expect(feed.children('link[rel="self"]').attr('type')).toBe('application/atom+xml');
    expect(feed.children('link[rel="alternate"][type="text/html"]').attr('href')).toBe(`${BASE_URL}/`);
    expect(feed.children('rights').text()).toContain('Creative Commons Attribution 4.0 International');
  });

  it("dates the feed by its newest entry, never by the run's clock", () => {
    expect($('feed').children('updated').text()).toBe(T6);
    expect(xml).not.toContain(RUN_AT);
  });

  it('has one complete entry per significant version, newest first', () => {
    const entries = $('feed > entry');
    expect(entries).toHaveLength(6);
    const ids = entries.map((_, e) => $(e).children('id').text()).get();
    expect(ids).toEqual([
      ...[6, 5, 3, 2, 1].map((n) => `tag:amif.example.fi,2026:amif-feed/amif21-kotona-suomessa/v${n}`),
      'tag:amif.example.fi,2026:amif-feed/amif21-baseline/v1',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    entries.each((_, e) => {
      const entry = $(e);
      expect(entry.children('title').text()).not.toBe('');
      expect(entry.children('updated').text()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      // A feed reader opens the first alternate link: the project's page; the JSON is the second.
      const alternates = entry.children('link[rel="alternate"]');
      expect(alternates.length).toBe(2);
      expect(alternates.first().attr('type')).toBe('text/html');
      expect(alternates.first().attr('href')).toMatch(
        /^https:\/\/amif\.example\.fi\/projects\/amif21-[a-z-]+\.html$/,
      );
      expect(alternates.last().attr('type')).toBe('application/json');
      expect(alternates.last().attr('href')).toMatch(
        /^https:\/\/amif\.example\.fi\/v1\/projects\/amif21-[a-z-]+\.json$/,
      );
      expect(entry.children('link[rel="via"]').attr('href')).toBe(LIST_URL);
      expect(entry.children('content').attr('type')).toBe('text');
      expect(entry.children('content').text()).toContain('Tuensaaja: ');
    });
    expect(entries.last().children('updated').text()).toBe(T0);
    expect(entries.first().children('category').attr('term')).toBe('reinstated');
  });

  it('carries the entry text exactly as built, line breaks and all', () => {
    const entries = feedEntriesOf(contextOf(histories, []));
    $('feed > entry').each((i, e) => {
      expect($(e).children('title').text()).toBe(entries[i]!.title);
      expect($(e).children('content').text()).toBe(entries[i]!.text);
    });
  });

  it('escapes hostile text and drops characters XML cannot carry', () => {
    const hostile = '<img src=x onerror=alert(1)> & "Säätiö" \'rs\'\u0000\u0007\u001b\ufffe';
    const v1 = firstVersion(
      record({
        id: 'amif21-hostile',
        name: hostile,
        beneficiary: { id: 'x', name: `${hostile} ry` },
        firstSeenAt: T6,
        lastChangedAt: T6,
      }),
    );
    const out = render([[baselineProject()], [v1]]);
    expectWellFormed(out);
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Säätiö&quot; &apos;rs&apos;');
    const doc = cheerio.load(out, { xml: true });
    const clean = '<img src=x onerror=alert(1)> & "Säätiö" \'rs\'';
    expect(doc('entry').first().children('title').text()).toBe(`Uusi AMIF-hanke: ${clean}`);
    expect(doc('entry').first().children('content').text()).toContain(`Tuensaaja: ${clean} ry\n`);
    expect(doc('img')).toHaveLength(0);
  });

  it('gives byte-identical output for identical input, whatever order the changes arrive in', () => {
    const again = render([[baselineProject()], lifeOfAProject()]);
    expect(again).toBe(xml);
    const ctx = contextOf(histories, []);
    const shuffled = { ...ctx, recentChanges: [...ctx.recentChanges].reverse() };
    expect(renderAtomFeedFile(shuffled)[0]!.body).toBe(xml);
  });

  it('is still valid with no entries, dated by the newest record', () => {
    const out = renderAtomFeed([], CONFIG, [{ lastChangedAt: T0 }]);
    expectWellFormed(out);
    expect(cheerio.load(out, { xml: true })('feed > updated').text()).toBe(T0);
  });
});
