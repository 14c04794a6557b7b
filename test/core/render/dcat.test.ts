import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { DataFactory, Parser, Store, Writer } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffProjects } from '../../../functions/core/diff';
import { type FeedConfig, feedConfigSchema } from '../../../functions/core/feed-config';
import { linkOutputs } from '../../../functions/core/link';
import type { SnapshotEntry } from '../../../functions/core/model/snapshot';
import type { SourceOutput } from '../../../functions/core/model/source-output';
import { renderCatalogue } from '../../../functions/core/render/catalogue-files';
import { catalogueUris } from '../../../functions/core/render/catalogue-uris';
import { DCAT_PREFIXES, temporalCoverage } from '../../../functions/core/render/dcat-catalog';
import { renderExcelCsv } from '../../../functions/core/render/excel-csv';
import { CACHE_LATEST, CONTENT_TYPES, type OutputFile } from '../../../functions/core/render/output-file';
import { datasetMeta, datasetSources } from '../../../functions/core/render/projects-json';
import type { RenderContext } from '../../../functions/core/render/render-context';
import { renderDataset, renderLatestDataset } from '../../../functions/core/render/render-dataset';
import { BUILT_IN_SOURCES } from '../../../functions/core/sources/built-in-sources';

const { namedNode } = DataFactory;
/** jsonld 9's API; @types/jsonld describes an older one (no N-Quads input, no `safe`). */
type JsonLdOptions = Readonly<Record<string, unknown>>;
const canonize = jsonld.canonize as unknown as (input: unknown, options?: JsonLdOptions) => Promise<string>;
const toRDF = jsonld.toRDF as unknown as (input: unknown, options?: JsonLdOptions) => Promise<string>;
const BASE = 'https://amif.example.fi';
const T1 = '2026-11-22T04:00:00Z';
const T2 = '2026-11-29T04:00:00Z';

const DCAT = DCAT_PREFIXES.dcat;
const DCT = DCAT_PREFIXES.dct;
const FOAF = DCAT_PREFIXES.foaf;
const VCARD = DCAT_PREFIXES.vcard;
const XSD = DCAT_PREFIXES.xsd;
const RDF_TYPE = `${DCAT_PREFIXES.rdf}type`;
const EU = 'http://publications.europa.eu/resource/authority';

/** Every built-in source that has a bundled page, extracted and linked as the pipeline would. */
function seedOutputs(): { outputs: SourceOutput[]; modules: typeof BUILT_IN_SOURCES } {
  const modules = BUILT_IN_SOURCES.filter((m) => {
    try {
      readFileSync(new URL(`../../../seeds/pages/${m.id}.html`, import.meta.url));
      return true;
    } catch {
      return false;
    }
  });
  const outputs = modules.map((m) =>
    m.extract(readFileSync(new URL(`../../../seeds/pages/${m.id}.html`, import.meta.url), 'utf8')),
  );
  return { outputs, modules };
}

function seedContext(at: string, snapshots: readonly SnapshotEntry[], config: FeedConfig): RenderContext {
  const { outputs, modules } = seedOutputs();
  const linked = linkOutputs(outputs);
  const diff = diffProjects({
    drafts: linked.drafts,
    current: [],
    readSources: new Set(modules.map((m) => m.id)),
    run: { runId: `run-${at}`, at, sources: [] },
  });
  const reports = outputs.map((o) => ({ id: o.sourceId, pageUpdated: o.pageUpdated }));
  return {
    config,
    meta: datasetMeta(diff.records, datasetSources(modules, reports), config, at),
    records: diff.records,
    changedIds: new Set(),
    historyById: new Map(),
    recentChanges: [],
    report: {
      runId: `run-${at}`,
      startedAt: at,
      status: 'published',
      counts: diff.counts,
      sources: [],
      warnings: [],
      published: [],
    },
    snapshots,
  };
}

const ATOM: OutputFile = {
  key: 'v1/feed.atom',
  body: '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>\n',
  contentType: CONTENT_TYPES.atom,
  cacheControl: CACHE_LATEST,
  stage: 'latest',
};

function render(ctx: RenderContext, extra: OutputFile[] = []) {
  const files = [...renderDataset(ctx, [renderLatestDataset, renderExcelCsv]), ...extra];
  const catalogue = renderCatalogue(ctx, files);
  const all = [...files, ...catalogue.files];
  const text = (key: string) => {
    const body = all.find((f) => f.key === key)?.body;
    if (typeof body !== 'string') throw new Error(`no ${key}`);
    return body;
  };
  return { files: all, catalogue, ttl: text('v1/catalog.ttl'), jsonld: text('v1/catalog.jsonld') };
}

function bytesOf(body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
}

describe('DCAT-AP catalogue: one graph, Turtle and JSON-LD', () => {
  const config = feedConfigSchema.parse({ publicBaseUrl: BASE });
  const uris = catalogueUris(config);
  let ctx: RenderContext;
  let out: ReturnType<typeof render>;
  let graph: Store;

  beforeAll(() => {
    ctx = seedContext(T1, [], config);
    out = render(ctx, [ATOM]);
    graph = new Store(new Parser().parse(out.ttl));
  });

  const objects = (s: string, p: string) => graph.getObjects(namedNode(s), namedNode(p), null);
  const objectsOf = (s: ReturnType<typeof objects>[number], p: string) =>
    graph.getObjects(s, namedNode(p), null);
  const typesOf = (s: ReturnType<typeof objects>[number]) => objectsOf(s, RDF_TYPE).map((t) => t.value);
  const langs = (s: string, p: string) =>
    objects(s, p)
      .filter((o) => o.termType === 'Literal')
      .map((o) => (o as { language: string }).language)
      .sort();
  const datatype = (o: ReturnType<typeof objects>[number] | undefined) =>
    o?.termType === 'Literal' ? (o as { datatype: { value: string } }).datatype.value : null;

  it('Turtle (n3 Parser) and JSON-LD (jsonld.toRDF) describe isomorphic graphs', async () => {
    const ttlQuads = new Parser().parse(out.ttl);
    const nquads = new Writer({ format: 'N-Quads' }).quadsToString(ttlQuads);
    const fromTurtle = await canonize(nquads, { inputFormat: 'application/n-quads' });
    const doc = JSON.parse(out.jsonld);
    const fromJsonLd = await canonize(doc, { safe: true });
    expect(fromJsonLd.split('\n').filter(Boolean)).toHaveLength(ttlQuads.length);
    expect(fromJsonLd).toBe(fromTurtle);
    // And toRDF itself drops nothing (safe mode throws on anything it cannot map).
    const rdf = await toRDF(doc, { format: 'application/n-quads', safe: true });
    expect(rdf.split('\n').filter(Boolean)).toHaveLength(ttlQuads.length);
  });

  it('writes Turtle with prefixes and JSON-LD with a prefix context, served with their media types', () => {
    expect(out.ttl).toMatch(/^@prefix dcat: <http:\/\/www\.w3\.org\/ns\/dcat#>\./m);
    expect(out.ttl).toContain(' a dcat:Catalog');
    const doc = JSON.parse(out.jsonld);
    expect(doc['@context']).toMatchObject({ dcat: DCAT, dct: DCT, skos: DCAT_PREFIXES.skos });
    const ttlFile = out.files.find((f) => f.key === 'v1/catalog.ttl')!;
    const jsonldFile = out.files.find((f) => f.key === 'v1/catalog.jsonld')!;
    expect(ttlFile).toMatchObject({ contentType: 'text/turtle', stage: 'index', cacheControl: CACHE_LATEST });
    expect(jsonldFile).toMatchObject({ contentType: 'application/ld+json', stage: 'index' });
  });

  it('has one dcat:Catalog with the mandatory and recommended properties', () => {
    const catalogues = graph.getSubjects(namedNode(RDF_TYPE), namedNode(`${DCAT}Catalog`), null);
    expect(catalogues.map((c) => c.value)).toEqual([uris.catalogue]);
    const c = uris.catalogue;
    expect(langs(c, `${DCT}title`)).toEqual(['en', 'fi', 'sv']);
    expect(langs(c, `${DCT}description`)).toEqual(['en', 'fi', 'sv']);
    const publisher = objects(c, `${DCT}publisher`);
    expect(publisher).toHaveLength(1);
    expect(typesOf(publisher[0]!)).toContain(`${FOAF}Agent`);
    expect(objectsOf(publisher[0]!, `${FOAF}name`)[0]).toMatchObject({
      termType: 'Literal',
      value: 'amif-feed',
    });
    expect(objects(c, `${FOAF}homepage`).map((o) => o.value)).toEqual([`${BASE}/`]);
    expect(objects(c, `${DCT}language`).map((o) => o.value)).toEqual(
      ['FIN', 'SWE', 'ENG'].map((l) => `${EU}/language/${l}`),
    );
    expect(objects(c, `${DCT}license`).map((o) => o.value)).toEqual([`${EU}/licence/CC_BY_4_0`]);
    expect(datatype(objects(c, `${DCT}modified`)[0])).toBe(`${XSD}dateTime`);
    expect(objects(c, `${DCT}modified`)[0]!.value).toBe(T1);
    expect(datatype(objects(c, `${DCT}issued`)[0])).toBe(`${XSD}dateTime`);
    expect(objects(c, `${DCAT}themeTaxonomy`).map((o) => o.value)).toEqual([`${EU}/data-theme`]);
    expect(objects(c, `${DCAT}dataset`).map((o) => o.value)).toEqual([uris.dataset]);
  });

  it('describes the dataset with every mandatory and recommended property, of the right type', () => {
    const d = uris.dataset;
    // The only dcat:Dataset in the graph: a harvester importing every one sees one dataset, not one per snapshot.
    expect(
      graph.getSubjects(namedNode(RDF_TYPE), namedNode(`${DCAT}Dataset`), null).map((s) => s.value),
    ).toEqual([d]);
    expect(langs(d, `${DCT}title`)).toEqual(['en', 'fi', 'sv']);
    expect(langs(d, `${DCT}description`)).toEqual(['en', 'fi', 'sv']);
    expect(objects(d, `${DCT}publisher`).map((o) => o.value)).toEqual([uris.publisher]);

    const [contact] = objects(d, `${DCAT}contactPoint`);
    expect(typesOf(contact!)).toEqual([`${VCARD}Kind`]);
    expect(objectsOf(contact!, `${VCARD}fn`)[0]!.termType).toBe('Literal');
    expect(objectsOf(contact!, `${VCARD}hasEmail`).map((o) => [o.termType, o.value])).toEqual([
      ['NamedNode', 'mailto:amif-feed@example.org'],
    ]);

    const keywordLangs = new Set(langs(d, `${DCAT}keyword`));
    expect([...keywordLangs].sort()).toEqual(['en', 'fi', 'sv']);
    expect(objects(d, `${DCAT}theme`).map((o) => o.value)).toEqual([
      `${EU}/data-theme/GOVE`,
      `${EU}/data-theme/SOCI`,
    ]);
    expect(objects(d, `${DCT}spatial`).map((o) => o.value)).toEqual([`${EU}/country/FIN`]);

    const [period] = objects(d, `${DCT}temporal`);
    expect(typesOf(period!)).toEqual([`${DCT}PeriodOfTime`]);
    const coverage = temporalCoverage(ctx.records);
    const [start] = objectsOf(period!, `${DCAT}startDate`);
    const [end] = objectsOf(period!, `${DCAT}endDate`);
    expect([start!.value, datatype(start)]).toEqual([coverage.start, `${XSD}date`]);
    expect([end!.value, datatype(end)]).toEqual([coverage.end, `${XSD}date`]);
    for (const r of ctx.records) {
      for (const date of [r.startDate, r.endDate]) {
        if (date) expect(date >= start!.value && date <= end!.value).toBe(true);
      }
    }

    expect(objects(d, `${DCT}accrualPeriodicity`).map((o) => o.value)).toEqual([`${EU}/frequency/DAILY`]);
    expect(datatype(objects(d, `${DCT}issued`)[0])).toMatch(/#date(Time)?$/);
    expect([objects(d, `${DCT}modified`)[0]!.value, datatype(objects(d, `${DCT}modified`)[0])]).toEqual([
      T1,
      `${XSD}dateTime`,
    ]);
    expect(objects(d, `${DCT}identifier`)[0]).toMatchObject({ termType: 'Literal', value: uris.dataset });
    expect(objects(d, `${DCAT}landingPage`).map((o) => o.value)).toEqual([`${BASE}/`]);

    const [provenance] = objects(d, `${DCT}provenance`);
    expect(typesOf(provenance!)).toEqual([`${DCT}ProvenanceStatement`]);
    expect(objectsOf(provenance!, `${DCAT_PREFIXES.rdfs}label`).length).toBeGreaterThan(0);
    // The source pages are related documents (dct:source would have to be a dcat:Dataset).
    expect(objects(d, `${DCT}source`)).toEqual([]);
    const related = objects(d, `${DCT}relation`);
    expect(related.map((o) => o.value)).toEqual(ctx.meta.sources.map((s) => s.url));
    for (const page of related) expect(typesOf(page)).toEqual([`${FOAF}Document`]);
    expect(objects(d, `${DCAT}version`)[0]!.value).toBe('1.20261122.40000');
  });

  it('has one dcat:Distribution per published file, with size, media type and format', () => {
    const expected: Record<string, { key: string; media: string; format: string }> = {
      'projects-csv': { key: 'v1/projects.csv', media: 'text/csv', format: 'CSV' },
      'projects-excel-csv': { key: 'v1/projects.excel.csv', media: 'text/csv', format: 'CSV' },
      'projects-json': { key: 'v1/projects.json', media: 'application/json', format: 'JSON' },
      'feed-atom': { key: 'v1/feed.atom', media: 'application/atom+xml', format: 'ATOM' },
      'datapackage-json': { key: 'v1/datapackage.json', media: 'application/json', format: 'JSON' },
    };
    const dists = objects(uris.dataset, `${DCAT}distribution`).map((o) => o.value);
    expect(dists.sort()).toEqual(Object.keys(expected).map(uris.distribution).sort());
    for (const [name, want] of Object.entries(expected)) {
      const dist = uris.distribution(name);
      const file = out.files.find((f) => f.key === want.key)!;
      const bytes = bytesOf(file.body);
      expect(objects(dist, RDF_TYPE).map((o) => o.value)).toEqual([`${DCAT}Distribution`]);
      expect(objects(dist, `${DCAT}accessURL`).map((o) => o.value)).toEqual([`${BASE}/${want.key}`]);
      expect(objects(dist, `${DCAT}downloadURL`).map((o) => o.value)).toEqual([`${BASE}/${want.key}`]);
      expect(objects(dist, `${DCAT}mediaType`).map((o) => o.value)).toEqual([
        `http://www.iana.org/assignments/media-types/${want.media}`,
      ]);
      expect(objects(dist, `${DCT}format`).map((o) => o.value)).toEqual([`${EU}/file-type/${want.format}`]);
      expect(objects(dist, `${DCT}license`).map((o) => o.value)).toEqual([`${EU}/licence/CC_BY_4_0`]);
      const [size] = objects(dist, `${DCAT}byteSize`);
      expect([size!.value, datatype(size)]).toEqual([String(bytes.byteLength), `${XSD}nonNegativeInteger`]);
      // No spdx:checksum (no checksum passes both SEMIC's and avoindata.fi's shapes): the Data Package has the SHA-256.
      expect(objects(dist, 'http://spdx.org/rdf/terms#checksum')).toEqual([]);
      expect(typesOf(objects(dist, `${DCAT}mediaType`)[0]!)).toEqual([`${DCT}MediaType`]);
      expect(typesOf(objects(dist, `${DCT}format`)[0]!)).toEqual([`${DCT}MediaTypeOrExtent`]);
      expect(objects(dist, `${DCT}modified`).map((o) => o.value)).toEqual([T1]);
      expect(langs(dist, `${DCT}title`)).toEqual(['en']);
      expect(langs(dist, `${DCT}description`)).toEqual(['en']);
    }
  });

  it('lists the Atom feed only when the run wrote it', () => {
    const atomDist = uris.distribution('feed-atom');
    const without = render(ctx);
    const g1 = new Store(new Parser().parse(without.ttl));
    expect(g1.getQuads(namedNode(atomDist), null, null, null)).toHaveLength(0);
    const g2 = new Store(new Parser().parse(out.ttl));
    expect(g2.getObjects(namedNode(atomDist), namedNode(`${DCT}modified`), null).map((o) => o.value)).toEqual(
      [T1],
    );
  });

  it('keeps every catalogue, dataset and distribution URI the same from run to run', () => {
    const first = out;
    const index = JSON.parse(first.files.find((f) => f.key === 'v1/snapshots/index.json')!.body as string);
    const second = render(seedContext(T2, index.snapshots, config), [ATOM]);
    const g2 = new Store(new Parser().parse(second.ttl));
    const stable = (g: Store) =>
      [
        ...g.getSubjects(namedNode(RDF_TYPE), namedNode(`${DCAT}Catalog`), null),
        ...g.getObjects(namedNode(uris.catalogue), namedNode(`${DCAT}dataset`), null),
        ...g.getObjects(namedNode(uris.dataset), namedNode(`${DCAT}distribution`), null),
      ]
        .map((t) => t.value)
        .sort();
    expect(stable(g2)).toEqual(stable(graph));
    for (const uri of stable(g2)) {
      expect(uri).not.toMatch(/2026|T0400/);
      expect(uri.startsWith(BASE)).toBe(true);
    }
    expect(g2.getObjects(namedNode(uris.dataset), namedNode(`${DCT}modified`), null)[0]!.value).toBe(T2);
    // Issued stays the first snapshot's time.
    expect(g2.getObjects(namedNode(uris.dataset), namedNode(`${DCT}issued`), null)[0]!.value).toBe(T1);
  });

  it('links only the newest snapshot; each snapshot is a dcat:Dataset in a document of its own', () => {
    const index = JSON.parse(out.files.find((f) => f.key === 'v1/snapshots/index.json')!.body as string);
    const second = render(seedContext(T2, index.snapshots, config), [ATOM]);
    const g = new Store(new Parser().parse(second.ttl));
    const s1 = uris.snapshot('2026-11-22T040000Z');
    const s2 = uris.snapshot('2026-11-29T040000Z');
    const objs = (store: Store, s: string, p: string) =>
      store.getObjects(namedNode(s), namedNode(p), null).map((o) => o.value);
    // The harvested document: one dcat:Dataset, the newest version linked, nothing about older ones.
    expect(g.getSubjects(namedNode(RDF_TYPE), namedNode(`${DCAT}Dataset`), null).map((t) => t.value)).toEqual(
      [uris.dataset],
    );
    expect(objs(g, uris.dataset, `${DCAT}hasVersion`)).toEqual([]);
    expect(objs(g, uris.dataset, `${DCAT}hasCurrentVersion`)).toEqual([s2]);
    expect(objs(g, s2, `${DCAT_PREFIXES.rdfs}seeAlso`)).toEqual([
      `${BASE}/v1/snapshots/2026-11-29T040000Z/catalog.ttl`,
    ]);
    expect(g.getQuads(namedNode(s1), null, null, null)).toHaveLength(0);
    expect(second.ttl.split('\n').length).toBe(out.ttl.split('\n').length);

    const doc = (files: OutputFile[], id: string) =>
      new Store(
        new Parser().parse(files.find((f) => f.key === `v1/snapshots/${id}/catalog.ttl`)!.body as string),
      );
    const d1 = doc(out.files, '2026-11-22T040000Z');
    const d2 = doc(second.files, '2026-11-29T040000Z');
    expect(objs(d2, s2, `${DCAT}previousVersion`)).toEqual([s1]);
    expect(objs(d1, s1, `${DCAT}previousVersion`)).toEqual([]);
    for (const [d, s, at, version] of [
      [d1, s1, T1, '1.20261122.40000'],
      [d2, s2, T2, '1.20261129.40000'],
    ] as const) {
      expect(
        d.getSubjects(namedNode(RDF_TYPE), namedNode(`${DCAT}Dataset`), null).map((t) => t.value),
      ).toEqual([s]);
      expect(objs(d, s, `${DCAT}isVersionOf`)).toEqual([uris.dataset]);
      expect(objs(d, s, `${DCAT}version`)).toEqual([version]);
      expect(objs(d, s, `${DCT}issued`)).toEqual([at]);
      expect(d.getObjects(namedNode(s), namedNode(`${DCT}title`), null)).toHaveLength(3);
      const dists = objs(d, s, `${DCAT}distribution`);
      expect(dists).toHaveLength(4);
      for (const dist of dists) {
        const url = objs(d, dist, `${DCAT}downloadURL`)[0]!;
        expect(url.startsWith(`${BASE}/v1/snapshots/${s.slice(s.lastIndexOf('/') + 1)}/`)).toBe(true);
        expect(objs(d, dist, `${DCAT}byteSize`)).toHaveLength(1);
      }
    }
    // The index lists the document with the snapshot's other files.
    const entry = JSON.parse(second.files.find((f) => f.key === 'v1/snapshots/index.json')!.body as string)
      .snapshots[1];
    expect(entry.files.map((f: { path: string }) => f.path.split('/').at(-1))).toEqual([
      'projects.json',
      'projects.csv',
      'projects.excel.csv',
      'datapackage.json',
      'catalog.ttl',
    ]);
  });

  it('uses the configured publisher, contact and issued date', () => {
    const custom = feedConfigSchema.parse({
      publicBaseUrl: 'https://data.example.org/amif',
      contactEmail: 'data@example.org',
      catalogue: {
        publisherName: 'Example Data Co-op',
        publisherUri: 'https://example.org/id/org',
        contactName: 'Open data desk',
        issued: '2026-01-15',
      },
    });
    const rendered = render(seedContext(T1, [], custom));
    const g = new Store(new Parser().parse(rendered.ttl));
    const u = catalogueUris(custom);
    expect(u.dataset).toBe('https://data.example.org/amif/id/dataset/amif-projects-finland');
    const objs = (s: string, p: string) => g.getObjects(namedNode(s), namedNode(p), null);
    expect(objs(u.dataset, `${DCT}publisher`).map((o) => o.value)).toEqual(['https://example.org/id/org']);
    expect(objs('https://example.org/id/org', `${FOAF}name`)[0]!.value).toBe('Example Data Co-op');
    const [issued] = objs(u.dataset, `${DCT}issued`);
    expect([issued!.value, datatype(issued)]).toEqual(['2026-01-15', `${XSD}date`]);
    const [contact] = objs(u.dataset, `${DCAT}contactPoint`);
    expect(g.getObjects(contact!, namedNode(`${VCARD}hasEmail`), null)[0]!.value).toBe(
      'mailto:data@example.org',
    );
    expect(g.getObjects(contact!, namedNode(`${VCARD}fn`), null)[0]!.value).toBe('Open data desk');
    expect(
      objs(u.dataset, `${DCAT}distribution`).every((d) =>
        d.value.startsWith('https://data.example.org/amif/'),
      ),
    ).toBe(true);
  });
});
