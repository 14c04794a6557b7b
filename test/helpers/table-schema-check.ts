import { expect } from 'vitest';
import { readCsv } from './doubles';

/**
 * A small Table Schema checker written from the specs (Table Schema: types, formats, constraints;
 * RFC 4180 with the descriptor's dialect), for the CSV files the Data Package describes.
 */

/** RFC 4180 with the descriptor's dialect: quoted cells, doubled quotes, CRLF records. */

export type Field = {
  name: string;
  type: string;
  format?: string;
  decimalChar?: string;
  bareNumber?: boolean;
  description?: string;
  constraints?: {
    required?: boolean;
    unique?: boolean;
    enum?: string[];
    pattern?: string;
    minimum?: number;
  };
};

export const TYPES = [
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'date',
  'time',
  'datetime',
  'year',
  'yearmonth',
  'duration',
  'geopoint',
  'geojson',
  'any',
  'list',
];
/** Constraints and the types they apply to (Table Schema, "Constraints"). */
export const CONSTRAINT_TYPES: Record<string, readonly string[] | 'all'> = {
  required: 'all',
  unique: 'all',
  enum: 'all',
  pattern: ['string'],
  minimum: ['integer', 'number', 'date', 'time', 'datetime', 'year', 'yearmonth'],
};
export const FORMATS: Record<string, readonly string[]> = {
  string: ['default', 'email', 'uri', 'binary', 'uuid'],
  date: ['default', 'any'],
  datetime: ['default', 'any'],
};

/** Problems with one cell against its field; empty when it fits. */
export function checkCell(field: Field, value: string, missing: readonly string[]): string[] {
  const c = field.constraints ?? {};
  if (missing.includes(value)) return c.required ? ['required value missing'] : [];
  const problems: string[] = [];
  let numeric: number | null = null;
  switch (field.type) {
    case 'string':
      if (field.format === 'uri' && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(value)) problems.push('not a URI');
      break;
    case 'number': {
      const d = field.decimalChar ?? '.';
      const re = new RegExp(`^[+-]?\\d+(\\${d}\\d+)?$`);
      if (!re.test(value)) problems.push(`not a number with decimal "${d}"`);
      else numeric = Number(value.replace(d, '.'));
      break;
    }
    case 'integer':
      if (!/^[+-]?\d+$/.test(value)) problems.push('not an integer');
      else numeric = Number(value);
      break;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
        problems.push('not an ISO date');
      else if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
        problems.push('no such date');
      break;
    case 'datetime':
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value) || Number.isNaN(Date.parse(value)))
        problems.push('not an ISO datetime (default format)');
      break;
    default:
      problems.push(`unexpected type ${field.type}`);
  }
  if (c.enum && !c.enum.includes(value)) problems.push(`not one of ${c.enum.join(', ')}`);
  if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(value))
    problems.push(`does not match ${c.pattern}`);
  if (c.minimum !== undefined && numeric !== null && numeric < c.minimum) problems.push(`below ${c.minimum}`);
  return problems;
}

/** Checks a tabular resource's bytes against its descriptor; returns every problem found. */
export function checkTable(resource: Record<string, unknown>, bytes: Buffer, bom: boolean): string[] {
  const problems: string[] = [];
  const dialect = resource.dialect as { delimiter: string; lineTerminator: string; header: boolean };
  const schema = resource.schema as {
    fields: Field[];
    primaryKey: string | string[];
    missingValues: string[];
  };
  let text = bytes.toString('utf8');
  if (bom) {
    if (text.charCodeAt(0) !== 0xfeff) problems.push('no byte order mark');
    text = text.slice(1);
  }
  expect(dialect.lineTerminator).toBe('\r\n');
  const [header, ...rows] = readCsv(text, dialect.delimiter);
  if (JSON.stringify(header) !== JSON.stringify(schema.fields.map((f) => f.name))) {
    problems.push(`header ${JSON.stringify(header)} differs from the schema's field names`);
  }
  const seen = new Map<string, Set<string>>();
  const keyColumns = [schema.primaryKey]
    .flat()
    .map((name) => schema.fields.findIndex((f) => f.name === name));
  const keys = new Set<string>();
  rows.forEach((row, r) => {
    const key = JSON.stringify(keyColumns.map((i) => row[i]));
    if (keys.has(key)) problems.push(`row ${r + 2}: primary key ${key} repeated`);
    keys.add(key);
    if (row.length !== schema.fields.length) problems.push(`row ${r + 2}: ${row.length} cells`);
    schema.fields.forEach((field, i) => {
      const value = row[i] ?? '';
      for (const p of checkCell(field, value, schema.missingValues)) {
        problems.push(`row ${r + 2} ${field.name}=${JSON.stringify(value)}: ${p}`);
      }
      if (field.constraints?.unique && !schema.missingValues.includes(value)) {
        const values = seen.get(field.name) ?? new Set();
        if (values.has(value)) problems.push(`row ${r + 2} ${field.name}: duplicate ${value}`);
        values.add(value);
        seen.set(field.name, values);
      }
    });
  });
  return problems;
}
