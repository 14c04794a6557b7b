import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { renderSubscriberFeeds } from '../../functions/core/render/subscriber-feeds';
import { buildTestFeed, type TestFeed } from '../browser/feed';
import { baselineProject, contextOf } from '../core/render/feed-fixtures';
import { atomGrammarErrors, atomRuleErrors, jsonFeedErrors } from './feeds';
import { dataPackageErrors } from './frictionless';
import {
  AVOINDATA_ONTOLOGY,
  CODELIST_FILES,
  lines,
  type Profile,
  parseTurtle,
  type ShaclResult,
  validate,
  violations,
} from './shacl';
import { checkHtml } from './vnu';

/**
 * The catalogue a real two-run feed publishes, checked with the shapes that portals run: every
 * SEMIC DCAT-AP 3.0.1 profile, and avoindata.fi's. `v1/catalog.ttl` is what a portal harvests;
 * each snapshot's `catalog.ttl` describes that version on its own.
 */

const DCAT_DATASET = 'http://www.w3.org/ns/dcat#Dataset';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
/** Profiles run on the catalogue alone, as the Testbed runs them (its "background knowledge" is ontologies). */
const OFFLINE: readonly Profile[] = ['base', 'range', 'recommendations', 'deprecated', 'full', 'full1'];

let feed: TestFeed;
let documents: { name: string; quads: Quad[] }[];

beforeAll(async () => {
  feed = await buildTestFeed();
  const snapshots = join(feed.out, 'v1/snapshots');
  const ids = readdirSync(snapshots)
    .filter((d) => /^\d{4}-/.test(d))
    .sort();
  documents = [
    { name: 'v1/catalog.ttl', quads: parseTurtle(readFileSync(join(feed.out, 'v1/catalog.ttl'), 'utf8')) },
    ...ids.map((id) => ({
      name: `v1/snapshots/${id}/catalog.ttl`,
      quads: parseTurtle(readFileSync(join(snapshots, id, 'catalog.ttl'), 'utf8')),
    })),
  ];
}, 120_000);

const warnings = (results: readonly ShaclResult[]) =>
  lines(results.filter((r) => r.severity !== 'Violation'));

describe('DCAT-AP 3.0.1 (SEMIC shapes, rdf-validate-shacl)', () => {
  it('has the harvested catalogue and one document per snapshot (two runs, two snapshots)', () => {
    expect(documents.map((d) => d.name)).toEqual([
      'v1/catalog.ttl',
      'v1/snapshots/2026-11-21T040000Z/catalog.ttl',
      'v1/snapshots/2026-11-22T040000Z/catalog.ttl',
    ]);
  });

  for (const profile of OFFLINE) {
    it(`${profile}: 0 violations in every document`, async () => {
      for (const doc of documents) {
        const results = await validate(profile, doc.quads);
        expect(lines(violations(results)), `${profile} on ${doc.name}`).toEqual([]);
        // The only remark left: Finland, a dct:Location, has no bounding box or centroid in the catalogue.
        expect(warnings(results), `${profile} on ${doc.name}`).toEqual(
          profile === 'recommendations' || profile === 'full'
            ? [
                'Warning http://publications.europa.eu/resource/authority/country/FIN http://www.w3.org/ns/dcat#bbox MinCountConstraintComponent',
                'Warning http://publications.europa.eu/resource/authority/country/FIN http://www.w3.org/ns/dcat#centroid MinCountConstraintComponent',
              ]
            : [],
        );
      }
    });
  }

  it('range: 0 violations with the EU vocabularies loaded beside it, too', async () => {
    for (const doc of documents) {
      expect(lines(await validate('range', doc.quads, CODELIST_FILES)), doc.name).toEqual([]);
    }
  });

  it('codelists: every code is in its EU vocabulary once the vocabularies are loaded', async () => {
    for (const doc of documents) {
      const results = await validate('codelists', doc.quads, CODELIST_FILES);
      expect(lines(violations(results)), doc.name).toEqual([]);
      // amif-feed is not an EU institution, so its publisher is not in the corporate-body table: a warning.
      expect(new Set(results.map((r) => `${r.path} ${r.value}`))).toEqual(
        new Set(['http://purl.org/dc/terms/publisher http://localhost:8080/id/publisher']),
      );
    }
  });

  it('codelists: without the vocabularies the same shapes fail (the check is real)', async () => {
    const results = violations(await validate('codelists', documents[0]!.quads));
    expect(results.length).toBeGreaterThan(10);
    expect(results.every((r) => r.component === 'NodeConstraintComponent')).toBe(true);
  });
});

describe("avoindata.fi's shapes (DCAT-AP 2 based)", () => {
  it('reports nothing but the one documented conflict: dcat:byteSize as xsd:nonNegativeInteger (DCAT-AP 3) instead of xsd:decimal', async () => {
    for (const doc of documents) {
      const results = await validate('avoindata', doc.quads, AVOINDATA_ONTOLOGY);
      const distributions = doc.quads
        .filter((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#distribution')
        .map((q) => q.object.value)
        .sort();
      expect(results.map((r) => `${r.severity} ${r.path} ${r.component}`)).toEqual(
        distributions.map(() => 'Violation http://www.w3.org/ns/dcat#byteSize DatatypeConstraintComponent'),
      );
      expect(results.map((r) => r.focusNode).sort()).toEqual(distributions);
    }
  });
});

describe("CKAN's DCAT harvester", () => {
  it('finds exactly one dcat:Dataset in the harvested catalogue, however many snapshots exist', () => {
    const datasets = documents[0]!.quads.filter(
      (q) => q.predicate.value === RDF_TYPE && q.object.value === DCAT_DATASET,
    );
    expect(datasets.map((q) => q.subject.value)).toEqual([
      'http://localhost:8080/id/dataset/amif-projects-finland',
    ]);
  });
});

describe('Frictionless Data Package v2 (the JSON schemas, Ajv)', () => {
  it('the latest and every snapshot descriptor pass the package, Table Schema and Table Dialect schemas', () => {
    const descriptors = [
      'v1/datapackage.json',
      ...readdirSync(join(feed.out, 'v1/snapshots'))
        .filter((d) => /^\d{4}-/.test(d))
        .map((id) => `v1/snapshots/${id}/datapackage.json`),
    ];
    expect(descriptors).toHaveLength(3);
    for (const key of descriptors) {
      expect(dataPackageErrors(JSON.parse(readFileSync(join(feed.out, key), 'utf8'))), key).toEqual([]);
    }
  });

  it('the schemas are real: a descriptor with a broken field type fails', () => {
    const descriptor = JSON.parse(readFileSync(join(feed.out, 'v1/datapackage.json'), 'utf8'));
    descriptor.resources[0].schema.fields[0].type = 'text';
    descriptor.resources[0].dialect.header = 'yes';
    const errors = dataPackageErrors(descriptor);
    expect(errors).toContain(
      'package/resources/0/schema/fields/0/type must be equal to one of the allowed values',
    );
    expect(errors.some((e) => e.includes('dialect/header'))).toBe(true);
  });
});

describe('HTML (W3C Nu Html Checker, vnu.jar)', () => {
  it('finds no error in any published page (and does find one in a broken page beside them)', () => {
    const control = join(mkdtempSync(join(tmpdir(), 'vnu-')), 'broken.html');
    writeFileSync(
      control,
      '<!doctype html><html lang="fi"><head><title>x</title></head><body><p><div></p></body></html>',
    );
    const pages = readdirSync(feed.out, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.html'),
    );
    expect(pages.length).toBeGreaterThan(100);
    // One JVM for every page.
    const messages = checkHtml([feed.out, control]);
    expect(messages.some((m) => m.type === 'error' && m.url.endsWith('/broken.html'))).toBe(true);
    const published = messages.filter((m) => !m.url.endsWith('/broken.html'));
    const errors = published.filter((m) => m.type !== 'info');
    expect(
      errors.map((m) => `${m.url.slice(m.url.indexOf('/out/') + 5)}:${m.lastLine} ${m.message}`),
    ).toEqual([]);
    // What is left is the checker's guess that a Swedish or English page "appears to be written in
    // Finnish": its data are, and each element holding them says so with lang="fi".
    expect(
      [...new Set(published.map((m) => m.message.replace(/lang="(sv|en)"/, 'lang="…"')))].filter(
        (m) =>
          !m.startsWith(
            'This document appears to be written in Finnish but the “html” start tag has “lang="…"”',
          ),
      ),
    ).toEqual([]);
  }, 120_000);
});

describe('v1/projects.xlsx as published (read back with SheetJS)', () => {
  it('holds every project of projects.json with the same amounts, and each snapshot has the same bytes', () => {
    const json = JSON.parse(readFileSync(join(feed.out, 'v1/projects.json'), 'utf8')) as {
      projects: { id: string; euFundingEur: number | null; endDate: string | null }[];
    };
    const bytes = readFileSync(join(feed.out, 'v1/projects.xlsx'));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(
      XLSX.read(bytes, { type: 'buffer', cellDates: true }).Sheets.projects!,
    );
    expect(rows.map((r) => r.id)).toEqual(json.projects.map((p) => p.id));
    json.projects.forEach((p, i) => {
      expect(rows[i]!.eu_funding_eur, p.id).toBe(p.euFundingEur ?? undefined);
      expect(rows[i]!.end_date, p.id).toEqual(
        p.endDate === null ? undefined : new Date(`${p.endDate}T00:00:00Z`),
      );
    });
    // ADERE's amount as the second run changed it.
    expect(rows.find((r) => String(r.name).startsWith('ADERE'))?.eu_funding_eur).toBe(1_500_000.5);
    const snapshot = readFileSync(join(feed.out, 'v1/snapshots/2026-11-22T040000Z/projects.xlsx'));
    expect(snapshot.equals(bytes)).toBe(true);
  });
});

describe('Atom (RFC 4287) and JSON Feed 1.1: the main feed and every per-subscriber feed', () => {
  const feedKeys = () =>
    readdirSync(join(feed.out, 'v1/feeds'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.atom') || f.endsWith('.json'))
      .map((f) => `v1/feeds/${f}`)
      .sort();
  const read = (key: string) => readFileSync(join(feed.out, key), 'utf8');

  it('publishes a feed per 2021–2027 objective, per programme and per beneficiary of projects.json', () => {
    const projects = (
      JSON.parse(read('v1/projects.json')) as {
        projects: { programme: string; beneficiary: { id: string } }[];
      }
    ).projects;
    const beneficiaries = [...new Set(projects.map((p) => p.beneficiary.id))].sort();
    expect(beneficiaries).toHaveLength(27);
    const keys = feedKeys();
    expect(keys.filter((k) => !k.includes('/beneficiary/'))).toEqual([
      'v1/feeds/objective/1.atom',
      'v1/feeds/objective/1.json',
      'v1/feeds/objective/2.atom',
      'v1/feeds/objective/2.json',
      'v1/feeds/objective/3.atom',
      'v1/feeds/objective/3.json',
      'v1/feeds/programme/amif-2014-2020.atom',
      'v1/feeds/programme/amif-2014-2020.json',
      'v1/feeds/programme/amif-2021-2027.atom',
      'v1/feeds/programme/amif-2021-2027.json',
      'v1/feeds/programme/eusa-2021-2027.atom',
      'v1/feeds/programme/eusa-2021-2027.json',
    ]);
    expect(keys.filter((k) => k.includes('/beneficiary/'))).toEqual(
      beneficiaries.flatMap((id) => [`v1/feeds/beneficiary/${id}.atom`, `v1/feeds/beneficiary/${id}.json`]),
    );
  });

  it('every Atom document passes the RFC 4287 grammar (Jing) and the rules it cannot state', () => {
    const atom = ['v1/feed.atom', ...feedKeys().filter((k) => k.endsWith('.atom'))];
    expect(atomGrammarErrors(atom.map((k) => join(feed.out, k)))).toEqual([]);
    for (const key of atom) expect(atomRuleErrors(read(key)), key).toEqual([]);
  });

  it('every JSON Feed passes the JSON Feed 1.1 schema, ids unique', () => {
    for (const key of ['v1/feed.json', ...feedKeys().filter((k) => k.endsWith('.json'))]) {
      expect(jsonFeedErrors(JSON.parse(read(key))), key).toEqual([]);
    }
  });

  it("ADERE's changed amount is in its beneficiary's, objective's and programme's feeds, as in the main feed", () => {
    const main = JSON.parse(read('v1/feed.json')) as { items: { id: string; title: string }[] };
    const adere = main.items.find((i) => i.title.startsWith('EU-rahoitus muuttui: ADERE'));
    expect(adere?.id).toMatch(/^tag:localhost,2026:amif-feed\/amif21-[0-9a-f]{10}\/v2$/);
    for (const key of [
      'v1/feeds/beneficiary/maahanmuuttovirasto.json',
      'v1/feeds/objective/1.json',
      'v1/feeds/programme/amif-2021-2027.json',
    ]) {
      expect((JSON.parse(read(key)) as { items: unknown[] }).items[0], key).toEqual(adere);
    }
    expect(read('v1/feeds/objective/2.json')).not.toContain(adere!.id);
  });

  it('a feed without entries (a beneficiary whose changes left the window) is valid too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feeds-'));
    const ctx = { ...contextOf([[baselineProject()]], []), recentChanges: [] };
    const files = renderSubscriberFeeds(ctx).filter((f) => f.key.includes('/nivalan-kaupunki.'));
    expect(files.map((f) => f.key)).toEqual([
      'v1/feeds/beneficiary/nivalan-kaupunki.atom',
      'v1/feeds/beneficiary/nivalan-kaupunki.json',
    ]);
    const [atom, json] = files.map((f) => String(f.body));
    expect(atom).not.toContain('<entry>');
    writeFileSync(join(dir, 'empty.atom'), atom!);
    expect(atomGrammarErrors([join(dir, 'empty.atom')])).toEqual([]);
    expect(atomRuleErrors(atom!)).toEqual([]);
    expect(JSON.parse(json!).items).toEqual([]);
    expect(jsonFeedErrors(JSON.parse(json!))).toEqual([]);
  });

  it('the checks are real: a broken Atom and a broken JSON Feed fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feeds-'));
    const atom = read('v1/feeds/objective/1.atom');
    const noUpdated = join(dir, 'no-updated.atom');
    writeFileSync(noUpdated, atom.replace(/\n {2}<updated>[^<]*<\/updated>/, ''));
    const badDate = join(dir, 'bad-date.atom');
    writeFileSync(badDate, atom.replace(/<updated>[^<]*<\/updated>/, '<updated>22.11.2026</updated>'));
    const errors = atomGrammarErrors([noUpdated, badDate]);
    expect(errors.some((e) => e.includes('no-updated.atom') && e.includes('updated'))).toBe(true);
    expect(errors.some((e) => e.includes('bad-date.atom'))).toBe(true);
    const entry = atom.match(/ {2}<entry>[\s\S]*?<\/entry>\n/)![0];
    const doubled = atom.replace(entry, entry + entry);
    expect(atomRuleErrors(doubled).some((e) => e.includes('same id and updated'))).toBe(true);
    expect(atomRuleErrors(atom.replace(/<id>tag:[^<]*<\/id>/, '<id>feed-1</id>'))).toEqual([
      'feed: id "feed-1" is not an absolute IRI (4.2.6)',
    ]);
    const json = JSON.parse(read('v1/feeds/objective/1.json'));
    json.items.push({ ...json.items[0] });
    json.items[0].content_text = undefined;
    json.titel = 'x';
    expect(jsonFeedErrors(JSON.parse(JSON.stringify(json)))).toEqual(
      expect.arrayContaining([
        '/ must NOT have additional properties',
        "/items/0 must have required property 'content_html'",
        expect.stringMatching(/^\/items\/\d+\/id ".*" repeats an earlier item's$/),
      ]),
    );
  });
});
