import type { OutputFile } from '../output-file';
import { CACHE_LATEST, CONTENT_TYPES } from '../output-file';
import type { RenderContext, Renderer } from '../render-context';
import { allocationFrom } from './allocation';
import { siteAssets } from './assets';
import { renderFrontPage } from './front-page';
import { LANGS } from './i18n';
import { frontPageKey, projectPageKey } from './paths';
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
export const renderSite: Renderer = (ctx: RenderContext): OutputFile[] => {
  const assets = siteAssets();
  const reference = (ctx as RenderContext & { readonly reference?: unknown }).reference;
  const allocation = allocationFrom(reference ?? null);
  const files: OutputFile[] = [...assets.files];
  for (const lang of LANGS) {
    files.push(page(frontPageKey(lang), renderFrontPage({ ctx, lang, assets, allocation }), 'latest'));
  }
  for (const record of ctx.records) {
    if (!ctx.changedIds.has(record.id)) continue;
    const history = ctx.historyById.get(record.id) ?? [];
    for (const lang of LANGS) {
      files.push(
        page(
          projectPageKey(lang, record.id),
          renderProjectPage({ ctx, lang, assets, record, history }),
          'detail',
        ),
      );
    }
  }
  return files;
};
