import type { OssResponseHeaders } from './types';

/** The only response headers we read. Nothing else (cookies, authorization echoes) is ever copied. */
export interface OssHeaderValues {
  requestId?: string;
  ec?: string;
  err?: string;
  errorType?: string;
  date?: string;
  nextAppendPosition?: string;
}

const WANTED: Readonly<Record<string, keyof OssHeaderValues>> = {
  'x-oss-request-id': 'requestId',
  'x-oss-ec': 'ec',
  'x-oss-err': 'err',
  'x-oss-error-type': 'errorType',
  date: 'date',
  'x-oss-next-append-position': 'nextAppendPosition',
};

// The first letters of the wanted names, in lower case: a header name that starts otherwise (content-type,
// server, ...) is not lowered to be looked up.
const FIRST_LETTERS: ReadonlySet<number> = new Set(Object.keys(WANTED).map((name) => name.charCodeAt(0)));

function firstValue(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'number' && Number.isFinite(first)) return String(first);
  if (typeof first !== 'string') return undefined;
  const trimmed = first.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Reads the OSS headers from a plain object with keys in any letter case, or a `Headers`-like object.
 * Own keys come first, in one pass: they are the headers of a plain object (Node's, got's) and of axios's
 * AxiosHeaders (whose `get` would search them all again for every name). Only when they hold none of the
 * headers is `get` asked (fetch's `Headers`, a `Map`).
 */
export function readOssHeaders(headers: OssResponseHeaders | null | undefined): OssHeaderValues {
  const out: OssHeaderValues = {};
  if (headers === null || typeof headers !== 'object') return out;
  let found = false;
  for (const name of Object.keys(headers)) {
    if (!FIRST_LETTERS.has(name.charCodeAt(0) | 0x20)) continue;
    const lower = name.toLowerCase();
    const key = Object.hasOwn(WANTED, lower) ? WANTED[lower] : undefined;
    if (key === undefined || out[key] !== undefined) continue;
    const value = firstValue((headers as Record<string, unknown>)[name]);
    if (value !== undefined) {
      out[key] = value;
      found = true;
    }
  }
  const get = (headers as { get?: unknown }).get;
  if (found || typeof get !== 'function') return out;
  for (const [name, key] of Object.entries(WANTED)) {
    const value = firstValue((get as (name: string) => unknown).call(headers, name));
    if (value !== undefined) out[key] = value;
  }
  return out;
}
