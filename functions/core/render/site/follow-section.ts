import { OBJECTIVE_CODES, OBJECTIVE_PROGRAMME } from '../../model/subscription-topics';
import type { RenderContext } from '../render-context';
import { programmeSlug, subscriberFeedKey } from '../subscriber-feed-keys';
import { objectiveLabel } from './charts';
import type { FrontPageData } from './front-page-data';
import { html, type SafeHtml } from './html';
import type { Lang, Messages } from './i18n';

/** What the "Follow" section is drawn from: a subset of the front page's parts. */
export interface FollowParts {
  readonly ctx: RenderContext;
  readonly data: Pick<FrontPageData, 'programmes'>;
  readonly lang: Lang;
  readonly t: Messages;
  /** A site key as a link relative to this page. */
  readonly rel: (key: string) => string;
}

interface FollowMessages {
  readonly heading: string;
  readonly intro: string;
  readonly objectives: string;
  readonly programmes: string;
  readonly beneficiaries: string;
  readonly email: string;
}

/** The section's words: its own table, so the shared i18n.ts stays as it is. */
export const FOLLOW_MESSAGES: Readonly<Record<Lang, FollowMessages>> = {
  fi: {
    heading: 'Seuraa',
    intro:
      'Tilaa syötelukijaan vain se, mikä sinua kiinnostaa: yhden erityistavoitteen tai ohjelman uudet ' +
      'hankkeet ja muutokset. Syötteissä ovat samat merkinnät kuin koko aineiston syötteessä.',
    objectives: `${OBJECTIVE_PROGRAMME}, erityistavoitteet`,
    programmes: 'Ohjelmat',
    beneficiaries:
      'Jokaisella tuensaajalla on oma syötteensä; sen osoite on tuensaajan hankkeiden sivuilla (Atom-linkki) ja muotoa',
    email:
      'Sähköposti-ilmoitukset voi rajata samoilla avaimilla (ohjelma, erityistavoite, tuensaaja) SNS-tilauksen suodattimella.',
  },
  sv: {
    heading: 'Följ',
    intro:
      'Prenumerera i din flödesläsare på bara det som intresserar dig: nya projekt och ändringar inom ett ' +
      'specifikt mål eller ett program. Flödena har samma poster som flödet för hela datamängden.',
    objectives: `${OBJECTIVE_PROGRAMME}, specifika mål`,
    programmes: 'Program',
    beneficiaries:
      'Varje stödmottagare har ett eget flöde; adressen finns på sidorna för stödmottagarens projekt (Atom-länk) och har formen',
    email:
      'E-postmeddelanden kan avgränsas med samma nycklar (program, specifikt mål, stödmottagare) genom ett filter på SNS-prenumerationen.',
  },
  en: {
    heading: 'Follow',
    intro:
      'Subscribe in your feed reader to just what interests you: new projects and changes within one ' +
      'specific objective or programme. The feeds carry the same entries as the feed of the whole dataset.',
    objectives: `${OBJECTIVE_PROGRAMME}, specific objectives`,
    programmes: 'Programmes',
    beneficiaries:
      "Each beneficiary has a feed of its own; its address is on the pages of the beneficiary's projects (Atom link) and reads",
    email:
      'E-mail notices can be narrowed with the same keys (programme, specific objective, beneficiary) by a filter on the SNS subscription.',
  },
};

function feedLinks(rel: (key: string) => string, topic: 'objective' | 'programme', key: string): SafeHtml {
  const atom = html`<a href="${rel(subscriberFeedKey(topic, key, 'atom'))}" type="application/atom+xml">Atom</a>`;
  const json = html`<a href="${rel(subscriberFeedKey(topic, key, 'json'))}" type="application/feed+json">JSON Feed</a>`;
  return html`${atom} · ${json}`;
}

/** "Follow": the objective and programme feeds, and how the beneficiary feeds and e-mail filters are found. */
export function followSection({ data, lang, t, rel }: FollowParts): SafeHtml {
  const m = FOLLOW_MESSAGES[lang];
  const objectives = OBJECTIVE_CODES.map(
    (code) => html`<li>${objectiveLabel(code, t)}: ${feedLinks(rel, 'objective', code)}</li>`,
  );
  const programmes = data.programmes.map(
    (p) => html`<li>${p}: ${feedLinks(rel, 'programme', programmeSlug(p))}</li>`,
  );
  return html`<section id="follow" aria-labelledby="follow-h">
<h2 id="follow-h">${m.heading}</h2>
<p>${m.intro}</p>
<h3>${m.objectives}</h3>
<ul class="downloads">${objectives}</ul>
<h3>${m.programmes}</h3>
<ul class="downloads">${programmes}</ul>
<p>${m.beneficiaries} <code>${subscriberFeedKey('beneficiary', '<id>', 'atom')}</code>.</p>
<p>${m.email}</p>
</section>`;
}
