import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderAtomFeedFile } from '../../../functions/core/render/atom-feed';
import {
  JSON_FEED_VERSION,
  type JsonFeedDocument,
  jsonFeedDocument,
  renderJsonFeedFile,
} from '../../../functions/core/render/json-feed';
import { DEFAULT_RENDERERS } from '../../../functions/core/render/render-dataset';
import {
  BASE_URL,
  baselineProject,
  CONFIG,
  contextOf,
  LIST_URL,
  lifeOfAProject,
  RUN_AT,
  T1,
  T6,
} from './feed-fixtures';

describe('JSON Feed', () => {
  const ctx = contextOf([[baselineProject()], lifeOfAProject()], []);
  const [file, ...rest] = renderJsonFeedFile(ctx);
  const body = file!.body as string;
  const feed = JSON.parse(body) as JsonFeedDocument;

  it('is published as v1/feed.json with the JSON Feed media type, and is a default renderer', () => {
    expect(rest).toEqual([]);
    expect(file).toMatchObject({
      key: 'v1/feed.json',
      contentType: 'application/feed+json',
      cacheControl: 'public, max-age=300, must-revalidate',
      stage: 'latest',
    });
    expect(DEFAULT_RENDERERS).toContain(renderJsonFeedFile);
    expect(body.endsWith('}\n')).toBe(true);
  });

  it('has the JSON Feed 1.1 top-level fields', () => {
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'AMIF-rahoitetut hankkeet Suomessa: uudet hankkeet ja muutokset',
      home_page_url: `${BASE_URL}/`,
      feed_url: `${BASE_URL}/v1/feed.json`,
      language: 'fi',
      authors: [{ name: 'amif-feed', url: `${BASE_URL}/` }],
    });
    expect(JSON_FEED_VERSION).toBe(feed.version);
    expect(body).not.toContain(RUN_AT);
  });

  it('has items with id, url, title, content_text and date_published, newest first', () => {
    expect(feed.items).toHaveLength(6);
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(item.url).toMatch(/^https:\/\/amif\.example\.fi\/projects\/amif21-[a-z-]+\.html$/);
      expect(item._amif.json).toMatch(/^https:\/\/amif\.example\.fi\/v1\/projects\/amif21-[a-z-]+\.json$/);
      expect(item.external_url).toBe(LIST_URL);
      expect(item.title).not.toBe('');
      expect(item.content_text).toContain('Tuensaaja: ');
      expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    expect(feed.items[0]).toMatchObject({
      id: 'tag:amif.example.fi,2026:amif-feed/amif21-kotona-suomessa/v6',
      title: 'Palannut lähteeseen: Kotona Suomessa',
      date_published: T6,
      tags: ['reinstated'],
      _amif: { projectId: 'amif21-kotona-suomessa', version: 6, kind: 'reinstated', fields: ['status'] },
    });
    expect(feed.items[4]).toMatchObject({
      id: 'tag:amif.example.fi,2026:amif-feed/amif21-kotona-suomessa/v1',
      title: 'Uusi AMIF-hanke: Kotona Suomessa',
      date_published: T1,
    });
  });

  it('carries the same entries as the Atom feed', () => {
    const $ = cheerio.load(renderAtomFeedFile(ctx)[0]!.body as string, { xml: true });
    const atom = $('feed > entry')
      .map((_, e) => ({
        id: $(e).children('id').text(),
        title: $(e).children('title').text(),
        text: $(e).children('content').text(),
      }))
      .get();
    expect(feed.items.map((i) => ({ id: i.id, title: i.title, text: i.content_text }))).toEqual(atom);
  });

  it('gives byte-identical output for identical input', () => {
    const again = contextOf([[baselineProject()], lifeOfAProject()], []);
    expect(renderJsonFeedFile(again)[0]!.body).toBe(body);
    expect(renderJsonFeedFile({ ...again, recentChanges: [...again.recentChanges].reverse() })[0]!.body).toBe(
      body,
    );
  });

  it('is valid with no items', () => {
    expect(jsonFeedDocument([], CONFIG)).toMatchObject({ version: JSON_FEED_VERSION, items: [] });
  });
});
