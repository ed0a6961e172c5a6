import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { constants, createBrotliCompress, createDeflate, createGzip } from 'node:zlib';
import { loadOssFixtures, loadPeerVectors, type OssFixture, type PeerVector } from './fixtures';

/** One request the fake server received. */
export interface RecordedRequest {
  readonly method: string;
  /** The request target exactly as sent: path and query, e.g. `/fixture/NoSuchBucket.xml?gzip=1`. */
  readonly url: string;
  /** The request headers, with node's lower-case names. */
  readonly headers: Record<string, string | string[] | undefined>;
}

/**
 * The CORS rules of the `/cors/<rule>/...` routes, named by what they expose to a page's script:
 * - `all`: `x-oss-request-id, x-oss-ec, x-oss-err, x-oss-error-type` (what the README asks users to set);
 * - `request-id`: `x-oss-request-id` only;
 * - `wildcard`: `Access-Control-Allow-Origin: *` and `Access-Control-Expose-Headers: *`;
 * - `wildcard-credentials`: the page's origin, `Access-Control-Allow-Credentials: true` and
 *   `Access-Control-Expose-Headers: *` (which browsers then read as a header named `*`);
 * - `none`: the page's origin and no `Access-Control-Expose-Headers`.
 */
export type CorsRule = 'all' | 'request-id' | 'wildcard' | 'wildcard-credentials' | 'none';

/** A running fake OSS server on 127.0.0.1. See {@link startFakeOss} for its routes. */
export interface FakeOss {
  /** Where the server listens, e.g. `http://127.0.0.1:38211`. */
  readonly origin: string;
  /** `origin + path`, e.g. `oss.url('/scenario/ok')`. */
  url(path: string): string;
  /** Every request received, in arrival order. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** How many client connections are open right now (keep-alive sockets included). */
  openSockets(): number;
  /**
   * Stops the server and destroys every open socket (keep-alive, never-ending responses), so a test
   * never waits on a client. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

const KIB_16 = 16 * 1024;
const KIB_64 = 64 * 1024;
// '<!-- padding -->' is 16 bytes, so a 64 KiB chunk holds whole comments only.
const COMMENTS = Buffer.alloc(KIB_64, '<!-- padding -->');
const SPACES = Buffer.alloc(KIB_64, ' ');
// A byte ramp rather than zeros, so a client that corrupts or reorders downloads shows it.
const RAMP = Buffer.from(Array.from({ length: KIB_64 }, (_, i) => i % 256));

const XML = 'application/xml';
const TEXT = 'text/plain';
const HOST_ID = 'examplebucket.oss-cn-hangzhou.aliyuncs.com';
const NO_BODY_STATUSES = new Set([204, 304]);

type Headers = Record<string, string>;

/** What to answer: `body` goes out first, then `tail` chunk by chunk (so huge tails never sit in memory). */
interface Reply {
  readonly status: number;
  readonly headers: Readonly<Headers>;
  readonly body: string;
  readonly tail?: Iterable<Buffer>;
}

/** The content codings the server can apply (`?encoding=`); `?gzip=1` is `gzip`. */
type Encoding = 'gzip' | 'deflate' | 'br';
const ENCODINGS: ReadonlySet<string> = new Set<Encoding>(['gzip', 'deflate', 'br']);

/** The `?gzip`/`?encoding`, `?trickle`, `?pad` and `?split` query modifiers. */
interface Modifiers {
  readonly encoding: Encoding | undefined;
  readonly trickleMs: number;
  readonly padBytes: number;
  /** Offsets into the bytes on the wire where a write ends and the next starts, a moment later. */
  readonly splits: readonly number[];
}

/** What one server instance remembers between requests. */
interface ServerState {
  readonly peers: readonly PeerVector[];
  /** Requests seen so far per `/scenario/flaky` key. */
  readonly flakyCounts: Map<string, number>;
}

const NO_MODIFIERS: Modifiers = { encoding: undefined, trickleMs: 0, padBytes: 0, splits: [] };

/**
 * Starts a fake Alibaba Cloud OSS server on 127.0.0.1 (a free port) that fails the way OSS does.
 *
 * Routes (any method; HEAD gets the same status and headers, never a body):
 * - `/fixture/<name>`: a shared sample from `loadOssFixtures()` (status, headers exactly, body).
 * - `/peer/<index>`: peer vector `<index>` (0-based) of `loadPeerVectors()`; a status < 200 answers 500.
 * - Both take `?encoding=gzip|deflate|br` (compress the body; `?gzip=1` is `gzip`), `?trickle=<ms>`
 *   (16-byte chunks, one per `<ms>`), `?pad=<bytes>` (that many spaces after the body, streamed) and
 *   `?split=<offset>,<offset>,...` (the bytes on the wire cut at those offsets into writes 2 ms apart: a
 *   read can end mid-tag or mid-character).
 * - `/scenario/ok`, `/scenario/download?bytes=N` (default 1 MiB), `/scenario/ok-error-document`,
 *   `/scenario/gateway-html`, `/scenario/unavailable`, `/scenario/flaky?key=<k>&failures=<n>` (default 1;
 *   counted per key and per server; each failure is a 503, or with `&fail=<name>` that shared sample),
 *   `/scenario/head-only`, `/scenario/never-ends` (until close()),
 *   `/scenario/huge?bytes=N` (default 100 MiB; takes the modifiers: with `?encoding` it is a decompression
 *   bomb, compressed as the client pulls), `/scenario/signature-mismatch[/<key>]`,
 *   `/scenario/signature-echo[/<key>]` (see {@link signatureEcho}),
 *   `/scenario/callback-failed` (the CallbackFailed.203.xml sample with {@link CALLBACK_FAILED_REQUEST_ID}),
 *   `/scenario/x-oss-err-only` (404, the error only in `x-oss-err`, with a
 *   non-ASCII message), `/scenario/unavailable-no-body` (503, request id and EC headers, no body),
 *   `/scenario/append-position?length=N` (an AppendObject at the wrong
 *   position: 409 PositionNotEqualToLength, `x-oss-next-append-position: N`, default 0),
 *   `/scenario/non-ascii` (a 403 whose Message and Key are Chinese with an emoji; takes the modifiers).
 * - `/cors/<rule>/<route>`: `<route>` as above, with the bucket CORS rule `<rule>` (see {@link CorsRule})
 *   applied: preflights (OPTIONS with `Access-Control-Request-Method`) get a 200 allowing any method and
 *   the requested headers; every other answer gets the rule's `Access-Control-*` headers.
 * - `/scenario/endless?chunk=<bytes>&every=<ms>`: a 403 AccessDenied document, then comments numbered
 *   from 0 that never end (see {@link endlessBody}), in `chunk`-byte writes (default 16 KiB) `every` ms
 *   apart (default 0: as fast as the client reads), until the client goes or close().
 * - Raw socket faults, written past node's HTTP response: `/scenario/reset?after=<bytes>` (a 403 with a
 *   true Content-Length, `after` bytes of its body, default half, then a TCP reset) and
 *   `/scenario/short-body?missing=<bytes>` (a 403 whose Content-Length claims `missing` more bytes than the
 *   whole body it sends, default 100, then a clean close).
 * - Anything else: 404 `no such route`.
 *
 * Every OSS-like answer has a Date header: node adds the current one unless the sample has its own.
 */
export async function startFakeOss(): Promise<FakeOss> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const state: ServerState = { peers: loadPeerVectors(), flakyCounts: new Map() };

  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } });
    route(req, res, state).catch((error: unknown) => {
      // Mostly a client hanging up mid-body (the pipeline rejects); there is no one left to answer.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'Content-Type': TEXT }).end(`fake-oss failed: ${String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    origin,
    url: (path) => origin + path,
    requests,
    openSockets: () => sockets.size,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // server.close() only stops accepting: it would wait forever for keep-alive sockets and for
        // responses that never end, so cut them.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

async function route(req: IncomingMessage, res: ServerResponse, state: ServerState): Promise<void> {
  const { pathname: requestPath, searchParams: query } = new URL(req.url ?? '/', 'http://fake-oss');
  const pathname = applyCors(req, res, requestPath);
  if (pathname === undefined) return;

  if (pathname.startsWith('/fixture/')) {
    const fixture = findFixture(decode(pathname.slice('/fixture/'.length)));
    if (fixture === undefined) return send(req, res, plain(404, 'unknown fixture'));
    return send(req, res, fixture, modifiers(query));
  }
  if (pathname.startsWith('/peer/')) {
    const index = pathname.slice('/peer/'.length);
    const vector = /^\d+$/.test(index) ? state.peers[Number(index)] : undefined;
    if (vector === undefined) return send(req, res, plain(404, 'unknown peer vector'));
    // HTTP cannot carry a final 1xx answer.
    if (vector.status < 200) return send(req, res, plain(500, 'not servable'));
    return send(req, res, vector, modifiers(query));
  }
  if (pathname === '/scenario/signature-echo' || pathname.startsWith('/scenario/signature-echo/')) {
    const key = decode(pathname.slice('/scenario/signature-echo/'.length)) || 'object';
    return send(req, res, signatureEcho(req, key, query, await readBody(req)));
  }
  if (pathname === '/scenario/signature-mismatch' || pathname.startsWith('/scenario/signature-mismatch/')) {
    const key = decode(pathname.slice('/scenario/signature-mismatch/'.length)) || 'object';
    return send(req, res, signatureMismatch(key, query));
  }

  switch (pathname) {
    case '/scenario/ok':
      return send(req, res, {
        status: 200,
        headers: { 'Content-Type': TEXT, 'x-oss-request-id': 'OKOKOKOKOKOKOKOKOKOKOKOK' },
        body: 'hello',
      });
    case '/scenario/download': {
      const bytes = intParam(query, 'bytes', 1024 * 1024);
      return send(req, res, {
        status: 200,
        headers: ossHeaders('application/octet-stream', newRequestId(), { 'Content-Length': String(bytes) }),
        body: '',
        tail: chunks(bytes, RAMP),
      });
    }
    case '/scenario/ok-error-document': {
      // A user object whose content happens to be an OSS error document: the 200 is what counts.
      const requestId = newRequestId();
      return send(req, res, {
        status: 200,
        headers: ossHeaders(XML, requestId),
        body: errorXml({
          Code: 'NoSuchKey',
          Message: 'The specified key does not exist.',
          RequestId: 'STOREDOBJECTNOTANERROR00',
          HostId: HOST_ID,
        }),
      });
    }
    case '/scenario/gateway-html':
      return send(req, res, {
        status: 502,
        headers: { 'Content-Type': 'text/html', Server: 'Tengine' },
        body: GATEWAY_HTML,
      });
    case '/scenario/unavailable':
      return send(req, res, unavailable());
    case '/scenario/flaky': {
      const key = query.get('key') ?? '';
      const seen = (state.flakyCounts.get(key) ?? 0) + 1;
      state.flakyCounts.set(key, seen);
      if (seen <= intParam(query, 'failures', 1)) {
        const sample = query.has('fail') ? findFixture(query.get('fail') ?? '') : undefined;
        return send(req, res, sample ?? unavailable());
      }
      return send(req, res, { status: 200, headers: ossHeaders(TEXT, newRequestId()), body: 'ok' });
    }
    case '/scenario/head-only':
      // What a failed HEAD looks like when OSS sends nothing but the request id.
      return send(req, res, {
        status: 404,
        headers: { 'x-oss-request-id': newRequestId(), 'Content-Length': '0' },
        body: '',
      });
    case '/scenario/never-ends':
      res.writeHead(500, ossHeaders(XML, newRequestId()));
      // Deliberately never ended: close() destroys the socket.
      res.write('<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>InternalError</Code>\n');
      return;
    case '/scenario/huge':
      return send(
        req,
        res,
        accessDenied(filler(intParam(query, 'bytes', 100 * 1024 * 1024))),
        modifiers(query),
      );
    case '/scenario/endless':
      return send(
        req,
        res,
        accessDenied(endlessTail(Math.max(1, intParam(query, 'chunk', KIB_16)))),
        { ...modifiers(query), trickleMs: 0 },
        intParam(query, 'every', 0),
      );
    case '/scenario/non-ascii':
      return send(req, res, nonAscii(), modifiers(query));
    case '/scenario/reset':
      return rawFault(req, 'reset', intParam(query, 'after', -1));
    case '/scenario/short-body':
      return rawFault(req, 'short', intParam(query, 'missing', 100));
    case '/scenario/callback-failed':
      return send(req, res, callbackFailed());
    case '/scenario/x-oss-err-only':
      // A failed HEAD whose only OSS header is x-oss-err (no request id header), so a page that cannot
      // read x-oss-err sees no sign of OSS at all.
      return send(req, res, {
        status: 404,
        headers: { 'Content-Type': XML, 'Content-Length': '0', 'x-oss-err': X_OSS_ERR_ONLY },
        body: '',
      });
    case '/scenario/unavailable-no-body':
      return send(req, res, {
        status: 503,
        headers: ossHeaders(XML, '5C3D9175B6FC201293AD0503', {
          'x-oss-ec': '0001-00000503',
          'Content-Length': '0',
        }),
        body: '',
      });
    case '/scenario/append-position': {
      const requestId = newRequestId();
      const ec = '0026-00000016';
      return send(req, res, {
        status: 409,
        headers: ossHeaders(XML, requestId, {
          'x-oss-ec': ec,
          'x-oss-next-append-position': String(intParam(query, 'length', 0)),
        }),
        body: errorXml({
          Code: 'PositionNotEqualToLength',
          Message: 'Position is not equal to file length',
          RequestId: requestId,
          HostId: HOST_ID,
          EC: ec,
          RecommendDoc: `https://api.aliyun.com/troubleshoot?q=${ec}`,
        }),
      });
    }
    default:
      return send(req, res, plain(404, 'no such route'));
  }
}

interface CorsHeaders {
  /** `*`, or undefined to answer with the request's Origin. */
  readonly allowOrigin?: '*';
  readonly allowCredentials?: boolean;
  readonly exposeHeaders?: string;
}

const CORS_RULES: Readonly<Record<CorsRule, CorsHeaders>> = {
  all: { exposeHeaders: 'x-oss-request-id, x-oss-ec, x-oss-err, x-oss-error-type' },
  'request-id': { exposeHeaders: 'x-oss-request-id' },
  wildcard: { allowOrigin: '*', exposeHeaders: '*' },
  'wildcard-credentials': { allowCredentials: true, exposeHeaders: '*' },
  none: {},
};

/**
 * For `/cors/<rule>/<route>`: sets the rule's CORS headers on `res` (writeHead keeps them) and returns
 * `/<route>`, or answers a preflight or an unknown rule itself and returns undefined. Other paths are
 * returned as they are.
 */
function applyCors(req: IncomingMessage, res: ServerResponse, pathname: string): string | undefined {
  const match = /^\/cors\/([^/]*)(\/.*)$/.exec(pathname);
  if (match === null) return pathname;
  const name = match[1]!;
  const rule = Object.hasOwn(CORS_RULES, name) ? CORS_RULES[name as CorsRule] : undefined;
  if (rule === undefined) {
    res.writeHead(404, { 'Content-Type': TEXT }).end('unknown CORS rule');
    return undefined;
  }
  const origin = req.headers.origin;
  if (rule.allowOrigin === '*') res.setHeader('Access-Control-Allow-Origin', '*');
  else if (origin !== undefined) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
  if (rule.allowCredentials === true) res.setHeader('Access-Control-Allow-Credentials', 'true');

  const preflightMethod = req.headers['access-control-request-method'];
  if (req.method === 'OPTIONS' && preflightMethod !== undefined) {
    const preflight: Headers = {
      'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, HEAD',
      'Access-Control-Max-Age': '600',
      'Content-Length': '0',
    };
    const requested = req.headers['access-control-request-headers'];
    if (requested !== undefined) preflight['Access-Control-Allow-Headers'] = requested;
    res.writeHead(200, preflight).end();
    return undefined;
  }
  if (rule.exposeHeaders !== undefined) res.setHeader('Access-Control-Expose-Headers', rule.exposeHeaders);
  return match[2]!;
}

/**
 * Writes the status and headers, then the body: at once when it is a plain string, otherwise streamed
 * through the compressor / trickle / split stages with backpressure. `everyMs` paces whole chunks.
 */
async function send(
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
  mods: Modifiers = NO_MODIFIERS,
  everyMs = 0,
): Promise<void> {
  const headers: Headers = { ...reply.headers };
  // Compression and padding change the body's length, so a Content-Length copied from the sample would lie.
  if (mods.encoding !== undefined || mods.padBytes > 0) {
    const lengthName = Object.keys(headers).find((name) => name.toLowerCase() === 'content-length');
    if (lengthName !== undefined) delete headers[lengthName];
  }
  if (mods.encoding !== undefined) headers['Content-Encoding'] = mods.encoding;
  // Node adds a current Date header itself unless `headers` has one (in any case).
  res.writeHead(reply.status, headers);

  if (req.method === 'HEAD' || NO_BODY_STATUSES.has(reply.status)) {
    res.end();
    return;
  }
  const streamed =
    reply.tail !== undefined ||
    mods.encoding !== undefined ||
    mods.trickleMs > 0 ||
    mods.padBytes > 0 ||
    mods.splits.length > 0;
  if (!streamed) {
    res.end(reply.body);
    return;
  }

  // Headers go out now, even if the first body byte is slow to come.
  res.flushHeaders();
  const stages: Array<NodeJS.ReadableStream | NodeJS.ReadWriteStream> = [
    Readable.from(bodyChunks(reply, mods.padBytes), { objectMode: false }),
  ];
  if (mods.encoding !== undefined) stages.push(compressor(mods.encoding));
  if (mods.trickleMs > 0) stages.push(trickle(mods.trickleMs, 16));
  if (everyMs > 0) stages.push(trickle(everyMs, Number.POSITIVE_INFINITY));
  if (mods.splits.length > 0) stages.push(split(mods.splits));
  await pipeline([...stages, res]);
}

function compressor(encoding: Encoding): Transform {
  // Brotli's default quality (11) takes seconds per bomb; 4 still shrinks the filler about 1000 times.
  if (encoding === 'br') return createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  return encoding === 'gzip' ? createGzip() : createDeflate();
}

function* bodyChunks(reply: Reply, padBytes: number): Generator<Buffer> {
  if (reply.body !== '') yield Buffer.from(reply.body, 'utf8');
  if (reply.tail !== undefined) yield* reply.tail;
  yield* chunks(padBytes, SPACES);
}

/** `bytes` bytes cut from repeated `fill`, one `fill`-sized chunk at a time (nothing is allocated). */
function* chunks(bytes: number, fill: Buffer): Generator<Buffer> {
  for (let left = bytes; left > 0; left -= fill.length) yield fill.subarray(0, Math.min(left, fill.length));
}

/** `bytes` bytes of `<!-- padding -->` comments; a remainder under 16 bytes is spaces, to stay well-formed. */
function* filler(bytes: number): Generator<Buffer> {
  yield* chunks(bytes - (bytes % 16), COMMENTS);
  yield* chunks(bytes % 16, SPACES);
}

/** Re-chunks the stream into pieces of at most `size` bytes, one every `ms` milliseconds. */
function trickle(ms: number, size: number): Transform {
  let first = true;
  return new Transform({
    async transform(chunk: Buffer, _encoding, done) {
      for (let at = 0; at < chunk.length && !this.destroyed; at += size) {
        if (!first) await delay(ms);
        first = false;
        this.push(chunk.subarray(at, at + size));
      }
      done();
    },
  });
}

const SPLIT_PAUSE_MS = 2;

/** Cuts the stream at the given absolute byte offsets; each piece is pushed 2 ms after the one before. */
function split(offsets: readonly number[]): Transform {
  const cuts = [...new Set(offsets)].filter((offset) => offset > 0).sort((a, b) => a - b);
  let position = 0;
  return new Transform({
    async transform(chunk: Buffer, _encoding, done) {
      let at = 0;
      while (at < chunk.length && !this.destroyed) {
        const cut = cuts.find((offset) => offset > position);
        const end = cut === undefined ? chunk.length : Math.min(chunk.length, at + (cut - position));
        this.push(chunk.subarray(at, end));
        position += end - at;
        at = end;
        if (cut === position) await delay(SPLIT_PAUSE_MS);
      }
      done();
    },
  });
}

function modifiers(query: URLSearchParams): Modifiers {
  const named = query.get('encoding') ?? '';
  const encoding = ENCODINGS.has(named)
    ? (named as Encoding)
    : query.get('gzip') === '1'
      ? 'gzip'
      : undefined;
  const trickleMs = intParam(query, 'trickle', 0);
  const padBytes = intParam(query, 'pad', 0);
  const splits = (query.get('split') ?? '')
    .split(',')
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
  return { encoding, trickleMs, padBytes, splits };
}

/** A non-negative integer query parameter, or `fallback` when it is missing or not one. */
function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  const value = raw === null || raw === '' ? Number.NaN : Number(raw);
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

function findFixture(name: string): OssFixture | undefined {
  return loadOssFixtures().find((fixture) => fixture.name === name);
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

/** A non-OSS answer: plain text, no x-oss-* headers. */
function plain(status: number, text: string): Reply {
  return { status, headers: { 'Content-Type': TEXT }, body: text };
}

/** The headers OSS sends with everything (fixtures.ts gives samples without recorded headers the same). */
function ossHeaders(contentType: string, requestId: string, extra: Headers = {}): Headers {
  return { Server: 'AliyunOSS', 'Content-Type': contentType, 'x-oss-request-id': requestId, ...extra };
}

/** A request id shaped like OSS's: 24 upper-case hex digits. */
function newRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char]!);
}

/** An OSS `<Error>` document with one element per field, in order, every value XML-escaped. */
function errorXml(fields: Readonly<Record<string, string>>): string {
  const elements = Object.entries(fields).map(
    ([name, value]) => `  <${name}>${escapeXml(value)}</${name}>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n${elements.join('')}</Error>\n`;
}

/** The request id of `/scenario/callback-failed`: an ordinary, unmasked one, so nothing looks masked by us. */
export const CALLBACK_FAILED_REQUEST_ID = '5C3D9175B6FC201293AD0203';

/** The CallbackFailed.203.xml sample, whose source masked its request id (`…AD****`), with an unmasked one. */
function callbackFailed(): Reply {
  const sample = findFixture('CallbackFailed.203.xml')!;
  const unmask = (text: string) => text.replaceAll('5C3D9175B6FC201293AD****', CALLBACK_FAILED_REQUEST_ID);
  const headers = Object.fromEntries(
    Object.entries(sample.headers).map(([name, value]) => [name, unmask(value)]),
  );
  return { status: sample.status, headers, body: unmask(sample.body) };
}

/** OSS's AccessDenied document (a fresh request id), then `tail`. */
function accessDenied(tail?: Iterable<Buffer>): Reply {
  const requestId = newRequestId();
  return {
    status: 403,
    headers: ossHeaders(XML, requestId),
    body: errorXml({
      Code: 'AccessDenied',
      Message: 'You have no right to access this object because of bucket acl.',
      RequestId: requestId,
      HostId: HOST_ID,
      EC: '0003-00000001',
      RecommendDoc: 'https://api.aliyun.com/troubleshoot?q=0003-00000001',
    }),
    ...(tail === undefined ? {} : { tail }),
  };
}

/** The Message and Key of `/scenario/non-ascii`: 2-, 3- and 4-byte UTF-8 characters. */
export const NON_ASCII_ERROR: { readonly message: string; readonly key: string } = {
  message: '您没有访问此对象的权限 🚫 (Zugriff verweigert, accès refusé)',
  key: '报告/2024年/季度 😀.pdf',
};

function nonAscii(): Reply {
  const requestId = newRequestId();
  return {
    status: 403,
    headers: ossHeaders(XML, requestId, { 'x-oss-ec': '0003-00000001' }),
    body: errorXml({
      Code: 'AccessDenied',
      Message: NON_ASCII_ERROR.message,
      RequestId: requestId,
      HostId: HOST_ID,
      Key: NON_ASCII_ERROR.key,
      EC: '0003-00000001',
    }),
  };
}

/** One entry of the endless tail: `<!-- 0000000042 -->` and a newline, 20 bytes. */
function endlessEntry(index: number): string {
  return `<!-- ${String(index).padStart(10, '0')} -->\n`;
}
const ENDLESS_ENTRY_BYTES = endlessEntry(0).length;

/**
 * The first `bytes` bytes of what `/scenario/endless` sends after its `<Error>` document: numbered
 * comments, `<!-- 0000000000 -->\n<!-- 0000000001 -->\n...`, so a reader can check that no byte was lost,
 * repeated or reordered.
 *
 * @example
 * expect(replayed.subarray(documentLength)).toEqual(endlessBody(replayed.length - documentLength));
 */
export function endlessBody(bytes: number): Buffer {
  const entries = Math.ceil(bytes / ENDLESS_ENTRY_BYTES);
  let text = '';
  for (let i = 0; i < entries; i++) text += endlessEntry(i);
  return Buffer.from(text, 'latin1').subarray(0, bytes);
}

/** The endless tail in `chunk`-byte pieces, built as they are pulled. */
function* endlessTail(chunk: number): Generator<Buffer> {
  let pending = Buffer.alloc(0);
  for (let index = 0; ; ) {
    const parts = [pending];
    let length = pending.length;
    while (length < chunk) {
      const entry = Buffer.from(endlessEntry(index++), 'latin1');
      parts.push(entry);
      length += entry.length;
    }
    const joined = Buffer.concat(parts, length);
    yield joined.subarray(0, chunk);
    pending = joined.subarray(chunk);
  }
}

const RESET_AFTER_MS = 30;

/**
 * A 403 AccessDenied written straight onto the socket, past node's HTTP response (which cannot lie
 * about its length or reset a connection): `reset` sends `amount` bytes of the body (-1: half) under a
 * true Content-Length and resets the connection once they are out; `short` sends the whole body under a
 * Content-Length `amount` bytes larger and closes.
 */
async function rawFault(req: IncomingMessage, kind: 'reset' | 'short', amount: number): Promise<void> {
  const reply = accessDenied();
  const body = Buffer.from(reply.body, 'utf8');
  const length = kind === 'short' ? body.length + amount : body.length;
  const cut = amount < 0 ? body.length >> 1 : Math.min(amount, body.length);
  const sent = req.method === 'HEAD' ? Buffer.alloc(0) : kind === 'reset' ? body.subarray(0, cut) : body;
  const head = [
    'HTTP/1.1 403 Forbidden',
    ...Object.entries(reply.headers).map(([name, value]) => `${name}: ${value}`),
    `Date: ${new Date().toUTCString()}`,
    `Content-Length: ${length}`,
    'Connection: keep-alive',
    '',
    '',
  ].join('\r\n');
  const socket = req.socket;
  await new Promise<void>((resolve) =>
    socket.write(Buffer.concat([Buffer.from(head, 'latin1'), sent]), () => resolve()),
  );
  if (kind === 'short') {
    socket.end();
    return;
  }
  // Give the client a moment to read what was sent: a reset can discard bytes still unread.
  await delay(RESET_AFTER_MS);
  if (!socket.destroyed) socket.resetAndDestroy();
}

function unavailable(): Reply {
  const requestId = newRequestId();
  const ec = '0001-00000503';
  return {
    status: 503,
    headers: ossHeaders(XML, requestId, { 'x-oss-ec': ec }),
    body: errorXml({
      Code: 'ServiceUnavailable',
      Message: 'Please reduce your request rate.',
      RequestId: requestId,
      HostId: HOST_ID,
      EC: ec,
      RecommendDoc: `https://api.aliyun.com/troubleshoot?q=${ec}`,
    }),
  };
}

/** OSS's answer to a presigned V1 URL with a bad signature: it echoes what it signed and what it got. */
function signatureMismatch(key: string, query: URLSearchParams): Reply {
  const requestId = newRequestId();
  const ec = '0002-00000040';
  const expires = query.get('Expires') ?? '';
  const token = query.get('security-token') ?? '';
  const stringToSign = `GET\n\n\n${expires}\n/examplebucket/${key}?security-token=${token}`;
  const stringToSignBytes = [...Buffer.from(stringToSign, 'utf8')]
    .map((byte) => byte.toString(16).toUpperCase().padStart(2, '0'))
    .join(' ');
  return {
    status: 403,
    headers: ossHeaders(XML, requestId, { 'x-oss-ec': ec }),
    body: errorXml({
      Code: 'SignatureDoesNotMatch',
      Message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      RequestId: requestId,
      HostId: HOST_ID,
      OSSAccessKeyId: query.get('OSSAccessKeyId') ?? '',
      SignatureProvided: query.get('Signature') ?? '',
      StringToSign: stringToSign,
      StringToSignBytes: stringToSignBytes,
      EC: ec,
      RecommendDoc: `https://api.aliyun.com/troubleshoot?q=${ec}`,
    }),
  };
}

/** The request body as text, at most 64 KiB (a PostObject form); nothing for a GET or HEAD. */
async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size < KIB_64) parts.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(parts).subarray(0, KIB_64).toString('utf8');
}

/** The fields of a multipart form body (PostObject), by name; empty for any other body. */
function formFields(req: IncomingMessage, body: string): Map<string, string> {
  const fields = new Map<string, string>();
  // The boundary from Content-Type, else from the body's first line (axios's fetch adapter in Node sends a
  // FormData body under its default urlencoded Content-Type).
  const declared = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(String(req.headers['content-type'] ?? ''));
  const boundary = declared === null ? /^--([^\r\n]+)\r?\n/.exec(body)?.[1] : (declared[1] ?? declared[2]);
  if (boundary === undefined) return fields;
  for (const part of body.split(`--${boundary}`)) {
    const match = /name="([^"]*)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)\r?\n?$/.exec(part);
    if (match !== null) fields.set(match[1]!.toLowerCase(), match[2]!);
  }
  return fields;
}

/** The credentials an Authorization header carries, by scheme (OSS, OSS2, OSS4-HMAC-SHA256, AWS4-HMAC-SHA256). */
function authorizationParts(value: string): { scheme: string; keyId: string; signature: string } | undefined {
  const v1 = /^(OSS|AWS) ([^:]+):(.+)$/.exec(value);
  if (v1 !== null) return { scheme: v1[1]!, keyId: v1[2]!, signature: v1[3]! };
  const scheme = value.slice(0, value.indexOf(' '));
  const keyId = /(?:AccessKeyId:|Credential=)([^/,]+)/.exec(value)?.[1];
  const signature = /Signature[:=]([^,\s]+)/.exec(value)?.[1];
  return keyId === undefined || signature === undefined ? undefined : { scheme, keyId, signature };
}

function toHex(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => byte.toString(16).toUpperCase().padStart(2, '0'))
    .join(' ');
}

const SIGNATURE_PARAMS = new Set(['signature', 'x-oss-signature', 'x-amz-signature']);

/**
 * OSS's answer to a request whose signature does not match, echoing what it signed the way OSS does, for
 * any signing method: V1 and V2 (`OSSAccessKeyId`, `SignatureProvided`, `StringToSign`,
 * `StringToSignBytes`), V4 (also `CanonicalRequest`) and S3-compatible SigV4 (`AWSAccessKeyId`,
 * `CanonicalRequest`, `CanonicalRequestBytes`), from a presigned query, an Authorization header, or a
 * PostObject form (whose StringToSign is the policy). The echoed texts hold every query parameter but the
 * signature and every `x-oss-*` / `x-amz-*` header, security token and callback included.
 */
function signatureEcho(req: IncomingMessage, key: string, query: URLSearchParams, body: string): Reply {
  const requestId = newRequestId();
  const ec = '0002-00000040';
  const method = req.method ?? 'GET';
  const form = formFields(req, body);
  const header = (name: string): string => String(req.headers[name] ?? '');
  const auth = authorizationParts(header('authorization'));
  const param = (name: string): string | undefined =>
    [...query].find(([candidate]) => candidate.toLowerCase() === name)?.[1] ?? form.get(name);

  const credential = param('x-oss-credential') ?? param('x-amz-credential');
  const keyId =
    auth?.keyId ?? param('ossaccesskeyid') ?? param('x-oss-access-key-id') ?? credential?.split('/')[0] ?? '';
  const signature =
    auth?.signature ?? param('signature') ?? param('x-oss-signature') ?? param('x-amz-signature');
  const s3 = auth?.scheme === 'AWS4-HMAC-SHA256' || param('x-amz-signature') !== undefined;
  const v4 =
    s3 || auth?.scheme === 'OSS4-HMAC-SHA256' || param('x-oss-signature-version') === 'OSS4-HMAC-SHA256';

  const signedQuery = [...query]
    .filter(([name]) => !SIGNATURE_PARAMS.has(name.toLowerCase()))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .sort()
    .join('&');
  const signedHeaders = Object.keys(req.headers)
    .filter((name) => name.startsWith('x-oss-') || name.startsWith('x-amz-'))
    .sort()
    .map((name) => `${name}:${header(name)}\n`)
    .join('');
  const resource = `/examplebucket/${key}`;
  const canonicalRequest = `${method}\n${resource}\n${signedQuery}\n${signedHeaders}host:${header('host')}\n\nhost\nUNSIGNED-PAYLOAD`;
  const stringToSign = form.has('policy')
    ? form.get('policy')!
    : v4
      ? `${s3 ? 'AWS4-HMAC-SHA256' : 'OSS4-HMAC-SHA256'}\n20261130T000000Z\n20261130/cn-hangzhou/${s3 ? 's3/aws4_request' : 'oss/aliyun_v4_request'}\n${'0'.repeat(64)}`
      : `${method}\n${header('content-md5')}\n${header('content-type')}\n${param('expires') ?? param('x-oss-expires') ?? header('date')}\n${signedHeaders}${resource}${signedQuery === '' ? '' : `?${signedQuery}`}`;

  const fields: Record<string, string> = {
    Code: 'SignatureDoesNotMatch',
    Message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    RequestId: requestId,
    HostId: HOST_ID,
    [s3 ? 'AWSAccessKeyId' : 'OSSAccessKeyId']: keyId,
    SignatureProvided: signature ?? '',
    StringToSign: stringToSign,
    StringToSignBytes: toHex(stringToSign),
  };
  if (v4) fields.CanonicalRequest = canonicalRequest;
  if (s3) fields.CanonicalRequestBytes = toHex(canonicalRequest);
  fields.EC = ec;
  fields.RecommendDoc = `https://api.aliyun.com/troubleshoot?q=${ec}`;
  return { status: 403, headers: ossHeaders(XML, requestId, { 'x-oss-ec': ec }), body: errorXml(fields) };
}

// Base64 of an <Error> document whose Message is not ASCII (x-oss-err is base64 UTF-8).
const X_OSS_ERR_ONLY = Buffer.from(
  errorXml({
    Code: 'NoSuchKey',
    Message: '指定的键不存在。 The specified key does not exist: café.txt',
    RequestId: '5C3D9175B6FC201293AD0404',
    HostId: HOST_ID,
    Key: 'café.txt',
    EC: '0026-00000001',
  }),
  'utf8',
).toString('base64');

const GATEWAY_HTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>Tengine</center>
</body>
</html>
`;
