import { TRACKED_FIELDS } from '../diff';
import { changeRowKindSchema } from '../model/change-row';
import { CHANGE_COLUMNS } from './change-rows';
import { FORMULA_ESCAPE } from './csv';
import type { PackagedFile, TableSchema, TableSchemaField } from './datapackage';

type ChangeColumn = (typeof CHANGE_COLUMNS)[number];

const FIELDS: Record<ChangeColumn, Omit<TableSchemaField, 'name'>> = {
  project_id: {
    type: 'string',
    description: 'The project (the id column of projects.csv)',
    constraints: { required: true, pattern: '[a-z0-9][a-z0-9\\-]*' },
  },
  version: {
    type: 'integer',
    description: 'The version of the project this change made (the version column of projects.csv then)',
    constraints: { required: true, minimum: 1 },
  },
  at: {
    type: 'datetime',
    format: 'default',
    description:
      'When the feed saw the change: the start of the run that read it (UTC), not a date the sources state',
    constraints: { required: true },
  },
  kind: {
    type: 'string',
    description:
      'new (first seen on a list or Migri page), announced (first seen in a press release only), changed, ' +
      'removed (gone from its source), reinstated (back again)',
    constraints: { required: true, enum: changeRowKindSchema.options },
  },
  field: {
    type: 'string',
    description:
      'The field of the record, named as in projects.json. A new or announced project has one row per field ' +
      'it states; a field without a row is null (an empty list for sources, announcements and quality)',
    constraints: { required: true, enum: TRACKED_FIELDS },
  },
  old: {
    type: 'string',
    description:
      'The value before: text as it is, numbers and nested values (beneficiary, specificObjective, sources, ' +
      'migri, announcements, quality) as JSON with sorted keys; empty for null and for a new project',
  },
  new: { type: 'string', description: 'The value after, written as old' },
  source: {
    type: 'string',
    description:
      'Ids of the sources the record had as of this version, joined with " | " (as source_ids in projects.csv)',
    constraints: { required: true },
  },
};

/** The Table Schema of v1/changes.csv: one row per changed field of one version of one project. */
export function changesTableSchema(): TableSchema {
  return {
    $schema: 'https://datapackage.org/profiles/2.0/tableschema.json',
    fields: CHANGE_COLUMNS.map((name) => ({ name, ...FIELDS[name] })),
    primaryKey: ['project_id', 'version', 'field'],
    missingValues: [''],
  };
}

/** The history's resources in a Data Package: the CSV with its schema, and the same rows as JSON Lines. */
export function changesResources(
  csv: PackagedFile | null | undefined,
  jsonl: PackagedFile | null | undefined,
  dialect: Record<string, unknown>,
): Record<string, unknown>[] {
  const hash = (f: PackagedFile) => `sha256:${f.sha256}`;
  return [
    ...(csv
      ? [
          {
            name: 'changes',
            type: 'table',
            profile: 'tabular-data-resource',
            path: csv.path,
            title: 'Every change to AMIF-funded projects since the feed began (CSV)',
            description:
              'One row per field of every version of every project, oldest first (by at, then project_id, version ' +
              'and field order). It grows only when a run changes something. Same dialect and formula guard as ' +
              'projects.csv.',
            format: 'csv',
            mediatype: 'text/csv',
            encoding: 'utf-8',
            bytes: csv.bytes,
            hash: hash(csv),
            dialect,
            schema: changesTableSchema(),
            formulaEscape: FORMULA_ESCAPE,
          },
        ]
      : []),
    ...(jsonl
      ? [
          {
            name: 'changes-jsonl',
            path: jsonl.path,
            title: 'Every change to AMIF-funded projects since the feed began (JSON Lines)',
            description:
              'The rows of changes.csv as JSON Lines, one object per line with the same keys, old and new as typed ' +
              'JSON values (null for none), nothing escaped.',
            format: 'jsonl',
            mediatype: 'application/jsonl',
            encoding: 'utf-8',
            bytes: jsonl.bytes,
            hash: hash(jsonl),
          },
        ]
      : []),
  ];
}
