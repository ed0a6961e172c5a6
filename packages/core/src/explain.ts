import { decodeBase64Utf8 } from './body';
import { parseOssError } from './parse';
import type { OssErrorDetails, OssResponseLike } from './types';

/** What `oss-errors explain` prints and the exit code it ends with. */
export interface ExplainResult {
  readonly exitCode: 0 | 1 | 2;
  readonly output: string;
}

interface ExplainInput {
  response: OssResponseLike;
  statusKnown: boolean;
  kind: string;
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
function readInput(text: string, status: number | undefined): ExplainInput | undefined {
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
    let last: ExplainInput | undefined;
    while (STATUS_LINE.test(rest)) {
      const { head, body } = splitHead(rest);
      const code = Number(STATUS_LINE.exec(head[0]!)![1]);
      last = {
        response: { status: code, headers: readHeaders(head.slice(1)), body },
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
      response: { status: status ?? 400, headers: readHeaders(head), body },
      statusKnown: status !== undefined,
      kind: 'headers and a body',
    };
  }
  const first = rest[0];
  if (first === '<' || first === '{') {
    return {
      response: { status: status ?? 400, headers: {}, body: rest },
      statusKnown: status !== undefined,
      kind: 'an error body',
    };
  }
  return undefined;
}

/** A bare base64 `x-oss-err` value: base64 that decodes to an XML document. */
function readXOssErrValue(text: string, status: number | undefined): ExplainInput | undefined {
  const compact = text.trim();
  if (!/^[A-Za-z0-9+/_=\s-]{16,}$/.test(compact)) return undefined;
  if (decodeBase64Utf8(compact)?.trimStart().startsWith('<') !== true) return undefined;
  return {
    response: { status: status ?? 400, headers: { 'x-oss-err': compact }, body: '' },
    statusKnown: status !== undefined,
    kind: 'an x-oss-err header value',
  };
}

const SOURCES: Readonly<Record<OssErrorDetails['source'], string>> = {
  body: 'the response body',
  'x-oss-err': 'the x-oss-err header (base64 error document)',
  status: 'the HTTP status only (OSS sent no error code)',
};

const NO_CODE = '(none: OSS sent no code; the status would say more, pass --status <code>)';

function describe(details: OssErrorDetails, statusKnown: boolean): string {
  // Without the status, a code or message derived from it would describe our placeholder, not the response.
  const guessed = !statusKnown && details.source === 'status';
  const rows: [string, string][] = [
    ['Code', guessed ? NO_CODE : details.code],
    ['Message', guessed ? (details.fields.message ?? '(none)') : details.message],
    [
      'Request ID',
      details.requestId === undefined
        ? '(none)'
        : `${details.requestId}   <- quote this to Alibaba Cloud support`,
    ],
    ['EC', details.ec === undefined ? '(none)' : `${details.ec}   (for diagnosis only; it may change)`],
    ['Troubleshoot', details.recommendDoc ?? '(no link: no EC)'],
  ];
  if (statusKnown) {
    rows.push([
      'Status',
      `${details.status} (${details.fault === 'server' ? 'server side: OSS' : 'client side: the request'})`,
    ]);
    rows.push([
      'Retry',
      details.retryable
        ? 'may help: the same request can succeed later'
        : 'will not help: change the request first',
    ]);
  } else {
    rows.push(['Status', 'unknown (pass --status <code> for the fault side and the retry verdict)']);
    if (details.retryable) rows.push(['Retry', 'may help: the same request can succeed later']);
  }
  if (details.hostId !== undefined) rows.push(['Host', details.hostId]);
  if (details.serverTime !== undefined) rows.push(['Server time', details.serverTime]);
  if (details.clockSkewMs !== undefined)
    rows.push(['Clock skew', `${Math.round(details.clockSkewMs / 1000)} s (request time minus server time)`]);
  for (const [name, value] of Object.entries(details.fields)) rows.push([name, value]);
  rows.push(['Read from', SOURCES[details.source]]);
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  return rows
    .map(([name, value]) => `${`${name}:`.padEnd(width)}${value.replace(/\r?\n/g, '\\n')}`)
    .join('\n');
}

/**
 * The `oss-errors explain` command, without I/O: reads a failed response as pasted (a raw `<Error>` XML
 * body, a JSON error body, a base64 `x-oss-err` value, headers and a body, or `curl -i` output) and
 * says what OSS meant, secrets masked. Exit code 0: explained; 1: no OSS error in the input; 2: bad usage.
 *
 * @example
 * explain(['--json'], '<Error><Code>NoSuchKey</Code></Error>').output; // '{ "status": 400, "code": "NoSuchKey", ... }'
 */
export function explain(args: readonly string[], input: string): ExplainResult {
  let json = false;
  let status: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--status') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 100 || value > 599) {
        return { exitCode: 2, output: 'oss-errors explain: --status takes an HTTP status such as 403' };
      }
      status = value;
    } else {
      return { exitCode: 2, output: `oss-errors explain: unknown option ${arg}\n${USAGE}` };
    }
  }
  if (input.trim() === '') return { exitCode: 2, output: `oss-errors explain: the input is empty\n${USAGE}` };
  const read = readInput(input, status);
  const details = read === undefined ? undefined : parseOssError(read.response);
  if (read === undefined || details === undefined) {
    const seen = read === undefined ? 'nothing recognisable' : read.kind;
    const flatJson = read?.kind === 'an error body' && String(read.response.body).trimStart().startsWith('{');
    return {
      exitCode: 1,
      output:
        `oss-errors explain: no OSS error found in the input (read ${seen}).\n` +
        'An OSS error has an <Error> document (XML or JSON), an x-oss-err header or an x-oss-request-id header;\n' +
        'a 2xx/3xx response, or a CDN or proxy page without them, is not one.' +
        (flatJson
          ? '\nA JSON body such as {"message": ...} carries its code in the x-oss-error-type header: paste the whole response (curl -i).'
          : ''),
    };
  }
  if (json) {
    // Without the status, the fault side is unknown, and so is the retry verdict unless the code decides it.
    const unknown = read.statusKnown
      ? {}
      : {
          status: null,
          fault: null,
          retryable: details.retryable ? true : null,
          ...(details.source === 'status' ? { code: null, message: null } : {}),
        };
    return { exitCode: 0, output: JSON.stringify({ ...details, ...unknown }, null, 2) };
  }
  return { exitCode: 0, output: describe(details, read.statusKnown) };
}

/** How to call the command. */
export const USAGE: string = [
  'Usage: oss-errors explain [file|-] [--json] [--status <code>]',
  '',
  'Reads a failed OSS response from a file or standard input and prints what went wrong.',
  'Accepts a raw <Error> XML body, a JSON error body, a base64 x-oss-err header value,',
  'headers and a body, or a whole response as printed by `curl -i`.',
].join('\n');
