/**
 * DynamoDB's item size, estimated from the native (document-client) value before marshalling.
 *
 * The rules follow the DynamoDB developer guide ("Item sizes and formats"): attribute names
 * count their UTF-8 bytes; strings their UTF-8 bytes; binaries their raw length; numbers about
 * one byte per two significant digits plus one; null and booleans one byte; maps and lists three
 * bytes plus one byte per element on top of their content. The estimate errs on the high side,
 * which is what a pre-flight check against the 400 KB limit wants.
 */

/** DynamoDB's hard item-size limit (400 KB, counted as 400 × 1024 bytes). */
export const DYNAMODB_MAX_ITEM_BYTES = 400 * 1024;

export function approximateItemSize(item: Readonly<Record<string, unknown>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue; // removed by the marshaller (removeUndefinedValues)
    size += Buffer.byteLength(name, 'utf8') + valueSize(value);
  }
  return size;
}

function valueSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value)
      .replace(/[^0-9]/g, '')
      .replace(/^0+/, '').length;
    return Math.ceil(digits / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) {
    let size = 3;
    for (const element of value) size += 1 + (element === undefined ? 0 : valueSize(element));
    return size;
  }
  if (value instanceof Set) {
    let size = 0;
    for (const element of value) size += valueSize(element);
    return size;
  }
  if (typeof value === 'object') {
    let size = 3;
    for (const [name, element] of Object.entries(value)) {
      if (element === undefined) continue;
      size += 1 + Buffer.byteLength(name, 'utf8') + valueSize(element);
    }
    return size;
  }
  // Functions and symbols cannot be marshalled at all; the marshaller will say so.
  return 0;
}
