import type { QualityCode } from '../../model/project';
import type { Lang } from './i18n';

/**
 * Each data-quality code in plain words. A Record over every code, so a new code in the schema
 * does not compile until it is explained here.
 */
export const QUALITY_TEXT: Readonly<Record<QualityCode, Readonly<Record<Lang, string>>>> = {
  'invalid-date': {
    fi: 'Lähteen päivämäärää ei voitu tulkita, joten kenttä jätettiin tyhjäksi. Alkuperäinen teksti on tallessa alla.',
    sv: 'Datumet i källan kunde inte tolkas, så fältet lämnades tomt. Originaltexten finns sparad nedan.',
    en: 'The date in the source could not be read, so the field was left empty. The original text is kept below.',
  },
  'invalid-amount': {
    fi: 'Lähteen rahasummaa ei voitu tulkita, joten kenttä jätettiin tyhjäksi. Alkuperäinen teksti on tallessa alla.',
    sv: 'Beloppet i källan kunde inte tolkas, så fältet lämnades tomt. Originaltexten finns sparad nedan.',
    en: 'The amount in the source could not be read, so the field was left empty. The original text is kept below.',
  },
  'missing-field': {
    fi: 'Lähteessä ei ollut tätä tietoa.',
    sv: 'Uppgiften saknades i källan.',
    en: 'The source did not give this value.',
  },
  'end-before-start': {
    fi: 'Lähteessä päättymispäivä on ennen alkamispäivää. Päivämäärät julkaistaan sellaisinaan.',
    sv: 'I källan ligger slutdatumet före startdatumet. Datumen publiceras som de är.',
    en: 'In the source the end date is before the start date. The dates are published as they are.',
  },
  'unknown-objective': {
    fi: 'Lähteen erityistavoitetta ei tunnistettu AMIF:n erityistavoitteeksi 1, 2 tai 3.',
    sv: 'Det specifika målet i källan kändes inte igen som AMIF:s specifika mål 1, 2 eller 3.',
    en: 'The specific objective in the source was not recognised as AMIF specific objective 1, 2 or 3.',
  },
  'amount-mismatch': {
    fi: 'Lähteet ilmoittavat hankkeelle eri summan, esimerkiksi tiedote eri kuin hankelista. Hankelistan summa julkaistaan.',
    sv: 'Källorna anger olika belopp för projektet, till exempel skiljer sig pressmeddelandet från projektlistan. Projektlistans belopp publiceras.',
    en: 'The sources give the project different amounts, for example a press release differs from the project list. The project list’s amount is published.',
  },
  'date-mismatch': {
    fi: 'Lähteet ilmoittavat hankkeelle eri päivämäärät. Hankelistan päivämäärät julkaistaan.',
    sv: 'Källorna anger olika datum för projektet. Projektlistans datum publiceras.',
    en: 'The sources give the project different dates. The project list’s dates are published.',
  },
  'not-on-ministry-list': {
    fi: 'Hanke mainitaan vain tiedotteessa tai Maahanmuuttoviraston sivulla, ei sisäministeriön hankelistalla.',
    sv: 'Projektet nämns bara i ett pressmeddelande eller på Migrationsverkets sida, inte på inrikesministeriets projektlista.',
    en: 'The project is only mentioned in a press release or on the Finnish Immigration Service’s page, not on the Ministry of the Interior’s project list.',
  },
  'schedule-note': {
    fi: 'Aikataulussa on lisähuomautus, jota ei voi esittää päivämääränä. Se on tallessa tekstinä alla.',
    sv: 'Tidsplanen har en anmärkning som inte kan anges som datum. Den finns sparad som text nedan.',
    en: 'The schedule carries a note that cannot be expressed as a date. It is kept as text below.',
  },
  'text-truncated': {
    fi: 'Lähteen teksti oli poikkeuksellisen pitkä, joten se katkaistiin. Koko tekstin SHA-256-tiiviste on tallessa alla.',
    sv: 'Texten i källan var ovanligt lång och kortades därför av. SHA-256-summan av hela texten finns sparad nedan.',
    en: 'The text in the source was unusually long, so it was cut short. The SHA-256 of the full text is kept below.',
  },
  'removed-characters': {
    fi: 'Lähteen tekstissä oli merkkejä, joita mikään julkaistava tiedostomuoto ei voi sisältää, joten ne poistettiin. Alkuperäinen teksti on tallessa alla, poistetut merkit koodeina.',
    sv: 'Texten i källan innehöll tecken som inget publicerat filformat kan bära, så de togs bort. Originaltexten finns sparad nedan, med de borttagna tecknen som koder.',
    en: 'The text in the source held characters that no published file format can carry, so they were removed. The original text is kept below, the removed characters as codes.',
  },
  'bidi-controls': {
    fi: 'Lähteen tekstissä oli avoimeksi jääneitä tekstin suuntaa ohjaavia merkkejä. Ne suljettiin, jotta teksti ei käännä sen jälkeen näytettävää tekstiä.',
    sv: 'Texten i källan hade styrtecken för skrivriktning som lämnats öppna. De stängdes så att texten inte vänder texten som visas efter den.',
    en: 'The text in the source left text-direction controls open. They were closed so that the text cannot reverse what is shown after it.',
  },
};

export function qualityText(code: string, lang: Lang): string {
  const entry = (QUALITY_TEXT as Readonly<Record<string, Readonly<Record<Lang, string>>>>)[code];
  return entry?.[lang] ?? code;
}
