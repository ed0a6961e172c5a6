import { type OssErrorDetails, parseOssError } from '@oss-errors/core';

// The page side of parse.test.ts: `parseOssError` from the built core, in Chromium, on bodies as a page
// gets them from fetch() (text, Uint8Array, ArrayBuffer) and from another realm (an iframe's fetch, its
// own Uint8Array and ArrayBuffer constructors), with the browser's Headers.

/** Each way a page can hand a body to parseOssError; null where parseOssError said undefined. */
export interface ParsedForms {
  readonly text: OssErrorDetails | null;
  readonly bytes: OssErrorDetails | null;
  readonly buffer: OssErrorDetails | null;
  /** The same response fetched by an iframe: its ArrayBuffer, and a Uint8Array of the iframe's realm. */
  readonly frameBytes: OssErrorDetails | null;
  readonly frameBuffer: OssErrorDetails | null;
}

export interface FetchedResponse extends ParsedForms {
  readonly status: number;
  /** The iframe's objects really are of another realm (instanceof fails here), as the test requires. */
  readonly otherRealm: boolean;
}

let frame: Window | undefined;

/** A same-origin iframe: a realm with its own fetch, Headers, Uint8Array and ArrayBuffer. */
function otherRealm(): Window & typeof globalThis {
  if (frame === undefined) {
    const iframe = document.createElement('iframe');
    document.body.append(iframe);
    frame = iframe.contentWindow!;
  }
  return frame as Window & typeof globalThis;
}

const orNull = (details: OssErrorDetails | undefined): OssErrorDetails | null => details ?? null;

/** Fetches each URL (in this page and in the iframe) and parses every form of its body. */
export async function parseFetched(
  requests: ReadonlyArray<{ readonly url: string; readonly method: string }>,
): Promise<FetchedResponse[]> {
  const realm = otherRealm();
  const results: FetchedResponse[] = [];
  for (const { url, method } of requests) {
    const parse = (headers: Headers, body: string | Uint8Array | ArrayBuffer, status: number) =>
      orNull(parseOssError({ status, headers, body, method, url }));
    const response = await fetch(url, { method, redirect: 'manual' });
    const text = await response.clone().text();
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    const buffer = await response.arrayBuffer();
    const frameResponse = await realm.fetch(url, { method, redirect: 'manual' });
    const frameBuffer = await frameResponse.arrayBuffer();
    const frameBytes = new realm.Uint8Array(frameBuffer);
    results.push({
      status: response.status,
      otherRealm:
        !(frameBuffer instanceof ArrayBuffer) &&
        !(frameBytes instanceof Uint8Array) &&
        !(frameResponse.headers instanceof Headers),
      text: parse(response.headers, text, response.status),
      bytes: parse(response.headers, bytes, response.status),
      buffer: parse(response.headers, buffer, response.status),
      frameBytes: parse(frameResponse.headers, frameBytes, frameResponse.status),
      frameBuffer: parse(frameResponse.headers, frameBuffer, frameResponse.status),
    });
  }
  return results;
}

/** A generated response: a body as text, or as raw bytes (which need not be UTF-8). */
export interface GeneratedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text?: string;
  readonly bytes?: readonly number[];
}

/** parseOssError on each form of each generated body; the headers as a plain object, Headers, and the iframe's Headers. */
export function parseGenerated(
  responses: readonly GeneratedResponse[],
): Array<ParsedForms & { headers: OssErrorDetails | null; frameHeaders: OssErrorDetails | null }> {
  const realm = otherRealm();
  const encoder = new TextEncoder();
  return responses.map(({ status, headers, text, bytes: raw }) => {
    const bytes = raw === undefined ? encoder.encode(text) : Uint8Array.from(raw);
    const buffer = bytes.slice().buffer;
    const frameBuffer = new realm.ArrayBuffer(bytes.byteLength);
    const frameBytes = new realm.Uint8Array(frameBuffer);
    frameBytes.set(bytes);
    const parse = (body: string | Uint8Array | ArrayBuffer | undefined, headerForm: unknown = headers) =>
      orNull(parseOssError({ status, headers: headerForm as Headers, body }));
    return {
      text: text === undefined ? null : parse(text),
      bytes: parse(bytes),
      buffer: parse(buffer),
      frameBytes: parse(frameBytes),
      frameBuffer: parse(frameBuffer),
      headers: parse(text ?? bytes, new Headers(headers)),
      frameHeaders: parse(text ?? bytes, new realm.Headers(headers)),
    };
  });
}
