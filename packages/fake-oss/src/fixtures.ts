import { readdirSync, readFileSync } from 'node:fs';

const OSS_DIR = new URL('../fixtures/oss-errors/', import.meta.url);
const PEER_DIR = new URL('../fixtures/peer-vectors/', import.meta.url);

/** One shared OSS sample, as the HTTP response it came from. */
export interface OssFixture {
  /** The file the sample came from, e.g. `NoSuchKey.real-opendal.xml` (for headers-only cases, the .headers.txt). */
  readonly name: string;
  readonly method: string;
  readonly status: number;
  /** Response headers, exactly as sent. */
  readonly headers: Readonly<Record<string, string>>;
  /** The response body ('' for body-less responses). */
  readonly body: string;
}

// How each sample was answered (SOURCES.md): status, method, and the headers its source recorded.
// Samples whose source recorded no headers get what OSS always sends: Server, Content-Type and an
// x-oss-request-id equal to the body's RequestId (OSS keeps the two equal).
interface Plan {
  status: number;
  method?: string;
  headersFile?: string;
  headers?: Record<string, string>;
  /** Serve the body base64-encoded in x-oss-err, with an empty body (HEAD). */
  asXOssErr?: boolean;
  /** Send no x-oss-request-id: the source recorded none. */
  noRequestId?: boolean;
}

const XML = 'application/xml';
const PLANS: Readonly<Record<string, Plan>> = {
  'AccessDenied.browser-injected-script.xml': { status: 403 },
  'AccessDenied.doc-xmlns-whitespace.xml': { status: 403 },
  'AccessDenied.go-v2.xml': { status: 403 },
  'AccessDenied.wrong-endpoint.partial.xml': { status: 403, noRequestId: true },
  'ArchiveRestoreNotFinished.xml': { status: 409, method: 'POST' },
  'BadRequestException.json-v2-x-oss-error-type.json': {
    status: 400,
    method: 'PUT',
    headers: {
      'Content-Type': 'application/json',
      'x-oss-error-type': 'BadRequestException',
      'x-oss-request-id': 'id-1234',
    },
  },
  'BucketAlreadyExists.xml': { status: 409, method: 'PUT' },
  'BucketNotEmpty.xml': { status: 409, method: 'DELETE' },
  'CallbackFailed.203.xml': { status: 203, method: 'PUT', headersFile: 'CallbackFailed.203.headers.txt' },
  'Gateway-Tengine-400.no-body.headers.txt': {
    status: 400,
    method: 'PUT',
    headersFile: 'Gateway-Tengine-400.no-body.headers.txt',
  },
  'InvalidAccessKeyId.xml': { status: 403, headers: { 'x-oss-ec': '0002-00000902' } },
  'InvalidArgument.ArgumentName.xml': { status: 400, method: 'PUT' },
  'InvalidRange.xml': { status: 400, method: 'POST' },
  'InvalidRequest.xml': { status: 400, method: 'PUT' },
  'InvalidTargetType.x-oss-err-decoded.xml': {
    status: 400,
    method: 'HEAD',
    asXOssErr: true,
    headers: { 'x-oss-ec': '0026-00000011' },
  },
  'MalformedXML.ErrorDetail.xml': { status: 400, method: 'POST' },
  'MalformedXML.doc-xmlns.xml': { status: 400, method: 'PUT', headers: { 'x-oss-ec': '0003-00000001' } },
  'MethodNotAllowed.legacy-doc.xml': { status: 405, headers: { Allow: 'GET, DELETE, HEAD, PUT' } },
  'MissingArgument.doc.xml': { status: 400 },
  'NoSuchBucket.json-variant.json': { status: 404, headers: { 'Content-Type': 'application/json' } },
  'NoSuchBucket.xml': { status: 404 },
  'NoSuchKey.HEAD-404.headers.txt': {
    status: 404,
    method: 'HEAD',
    headersFile: 'NoSuchKey.HEAD-404.headers.txt',
  },
  'NoSuchKey.go-v2-restore.xml': { status: 404, method: 'POST' },
  'NoSuchKey.real-opendal.xml': { status: 404, headers: { 'x-oss-server-time': '1' } },
  'NoSuchLifecycle.xml': { status: 404 },
  'OperationNotSupported.Detail.xml': { status: 400, method: 'POST' },
  'PositionNotEqualToLength.xml': { status: 409, method: 'POST' },
  'RequestTimeTooSkewed.real-android.xml': {
    status: 403,
    headersFile: 'RequestTimeTooSkewed.real-android.headers.txt',
  },
  'RequestTimeTooSkewed.rust-test.xml': { status: 403 },
  'RestoreAlreadyInProgress.xml': { status: 409, method: 'POST', headers: { 'x-oss-ec': '0026-00000011' } },
  'ServiceFail.500.xml': { status: 500, method: 'PUT' },
  'SignatureDoesNotMatch.doc-0002-00000040.xml': { status: 403, method: 'PUT' },
  'SignatureDoesNotMatch.go-v2-mock.xml': { status: 403, method: 'PUT' },
  'SignatureDoesNotMatch.s3-compat-AWSAccessKeyId.xml': { status: 403 },
  'TooManyCnameToken.no-prolog.xml': { status: 400, method: 'POST' },
  'UserDisable.xml': { status: 403 },
};

/** Files that are part of another case (headers, the encoded form of a decoded sample). */
const COMPANIONS = new Set([
  'SOURCES.md',
  'CallbackFailed.203.headers.txt',
  'NoSuchKey.x-oss-err-decoded.xml',
  'NoSuchKey.x-oss-err-header.b64.txt',
  'RequestTimeTooSkewed.real-android.headers.txt',
]);

function readOss(file: string): string {
  return readFileSync(new URL(file, OSS_DIR), 'utf8');
}

/** Reads `Name: value` lines after the description line of a .headers.txt file. */
function readHeadersFile(file: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of readOss(file).split('\n').slice(1)) {
    const match = /^([A-Za-z0-9-]+):[ \t]?(.*)$/.exec(line.trimEnd());
    if (match === null || match[1]!.toLowerCase() === 'status') continue;
    let value = match[2]!;
    if (value.startsWith('<contents of ')) value = readOss(value.slice('<contents of '.length, -1)).trim();
    headers[match[1]!] = value;
  }
  return headers;
}

function requestIdOf(body: string): string | undefined {
  return (
    /<RequestId>\s*([^<\s]+)\s*<\/RequestId>/.exec(body)?.[1] ?? /"RequestId":\s*"([^"]+)"/.exec(body)?.[1]
  );
}

function toFixture(name: string, plan: Plan): OssFixture {
  const isHeadersOnly = name.endsWith('.headers.txt');
  const raw = isHeadersOnly ? '' : readOss(name);
  let headers: Record<string, string>;
  if (plan.headersFile !== undefined) {
    headers = readHeadersFile(plan.headersFile);
  } else {
    headers = { Server: 'AliyunOSS', 'Content-Type': XML };
    const requestId = plan.noRequestId === true ? undefined : requestIdOf(raw);
    if (requestId !== undefined) headers['x-oss-request-id'] = requestId;
  }
  Object.assign(headers, plan.headers);
  let body = raw;
  if (plan.asXOssErr === true) {
    headers['x-oss-err'] = Buffer.from(raw, 'utf8').toString('base64');
    body = '';
  }
  return Object.freeze({
    name,
    method: plan.method ?? 'GET',
    status: plan.status,
    headers: Object.freeze(headers),
    body,
  });
}

let ossFixtures: readonly OssFixture[] | undefined;

/**
 * Every sample in the shared OSS error folder, as the HTTP response it came from. Throws if a file in
 * the folder has no plan, so a new sample cannot be silently left out of the tests.
 */
export function loadOssFixtures(): readonly OssFixture[] {
  if (ossFixtures !== undefined) return ossFixtures;
  const files = readdirSync(OSS_DIR).filter((file) => !COMPANIONS.has(file));
  const missing = files.filter((file) => PLANS[file] === undefined);
  if (missing.length > 0) throw new Error(`No response plan for fixture(s): ${missing.join(', ')}`);
  ossFixtures = Object.freeze(files.sort().map((file) => toFixture(file, PLANS[file]!)));
  return ossFixtures;
}

/** The text of one shared sample file, as stored. */
export function readOssFixtureFile(file: string): string {
  return readOss(file);
}

/** One peer vector: an error response and what the OSS SDK v2 tests assert about it. */
export interface PeerVector {
  readonly id: string;
  readonly method: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly expected: Readonly<Record<string, unknown>>;
  readonly notes: string;
}

/** The 100 peer vectors (see fixtures/peer-vectors/README.md). */
export function loadPeerVectors(): readonly PeerVector[] {
  return JSON.parse(readFileSync(new URL('peer-error-vectors.json', PEER_DIR), 'utf8')) as PeerVector[];
}
