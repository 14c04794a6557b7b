import { CACHE_LATEST, CONTENT_TYPES, jsonBody, type OutputFile } from './output-file';
import type { RenderContext, Renderer } from './render-context';

export const REFERENCE_JSON_KEY = 'v1/reference.json';

/**
 * v1/reference.json: what the fund page says about AMIF in Finland — the specific objectives with the
 * fund page's names and Finland's allocation for the programme period. Nothing is written until the
 * fund page has been read once (its last good reading is used after that).
 */
export const renderReferenceJson: Renderer = (ctx: RenderContext): OutputFile[] => {
  const reference = ctx.reference;
  if (!reference) return [];
  return [
    {
      key: REFERENCE_JSON_KEY,
      body: jsonBody({
        schemaVersion: 1,
        generatedAt: ctx.meta.generatedAt,
        programme: reference.programme,
        fund: reference.fund,
        allocationEur: reference.allocationEur,
        allocationText: reference.allocationRaw,
        specificObjectives: reference.specificObjectives,
        source: reference.source,
        note:
          "The fund page's names of the specific objectives. A project's specificObjective.name is the ministry " +
          "list's own name for the same code; the fund page's name is used only where the list gives the code alone.",
      }),
      contentType: CONTENT_TYPES.json,
      cacheControl: CACHE_LATEST,
      stage: 'latest',
    },
  ];
};
