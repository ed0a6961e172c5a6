import { Console } from 'node:console';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import { pino } from 'pino';
import winston from 'winston';

// The leak matrix's tools, shared by the adapters' tests: requests that carry distinct random credentials
// (made at run time; nothing shaped like a real key is ever stored), every way people print or log an
// error, and a search of those outputs for each credential in every form it could take.

/** A credential planted in a request, and what to call it in a failure message. */
export interface PlantedSecret {
  readonly label: string;
  readonly value: string;
}

/**
 * A request to `/scenario/signature-echo` (the fake OSS answers 403 SignatureDoesNotMatch and echoes what
 * OSS echoes) carrying credentials the way one signing method does.
 */
export interface LeakCase {
  readonly name: string;
  readonly method: 'GET' | 'PUT' | 'POST';
  /** Path and query on the fake server, e.g. `/scenario/signature-echo/a.txt?OSSAccessKeyId=…`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** PostObject form fields, to send as a multipart `FormData` body. */
  readonly form?: Readonly<Record<string, string>>;
  /** Credentials for the URL's user info (`http://user:password@host/…`). */
  readonly userInfo?: { readonly user: string; readonly password: string };
  /** Every credential the request carries: none of them may appear in any output. */
  readonly secrets: readonly PlantedSecret[];
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alnum(length: number): string {
  return Array.from(randomBytes(length), (byte) => ALNUM[byte % ALNUM.length]).join('');
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Base64 with a `+` and a `/` in it for sure, so URL encoding always changes it. */
function withSpecials(base64Text: string): string {
  return `${base64Text.slice(0, 4)}+${base64Text.slice(5, 9)}/${base64Text.slice(10)}`;
}

/** Fresh credentials of every kind, shaped like real ones, all distinct. */
function freshCredentials() {
  const callbackToken = alnum(24);
  return {
    longTermId: `LTAI${alnum(20)}`,
    stsId: `STS.${alnum(24)}`,
    // STS tokens are long base64 starting with CAIS; with + and /, so URL encoding changes them.
    stsToken: `CAIS${withSpecials(randomBytes(180).toString('base64'))}`,
    v1Signature: withSpecials(randomBytes(20).toString('base64')),
    v2Signature: withSpecials(randomBytes(32).toString('base64')),
    v4Signature: randomBytes(32).toString('hex'),
    callbackToken,
    callback: base64(
      JSON.stringify({
        callbackUrl: `https://callback.example.com/notify?token=${callbackToken}`,
        // OSS's own ${…} variables, not template placeholders.
        callbackBody: ['bucket', 'object', 'size'].map((name) => `${name}=\${${name}}`).join('&'),
      }),
    ),
    callbackVar: base64(JSON.stringify({ 'x:session': alnum(24) })),
    cookie: `sid=${randomBytes(16).toString('hex')}`,
    password: alnum(20),
  };
}

const DATE = '20261130';
const V4_SCOPE = `${DATE}/cn-hangzhou/oss/aliyun_v4_request`;
const S3_SCOPE = `${DATE}/oss-cn-hangzhou/s3/aws4_request`;

function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** One request of each kind, each with fresh credentials. */
function buildCases(): LeakCase[] {
  const echo = (key: string, params?: Record<string, string>): string =>
    `/scenario/signature-echo/${key}${params === undefined ? '' : `?${query(params)}`}`;
  const cases: LeakCase[] = [];
  const add = (name: string, build: (c: ReturnType<typeof freshCredentials>) => Omit<LeakCase, 'name'>) => {
    cases.push({ name, ...build(freshCredentials()) });
  };
  const secret = (label: string, value: string): PlantedSecret => ({ label, value });
  type Credentials = ReturnType<typeof freshCredentials>;
  const stsSecrets = (c: Credentials, signature: string): PlantedSecret[] => [
    secret('STS access key id', c.stsId),
    secret('signature', signature),
    secret('security token', c.stsToken),
  ];
  const longTermSecrets = (c: Credentials, signature: string): PlantedSecret[] => [
    secret('access key id', c.longTermId),
    secret('signature', signature),
  ];
  const callbackSecrets = (c: Credentials): PlantedSecret[] => [
    secret('callback', c.callback),
    secret('callback-var', c.callbackVar),
    secret("callback server's token", c.callbackToken),
  ];

  add('V1 presigned URL, long-term key', (c) => ({
    method: 'GET',
    path: echo('v1.txt', { OSSAccessKeyId: c.longTermId, Expires: '1795000000', Signature: c.v1Signature }),
    headers: {},
    secrets: longTermSecrets(c, c.v1Signature),
  }));
  add('V1 presigned URL, STS', (c) => ({
    method: 'GET',
    path: echo('v1-sts.txt', {
      OSSAccessKeyId: c.stsId,
      Expires: '1795000000',
      Signature: c.v1Signature,
      'security-token': c.stsToken,
    }),
    headers: {},
    secrets: stsSecrets(c, c.v1Signature),
  }));
  add('V2 presigned URL, STS', (c) => ({
    method: 'GET',
    path: echo('v2.txt', {
      'x-oss-signature-version': 'OSS2',
      'x-oss-access-key-id': c.stsId,
      'x-oss-expires': '1795000000',
      'x-oss-signature': c.v2Signature,
      'security-token': c.stsToken,
    }),
    headers: {},
    secrets: stsSecrets(c, c.v2Signature),
  }));
  add('V4 presigned URL, STS', (c) => ({
    method: 'GET',
    path: echo('v4.txt', {
      'x-oss-signature-version': 'OSS4-HMAC-SHA256',
      'x-oss-credential': `${c.stsId}/${V4_SCOPE}`,
      'x-oss-date': `${DATE}T000000Z`,
      'x-oss-expires': '3600',
      'x-oss-signature': c.v4Signature,
      'x-oss-security-token': c.stsToken,
    }),
    headers: {},
    secrets: stsSecrets(c, c.v4Signature),
  }));
  add('S3 presigned URL, STS', (c) => ({
    method: 'GET',
    path: echo('s3.txt', {
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `${c.stsId}/${S3_SCOPE}`,
      'X-Amz-Date': `${DATE}T000000Z`,
      'X-Amz-Expires': '3600',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': c.v4Signature,
      'X-Amz-Security-Token': c.stsToken,
    }),
    headers: {},
    secrets: stsSecrets(c, c.v4Signature),
  }));
  add('V1 Authorization header, STS', (c) => ({
    method: 'GET',
    path: echo('v1-header.txt'),
    headers: {
      Authorization: `OSS ${c.stsId}:${c.v1Signature}`,
      'x-oss-security-token': c.stsToken,
      'x-oss-date': 'Mon, 30 Nov 2026 00:00:00 GMT',
    },
    secrets: stsSecrets(c, c.v1Signature),
  }));
  add('V2 Authorization header, long-term key', (c) => ({
    method: 'GET',
    path: echo('v2-header.txt'),
    headers: {
      Authorization: `OSS2 AccessKeyId:${c.longTermId},AdditionalHeaders:host,Signature:${c.v2Signature}`,
      'x-oss-date': 'Mon, 30 Nov 2026 00:00:00 GMT',
    },
    secrets: longTermSecrets(c, c.v2Signature),
  }));
  add('V4 Authorization header, STS', (c) => ({
    method: 'GET',
    path: echo('v4-header.txt'),
    headers: {
      Authorization: `OSS4-HMAC-SHA256 Credential=${c.stsId}/${V4_SCOPE},AdditionalHeaders=host,Signature=${c.v4Signature}`,
      'x-oss-security-token': c.stsToken,
      'x-oss-date': `${DATE}T000000Z`,
      'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
    },
    secrets: stsSecrets(c, c.v4Signature),
  }));
  add('S3 Authorization header, long-term key', (c) => ({
    method: 'GET',
    path: echo('s3-header.txt'),
    headers: {
      Authorization: `AWS4-HMAC-SHA256 Credential=${c.longTermId}/${S3_SCOPE}, SignedHeaders=host;x-amz-date, Signature=${c.v4Signature}`,
      'x-amz-date': `${DATE}T000000Z`,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    },
    secrets: longTermSecrets(c, c.v4Signature),
  }));
  add('callback parameters in a presigned URL', (c) => ({
    method: 'PUT',
    path: echo('callback-query.txt', {
      OSSAccessKeyId: c.longTermId,
      Expires: '1795000000',
      Signature: c.v1Signature,
      callback: c.callback,
      'callback-var': c.callbackVar,
    }),
    headers: {},
    secrets: [...longTermSecrets(c, c.v1Signature), ...callbackSecrets(c)],
  }));
  add('callback headers with a V1 Authorization', (c) => ({
    method: 'PUT',
    path: echo('callback-header.txt'),
    headers: {
      Authorization: `OSS ${c.longTermId}:${c.v1Signature}`,
      'x-oss-callback': c.callback,
      'x-oss-callback-var': c.callbackVar,
    },
    secrets: [...longTermSecrets(c, c.v1Signature), ...callbackSecrets(c)],
  }));
  add('PostObject form, STS', (c) => ({
    method: 'POST',
    path: echo('post-object'),
    headers: {},
    form: {
      key: 'uploads/a.txt',
      policy: base64(JSON.stringify({ expiration: '2026-12-01T00:00:00.000Z', conditions: [] })),
      OSSAccessKeyId: c.stsId,
      Signature: c.v1Signature,
      'x-oss-security-token': c.stsToken,
      callback: c.callback,
      file: 'hello',
    },
    secrets: [...stsSecrets(c, c.v1Signature), secret('callback', c.callback)],
  }));
  add('Cookie, Proxy-Authorization and URL user info', (c) => {
    const proxyCredentials = base64(`proxy-user:${c.password}`);
    return {
      method: 'GET',
      path: echo('userinfo.txt', {
        OSSAccessKeyId: c.longTermId,
        Expires: '1795000000',
        Signature: c.v1Signature,
      }),
      headers: { Cookie: c.cookie, 'Proxy-Authorization': `Basic ${proxyCredentials}` },
      userInfo: { user: c.longTermId, password: c.password },
      secrets: [
        ...longTermSecrets(c, c.v1Signature),
        secret('cookie', c.cookie),
        secret('proxy credentials', proxyCredentials),
        secret('password', c.password),
      ],
    };
  });
  return cases;
}

/** The names of the leak cases, for `it.each`. */
export const LEAK_CASE_NAMES: readonly string[] = buildCases().map((leakCase) => leakCase.name);

/**
 * The leak case of that name with fresh random credentials: every call plants new ones.
 *
 * @example
 * const leakCase = leakCase('V4 presigned URL, STS');
 * await client.get(leakCase.path, { headers: leakCase.headers });
 */
export function leakCase(name: string): LeakCase {
  const found = buildCases().find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no leak case named ${name}`);
  return found;
}

/**
 * The same request sent to another route of the fake server, its query kept: e.g. a callback upload to
 * `/scenario/callback-failed` (203 CallbackFailed).
 *
 * @example
 * const upload = leakCaseAt(leakCase('callback headers with a V1 Authorization'), '/scenario/callback-failed');
 */
export function leakCaseAt(leakCase: LeakCase, pathname: string): LeakCase {
  const queryAt = leakCase.path.indexOf('?');
  return { ...leakCase, path: pathname + (queryAt < 0 ? '' : leakCase.path.slice(queryAt)) };
}

/** `origin + path`, with the case's user info in the URL when it has some. */
export function leakCaseUrl(origin: string, leakCase: LeakCase): string {
  if (leakCase.userInfo === undefined) return origin + leakCase.path;
  const url = new URL(origin + leakCase.path);
  url.username = leakCase.userInfo.user;
  url.password = leakCase.userInfo.password;
  return url.href;
}

/** The case's PostObject fields as a `FormData`, or undefined. */
export function leakCaseForm(leakCase: LeakCase): FormData | undefined {
  if (leakCase.form === undefined) return undefined;
  const form = new FormData();
  for (const [name, value] of Object.entries(leakCase.form)) form.append(name, value);
  return form;
}

function hex(text: string, upper: boolean, separator: string): string {
  const digits = Array.from(Buffer.from(text, 'utf8'), (byte) => byte.toString(16).padStart(2, '0'));
  return (upper ? digits.map((pair) => pair.toUpperCase()) : digits).join(separator);
}

/**
 * Every form in which `text` could stand in an output: as it is, URL-encoded, base64 (with and without
 * padding, and URL-safe), and hex (lower case run together, and upper case spaced as in StringToSignBytes).
 *
 * @example
 * secretForms('a/b?'); // ['a/b?', 'a%2Fb%3F', 'YS9iPw==', 'YS9iPw', '612f623f', '61 2F 62 3F']
 */
export function secretForms(text: string): string[] {
  const encoded = base64(text);
  const unpadded = encoded.replace(/=+$/, '');
  return [
    ...new Set([
      text,
      encodeURIComponent(text),
      encoded,
      unpadded,
      unpadded.replaceAll('+', '-').replaceAll('/', '_'),
      hex(text, false, ''),
      hex(text, true, ' '),
    ]),
  ];
}

const WINDOW = 12;

/**
 * Searches every output for every planted secret in every form ({@link secretForms}): the whole value, and
 * its first and last 12 characters, so a secret cut short by a mask that stopped too early is found too (a
 * kept key id prefix is at most 8 characters). Returns one line per finding, empty when nothing leaked.
 * Takes one text or named outputs, and the secrets of a {@link LeakCase} or of {@link plantSecrets}.
 *
 * @example
 * expect(findLeaks(await logOutputs(err), leakCase.secrets)).toEqual([]);
 */
export function findLeaks(
  outputs: string | Readonly<Record<string, string>>,
  secrets: readonly PlantedSecret[] | PlantedSecrets,
): string[] {
  if (typeof outputs === 'string') return findLeaks({ output: outputs }, secrets);
  if (!Array.isArray(secrets)) {
    const named = Object.entries(secrets as PlantedSecrets).map(([label, value]) => ({ label, value }));
    return findLeaks(outputs, named);
  }
  const needles: Array<{ readonly secret: PlantedSecret; readonly needle: string; readonly what: string }> =
    [];
  for (const secret of secrets) {
    const parts: Array<[string, string]> = [['whole', secret.value]];
    if (secret.value.length > WINDOW + 4) {
      parts.push(['start', secret.value.slice(0, WINDOW)], ['end', secret.value.slice(-WINDOW)]);
    }
    for (const [what, part] of parts) {
      for (const needle of secretForms(part)) needles.push({ secret, needle, what });
    }
  }
  const found: string[] = [];
  for (const [output, text] of Object.entries(outputs)) {
    const lower = text.toLowerCase();
    for (const { secret, needle, what } of needles) {
      // Hex and percent-encoding are case-insensitive; the rest is not.
      const hit = /^[0-9a-f ]+$/i.test(needle) ? lower.includes(needle.toLowerCase()) : text.includes(needle);
      if (hit) found.push(`${output}: the ${secret.label} (${what}) as ${JSON.stringify(needle)}`);
    }
  }
  return [...new Set(found)];
}

/** Named credentials of each kind, for a test that plants them in texts of its own. */
export interface PlantedSecrets {
  /** A long-term access key id (`LTAI…`): only a short prefix may be printed. */
  readonly keyId: string;
  /** An STS access key id (`STS.…`). */
  readonly stsKeyId: string;
  /** A V1 signature (base64 of an HMAC-SHA1, with `+`, `/` and `=`). */
  readonly signature: string;
  /** A V4 signature (hex of an HMAC-SHA256). */
  readonly signatureHex: string;
  /** An STS security token (`CAIS…`, base64). */
  readonly token: string;
  /** An `x-oss-callback` value (base64 JSON). */
  readonly callback: string;
}

/**
 * Fresh credentials of each kind, new on every call (see {@link withSecrets} to put them into a text).
 *
 * @example
 * const secrets = plantSecrets();
 * expect(findLeaks(explain(withSecrets(template, secrets)).output, secrets)).toEqual([]);
 */
export function plantSecrets(): PlantedSecrets {
  const c = freshCredentials();
  return {
    keyId: c.longTermId,
    stsKeyId: c.stsId,
    signature: c.v1Signature,
    signatureHex: c.v4Signature,
    token: c.stsToken,
    callback: c.callback,
  };
}

/**
 * `text` with `{{KEY_ID}}`, `{{STS_KEY_ID}}`, `{{SIGNATURE}}`, `{{SIGNATURE_URL}}`, `{{SIGNATURE_HEX}}`,
 * `{{TOKEN}}`, `{{TOKEN_URL}}` and `{{CALLBACK}}` replaced by the planted secrets (`_URL`: URL-encoded).
 *
 * @example
 * withSecrets('?OSSAccessKeyId={{KEY_ID}}&Signature={{SIGNATURE_URL}}', plantSecrets());
 */
export function withSecrets(text: string, secrets: PlantedSecrets): string {
  const values: Record<string, string> = {
    KEY_ID: secrets.keyId,
    STS_KEY_ID: secrets.stsKeyId,
    SIGNATURE: secrets.signature,
    SIGNATURE_URL: encodeURIComponent(secrets.signature),
    SIGNATURE_HEX: secrets.signatureHex,
    TOKEN: secrets.token,
    TOKEN_URL: encodeURIComponent(secrets.token),
    CALLBACK: secrets.callback,
  };
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

let captured: string[] = [];
const sink = new Writable({
  write(chunk: Buffer | string, _encoding, done) {
    captured.push(String(chunk));
    done();
  },
});
const nodeConsole = new Console({ stdout: sink, stderr: sink, colorMode: false });
const pinoLogger = pino({ serializers: { err: pino.stdSerializers.err } }, sink);
const pinoDefault = pino(sink);
const winstonLogger = winston.createLogger({
  format: winston.format.combine(winston.format.errors({ stack: true }), winston.format.json()),
  transports: [new winston.transports.Stream({ stream: sink })],
});

async function capture(log: () => void): Promise<string> {
  captured = [];
  log();
  // winston hands entries to its transport on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  return captured.join('');
}

const PINO_OUTPUTS = [
  'pino logger.error(err)',
  'pino logger.error({ err }, msg)',
  'pino() logger.error(err), logger.info({ error })',
];

/**
 * The outputs of {@link logOutputs} that print `err.stack` as the error holds it, not through a log-safe
 * view: the stack itself, pino and winston, a structured clone, Node's inspect without custom hooks. Where
 * the stack was formatted before an adapter could rewrite it (Node 20), they show it as it was.
 */
export const STACK_AS_IS: readonly string[] = [
  'stack',
  'structuredClone(err)',
  'util.inspect(err, { customInspect: false })',
  ...PINO_OUTPUTS,
  'winston logger.error(err)',
  'winston logger.error(msg, err)',
];

/**
 * The outputs of {@link logOutputs} that show an error's `cause` as it is: pino appends a cause's message
 * and stack, a structured clone carries the cause, Node's inspect without custom hooks prints it.
 */
export const CAUSE_AS_IS: readonly string[] = [
  'structuredClone(err)',
  'util.inspect(err, { customInspect: false })',
  ...PINO_OUTPUTS,
];

/** What `print()` gives, or what it threw (structuredClone may refuse an object). */
function attempt(print: () => string): string {
  try {
    return print();
  } catch (thrown) {
    return `threw ${String(thrown)}`;
  }
}

/**
 * Everything an application may print or log of `error`: message, stack, `String(err)`, `err.oss`,
 * `toJSON()`, `JSON.stringify(err)`, `util.inspect(err, { depth: Infinity })`, with `showHidden` and
 * with `customInspect: false` (not both: that asks for the client's raw objects),
 * `util.format`'s `%o %O %j %s`, a `structuredClone` of it (as `postMessage` sends it), the error inside an
 * object and an array (inspected and JSON), as the `cause` of another error and in an `AggregateError`,
 * Node's `console.log` and `console.error`, pino with its standard `err` serializer (`logger.error(err)`
 * and `logger.error({ err }, msg)`) and with no options (under a key of the user's own), and winston with
 * `format.errors({ stack: true })` + `format.json()` (`logger.error(err)` and `logger.error(msg, err)`).
 * The loggers run last: winston writes `level` onto the error it is given.
 *
 * @example
 * const outputs = await logOutputs(err); // { message: '…', stack: '…', 'String(err)': '…', … }
 */
export async function logOutputs(error: unknown): Promise<Record<string, string>> {
  const fields = error as { message?: unknown; stack?: unknown; oss?: unknown; toJSON?: unknown };
  const outputs: Record<string, string> = {
    message: String(fields.message),
    stack: String(fields.stack),
    'String(err)': String(error),
    'err.oss': `${JSON.stringify(fields.oss)}\n${inspect(fields.oss, { depth: Number.POSITIVE_INFINITY })}`,
    'toJSON()': JSON.stringify(typeof fields.toJSON === 'function' ? fields.toJSON.call(error) : null),
    'JSON.stringify(err)': String(JSON.stringify(error)),
    'util.inspect(err, { depth: Infinity })': inspect(error, { depth: Number.POSITIVE_INFINITY }),
    'util.inspect(err, { showHidden: true })': inspect(error, { showHidden: true, depth: 6 }),
    'util.inspect(err, { customInspect: false })': inspect(error, { customInspect: false, depth: 6 }),
    "util.format('%o %O %j %s')": format('%o %O %j %s', error, error, error, error),
    'structuredClone(err)': attempt(() => inspect(structuredClone(error), { showHidden: true, depth: 6 })),
    'the error in an object and an array': `${inspect({ error }, { depth: Number.POSITIVE_INFINITY })}\n${inspect(
      [error],
      { depth: Number.POSITIVE_INFINITY },
    )}\n${JSON.stringify({ error })}`,
    'the cause of an error, in an AggregateError': `${inspect(new Error('wrapped', { cause: error }), {
      depth: Number.POSITIVE_INFINITY,
    })}\n${inspect(new AggregateError([error], 'all failed'), { depth: Number.POSITIVE_INFINITY })}`,
  };
  outputs['console.log(err)'] = await capture(() => nodeConsole.log(error));
  outputs['console.error(err)'] = await capture(() => nodeConsole.error(error));
  outputs['pino logger.error(err)'] = await capture(() => pinoLogger.error(error));
  outputs['pino logger.error({ err }, msg)'] = await capture(() =>
    pinoLogger.error({ err: error }, 'failed'),
  );
  outputs['pino() logger.error(err), logger.info({ error })'] = await capture(() => {
    pinoDefault.error(error);
    pinoDefault.info({ error }, 'failed');
  });
  outputs['winston logger.error(err)'] = await capture(() => winstonLogger.error(error as Error));
  outputs['winston logger.error(msg, err)'] = await capture(() => winstonLogger.error('failed', error));
  return outputs;
}
