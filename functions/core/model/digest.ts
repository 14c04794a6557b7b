import { createHash } from 'node:crypto';

/** A file's size in bytes and SHA-256 (hex), as the catalogue, the snapshots and the manifest name it. */
export interface Digest {
  readonly bytes: number;
  readonly sha256: string;
}

/** Size in bytes and SHA-256 (hex) of a body exactly as it is stored (strings as UTF-8). */
export function digestOf(body: string | Uint8Array): Digest {
  if (typeof body === 'string') return digestOfBytes(Buffer.from(body, 'utf8'));
  let digest = digests.get(body);
  if (!digest) {
    digest = digestOfBytes(body);
    digests.set(body, digest);
  }
  return digest;
}

// A large body's digest is asked for by the catalogue, the snapshot and the manifest: take it once.
const digests = new WeakMap<Uint8Array, Digest>();

function digestOfBytes(bytes: Uint8Array): Digest {
  return { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}
