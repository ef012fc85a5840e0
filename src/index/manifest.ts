/** The manifest saved beside each index file: what the index holds and a checksum of the file. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const MANIFEST_VERSION = 1;

export const ManifestSchema = z.object({
  version: z.literal(MANIFEST_VERSION),
  name: z.string().min(1),
  modelId: z.string().min(1),
  dim: z.number().int().positive(),
  /** hnswlib space; vectors are unit length, so inner product = cosine. */
  space: z.literal('ip'),
  M: z.number().int().positive(),
  efConstruction: z.number().int().positive(),
  ef: z.number().int().positive(),
  /** Live vectors. */
  count: z.number().int().nonnegative(),
  /** Slots marked deleted, waiting for compaction. */
  deleted: z.number().int().nonnegative(),
  maxElements: z.number().int().nonnegative(),
  /** The store's change sequence the index reflects. */
  lastSeq: z.number().int(),
  /** sha256 of the index file, hex. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  /** Size of the index file in bytes. */
  bytes: z.number().int().nonnegative(),
  savedAt: z.string(),
});

export type Manifest = z.infer<typeof ManifestSchema>;

export type ManifestRead = { ok: true; manifest: Manifest } | { ok: false; message: string };

export async function readManifest(path: string): Promise<ManifestRead> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    return { ok: false, message: `manifest unreadable: ${(e as Error).message}` };
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, message: `manifest invalid: ${first ? `${first.path.join('.')}: ${first.message}` : 'unknown'}` };
  }
  return { ok: true, manifest: parsed.data };
}

/** Fields that must match for a saved index to be used, in the order they are checked. */
export interface ManifestExpectation {
  name: string;
  modelId: string;
  dim: number;
  M: number;
  efConstruction: number;
  count: number;
  lastSeq: number;
}

/** The first field whose saved value differs from the expected one, or null. */
export function manifestMismatch(m: Manifest, want: ManifestExpectation): { field: string; expected: unknown; found: unknown } | null {
  const order: (keyof ManifestExpectation)[] = ['name', 'modelId', 'dim', 'M', 'efConstruction', 'count', 'lastSeq'];
  for (const field of order) {
    if (m[field] !== want[field]) return { field, expected: want[field], found: m[field] };
  }
  return null;
}
