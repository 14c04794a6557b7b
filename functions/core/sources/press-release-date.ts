import { parseFinnishDate } from '../normalise/date';
import { blockText, type PageBlock } from './page-blocks';

const DATE = String.raw`(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})`;
/** "Julkaisuajankohta 14.12.2022 11.35", "Utgivningsdatum 12.4.2023", "Publication date 22.4.2021 14.18". */
const LABELLED = new RegExp(
  String.raw`(?:julkaisuajankohta|julkaisuaika|julkaistu|julkaisupäivä|utgivningsdatum|publicerad|publication date|published)\s*:?\s*${DATE}`,
  'iu',
);
/**
 * A date and time on a line of its own under the title ("4.7.2019 13.48"), perhaps after the
 * publisher ("Sisäministeriö 17.6.2020 10.33", "Inrikesministeriet 27.8.2018 12.58").
 */
const BARE = new RegExp(String.raw`^(?:[\p{L}-]+\s+)?${DATE}(?:\s+(?:klo\s+)?\d{1,2}[.:]\d{2})?$`, 'iu');
/** How many blocks under the title a bare date may be: the meta lines come before the lead. */
const META_BLOCKS = 6;

export interface ReleaseDate {
  readonly iso: string;
  /** The text the date was read from, for errors and tests. */
  readonly raw: string;
}

/**
 * The publication date of a release: `<time datetime>` when the page has one, else a labelled date
 * ("Julkaisuajankohta", "Utgivningsdatum", "Publication date" …) anywhere in the text, else a bare
 * date (and time) on a line of its own among the first blocks under the title. Null when none of
 * these gives a date on the calendar.
 */
export function releaseDate(
  datetime: string | undefined,
  blocksAfterTitle: readonly PageBlock[],
): ReleaseDate | null {
  if (datetime && /^\d{4}-\d{2}-\d{2}/.test(datetime)) return { iso: datetime.slice(0, 10), raw: datetime };
  const lines = blocksAfterTitle.flatMap((b) => b.lines);
  for (const line of lines) {
    const labelled = LABELLED.exec(line);
    const parsed = labelled ? parseFinnishDate(labelled[1]!) : null;
    if (parsed?.ok) return { iso: parsed.iso, raw: labelled![0] };
  }
  for (const line of blocksAfterTitle.slice(0, META_BLOCKS).flatMap((b) => b.lines)) {
    const bare = BARE.exec(line);
    const parsed = bare ? parseFinnishDate(bare[1]!) : null;
    if (parsed?.ok) return { iso: parsed.iso, raw: line };
  }
  return null;
}

/** What the error says was found when no date could be read: the first lines under the title. */
export function dateCandidates(blocksAfterTitle: readonly PageBlock[]): string {
  const lines = blocksAfterTitle.slice(0, 3).map(blockText);
  return lines.length > 0 ? lines.map((l) => `"${l.slice(0, 80)}"`).join(', ') : 'no text under the title';
}
