import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetCore, Quad } from '@rdfjs/types';
import rdf from '@zazuko/env-node';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

/**
 * Runs the shapes that data portals run, with rdf-validate-shacl (a maintained SHACL engine that
 * nobody here wrote). The shapes are SEMIC's DCAT-AP 3.0.1 profiles as the EU Interoperability
 * Testbed groups them, and avoindata.fi's own shapes; each file is vendored unchanged under
 * `shapes/` (see shapes/SOURCES.md).
 */

const HERE = 'test/validators';
const SEMIC = join(HERE, 'shapes/dcat-ap-3.0.1');
const AVOINDATA = join(HERE, 'shapes/avoindata');

/** The Testbed's DCAT-AP 3.0.1 validation types, by the files each loads (imports.ttl only points at ontologies). */
export const PROFILES = {
  base: [join(SEMIC, 'shapes.ttl')],
  range: [join(SEMIC, 'range.ttl')],
  recommendations: [join(SEMIC, 'shapes_recommended.ttl')],
  deprecated: [join(SEMIC, 'deprecateduris.ttl')],
  full: ['shapes.ttl', 'range.ttl', 'shapes_recommended.ttl', 'deprecateduris.ttl'].map((f) =>
    join(SEMIC, f),
  ),
  full1: [join(SEMIC, 'dcat-ap-SHACL.ttl')],
  codelists: [join(SEMIC, 'mdr-vocabularies.shape.ttl')],
  avoindata: [join(AVOINDATA, 'avoindata_dcat-ap_shacl.ttl')],
} as const;
export type Profile = keyof typeof PROFILES;

/** What the EU vocabularies say about the codes the catalogue uses (excerpts, see codelists/SOURCES.md). */
export const CODELIST_FILES = [join(HERE, 'codelists/eu-vocabularies-excerpt.ttl')];
/** avoindata.fi validates with FOAF loaded as ontology (its README: `pyshacl -e FOAF.ttl`). */
export const AVOINDATA_ONTOLOGY = [join(AVOINDATA, 'FOAF.ttl')];

export interface ShaclResult {
  readonly severity: 'Violation' | 'Warning' | 'Info';
  readonly focusNode: string;
  readonly path: string | null;
  readonly value: string | null;
  readonly component: string;
  readonly message: string;
}

export function parseTurtle(text: string, baseIRI?: string): Quad[] {
  return new Parser({ baseIRI }).parse(text) as Quad[];
}

function fileQuads(path: string): Quad[] {
  return parseTurtle(readFileSync(path, 'utf8'), `file://${path}`);
}

const shapesCache = new Map<string, DatasetCore>();

function shapesOf(files: readonly string[]): DatasetCore {
  const key = files.join('\n');
  let shapes = shapesCache.get(key);
  if (!shapes) {
    shapes = rdf.dataset(files.flatMap(fileQuads));
    shapesCache.set(key, shapes);
  }
  return shapes;
}

const local = (iri: string) => iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);

/** Validates `data` (plus any extra background files) against a profile's shapes. */
export async function validate(
  profile: Profile,
  data: readonly Quad[],
  background: readonly string[] = [],
): Promise<ShaclResult[]> {
  // The shapes' owl:imports name ontologies on the web; the checks here run offline, without them.
  const validator = new SHACLValidator(shapesOf(PROFILES[profile]), {
    factory: rdf,
    importGraph: () => rdf.dataset(),
  });
  const dataset = rdf.dataset([...data, ...background.flatMap(fileQuads)]);
  const report = await validator.validate(dataset);
  return report.results.map((r) => ({
    severity: local(r.severity?.value ?? 'Violation') as ShaclResult['severity'],
    focusNode: r.focusNode?.value ?? '',
    path: r.path?.value ?? null,
    value: r.value?.value ?? null,
    component: local(r.sourceConstraintComponent?.value ?? ''),
    message: r.message.map((m) => m.value).join('; '),
  }));
}

export function violations(results: readonly ShaclResult[]): ShaclResult[] {
  return results.filter((r) => r.severity === 'Violation');
}

/** One line per result, for a readable failure: `Violation <focus> <path> <component> <value>`. */
export function lines(results: readonly ShaclResult[]): string[] {
  return results.map((r) =>
    `${r.severity} ${r.focusNode} ${r.path ?? '-'} ${r.component} ${r.value ?? ''}`.trim(),
  );
}
