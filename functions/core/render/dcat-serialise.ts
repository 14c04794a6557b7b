import type { Quad, Term } from '@rdfjs/types';
import { Writer } from 'n3';

/**
 * One graph, two serialisations: Turtle through n3's Writer, and JSON-LD written directly from the
 * same quads (flattened: one node object per subject, compact IRIs through a prefix context). Both
 * are pure and synchronous; the catalogue tests parse both back and check they are isomorphic.
 */

export type Prefixes = Readonly<Record<string, string>>;

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

export function toTurtle(quads: readonly Quad[], prefixes: Prefixes): string {
  const writer = new Writer({ format: 'text/turtle', prefixes: { ...prefixes } });
  writer.addQuads([...quads]);
  let output: string | undefined;
  let failure: unknown = null;
  writer.end((error, result) => {
    failure = error;
    output = result;
  });
  // Without an output stream the writer collects a string and calls back synchronously.
  if (failure) throw failure;
  if (output === undefined) throw new Error('the Turtle writer did not finish synchronously');
  return output;
}

/** `http://purl.org/dc/terms/title` → `dct:title` when a prefix covers it; otherwise the full IRI. */
function compactor(prefixes: Prefixes): (iri: string) => string {
  const entries = Object.entries(prefixes).sort((a, b) => b[1].length - a[1].length);
  return (iri) => {
    for (const [prefix, namespace] of entries) {
      if (iri.startsWith(namespace)) {
        const local = iri.slice(namespace.length);
        // A compact IRI whose suffix starts with "//" would be read as an absolute IRI.
        if (local.length > 0 && !local.startsWith('//') && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(local)) {
          return `${prefix}:${local}`;
        }
      }
    }
    return iri;
  };
}

function nodeId(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

type JsonLdValue = { '@id': string } | { '@value': string; '@language'?: string; '@type'?: string };

export function toJsonLd(quads: readonly Quad[], prefixes: Prefixes): string {
  const compact = compactor(prefixes);
  const nodes = new Map<string, Record<string, unknown>>();
  for (const q of quads) {
    if (q.graph.termType !== 'DefaultGraph') throw new Error('only the default graph is supported');
    const id = nodeId(q.subject);
    let node = nodes.get(id);
    if (!node) {
      node = { '@id': id };
      nodes.set(id, node);
    }
    if (q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode') {
      const types = (node['@type'] as string[] | undefined) ?? [];
      node['@type'] = [...types, compact(q.object.value)];
      continue;
    }
    let value: JsonLdValue;
    if (q.object.termType === 'Literal') {
      const lit = q.object;
      value = lit.language
        ? { '@value': lit.value, '@language': lit.language }
        : lit.datatype.value === XSD_STRING
          ? { '@value': lit.value }
          : { '@value': lit.value, '@type': compact(lit.datatype.value) };
    } else {
      value = { '@id': nodeId(q.object) };
    }
    const key = compact(q.predicate.value);
    const values = (node[key] as JsonLdValue[] | undefined) ?? [];
    node[key] = [...values, value];
  }
  const doc = { '@context': { ...prefixes }, '@graph': [...nodes.values()] };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
