import type { ProjectRecord } from '../../model/project';
import { topicsOf } from '../../model/subscription-topics';
import { subscriberFeedKey } from '../subscriber-feed-keys';
import type { Lang } from './i18n';

/** A feed a page announces in its head, by key (made relative to the page by the layout). */
export interface HeadFeedLink {
  readonly key: string;
  readonly type: 'application/atom+xml';
  readonly title: string;
}

const TITLES: Readonly<
  Record<
    Lang,
    { readonly beneficiary: (name: string) => string; readonly objective: (code: string) => string }
  >
> = {
  fi: {
    beneficiary: (name) => `Tuensaajan ${name} hankkeet (Atom)`,
    objective: (code) => `Erityistavoitteen ${code} hankkeet 2021–2027 (Atom)`,
  },
  sv: {
    beneficiary: (name) => `Projekt med stödmottagaren ${name} (Atom)`,
    objective: (code) => `Projekt inom specifikt mål ${code} 2021–2027 (Atom)`,
  },
  en: {
    beneficiary: (name) => `Projects of ${name} (Atom)`,
    objective: (code) => `Projects of specific objective ${code}, 2021–2027 (Atom)`,
  },
};

/**
 * The per-subscriber feeds a project's page announces: its beneficiary's, and its 2021–2027
 * objective's when it has one, so a feed reader pointed at the page offers them.
 */
export function projectFeedLinks(record: ProjectRecord, lang: Lang): HeadFeedLink[] {
  const topics = topicsOf(record);
  const type = 'application/atom+xml' as const;
  return [
    {
      key: subscriberFeedKey('beneficiary', topics.beneficiary, 'atom'),
      type,
      title: TITLES[lang].beneficiary(record.beneficiary.name),
    },
    ...(topics.objective === null
      ? []
      : [
          {
            key: subscriberFeedKey('objective', topics.objective, 'atom'),
            type,
            title: TITLES[lang].objective(topics.objective),
          },
        ]),
  ];
}
