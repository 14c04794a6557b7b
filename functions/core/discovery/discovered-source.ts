import type { DiscoveredRelease } from '../model/discovered-release';
import type { PressOutput, SourceOutput } from '../model/source-output';
import { collapseWhitespace } from '../normalise/text';
import { pressReleaseSource } from '../sources/intermin-press';
import { loadPage } from '../sources/load-page';
import type { SourceModule } from '../sources/source-module';
import { amifNameIn, otherFundsIn } from './fund-names';

/**
 * A discovered release as a source: the press reader of a configured release, with one guard more.
 * A listing judged the release by its title and snippet; a page whose title and article name
 * another home affairs fund (ISF, BMVI) and not this one is about that fund: it is kept as read
 * (so it is not read again unchanged) with a note, and nothing of it is linked or announced.
 */
export function discoveredReleaseSource(release: DiscoveredRelease): SourceModule {
  const reader = pressReleaseSource(release.url, release.sourceId);
  return {
    ...reader,
    extract(html: string): SourceOutput {
      const output = reader.extract(html) as PressOutput;
      const others = otherFundsOnly(html, release.sourceId);
      if (others.length === 0) return output;
      return {
        ...output,
        drafts: [],
        mentions: [],
        unnamedAwards: [],
        warnings: [
          `${release.sourceId}: note: the release is about another fund (${others.join(', ')}), not AMIF ` +
            `("${output.release.title}"); nothing of it was linked or announced`,
        ],
      };
    },
  };
}

/** The other funds the page's title and article name when they do not name this one; else none. */
function otherFundsOnly(html: string, sourceId: string): string[] {
  const $ = loadPage(html, sourceId);
  const article = $('article').length > 0 ? $('article') : $('main').length > 0 ? $('main') : $('body');
  const text = collapseWhitespace(`${$('h1').first().text()} ${article.first().text()}`);
  return amifNameIn(text) ? [] : otherFundsIn(text);
}
