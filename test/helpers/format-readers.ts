import { parseString } from '@fast-csv/parse';
import { Parser as TurtleParser } from 'n3';
import { SaxesParser } from 'saxes';

/**
 * Real readers for the published formats, for tests that read a file back as its users' tools
 * would. saxes is a strict XML 1.0 parser (well-formedness and the Char production: a disallowed
 * character, an undefined entity or a duplicate attribute is an error); @fast-csv/parse is a strict
 * RFC 4180 reader (a stray quote is an error, a quoted CR LF stays CR LF, as pandas and Python's csv
 * read it). Both are installed as exceljs's own readers, so they add no dependency. n3 parses Turtle.
 */

/** The bytes as UTF-8, failing on any invalid sequence instead of replacing it. */
export function strictUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

/** Parses an XML document strictly (throws on the first error); returns its text nodes and attribute values. */
export function readXml(text: string): string[] {
  const parser = new SaxesParser({ xmlns: true });
  const values: string[] = [];
  parser.on('text', (t) => values.push(t));
  parser.on('opentag', (tag) => {
    for (const attribute of Object.values(tag.attributes)) values.push(attribute.value);
  });
  parser.write(text).close();
  return values;
}

/** Parses a Turtle document (throws on a syntax error) and returns how many triples it holds. */
export function readTurtle(text: string): number {
  return new TurtleParser({ format: 'text/turtle' }).parse(text).length;
}

/** A CSV file's rows, every cell the exact text it holds; rejects on malformed quoting. A leading BOM is dropped. */
export function readCsv(text: string, delimiter: ',' | ';' = ','): Promise<string[][]> {
  return new Promise((done, fail) => {
    const rows: string[][] = [];
    parseString(text.replace(/^\ufeff/, ''), { delimiter })
      .on('error', fail)
      .on('data', (row: string[]) => rows.push(row))
      .on('end', () => done(rows));
  });
}
