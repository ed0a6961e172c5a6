import { type OssErrorDetails, parseOssError } from '@oss-errors/core';
import { loadOssFixtures, loadPeerVectors } from '@oss-errors/fake-oss';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserPage, openBrowserPage } from './harness';
import type { FetchedResponse, GeneratedResponse, ParsedForms } from './pages/parse';

// parseOssError from the built core, in Chromium, on what a page gets from fetch(): the text, a
// Uint8Array, an ArrayBuffer, and the bytes of an iframe's fetch (another realm, where instanceof
// fails). Every form must give what the core gives in Node.

let page: BrowserPage;
beforeAll(async () => {
  page = await openBrowserPage(new URL('./pages/parse.ts', import.meta.url));
});
afterAll(async () => {
  await page?.close();
});

// As the browser build gives them: no `hint`, which a browser app opts into (README, "In the browser").
const orNull = (details: OssErrorDetails | undefined): OssErrorDetails | null => {
  if (details === undefined) return null;
  const { hint: _, ...withoutHint } = details;
  return withoutHint;
};

describe('every shared sample and peer vector, fetched by the page', () => {
  // Under the `wildcard` CORS rule a script may read every response header, so the page sees the whole
  // response, as Node does.
  const responses = [
    ...loadOssFixtures().map((fixture) => ({
      name: fixture.name,
      method: fixture.method,
      path: `/fixture/${encodeURIComponent(fixture.name)}`,
    })),
    ...loadPeerVectors().map((vector, index) => ({
      name: `peer #${index} ${vector.id}`,
      method: vector.method,
      path: `/peer/${index}`,
    })),
  ];
  let fetched: FetchedResponse[];
  let expected: Array<OssErrorDetails | null>;

  beforeAll(async () => {
    const requests = responses.map(({ method, path }) => ({
      method,
      url: page.oss.url(`/cors/wildcard${path}`),
    }));
    fetched = await page.run<FetchedResponse[]>('parseFetched', requests);
    expected = await Promise.all(
      responses.map(async ({ method, path }, index) => {
        const response = await fetch(page.oss.url(path), { method, redirect: 'manual' });
        return orNull(
          parseOssError({
            status: response.status,
            headers: response.headers,
            body: await response.text(),
            method,
            url: requests[index]!.url,
          }),
        );
      }),
    );
  });

  it('parses what the core parses in Node, from every form of the body', () => {
    expect(fetched).toHaveLength(responses.length);
    const forms: Array<keyof ParsedForms> = ['text', 'bytes', 'buffer', 'frameBytes', 'frameBuffer'];
    for (const [index, { name }] of responses.entries()) {
      for (const form of forms) expect(fetched[index]![form], `${name}: ${form}`).toEqual(expected[index]);
    }
    // Not only undefined on both sides: most of them are OSS errors.
    expect(expected.filter((details) => details !== null).length).toBeGreaterThan(120);
  });

  it('reads the iframe bodies as objects of another realm', () => {
    expect(fetched.every((response) => response.otherRealm)).toBe(true);
  });

  it('leaves no console error, uncaught exception or unhandled rejection in the page', async () => {
    expect(await page.takeProblems()).toEqual([]);
  });
});

const PIECES =
  '<Error>|</Error>|<Code>|</Code>|<Message>|</Message>|&amp;|&#x4E2D;|<![CDATA[|]]>|\uFEFF|中文|é|"Error":|{|}| |<|&'.split(
    '|',
  );

describe('generated responses', () => {
  const samples = [...loadOssFixtures(), ...loadPeerVectors()].map((sample) => sample.body).filter(Boolean);
  // Text that survives UTF-8 both ways (no lone surrogates), so its text and byte forms hold the same.
  const text = (arbitrary: fc.Arbitrary<string>) =>
    arbitrary.filter((value) => new TextDecoder().decode(new TextEncoder().encode(value)) === value);
  // A sample cut anywhere, then anything (non-ASCII included).
  const cut = fc
    .tuple(fc.constantFrom(...samples), fc.nat(), fc.string({ maxLength: 20, unit: 'grapheme' }))
    .map(([body, at, tail]) => body.slice(0, at % (body.length + 1)) + tail);
  // Such text ending in non-ASCII characters, as UTF-8 cut within its last bytes: mostly mid-character.
  const cutBytes = fc.tuple(cut, fc.nat({ max: 8 })).map(([body, back]) => {
    const bytes = new TextEncoder().encode(`${body}中文é`);
    return { bytes: [...bytes.subarray(0, bytes.length - back)] };
  });
  // Pieces of XML and JSON error documents, entities and non-ASCII text, in any order.
  const pieces = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
  const headerValue = fc.string({
    unit: fc.constantFrom(...'ABCDEF0123456789-=+/ xyz'.split('')),
    maxLength: 40,
  });
  const base64Document = fc
    .constantFrom(...samples)
    .map((body) => Buffer.from(body, 'utf8').toString('base64'));
  const headers = fc.record(
    {
      'x-oss-request-id': headerValue,
      'x-oss-ec': headerValue,
      'x-oss-err': fc.oneof(base64Document, headerValue),
      'x-oss-error-type': headerValue,
      date: fc.constantFrom('Fri, 24 Feb 2017 03:15:40 GMT', 'not a date'),
    },
    { requiredKeys: [] },
  );
  const response: fc.Arbitrary<GeneratedResponse> = fc
    .record({
      status: fc.constantFrom(200, 203, 304, 400, 403, 404, 409, 500, 502, 503),
      headers,
      body: fc.oneof(
        text(cut).map((value) => ({ text: value })),
        text(pieces).map((value) => ({ text: value })),
        text(fc.string({ maxLength: 300, unit: 'grapheme' })).map((value) => ({ text: value })),
        cutBytes,
        fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes: [...bytes] })),
      ),
    })
    .map(({ status, headers: headerValues, body }) => ({ status, headers: headerValues, ...body }));

  it('parses each form of the body, with each form of the headers, as the core does in Node', async () => {
    const seed = Date.now();
    const generated = fc.sample(response, { numRuns: 400, seed });
    const results = await page.run<Array<ParsedForms & { headers: unknown; frameHeaders: unknown }>>(
      'parseGenerated',
      generated,
    );
    let errors = 0;
    for (const [index, { status, headers: headerValues, text: bodyText, bytes }] of generated.entries()) {
      const asBytes = bytes === undefined ? new TextEncoder().encode(bodyText) : Uint8Array.from(bytes);
      const inNode = (body: string | Uint8Array | ArrayBuffer) =>
        orNull(parseOssError({ status, headers: headerValues, body }));
      const fromBytes = inNode(asBytes);
      const result = results[index]!;
      const where = `seed ${seed}, sample ${index}: ${JSON.stringify(generated[index])}`;
      if (bodyText !== undefined) expect(result.text, where).toEqual(inNode(bodyText));
      expect(result.bytes, where).toEqual(fromBytes);
      expect(result.buffer, where).toEqual(inNode(asBytes.slice().buffer));
      expect(result.frameBytes, where).toEqual(fromBytes);
      expect(result.frameBuffer, where).toEqual(fromBytes);
      const main = bodyText === undefined ? fromBytes : inNode(bodyText);
      expect(result.headers, where).toEqual(main);
      expect(result.frameHeaders, where).toEqual(main);
      if (main !== null) errors++;
    }
    // The generator reaches both outcomes.
    expect(errors).toBeGreaterThan(100);
    expect(errors).toBeLessThan(generated.length);
    expect(await page.takeProblems()).toEqual([]);
  });
});
