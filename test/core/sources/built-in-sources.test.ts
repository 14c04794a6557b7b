import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../functions/core/errors';
import {
  BUILT_IN_SOURCES,
  configuredSources,
  sourceHosts,
} from '../../../functions/core/sources/built-in-sources';

describe('Sources: the built-in list and configuration', () => {
  it('reads the 2021 table, the 2014 pages of objectives 1–3, the fund page, the Migri pages and the press release, in that order', () => {
    expect(BUILT_IN_SOURCES.map((s) => s.id)).toEqual([
      'eusa-amif-2021',
      'eusa-amif-2014-so1',
      'eusa-amif-2014-so2',
      'eusa-amif-2014-so3',
      'eusa-amif-fund',
      'migri-hankkeet',
      'migri-projekt-sv',
      'migri-projects-en',
      'migri-completed-projects-en',
      'intermin-press-2023-04-12-sv',
    ]);
    expect(new Set(BUILT_IN_SOURCES.map((s) => s.id)).size).toBe(BUILT_IN_SOURCES.length);
    expect(sourceHosts(BUILT_IN_SOURCES)).toEqual([
      'eusa-rahastot.fi',
      'eusa-rahastot2021.fi',
      'migri.fi',
      'soteuudistus.fi',
    ]);
  });

  it('turns PRESS_RELEASE_URLS into one source each; without it no release is configured (the listings find them)', () => {
    const fi = 'https://intermin.fi/-/sisaministerio-myontaa-eu-rahoitusta';
    const sources = configuredSources({ pressReleaseUrls: ` ${fi} ,${fi},https://intermin.fi/en/-/grants ` });
    expect(sources.map((s) => s.id).slice(0, 9)).toEqual(BUILT_IN_SOURCES.map((s) => s.id).slice(0, 9));
    expect(sources.slice(9).map((s) => [s.id, s.url])).toEqual([
      [expect.stringMatching(/^intermin-press-fi-[0-9a-f]{10}$/), fi],
      [expect.stringMatching(/^intermin-press-en-[0-9a-f]{10}$/), 'https://intermin.fi/en/-/grants'],
    ]);
    expect(configuredSources().map((s) => s.id)).toEqual(BUILT_IN_SOURCES.map((s) => s.id).slice(0, 9));
  });

  it('reads releases given as ID=URL under that id, and refuses an id that is not a slug', () => {
    const url =
      'https://intermin.fi/-/amif-rahastosta-lahes-6-miljoonaa-euroa-avustusta-turvapaikka-ja-maahanmuuttoasioihin';
    const press = configuredSources({
      pressReleaseUrls: `intermin-press-2022-12-14-fi=${url}, ${url}x`,
    }).filter((s) => s.id.startsWith('intermin-press-'));
    expect(press.map((s) => [s.id, s.url])).toEqual([
      ['intermin-press-2022-12-14-fi', url],
      [expect.stringMatching(/^intermin-press-fi-[0-9a-f]{10}$/), `${url}x`],
    ]);
    expect(() => configuredSources({ pressReleaseUrls: `Not Slug=${url}` })).toThrow(/"Not Slug=https/);
  });

  it('narrows by SOURCE_IDS and refuses unknown ids and URLs that are not https', () => {
    expect(configuredSources({ sourceIds: 'migri-hankkeet, eusa-amif-2021' }).map((s) => s.id)).toEqual([
      'eusa-amif-2021',
      'migri-hankkeet',
    ]);
    expect(() => configuredSources({ sourceIds: 'nope' })).toThrow(ConfigError);
    expect(() => configuredSources({ pressReleaseUrls: 'http://intermin.fi/x,not a url' })).toThrow(
      /PRESS_RELEASE_URLS holds entries that are not "https:\/\/…" or "<id>=https:\/\/…" .*: "http:\/\/intermin.fi\/x", "not a url"/,
    );
  });
});
