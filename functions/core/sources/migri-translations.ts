import type { MigriTranslatedBlock, MigriTranslationOutput } from '../model/source-output';
import { parseDateRange } from '../normalise/date-range';
import { collapseWhitespace, joinParagraphs } from '../normalise/text';
import { parseMigriHankkeet, type RawMigriBlock } from './migri-hankkeet';
import { MIGRI_EN, MIGRI_EN_COMPLETED, MIGRI_SV, type MigriPageLanguage } from './migri-page-language';
import type { SourceModule } from './source-module';

/** "01/05/2023–30/04/2025" (the English page's DD/MM/YYYY) read as the Finnish "01.05.2023–30.04.2025". */
const SLASH_DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;

/** The block's dates, or nulls when its schedule is not a range of calendar dates. */
export function scheduleDates(schedule: string | null): { startDate: string | null; endDate: string | null } {
  const range = schedule ? parseDateRange(schedule.replace(SLASH_DATE, '$1.$2.$3')) : null;
  return {
    startDate: range?.start.ok ? range.start.iso : null,
    endDate: range?.end.ok ? range.end.iso : null,
  };
}

function translatedBlock(block: RawMigriBlock): MigriTranslatedBlock {
  return {
    // A title derived from the description is the parser's, not the page's: only the page's is kept.
    title: block.pageTitle ? collapseWhitespace(block.title) : null,
    schedule: block.schedule,
    ...scheduleDates(block.schedule),
    description: joinParagraphs(block.description) || null,
    goals: joinParagraphs(block.goals) || null,
  };
}

interface TranslationPage {
  readonly language: MigriPageLanguage & { readonly lang: 'sv' | 'en' };
  readonly url: string;
  readonly title: string;
  readonly publisher: string;
  readonly list: MigriTranslationOutput['list'];
}

/**
 * A Swedish or English page of Migri's projects: read with the Finnish page's parser in its own
 * words, its blocks kept as texts for the Finnish twins (link/migri-twins.ts), no record of its own.
 */
export function migriTranslationSource(page: TranslationPage): SourceModule {
  const { language, url, list } = page;
  return {
    id: language.sourceId,
    url,
    title: page.title,
    publisher: page.publisher,
    extract(html: string): MigriTranslationOutput {
      const parsed = parseMigriHankkeet(html, language);
      return {
        kind: 'migri-translation',
        sourceId: language.sourceId,
        url,
        pageUpdated: null,
        drafts: [],
        // The parser's only warnings are about untitled blocks; a translated block needs no title of
        // its own, as it is named by its Finnish twin.
        warnings: [],
        lang: language.lang,
        list,
        blocks: parsed.eusa.flatMap((section) => section.blocks.map(translatedBlock)),
      };
    },
  };
}

export const MIGRI_PROJEKT_SV_URL = 'https://migri.fi/sv/projekt';
export const MIGRI_PROJECTS_EN_URL = 'https://migri.fi/en/projects';
export const MIGRI_COMPLETED_EN_URL = 'https://migri.fi/en/-/paattyneet-hankkeet-haitari-2';

export const migriProjektSv = migriTranslationSource({
  language: { ...MIGRI_SV, lang: 'sv' },
  url: MIGRI_PROJEKT_SV_URL,
  title: 'Projekt (Migrationsverket)',
  publisher: 'Maahanmuuttovirasto',
  list: 'current',
});

export const migriProjectsEn = migriTranslationSource({
  language: { ...MIGRI_EN, lang: 'en' },
  url: MIGRI_PROJECTS_EN_URL,
  title: 'Projects (Finnish Immigration Service)',
  publisher: 'Maahanmuuttovirasto',
  list: 'current',
});

export const migriCompletedEn = migriTranslationSource({
  language: { ...MIGRI_EN_COMPLETED, lang: 'en' },
  url: MIGRI_COMPLETED_EN_URL,
  title: 'Completed projects (Finnish Immigration Service)',
  publisher: 'Maahanmuuttovirasto',
  list: 'completed',
});
