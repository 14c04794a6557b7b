import { PageLayoutError } from '../errors';
import type { SpecificObjective } from '../model/project';
import type { ReferenceOutput } from '../model/source-output';
import { findMillionAmount } from '../normalise/amount-reader';
import { collapseWhitespace } from '../normalise/text';
import { loadPage } from './load-page';
import { blockText, pageBlocks } from './page-blocks';
import type { SourceModule } from './source-module';

export const EUSA_AMIF_FUND_ID = 'eusa-amif-fund';
export const EUSA_AMIF_FUND_URL =
  'https://eusa-rahastot2021.fi/turvapaikka-maahanmuutto-ja-kotouttamisrahasto-amif';

/** "AMIF-rahastolla on kolme päätavoitetta:" — the sentence the objectives list follows. */
const OBJECTIVES_INTRO = /\b(kolme|3)\s+(pää|erityis)?tavoitetta\b/i;
/** "Suomen AMIF-rahaston rahoitusosuus on 67,9 miljoonaa euroa ohjelmakaudella 2021-2027." */
const ALLOCATION =
  /rahoitusosuus\b[^.]*?(\d{4})\s*[-–]\s*(\d{4})|(\d{4})\s*[-–]\s*(\d{4})[^.]*?rahoitusosuus/i;

/**
 * Reads the AMIF fund page: the three objectives (the list after "…kolme päätavoitetta:", numbered
 * "1. …" or as list items) and Finland's allocation ("rahoitusosuus on 67,9 miljoonaa euroa
 * ohjelmakaudella 2021-2027"). Throws PageLayoutError when the three objectives are not there.
 */
export function parseEusaAmifFund(html: string): ReferenceOutput['reference'] {
  const blocks = pageBlocks(loadPage(html, EUSA_AMIF_FUND_ID));
  const intro = blocks.findIndex((b) => b.kind === 'text' && OBJECTIVES_INTRO.test(blockText(b)));
  const objectives: SpecificObjective[] = [];
  if (intro >= 0) {
    for (const block of blocks.slice(intro + 1)) {
      if (block.kind === 'heading') break;
      const text = collapseWhitespace(blockText(block));
      const numbered = /^([123])[.)]\s+(.+)$/.exec(text);
      if (!block.listItem && !numbered) break;
      const code = String(objectives.length + 1) as SpecificObjective['code'];
      if (numbered && numbered[1] !== code) break;
      objectives.push({ code, name: numbered ? numbered[2]!.trim() : text });
      if (objectives.length === 3) break;
    }
  }
  if (objectives.length !== 3) {
    throw new PageLayoutError(
      EUSA_AMIF_FUND_ID,
      'the three objectives listed after "AMIF-rahastolla on kolme päätavoitetta:"',
      intro < 0
        ? 'no sentence announcing three objectives'
        : `${objectives.length} objectives (${objectives.map((o) => `"${o.name}"`).join(', ') || 'none'})`,
    );
  }

  const allocationBlock = blocks.find(
    (b) => ALLOCATION.test(blockText(b)) && findMillionAmount(blockText(b)),
  );
  const allocationText = allocationBlock ? blockText(allocationBlock) : '';
  const amount = allocationBlock ? findMillionAmount(allocationText) : null;
  const period = ALLOCATION.exec(allocationText);
  const from = period?.[1] ?? period?.[3] ?? '2021';
  const to = period?.[2] ?? period?.[4] ?? '2027';
  return {
    programme: `AMIF ${from}-${to}`,
    fund: 'AMIF',
    specificObjectives: objectives,
    allocationEur: amount?.eur ?? null,
    allocationRaw: amount?.raw ?? null,
  };
}

export const eusaAmifFund: SourceModule = {
  id: EUSA_AMIF_FUND_ID,
  url: EUSA_AMIF_FUND_URL,
  title: 'Turvapaikka-, maahanmuutto- ja kotouttamisrahasto AMIF',
  publisher: 'Sisäministeriö',
  extract(html: string): ReferenceOutput {
    const reference = parseEusaAmifFund(html);
    const warnings =
      reference.allocationEur === null
        ? [`${EUSA_AMIF_FUND_ID}: the page states no allocation ("rahoitusosuus on … miljoonaa euroa")`]
        : [];
    return {
      kind: 'reference',
      sourceId: EUSA_AMIF_FUND_ID,
      url: EUSA_AMIF_FUND_URL,
      pageUpdated: null,
      drafts: [],
      warnings,
      reference,
    };
  },
};
