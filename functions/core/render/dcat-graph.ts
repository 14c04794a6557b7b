import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { Prefixes } from './dcat-serialise';

/** The namespaces of the catalogue documents, also their Turtle prefixes and JSON-LD context. */
export const DCAT_PREFIXES = {
  adms: 'http://www.w3.org/ns/adms#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const satisfies Prefixes;

const ns =
  (base: string) =>
  (local: string): string =>
    `${base}${local}`;
export const adms = ns(DCAT_PREFIXES.adms);
export const dcat = ns(DCAT_PREFIXES.dcat);
export const dct = ns(DCAT_PREFIXES.dct);
export const dcatap = ns(DCAT_PREFIXES.dcatap);
export const foaf = ns(DCAT_PREFIXES.foaf);
export const rdf = ns(DCAT_PREFIXES.rdf);
export const rdfs = ns(DCAT_PREFIXES.rdfs);
export const skos = ns(DCAT_PREFIXES.skos);
export const vcard = ns(DCAT_PREFIXES.vcard);
export const xsd = ns(DCAT_PREFIXES.xsd);

export type Lang = 'fi' | 'sv' | 'en';
export type Texts = Readonly<Record<Lang, string>>;
export const TEXT_LANGS: readonly Lang[] = ['fi', 'sv', 'en'];

const { namedNode, literal, blankNode, quad } = DataFactory;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A list of quads in the order they are added, with the few shapes of statement the catalogue
 * makes, so the documents come out byte for byte the same for the same input.
 */
export class GraphBuilder {
  private readonly list: Quad[] = [];
  /** Subjects already given their classes (a term used twice is described once). */
  private readonly described = new Set<string>();

  iri = namedNode;
  blank = blankNode;

  add(s: Quad_Subject, p: string, o: Quad_Object): void {
    this.list.push(quad(s, namedNode(p), o));
  }
  /** The statements grouped by subject, subjects in the order they first appeared. */
  get quads(): Quad[] {
    const order = new Map<string, number>();
    for (const q of this.list) {
      const key = `${q.subject.termType}:${q.subject.value}`;
      if (!order.has(key)) order.set(key, order.size);
    }
    const rank = (q: Quad) => order.get(`${q.subject.termType}:${q.subject.value}`)!;
    return this.list
      .map((q, i) => ({ q, i }))
      .sort((a, b) => rank(a.q) - rank(b.q) || a.i - b.i)
      .map(({ q }) => q);
  }
  type(s: Quad_Subject, ...classes: string[]): void {
    for (const cls of classes) this.add(s, rdf('type'), namedNode(cls));
  }
  text(s: Quad_Subject, p: string, value: string, lang?: Lang): void {
    this.add(s, p, lang ? literal(value, lang) : literal(value));
  }
  texts(s: Quad_Subject, p: string, t: Texts): void {
    for (const lang of TEXT_LANGS) this.add(s, p, literal(t[lang], lang));
  }
  /** A date (`YYYY-MM-DD`) as xsd:date, anything else as xsd:dateTime. */
  when(s: Quad_Subject, p: string, value: string): void {
    this.add(s, p, literal(value, namedNode(DATE.test(value) ? xsd('date') : xsd('dateTime'))));
  }
  typed(s: Quad_Subject, p: string, value: string, datatype: string): void {
    this.add(s, p, literal(value, namedNode(datatype)));
  }
  /** Runs `describe` the first time `iri` is seen, so a shared term gets its statements once. */
  once(iri: string, describe: () => void): void {
    if (this.described.has(iri)) return;
    this.described.add(iri);
    describe();
  }
}
