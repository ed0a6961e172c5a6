import { decodeBase64Utf8 } from '../body';

/** A failed response as pasted, before parsing: always a text body and a plain header record. */
export interface PastedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Whether the status came from the input or `--status` (else it is a placeholder). */
  readonly statusKnown: boolean;
  /** What the input was read as, for messages: "an HTTP response", "an error body", … */
  readonly kind: string;
}

// A header line: a token, a colon, a value (RFC 9110 field-name characters).
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*)$/;
// `HTTP/1.1 404 Not Found`, `HTTP/2 404`, and the `HTTP 404` of hand-written notes.
const STATUS_LINE = /^HTTP(?:\/[\d.]+)?\s+(\d{3})\b/;

function splitHead(text: string): { head: string[]; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  const headText = match === null ? text : text.slice(0, match.index);
  const body = match === null ? '' : text.slice(match.index + match[0].length);
  return { head: headText.split(/\r?\n/), body };
}

function readHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const match = HEADER_LINE.exec(line);
    if (match !== null) headers[match[1]!] = match[2]!.trim();
  }
  return headers;
}

/** Works out what was pasted: a `curl -i` dump, headers and a body, an error body, or an x-oss-err value. */
export function readPastedResponse(text: string, status: number | undefined): PastedResponse | undefined {
  let rest = text.replace(/^\uFEFF/, '').trimStart();
  const fromHeaderValue = readXOssErrValue(rest, status);
  if (fromHeaderValue !== undefined) return fromHeaderValue;
  // Skip a line of prose before the response (a note, a log prefix) when a response follows it.
  const lines = rest.split(/\r?\n/);
  const start = lines.findIndex(
    (line) => STATUS_LINE.test(line) || HEADER_LINE.test(line) || /^\s*[<{]/.test(line),
  );
  if (start > 0) rest = lines.slice(start).join('\n');
  if (STATUS_LINE.test(rest)) {
    // curl -i prints every response it saw (100 Continue, a proxy's CONNECT, redirects): keep the last.
    let last: PastedResponse | undefined;
    while (STATUS_LINE.test(rest)) {
      const { head, body } = splitHead(rest);
      const code = Number(STATUS_LINE.exec(head[0]!)![1]);
      last = {
        status: code,
        headers: readHeaders(head.slice(1)),
        body,
        statusKnown: true,
        kind: 'an HTTP response',
      };
      rest = body.trimStart();
    }
    return last;
  }
  const firstLine = rest.split(/\r?\n/, 1)[0] ?? '';
  if (HEADER_LINE.test(firstLine) && !firstLine.startsWith('<') && !firstLine.startsWith('{')) {
    const { head, body } = splitHead(rest);
    return {
      status: status ?? 400,
      headers: readHeaders(head),
      body,
      statusKnown: status !== undefined,
      kind: 'headers and a body',
    };
  }
  const first = rest[0];
  if (first === '<' || first === '{') {
    return {
      status: status ?? 400,
      headers: {},
      body: rest,
      statusKnown: status !== undefined,
      kind: 'an error body',
    };
  }
  return undefined;
}

/** A bare base64 `x-oss-err` value: base64 that decodes to an XML document. */
function readXOssErrValue(text: string, status: number | undefined): PastedResponse | undefined {
  const compact = text.trim();
  if (!/^[A-Za-z0-9+/_=\s-]{16,}$/.test(compact)) return undefined;
  if (decodeBase64Utf8(compact)?.trimStart().startsWith('<') !== true) return undefined;
  return {
    status: status ?? 400,
    headers: { 'x-oss-err': compact },
    body: '',
    statusKnown: status !== undefined,
    kind: 'an x-oss-err header value',
  };
}
