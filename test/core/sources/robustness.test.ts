import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PageLayoutError } from '../../../functions/core/errors';
import { sourceOutputSchema } from '../../../functions/core/model/source-output';
import { BUILT_IN_SOURCES } from '../../../functions/core/sources/built-in-sources';

const seed = (id: string) =>
  readFileSync(new URL(`../../../seeds/pages/${id}.html`, import.meta.url), 'utf8');

/** Markup fragments the parsers look for, so that random pages get past the first checks now and then. */
const fragment = fc.constantFrom(
  '<h2>Kansallinen tavoite 1.1: Vastaanotto</h2>',
  '<h3>Hanke</h3>',
  '<li>Järjestö ry, 1.1.2020 - 31.11.2021, EU-tuki 1 000 euroa</li>',
  '<li>Hankkeen toteuttaja: X, Toteutusaika: 1.1.2020 - 2.2.2021</li>',
  '<h2>EU:n sisäasioiden rahastot (EUSA) 2021–2027</h2>',
  '<h4>Otsikko</h4>',
  '<p><strong>Aikataulu:</strong> 1.1.2023–31.12.2024</p>',
  '<p>Kuvaus: x</p>',
  '<h1>Rubrik 10,4 miljoner euro</h1>',
  '<p>Utgivningsdatum 12.4.2023</p>',
  '<p>Projektet ABC (1 000 euro).</p>',
  '<p>AMIF-rahastolla on kolme päätavoitetta:</p>',
  '<ol><li>a</li><li>b</li><li>c</li></ol>',
  '<table><tr><td>',
  '</div>',
);
const randomPage = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .array(fc.oneof(fragment, fc.string()), { maxLength: 12 })
    .map((parts) => `<main>${parts.join('')}</main>`),
);

describe('Sources: any page is either read or refused with PageLayoutError', () => {
  for (const source of BUILT_IN_SOURCES) {
    it(`${source.id} never fails otherwise, and what it reads is a valid output`, () => {
      fc.assert(
        fc.property(randomPage, (html) => {
          try {
            expect(sourceOutputSchema.parse(source.extract(html)).sourceId).toBe(source.id);
          } catch (error) {
            expect(error).toBeInstanceOf(PageLayoutError);
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it('each bundled snapshot gives a valid output of its source', () => {
    for (const source of BUILT_IN_SOURCES.filter((s) => !/so[23]$/.test(s.id))) {
      expect(sourceOutputSchema.parse(source.extract(seed(source.id))).sourceId).toBe(source.id);
    }
  });
});
