import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALLBACK_FAILED_REQUEST_ID,
  credentialForms,
  endlessBody,
  FAKE_CREDENTIALS,
  type FakeOss,
  loadOssFixtures,
  loadPeerVectors,
  NON_ASCII_ERROR,
  presignedPath,
  startFakeOss,
} from '../src/index';

const fixtures = loadOssFixtures();
const peers = loadPeerVectors();
const fixture = (name: string) => fixtures.find((candidate) => candidate.name === name)!;

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

/** Asserts a response carries `headers` exactly (values; fetch lower-cases the names). */
function expectHeaders(response: Response, headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) expect(response.headers.get(name), name).toBe(value);
}

/** Asserts a Date header that is the real current time (it has second precision). */
function expectCurrentDate(response: Response): void {
  const sent = Date.parse(response.headers.get('date') ?? '');
  expect(Math.abs(Date.now() - sent)).toBeLessThan(60_000);
}

function ossHeaderNames(response: Response): string[] {
  return [...response.headers.keys()].filter((name) => name.startsWith('x-oss-'));
}

// fetch always un-gzips, so the gzip test reads the raw bytes with node:http.
function rawGet(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** The body of a GET as the pieces node:http read, one 'data' event each. */
function rawPieces(url: string): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const pieces: Buffer[] = [];
      res.on('data', (piece: Buffer) => pieces.push(piece));
      res.on('end', () => resolve(pieces));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/**
 * The first `bytes` bytes (whole reads) of a body that never ends, on a connection of its own, which is
 * then closed; and how long they took from the request.
 */
function readAtLeast(
  url: string,
  bytes: number,
): Promise<{ status: number; body: Buffer; elapsedMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      const parts: Buffer[] = [];
      let length = 0;
      res.on('data', (part: Buffer) => {
        parts.push(part);
        length += part.length;
        if (length < bytes) return;
        const elapsedMs = performance.now() - started;
        res.destroy();
        resolve({ status: res.statusCode!, body: Buffer.concat(parts), elapsedMs });
      });
      res.on('error', () => {});
      res.on('end', () => reject(new Error(`the body ended after ${length} bytes`)));
    });
    req.on('error', reject).end();
  });
}

/** A GET over a bare TCP socket: every byte that came, and how the connection ended. */
function rawExchange(url: string): Promise<{ bytes: Buffer; ending: string }> {
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
    });
    socket.on('data', (part: Buffer) => parts.push(part));
    socket.on('end', () => resolve({ bytes: Buffer.concat(parts), ending: 'end' }));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ bytes: Buffer.concat(parts), ending: error.code ?? error.message }),
    );
  });
}

function splitHead(bytes: Buffer): [string, Buffer] {
  const end = bytes.indexOf('\r\n\r\n');
  return [bytes.subarray(0, end + 4).toString('latin1'), bytes.subarray(end + 4)];
}

describe('/fixture/<name>', () => {
  it.each(fixtures)('serves $name with its status, headers and body', async (sample) => {
    const response = await fetch(oss.url(`/fixture/${sample.name}`), { method: sample.method });
    expect(response.status).toBe(sample.status);
    expectHeaders(response, sample.headers);
    expect(await response.text()).toBe(sample.method === 'HEAD' ? '' : sample.body);
    const hasOwnDate = Object.keys(sample.headers).some((name) => name.toLowerCase() === 'date');
    if (!hasOwnDate) expectCurrentDate(response);
  });

  it('sends no body to HEAD but the same headers', async () => {
    const sample = fixture('NoSuchKey.real-opendal.xml');
    const response = await fetch(oss.url(`/fixture/${sample.name}`), { method: 'HEAD' });
    expect(response.status).toBe(404);
    expectHeaders(response, sample.headers);
    expect(await response.text()).toBe('');
  });

  it('answers an unknown name with a plain 404 and no request id', async () => {
    const response = await fetch(oss.url('/fixture/Nope.xml'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(ossHeaderNames(response)).toEqual([]);
    expect(await response.text()).toBe('unknown fixture');
  });
});

describe('/peer/<index>', () => {
  it('has 100 vectors to serve', () => {
    expect(peers).toHaveLength(100);
  });

  it.each(peers.map((vector, index) => ({ ...vector, index })))('serves #$index $id', async (vector) => {
    const response = await fetch(oss.url(`/peer/${vector.index}`), {
      method: vector.method,
      redirect: 'manual',
    });
    if (vector.status < 200) {
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('not servable');
      return;
    }
    expect(response.status).toBe(vector.status);
    expectHeaders(response, vector.headers);
    const bodyless = vector.method === 'HEAD' || vector.status === 204 || vector.status === 304;
    expect(await response.text()).toBe(bodyless ? '' : vector.body);
  });

  it('answers an index out of range with a plain 404', async () => {
    const response = await fetch(oss.url('/peer/100'));
    expect(response.status).toBe(404);
    expect(ossHeaderNames(response)).toEqual([]);
  });
});

describe('query modifiers', () => {
  // This sample's recorded Content-Length (465) must go when the body changes length.
  const sample = fixture('RequestTimeTooSkewed.real-android.xml');

  it('?gzip=1 gzips the body and drops the recorded Content-Length', async () => {
    const response = await rawGet(oss.url(`/fixture/${sample.name}?gzip=1`));
    expect(response.status).toBe(403);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.headers['x-oss-request-id']).toBe(sample.headers['x-oss-request-id']);
    expect(gunzipSync(response.body).toString('utf8')).toBe(sample.body);
  });

  it('?gzip=1 works on peer vectors too', async () => {
    const response = await rawGet(oss.url('/peer/0?gzip=1'));
    expect(response.status).toBe(peers[0]!.status);
    expect(gunzipSync(response.body).toString('utf8')).toBe(peers[0]!.body);
  });

  it('?trickle=<ms> sends the headers at once and 16-byte chunks every <ms>', async () => {
    const ms = 10;
    const chunkCount = Math.ceil(Buffer.byteLength(sample.body) / 16);
    const started = performance.now();
    const response = await fetch(oss.url(`/fixture/${sample.name}?trickle=${ms}`));
    const headersAfter = performance.now() - started;
    const parts: number[] = [];
    const reader = response.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read())
      parts.push(read.value.length);
    const elapsed = performance.now() - started;

    expect(response.status).toBe(403);
    expect(headersAfter).toBeLessThan(((chunkCount - 1) * ms) / 2);
    expect(elapsed).toBeGreaterThanOrEqual((chunkCount - 1) * ms);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.reduce((sum, length) => sum + length, 0)).toBe(Buffer.byteLength(sample.body));
  });

  it('?pad=<bytes> streams that many spaces after the sample body', async () => {
    const pad = 200_000;
    const response = await fetch(oss.url(`/fixture/${sample.name}?pad=${pad}`));
    const body = Buffer.from(await response.arrayBuffer());
    const bodyLength = Buffer.byteLength(sample.body);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-length')).toBeNull();
    expect(body.length).toBe(bodyLength + pad);
    expect(body.subarray(0, bodyLength).toString('utf8')).toBe(sample.body);
    expect(body.subarray(bodyLength).every((byte) => byte === 0x20)).toBe(true);
  });

  it.each([
    ['gzip', gunzipSync],
    ['deflate', inflateSync],
    ['br', brotliDecompressSync],
  ] as const)('?encoding=%s compresses the body with that coding', async (encoding, decompress) => {
    const response = await rawGet(oss.url(`/fixture/${sample.name}?encoding=${encoding}`));
    expect(response.status).toBe(403);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['content-length']).toBeUndefined();
    expect(decompress(response.body).toString('utf8')).toBe(sample.body);
  });

  it('?split=<offsets> delivers the bytes on the wire in pieces cut exactly there', async () => {
    const pieces = await rawPieces(oss.url(`/fixture/${sample.name}?split=1,7,8,300`));
    expect(Buffer.concat(pieces).toString('utf8')).toBe(sample.body);
    // 2 ms apart: each piece is read on its own (a busy machine could still merge two).
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    const ends = pieces.map((_, i) => pieces.slice(0, i + 1).reduce((sum, piece) => sum + piece.length, 0));
    for (const end of ends.slice(0, -1)) expect([1, 7, 8, 300]).toContain(end);
  });

  it('combines: gzip + pad + trickle on a peer vector', async () => {
    const response = await rawGet(oss.url('/peer/1?gzip=1&pad=100&trickle=1'));
    expect(gunzipSync(response.body).toString('utf8')).toBe(peers[1]!.body + ' '.repeat(100));
  });
});

describe('/scenario/*', () => {
  it('huge with ?encoding: a decompression bomb, compressed as it is pulled', async () => {
    const bytes = 8 * 1024 * 1024;
    const response = await rawGet(oss.url(`/scenario/huge?bytes=${bytes}&encoding=br`));
    expect(response.status).toBe(403);
    expect(response.headers['content-encoding']).toBe('br');
    const body = brotliDecompressSync(response.body);
    expect(response.body.length).toBeLessThan(body.length / 500);
    expect(body.subarray(0, 200).toString('utf8')).toContain('<Code>AccessDenied</Code>');
    expect(body.length - (body.indexOf('</Error>\n') + '</Error>\n'.length)).toBe(bytes);
  });

  it('non-ascii: Message and Key in 2-, 3- and 4-byte UTF-8', async () => {
    const response = await fetch(oss.url('/scenario/non-ascii'));
    const body = await response.text();
    expect(response.status).toBe(403);
    expect(response.headers.get('x-oss-ec')).toBe('0003-00000001');
    expect(body).toContain(`<Message>${NON_ASCII_ERROR.message}</Message>`);
    expect(body).toContain(`<Key>${NON_ASCII_ERROR.key}</Key>`);
    expect(body).toContain(`<RequestId>${response.headers.get('x-oss-request-id')}</RequestId>`);
    expect(NON_ASCII_ERROR.message + NON_ASCII_ERROR.key).toMatch(
      /é.*[\u4e00-\u9fff].*\p{Extended_Pictographic}/su,
    );
  });

  it('endless: an AccessDenied document, then numbered comments without end, paced by ?every', async () => {
    const fast = await readAtLeast(oss.url('/scenario/endless?chunk=1000'), 300_000);
    expect(fast.status).toBe(403);
    const documentEnd = fast.body.indexOf('</Error>\n') + '</Error>\n'.length;
    expect(fast.body.subarray(0, documentEnd).toString()).toContain('<Code>AccessDenied</Code>');
    expect(fast.body.subarray(documentEnd)).toEqual(endlessBody(fast.body.length - documentEnd));
    expect(endlessBody(40).toString()).toBe('<!-- 0000000000 -->\n<!-- 0000000001 -->\n');

    // The document comes whole, then 16 bytes every 20 ms: 6 of them take at least 5 pauses.
    const paced = await readAtLeast(oss.url('/scenario/endless?chunk=16&every=20'), documentEnd + 6 * 16);
    expect(paced.elapsedMs).toBeGreaterThanOrEqual(5 * 20 - 5);
  });

  it('reset: a true Content-Length, part of the body, then a TCP reset', async () => {
    const raw = await rawExchange(oss.url('/scenario/reset?after=120'));
    const [head, body] = splitHead(raw.bytes);
    expect(head).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(head).toMatch(/\r\nx-oss-request-id: [0-9A-F]{24}\r\n/);
    expect(Number(/\r\nContent-Length: (\d+)\r\n/.exec(head)?.[1])).toBeGreaterThan(120);
    expect(body.length).toBe(120);
    expect(raw.ending).toBe('ECONNRESET');
  });

  it('short-body: a Content-Length that claims more than the whole body sent, then a clean close', async () => {
    const raw = await rawExchange(oss.url('/scenario/short-body?missing=40'));
    const [head, body] = splitHead(raw.bytes);
    expect(head).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(body.toString('utf8')).toMatch(/<Code>AccessDenied<\/Code>[\s\S]*<\/Error>\n$/);
    expect(Number(/\r\nContent-Length: (\d+)\r\n/.exec(head)?.[1])).toBe(body.length + 40);
    expect(raw.ending).toBe('end');
  });

  it('ok: 200 hello with a fixed request id', async () => {
    const response = await fetch(oss.url('/scenario/ok'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('x-oss-request-id')).toBe('OKOKOKOKOKOKOKOKOKOKOKOK');
    expectCurrentDate(response);
    expect(await response.text()).toBe('hello');
  });

  it('download: streams 1 MiB by default, or ?bytes=N', async () => {
    const whole = await fetch(oss.url('/scenario/download'));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/octet-stream');
    expect((await whole.arrayBuffer()).byteLength).toBe(1024 * 1024);
    const some = await fetch(oss.url('/scenario/download?bytes=70000'));
    expect((await some.arrayBuffer()).byteLength).toBe(70_000);
  });

  it('ok-error-document: a 200 whose body is an <Error> document', async () => {
    const response = await fetch(oss.url('/scenario/ok-error-document'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(await response.text()).toMatch(
      /^<\?xml[^>]*\?>\n<Error>\n {2}<Code>NoSuchKey<\/Code>[\s\S]*<\/Error>\n$/,
    );
  });

  it('gateway-html: a Tengine 502 page without x-oss-* headers', async () => {
    const response = await fetch(oss.url('/scenario/gateway-html'));
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('server')).toBe('Tengine');
    expect(ossHeaderNames(response)).toEqual([]);
    expect(await response.text()).toContain('<title>502 Bad Gateway</title>');
  });

  it('unavailable: 503 ServiceUnavailable, request id and EC in both body and headers', async () => {
    const response = await fetch(oss.url('/scenario/unavailable'));
    const body = await response.text();
    const requestId = response.headers.get('x-oss-request-id');
    expect(response.status).toBe(503);
    expect(response.headers.get('x-oss-ec')).toBe('0001-00000503');
    expect(requestId).toMatch(/^[0-9A-F]{24}$/);
    expect(body).toContain('<Code>ServiceUnavailable</Code>');
    expect(body).toContain('<Message>Please reduce your request rate.</Message>');
    expect(body).toContain(`<RequestId>${requestId}</RequestId>`);
    expect(body).toContain('<EC>0001-00000503</EC>');
  });

  it('flaky: fails exactly n times per key, then succeeds', async () => {
    const statuses = async (key: string, times: number) => {
      const seen: number[] = [];
      for (let i = 0; i < times; i++) {
        const response = await fetch(oss.url(`/scenario/flaky?key=${key}&failures=2`));
        seen.push(response.status);
        if (response.status === 200) expect(await response.text()).toBe('ok');
        else expect(await response.text()).toContain('<Code>ServiceUnavailable</Code>');
      }
      return seen;
    };
    expect(await statuses('a', 4)).toEqual([503, 503, 200, 200]);
    expect(await statuses('b', 3)).toEqual([503, 503, 200]);
  });

  it.each(fixtures.filter((sample) => sample.status >= 300))(
    'flaky with fail=$name: fails with that sample, then succeeds',
    async (sample) => {
      const path = `/scenario/flaky?key=fail-${encodeURIComponent(sample.name)}&fail=${encodeURIComponent(sample.name)}`;
      const failed = await fetch(oss.url(path));
      expect(failed.status).toBe(sample.status);
      expectHeaders(failed, sample.headers);
      expect(await failed.text()).toBe(sample.body);
      const second = await fetch(oss.url(path));
      expect([second.status, await second.text()]).toEqual([200, 'ok']);
    },
  );

  it('flaky with an unknown fail= sample: the usual 503', async () => {
    const response = await fetch(oss.url('/scenario/flaky?key=unknown-sample&fail=nope.xml'));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('<Code>ServiceUnavailable</Code>');
  });

  it('flaky: counts per server instance', async () => {
    const other = await startFakeOss();
    try {
      expect((await fetch(other.url('/scenario/flaky?key=a&failures=1'))).status).toBe(503);
    } finally {
      await other.close();
    }
  });

  it.each(['GET', 'HEAD'])('head-only (%s): 404 with a request id and nothing else', async (method) => {
    const response = await fetch(oss.url('/scenario/head-only'), { method });
    expect(response.status).toBe(404);
    expect(ossHeaderNames(response)).toEqual(['x-oss-request-id']);
    expect(response.headers.get('content-length')).toBe('0');
    expect(response.headers.get('content-type')).toBeNull();
    expectCurrentDate(response);
    expect(await response.text()).toBe('');
  });

  it('huge: a full AccessDenied document first, then exactly N bytes of comment filler', async () => {
    const pad = 1024 * 1024 + 5;
    const response = await fetch(oss.url(`/scenario/huge?bytes=${pad}`));
    const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
    const documentEnd = body.indexOf('</Error>\n') + '</Error>\n'.length;
    const document = body.slice(0, documentEnd);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(document).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error>\n {2}<Code>AccessDenied<\/Code>/,
    );
    expect(document).toContain(`<RequestId>${response.headers.get('x-oss-request-id')}</RequestId>`);
    expect(body.length).toBe(documentEnd + pad);
    expect(body.slice(documentEnd)).toBe(`${'<!-- padding -->'.repeat((pad - 5) / 16)}     `);
  });

  it('signature-mismatch: echoes the presigned URL query, XML-escaped, in the right elements', async () => {
    const query = new URLSearchParams({
      OSSAccessKeyId: `LTAI<&>"'`,
      Signature: 'a+b/c=&<x>',
      Expires: '1700000000',
      'security-token': 'tok&en<1>',
    });
    const response = await fetch(oss.url(`/scenario/signature-mismatch/dir/my%20file.txt?${query}`));
    const body = await response.text();
    const stringToSign = 'GET\n\n\n1700000000\n/examplebucket/dir/my file.txt?security-token=tok&en<1>';
    const hexBytes = [...Buffer.from(stringToSign)].map((byte) => byte.toString(16).padStart(2, '0'));

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(response.headers.get('x-oss-ec')).toBe('0002-00000040');
    expect(body).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(body).toContain('<OSSAccessKeyId>LTAI&lt;&amp;&gt;&quot;&apos;</OSSAccessKeyId>');
    expect(body).toContain('<SignatureProvided>a+b/c=&amp;&lt;x&gt;</SignatureProvided>');
    expect(body).toContain(
      '<StringToSign>GET\n\n\n1700000000\n/examplebucket/dir/my file.txt?security-token=tok&amp;en&lt;1&gt;</StringToSign>',
    );
    expect(body).toContain(`<StringToSignBytes>${hexBytes.join(' ').toUpperCase()}</StringToSignBytes>`);
    expect(body).toContain(`<RequestId>${response.headers.get('x-oss-request-id')}</RequestId>`);
    expect(body).toContain('<HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>');
    expect(body).toContain('<EC>0002-00000040</EC>');
    expect(body).toContain(
      '<RecommendDoc>https://api.aliyun.com/troubleshoot?q=0002-00000040</RecommendDoc>',
    );
  });

  it('presignedPath(): a bad presigned URL whose 403 echoes every form of FAKE_CREDENTIALS', async () => {
    const path = presignedPath('a/b.txt');
    expect(path).toMatch(/^\/scenario\/signature-mismatch\/a\/b\.txt\?OSSAccessKeyId=LTAI/);
    const body = await (await fetch(oss.url(path))).text();
    const { accessKeyId, signature, securityToken } = FAKE_CREDENTIALS;
    expect(body).toContain(`<OSSAccessKeyId>${accessKeyId}</OSSAccessKeyId>`);
    expect(body).toContain(`<SignatureProvided>${signature}</SignatureProvided>`);
    expect(body).toContain(`security-token=${securityToken}</StringToSign>`);
    const forms = credentialForms();
    expect(forms).toContain(encodeURIComponent(signature));
    // The body echoes each as sent, and the token in hex too; the percent-encoded signature is the
    // form a URL would leak.
    expect(forms.filter((form) => !body.includes(form))).toEqual([encodeURIComponent(signature)]);
  });

  it('signature-mismatch: signs the key `object` when the path has none', async () => {
    const body = await (await fetch(oss.url('/scenario/signature-mismatch?Expires=1'))).text();
    expect(body).toContain('<StringToSign>GET\n\n\n1\n/examplebucket/object?security-token=</StringToSign>');
  });

  it('callback-failed: the CallbackFailed.203.xml sample, with an unmasked request id', async () => {
    const sample = fixture('CallbackFailed.203.xml');
    const unmasked = (text: string) =>
      text.replaceAll('5C3D9175B6FC201293AD****', CALLBACK_FAILED_REQUEST_ID);
    const response = await fetch(oss.url('/scenario/callback-failed'), { method: 'PUT' });
    expect(response.status).toBe(203);
    expectHeaders(response, { ...sample.headers, 'x-oss-request-id': CALLBACK_FAILED_REQUEST_ID });
    const body = await response.text();
    expect(body).toBe(unmasked(sample.body));
    expect(body).toContain(`<RequestId>${CALLBACK_FAILED_REQUEST_ID}</RequestId>`);
    expect(body).not.toContain('****');
  });

  it.each(['GET', 'HEAD'])(
    'x-oss-err-only (%s): 404, only x-oss-err, a non-ASCII message in it',
    async (method) => {
      const response = await fetch(oss.url('/scenario/x-oss-err-only'), { method });
      expect(response.status).toBe(404);
      expect(ossHeaderNames(response)).toEqual(['x-oss-err']);
      const document = Buffer.from(response.headers.get('x-oss-err')!, 'base64').toString('utf8');
      expect(document).toContain('<Code>NoSuchKey</Code>');
      expect(document).toContain(
        '<Message>指定的键不存在。 The specified key does not exist: café.txt</Message>',
      );
      expect(document).toContain('<EC>0026-00000001</EC>');
      expect(await response.text()).toBe('');
    },
  );

  it('unavailable-no-body: 503 with request id and EC headers, and no body', async () => {
    const response = await fetch(oss.url('/scenario/unavailable-no-body'));
    expect(response.status).toBe(503);
    expect(ossHeaderNames(response)).toEqual(['x-oss-ec', 'x-oss-request-id']);
    expect(response.headers.get('x-oss-ec')).toBe('0001-00000503');
    expect(response.headers.get('x-oss-request-id')).toMatch(/^[0-9A-F]{24}$/);
    expect(await response.text()).toBe('');
  });

  it('append-position: 409 PositionNotEqualToLength with the length in x-oss-next-append-position', async () => {
    const response = await fetch(oss.url('/scenario/append-position?length=1717'), { method: 'POST' });
    expect(response.status).toBe(409);
    expect(response.headers.get('x-oss-next-append-position')).toBe('1717');
    expect(response.headers.get('x-oss-ec')).toBe('0026-00000016');
    const body = await response.text();
    expect(body).toContain('<Code>PositionNotEqualToLength</Code>');
    expect(body).toContain(`<RequestId>${response.headers.get('x-oss-request-id')}</RequestId>`);
    const fallback = await fetch(oss.url('/scenario/append-position'), { method: 'POST' });
    expect(fallback.headers.get('x-oss-next-append-position')).toBe('0');
  });

  it('anything else: 404 no such route, without x-oss-* headers', async () => {
    const response = await fetch(oss.url('/scenario/nope'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(ossHeaderNames(response)).toEqual([]);
    expect(await response.text()).toBe('no such route');
  });
});

describe('/cors/<rule>/<route>', () => {
  const origin = 'http://127.0.0.1:1';
  const corsHeaders = (response: Response) =>
    Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));

  it.each([
    {
      rule: 'all',
      headers: {
        'access-control-allow-origin': origin,
        'access-control-expose-headers': 'x-oss-request-id, x-oss-ec, x-oss-err, x-oss-error-type',
      },
    },
    {
      rule: 'request-id',
      headers: { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'x-oss-request-id' },
    },
    {
      rule: 'wildcard',
      headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' },
    },
    {
      rule: 'wildcard-credentials',
      headers: {
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': '*',
      },
    },
    { rule: 'none', headers: { 'access-control-allow-origin': origin } },
  ])('$rule: the route behind it, with the rule headers', async ({ rule, headers }) => {
    const sample = fixture('NoSuchKey.real-opendal.xml');
    const response = await fetch(oss.url(`/cors/${rule}/fixture/${sample.name}`), { headers: { origin } });
    expect(response.status).toBe(404);
    expectHeaders(response, sample.headers);
    expect(corsHeaders(response)).toEqual(headers);
    if (rule !== 'wildcard') expect(response.headers.get('vary')).toBe('Origin');
    expect(await response.text()).toBe(sample.body);
  });

  it('answers a preflight itself, allowing the requested headers', async () => {
    const before = oss.requests.length;
    const response = await fetch(oss.url('/cors/wildcard-credentials/scenario/callback-failed'), {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-oss-callback',
      },
    });
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, PUT, POST, DELETE, HEAD',
      'access-control-allow-headers': 'content-type,x-oss-callback',
      'access-control-max-age': '600',
    });
    expect(await response.text()).toBe('');
    expect(oss.requests.slice(before)).toMatchObject([{ method: 'OPTIONS' }]);
  });

  it('a plain OPTIONS (not a preflight) goes to the route', async () => {
    const response = await fetch(oss.url('/cors/all/scenario/ok'), {
      method: 'OPTIONS',
      headers: { origin },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello');
  });

  it('without an Origin, names no origin (the wildcard rule still says *)', async () => {
    const named = await fetch(oss.url('/cors/all/scenario/ok'));
    expect(named.headers.get('access-control-allow-origin')).toBeNull();
    const wildcard = await fetch(oss.url('/cors/wildcard/scenario/ok'));
    expect(wildcard.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers an unknown rule with a plain 404, and a route without a rule has no CORS headers', async () => {
    const unknown = await fetch(oss.url('/cors/everything/scenario/ok'), { headers: { origin } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('unknown CORS rule');
    const plain = await fetch(oss.url('/scenario/gateway-html'), { headers: { origin } });
    expect(corsHeaders(plain)).toEqual({});
  });
});

describe('server', () => {
  it('counts its open connections, keep-alive ones included', async () => {
    const own = await startFakeOss();
    try {
      expect(own.openSockets()).toBe(0);
      const agent = new Agent({ keepAlive: true });
      await new Promise<void>((resolve, reject) => {
        request(own.url('/scenario/ok'), { agent }, (res) => res.resume().on('end', resolve))
          .on('error', reject)
          .end();
      });
      expect(own.openSockets()).toBe(1);
      agent.destroy();
      for (let i = 0; i < 100 && own.openSockets() > 0; i++) await delay(10);
      expect(own.openSockets()).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('records every request in order', async () => {
    const before = oss.requests.length;
    await (await fetch(oss.url('/scenario/ok?first'), { headers: { 'x-test': 'one' } })).text();
    await (await fetch(oss.url('/nowhere'), { method: 'DELETE' })).text();
    expect(oss.requests.slice(before)).toMatchObject([
      { method: 'GET', url: '/scenario/ok?first', headers: { 'x-test': 'one' } },
      { method: 'DELETE', url: '/nowhere' },
    ]);
  });

  it('never-ends: delivers the first bytes, and close() still resolves in time with a reader attached', async () => {
    const own = await startFakeOss();
    // An idle keep-alive connection too, which server.close() alone would wait on.
    await (await fetch(own.url('/scenario/ok'))).text();
    const response = await fetch(own.url('/scenario/never-ends'));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(response.headers.get('x-oss-request-id')).toMatch(/^[0-9A-F]{24}$/);

    const reader = response.body!.getReader();
    let received = '';
    const decoder = new TextDecoder();
    while (!received.includes('<Code>InternalError</Code>\n')) {
      const { value } = await reader.read();
      received += decoder.decode(value);
    }
    expect(received).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>InternalError</Code>\n');

    const pending = reader.read().then(
      () => 'ended',
      () => 'failed',
    );
    // Race a 2 s timer so a close() that hangs fails here, not at the 20 s test timeout.
    const outcome = await Promise.race([
      own.close().then(() => 'closed'),
      delay(2_000, 'still open', { ref: false }),
    ]);
    expect(outcome).toBe('closed');
    expect(await pending).toBe('failed');
    await own.close(); // a second close is harmless
  });
});
