import { readFileSync } from 'node:fs';
import type * as Got14 from 'got';
import { type OssErrorsHooks, type OssErrorsOptions, ossErrors } from '../src/index';

// One suite, every got in the supported range: got 14 (the catalog's, the default run on the machine's
// Node) or, with OSS_ERRORS_GOT naming one of the aliases below, that got (scripts/test-matrix.mjs runs
// each on a Node it supports). The package itself resolves 'got' to 14 either way, so every other run is
// also the "the application has another got copy" case. All are typed with got 14's API.
type GotModule = typeof Got14;

/** The got packages of this package's devDependencies: `got` (latest 14) and one npm alias per version line. */
export const GOT_ALIASES = ['got', 'got12', 'got13', 'got14-0', 'got14-1', 'got15', 'got16'] as const;
export type GotAlias = (typeof GOT_ALIASES)[number];

function requestedGot(name: string | undefined): GotAlias {
  if (name === undefined || name === '') return 'got';
  const alias = GOT_ALIASES.find((candidate) => candidate === name);
  if (alias === undefined) throw new Error(`OSS_ERRORS_GOT=${name} is none of ${GOT_ALIASES.join(', ')}`);
  return alias;
}

/** Which got this run drives. */
export const gotName: GotAlias = requestedGot(process.env.OSS_ERRORS_GOT);

/** The got module under test. */
export const gotModule: GotModule = (await import(gotName)) as unknown as GotModule;

/** The version of a got alias, from its package.json (got's exports map hides the file from `require.resolve`). */
export function installedGotVersion(alias: GotAlias): string {
  const manifest = new URL(`../node_modules/${alias}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The version of the got under test. */
export const gotVersion: string = installedGotVersion(gotName);

/** True when the got under test is `version` or later (`'14.2.0'`: numeric, major.minor.patch). */
export function gotAtLeast(version: string): boolean {
  const have = gotVersion.split('.').map(Number);
  const want = version.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const difference = (have[i] ?? 0) - (want[i] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

/**
 * The message got gives an HTTPError: from 14.6.1 its words, the method and the full URL; before that
 * only the status (`Response code 404 (Not Found)`).
 */
export function httpErrorMessage(status: number, reason: string, method: string, url: string): string {
  return gotAtLeast('14.6.1')
    ? `Request failed with status code ${status} (${reason}): ${method} ${url}`
    : `Response code ${status} (${reason})`;
}

export const got: GotModule['default'] = gotModule.default;
export const HTTPError: GotModule['HTTPError'] = gotModule.HTTPError;
export const RequestError: GotModule['RequestError'] = gotModule.RequestError;
export const TimeoutError: GotModule['TimeoutError'] = gotModule.TimeoutError;

/** No retries, so a 5xx fixture or a refused connection fails at once instead of backing off for seconds. */
export const noRetry = { limit: 0 } as const;

/** The rejection of `promise` (typed loosely: got's overloads type a request with a union responseType as `Request | CancelableRequest`); fails the test if it resolves. */
export async function rejectionOf(promise: unknown): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a rejection, but the request resolved');
}

/** How a got stream ended: its 'error', or its 'response' and every byte it yielded. */
export type StreamOutcome =
  | { readonly error: Error; readonly statusCode?: undefined; readonly data?: undefined }
  | { readonly error?: undefined; readonly statusCode: number; readonly data: Buffer };

/**
 * Reads a `got.stream(...)` to its end or its 'error'. Requests that may carry a body (PUT, POST, DELETE)
 * are ended right away, as a caller with nothing to upload would.
 */
export function streamOutcome(stream: ReturnType<GotModule['default']['stream']>): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let statusCode = 0;
    stream.on('response', (response: { statusCode: number }) => {
      statusCode = response.statusCode;
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve({ statusCode, data: Buffer.concat(chunks) }));
    stream.on('error', (error: Error) => resolve({ error }));
    const method = stream.options.method;
    if (method !== 'GET' && method !== 'HEAD') stream.end();
  });
}

/** The secrets the signature-mismatch scenario gets in its query (and echoes into its body). */
export const SECRETS: {
  readonly accessKeyId: string;
  readonly signature: string;
  readonly securityToken: string;
} = {
  // Made up; assembled so no file holds a string shaped like a real access key id.
  accessKeyId: `LTAI${'5tFakeAccessKeyId12'}`,
  signature: 'SiGnAtUrEsEcReT0123456789abcd=',
  securityToken: 'CAIS1234567890SecretStsTokenValueXYZ',
};

/** A presigned-style path on the fake server that answers 403 SignatureDoesNotMatch, echoing the secrets. */
export function signatureMismatchPath(key = 'secret.txt'): string {
  const query = new URLSearchParams({
    OSSAccessKeyId: SECRETS.accessKeyId,
    Expires: '1700000000',
    Signature: SECRETS.signature,
    'security-token': SECRETS.securityToken,
  });
  return `/scenario/signature-mismatch/${key}?${query.toString()}`;
}

/** Every form a secret may take in a text: as sent, and percent-encoded as it stands in a URL. */
export function secretForms(): string[] {
  return Object.values(SECRETS).flatMap((secret) => [secret, encodeURIComponent(secret)]);
}

/** What a user beforeError hook placed before ours saw: the error as got created it, and its message then. */
export interface Seen {
  error?: Error;
  message?: string;
}

/** Our hooks, with a user beforeError hook in front that records the error got created, untouched by us. */
export function hooksRecordingGotsError(options?: OssErrorsOptions): { seen: Seen; hooks: OssErrorsHooks } {
  const seen: Seen = {};
  const ours = ossErrors(options);
  const record = <E extends Error>(error: E): E => {
    seen.error = error;
    seen.message = error.message;
    return error;
  };
  return { seen, hooks: { afterResponse: ours.afterResponse, beforeError: [record, ...ours.beforeError] } };
}
