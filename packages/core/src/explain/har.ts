import { decodeBase64Utf8 } from '../body';
import type { ExplainResult } from '../explain';
import { parseOssError } from '../parse';
import type { OssResponseLike } from '../types';
import { describe } from './describe';

/** One HAR entry that has a response, as parseOssError's input. */
export interface HarResponse {
  /** 1-based position of the entry in `log.entries`. */
  readonly position: number;
  readonly response: OssResponseLike;
  /** Whether the HAR file holds the body (exports may leave bodies out). */
  readonly bodySaved: boolean;
}

/** What a HAR file holds: every entry with a response, and how many had none. */
export interface HarFile {
  readonly entryCount: number;
  readonly responses: readonly HarResponse[];
  /** Entries without a response (status 0): blocked by the browser (CORS), aborted, or failed on the network. */
  readonly withoutResponse: number;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// HAR 1.2 `headers`: [{ name, value }], names as sent (HTTP/2: lower case). Chromium adds HTTP/2 pseudo
// headers (`:status`) to some exports; they are not response headers. Repeated names are joined.
function readHeaders(list: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!Array.isArray(list)) return headers;
  for (const item of list) {
    const name = string(object(item)?.name)?.toLowerCase();
    const value = string(object(item)?.value);
    if (name === undefined || value === undefined || name.startsWith(':') || name === '__proto__') continue;
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

// `content.text` is the body as text, or base64 with `content.encoding: "base64"` (binary or undecodable
// bodies). Missing when the export left bodies out (Firefox writes a `comment` instead; Chromium's
// "Save all as HAR" without content). Old Firefox versions wrote base64 without saying so: a text that is
// not a document but decodes to one is read decoded.
function readBody(content: Json | undefined): string | undefined {
  const text = string(content?.text);
  if (text === undefined) return undefined;
  if (string(content?.encoding)?.toLowerCase() === 'base64') return decodeBase64Utf8(text) ?? '';
  if (/^\s*[<{]/.test(text)) return text;
  const decoded = decodeBase64Utf8(text);
  return decoded !== undefined && /^\s*</.test(decoded) ? decoded : text;
}

/**
 * Reads a HAR file (HTTP Archive 1.2, as Chromium's and Firefox's devtools save it): `undefined` when the text
 * is not one, a message when it looks like one but cannot be read, else every entry with a response.
 */
export function readHar(text: string): HarFile | string | undefined {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed.startsWith('{') || !/"log"\s*:/.test(trimmed)) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(trimmed);
  } catch (error) {
    if (!/"entries"\s*:/.test(trimmed)) return undefined;
    return `it looks like a HAR file but is not valid JSON (${(error as Error).message}); was it cut short?`;
  }
  const entries = object(object(root)?.log)?.entries;
  if (!Array.isArray(entries)) return undefined;
  const responses: HarResponse[] = [];
  let withoutResponse = 0;
  entries.forEach((entry, index) => {
    const request = object(object(entry)?.request);
    const response = object(object(entry)?.response);
    const status = Number(response?.status);
    if (!Number.isInteger(status) || status < 100) {
      withoutResponse++;
      return;
    }
    const method = string(request?.method);
    const url = string(request?.url);
    const body = readBody(object(response?.content));
    responses.push({
      position: index + 1,
      bodySaved: body !== undefined,
      response: {
        status,
        headers: readHeaders(response?.headers),
        body: body ?? '',
        ...(method === undefined ? {} : { method }),
        ...(url === undefined ? {} : { url }),
      },
    });
  });
  return { entryCount: entries.length, responses, withoutResponse };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `explain` over a HAR file: one block per OSS error, in file order, or an array of details with `--json`. */
export function explainHar(har: HarFile, json: boolean): ExplainResult {
  const found = har.responses.flatMap(({ position, response, bodySaved }) => {
    const details = parseOssError(response);
    return details === undefined ? [] : [{ position, details, bodySaved }];
  });
  const blocked =
    har.withoutResponse === 0
      ? ''
      : ` ${plural(har.withoutResponse, 'entry has', 'entries have')} no response (status 0): the browser blocked or aborted it, for OSS most often because no CORS rule matches the origin, method or headers (the browser console says which).`;
  if (found.length === 0) {
    return {
      exitCode: 1,
      output: `oss-errors explain: no OSS error found in the HAR file (${plural(har.entryCount, 'entry', 'entries')}).${blocked}`,
    };
  }
  if (json)
    return {
      exitCode: 0,
      output: JSON.stringify(
        found.map(({ details }) => details),
        null,
        2,
      ),
    };
  const blocks = found.map(({ position, details, bodySaved }) => {
    const title = `== Entry ${position} of ${har.entryCount}: ${details.method ?? '(no method)'} ${details.url ?? '(no URL)'}`;
    // A status-only answer may only mean that the export left the body out.
    const note =
      bodySaved || details.source !== 'status'
        ? ''
        : '\nNote:  the HAR file holds no body for this entry; export it with response content to see the OSS code.';
    return `${title}${note}\n${describe(details, true)}`;
  });
  const summary = `${plural(found.length, 'OSS error', 'OSS errors')} in ${plural(har.entryCount, 'entry', 'entries')}.${blocked}`;
  return { exitCode: 0, output: `${blocks.join('\n\n')}\n\n${summary}` };
}
