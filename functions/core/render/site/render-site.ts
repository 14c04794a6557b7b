import { baselineOf } from '../../model/baseline';
import type { OutputFile } from '../output-file';
import { CACHE_LATEST, CONTENT_TYPES } from '../output-file';
import { renderProjectsCsv } from '../projects-csv';
import type { DetailRenderer, RenderContext, Renderer } from '../render-context';
import { allocationFrom } from './allocation';
import { type SiteAssets, siteAssets } from './assets';
import { renderFrontPage } from './front-page';
import { frontPageData } from './front-page-data';
import { LANGS } from './i18n';
import { isObjectiveProject, objectiveCodes, renderObjectivePage } from './objective-page';
import { frontPageKey, objectiveCsvKey, objectivePageKey, projectPageKey } from './paths';
import { renderProjectPage } from './project-page';

function page(key: string, body: string, stage: OutputFile['stage']): OutputFile {
  return { key, body, contentType: CONTENT_TYPES.html, cacheControl: CACHE_LATEST, stage };
}

/**
 * The feed's own web site: the front page in Finnish, Swedish and English (stage "latest"), a
 * page per changed project in each language (stage "detail", next to its history JSON) and the
 * content-hashed stylesheet, script and icon (stage "immutable", so they exist before any page
 * that links them). Pure: everything comes from the render context.
 */
export const renderSite: Renderer = (ctx: RenderContext): OutputFile[] => [
  ...renderSiteFrontPages(ctx),
  ...renderProjectPages.render(ctx),
];

/** The site's assets and its three front pages: a bounded number of files however long the list. */
export const renderSiteFrontPages: Renderer = (ctx: RenderContext): OutputFile[] => {
  const assets = siteAssets();
  const data = frontPageData(ctx.records, allocationFrom(ctx.reference ?? null));
  const files: OutputFile[] = [...assets.files];
  for (const lang of LANGS) {
    files.push(page(frontPageKey(lang), renderFrontPage({ ctx, lang, assets, data }), 'latest'));
  }
  return [...files, ...objectiveFiles(ctx, assets)];
};

/** Each 2021–2027 specific objective's page in each language and its CSV. */
function objectiveFiles(ctx: RenderContext, assets: SiteAssets): OutputFile[] {
  return objectiveCodes(ctx.records).flatMap((code) => {
    const records = ctx.records.filter((r) => isObjectiveProject(r, code));
    return [
      ...LANGS.map((lang) =>
        page(
          objectivePageKey(lang, code),
          renderObjectivePage({ ctx, lang, assets, code, records }),
          'latest',
        ),
      ),
      {
        key: objectiveCsvKey(code),
        body: renderProjectsCsv(records),
        contentType: CONTENT_TYPES.csv,
        cacheControl: CACHE_LATEST,
        stage: 'latest' as const,
      },
    ];
  });
}

/** A page per changed project in each language. */
export const renderProjectPages: DetailRenderer = {
  keysOf: (id) => LANGS.map((lang) => projectPageKey(lang, id)),
  render: (ctx: RenderContext): OutputFile[] => {
    const assets = siteAssets();
    const files: OutputFile[] = [];
    const baselineAt = ctx.baselineAt ?? baselineOf(ctx.records);
    for (const record of ctx.records) {
      if (!ctx.changedIds.has(record.id)) continue;
      const history = ctx.historyById.get(record.id) ?? [];
      for (const lang of LANGS) {
        files.push(
          page(
            projectPageKey(lang, record.id),
            renderProjectPage({ ctx, lang, assets, record, history, baselineAt }),
            'detail',
          ),
        );
      }
    }
    return files;
  },
};
