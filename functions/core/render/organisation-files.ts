import { type Organisation, organisationOf, organisationsOf } from '../model/organisation';
import type { ProjectRecord } from '../model/project';
import { CACHE_LATEST, CONTENT_TYPES, jsonBody, type OutputFile } from './output-file';
import { renderProjectsCsv } from './projects-csv';
import type { RenderContext, Renderer } from './render-context';
import { siteAssets } from './site/assets';
import { LANGS } from './site/i18n';
import { renderOrganisationPage } from './site/organisation-page';
import {
  ORGANISATIONS_INDEX_KEY,
  organisationCsvKey,
  organisationJsonKey,
  organisationPageKey,
} from './site/paths';

/** Every file of one organisation: its page in each language, its JSON and its CSV. */
export function organisationKeys(beneficiaryId: string): string[] {
  return [
    ...LANGS.map((lang) => organisationPageKey(lang, beneficiaryId)),
    organisationJsonKey(beneficiaryId),
    organisationCsvKey(beneficiaryId),
  ];
}

function file(key: string, body: string, contentType: string, stage: OutputFile['stage']): OutputFile {
  return { key, body, contentType, cacheControl: CACHE_LATEST, stage };
}

/**
 * One organisation's files, rendered from its projects (publication order) alone: nothing in
 * them depends on the run's time or on other organisations, so the same projects give the same
 * bytes, and they are rewritten only when one of its projects changes.
 */
export function renderOrganisationFiles(ctx: RenderContext, records: readonly ProjectRecord[]): OutputFile[] {
  const organisation = organisationOf(records);
  const assets = siteAssets();
  const pages = LANGS.map((lang) =>
    file(
      organisationPageKey(lang, organisation.id),
      renderOrganisationPage({ ctx, lang, assets, organisation, records }),
      CONTENT_TYPES.html,
      'detail',
    ),
  );
  return [
    ...pages,
    file(
      organisationJsonKey(organisation.id),
      jsonBody({ organisation, projects: records }),
      CONTENT_TYPES.json,
      'detail',
    ),
    file(organisationCsvKey(organisation.id), renderProjectsCsv(records), CONTENT_TYPES.csv, 'detail'),
  ];
}

/** v1/organisations.json: every organisation with its names, project count and totals, by id. */
export const renderOrganisationsIndex: Renderer = (ctx) => [
  file(
    ORGANISATIONS_INDEX_KEY,
    jsonBody({
      generatedAt: ctx.meta.generatedAt,
      organisations: organisationsOf(ctx.records).map(indexEntry),
    }),
    CONTENT_TYPES.json,
    'latest',
  ),
];

function indexEntry(org: Organisation) {
  return {
    id: org.id,
    name: org.name,
    names: org.names.map((n) => n.name),
    projectCount: org.projectIds.length,
    removedCount: org.removedCount,
    euFundingEur: org.total.euFundingEur,
    withoutAmount: org.total.withoutAmount,
    byProgramme: org.byProgramme,
  };
}
