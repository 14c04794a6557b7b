/**
 * JSON with object keys sorted: equal data gives equal text, whatever order the keys were built
 * in (a reading parsed back from the state store has its schema's key order, a fresh one its
 * parser's).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
