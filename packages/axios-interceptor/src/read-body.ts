import { MAX_BODY_BYTES } from '@oss-errors/core/adapter';
import { toBytes } from './bytes';
import { raceDeadline, TIMED_OUT } from './deadline';
import { isNodeReadable, readNodeStreamPrefix } from './node-stream';
import { isWebReadableStream, readWebStreamPrefix } from './web-stream';

/** What `parseOssError` can read. */
export type ErrorBody = string | Uint8Array | undefined;

/** How much of a body that is not yet in memory may be read, and for how long. */
export interface BodyLimits {
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
}

interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

function isBlobLike(value: object): value is BlobLike {
  const blob = value as Partial<Record<'size' | 'slice' | 'arrayBuffer', unknown>>;
  return (
    typeof blob.size === 'number' &&
    typeof blob.slice === 'function' &&
    typeof blob.arrayBuffer === 'function'
  );
}

interface DocumentLike {
  readonly documentElement: { readonly outerHTML?: unknown } | null;
}

function isDocumentLike(value: object): value is DocumentLike {
  return 'documentElement' in value && typeof (value as { nodeType?: unknown }).nodeType === 'number';
}

/** A DOM Document (xhr with `responseType: 'document'`) as text. */
function serializeDocument(document: DocumentLike): string | undefined {
  if (typeof XMLSerializer === 'function')
    return new XMLSerializer().serializeToString(document as unknown as Node);
  const html = document.documentElement?.outerHTML;
  return typeof html === 'string' ? html : undefined;
}

/**
 * The start of an error response's body, whatever `responseType` made of it: a string (text, document
 * and unparsed JSON), bytes (arraybuffer), a Blob, a parsed JSON object, a DOM Document (xhr), or a Node
 * or web stream. Streams and Blobs are read up to the byte cap within the time limit; a stream is put
 * back on `response.data` so that it still yields every byte. Never throws.
 */
export async function readErrorBody(response: { data: unknown }, limits: BodyLimits): Promise<ErrorBody> {
  // The core never reads past MAX_BODY_BYTES, so reading more from a stream would buy nothing.
  const cap = Math.min(limits.maxBodyBytes, MAX_BODY_BYTES);
  const data = response.data;
  try {
    if (data === null || data === undefined || typeof data === 'string') return data ?? undefined;
    if (typeof data !== 'object') return undefined;
    const bytes = toBytes(data);
    if (bytes !== undefined) return bytes;
    if (isWebReadableStream(data))
      return await readWebStreamPrefix(response, data, cap, limits.bodyTimeoutMs);
    if (isNodeReadable(data)) return await readNodeStreamPrefix(response, data, cap, limits.bodyTimeoutMs);
    if (isBlobLike(data)) {
      const prefix = await raceDeadline(data.slice(0, cap).arrayBuffer(), limits.bodyTimeoutMs);
      return prefix === TIMED_OUT ? undefined : new Uint8Array(prefix);
    }
    if (isDocumentLike(data)) return serializeDocument(data);
    // axios parsed a JSON body ({"Error": {...}}): give the core its text again.
    return JSON.stringify(data);
  } catch {
    return undefined;
  }
}
