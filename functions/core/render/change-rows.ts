import { canonicalJson } from '../canonical-json';
import { TRACKED_FIELDS } from '../diff';
import type { ChangeRow, ChangeRowKind } from '../model/change-row';
import type { ProjectVersion } from '../model/history';
import type { ProjectRecord } from '../model/project';
import { toCsv } from './csv';

/** The columns of v1/changes.csv, in order; v1/changes.jsonl writes each row's keys in this order too. */
export const CHANGE_COLUMNS = [
  'project_id',
  'version',
  'at',
  'kind',
  'field',
  'old',
  'new',
  'source',
] as const;

/** Versions in the order the change history lists them: by time, then project, then version. */
export function historyOrder(a: ProjectVersion, b: ProjectVersion): number {
  if (a.changedAt !== b.changedAt) return a.changedAt < b.changedAt ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.version - b.version;
}

/** Whether a new project's field says anything: null and empty lists are what the record says by default. */
function stated(value: unknown): boolean {
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

function kindOf(v: ProjectVersion): ChangeRowKind {
  return v.kind === 'new' && v.record.status === 'announced' ? 'announced' : v.kind;
}

/**
 * The rows of one version. A new project gives one row per tracked field it states (old null), in
 * TRACKED_FIELDS order, so the history alone rebuilds every version of every record's tracked
 * fields: a field without a row is null (an empty list for the list fields). Any other version
 * gives one row per changed field, with both values, as the diff recorded them.
 */
export function changeRowsOf(v: ProjectVersion): ChangeRow[] {
  const base = {
    project_id: v.id,
    version: v.version,
    at: v.changedAt,
    kind: kindOf(v),
    source: v.record.sources.map((s) => s.id).join(' | '),
  };
  const fields =
    v.kind === 'new'
      ? TRACKED_FIELDS.flatMap((field) => {
          const value: unknown = v.record[field as keyof ProjectRecord];
          return stated(value) ? [{ field, old: null, new: value }] : [];
        })
      : v.fields;
  return fields.map((f) => ({ ...base, field: f.field, old: f.old ?? null, new: f.new ?? null }));
}

/** A value as a CSV cell: text as it is, null as an empty cell, numbers and structures as canonical JSON. */
export function changeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return canonicalJson(value);
}

/** The rows of several versions, in history order. */
export function changeRows(versions: readonly ProjectVersion[]): ChangeRow[] {
  return [...versions].sort(historyOrder).flatMap(changeRowsOf);
}

/** Rows as RFC 4180 CSV records (with the formula guard of projects.csv); the header only when asked. */
export function changeRowsCsv(rows: readonly ChangeRow[], header: boolean): string {
  const csv = toCsv(
    CHANGE_COLUMNS,
    rows.map((r) => CHANGE_COLUMNS.map((c) => (c === 'version' ? String(r.version) : changeCell(r[c])))),
  );
  // toCsv always writes the header: cut it off when the rows are appended to an existing file.
  return header ? csv : csv.slice(csv.indexOf('\r\n') + 2);
}

/** Rows as JSON Lines: one object per line, keys in column order, values typed (null for none). */
export function changeRowsJsonl(rows: readonly ChangeRow[]): string {
  const json = (r: ChangeRow, c: (typeof CHANGE_COLUMNS)[number]) =>
    c === 'old' || c === 'new' ? (canonicalJson(r[c]) ?? 'null') : JSON.stringify(r[c]);
  return rows
    .map((r) => `{${CHANGE_COLUMNS.map((c) => `${JSON.stringify(c)}:${json(r, c)}`).join(',')}}\n`)
    .join('');
}
