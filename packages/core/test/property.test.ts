import { type OssErrorDetails, parseOssError } from '@oss-errors/core';
import { loadOssFixtures, loadPeerVectors } from '@oss-errors/fake-oss';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// A hang detector, not a speed target (the benchmarks measure speed): no single call on bodies far past
// the 64 KiB read bound may take anywhere near this long.
const HANG_MS = 1000;

const samples = [...loadOssFixtures().map((f) => f.body), ...loadPeerVectors().map((v) => v.body)].filter(
  (b) => b !== '',
);

const OSS_HEADER_NAMES = [
  'x-oss-request-id',
  'X-Oss-Ec',
  'x-oss-err',
  'x-oss-error-type',
  'Date',
  'content-type',
];

/** A real sample with random damage: cut, spliced, characters replaced, or repeated. */
const mutatedSample = fc
  .tuple(fc.constantFrom(...samples), fc.nat(), fc.nat(), fc.string({ maxLength: 40 }), fc.nat({ max: 4 }))
  .map(([body, a, b, insert, kind]) => {
    const i = a % (body.length + 1);
    const j = b % (body.length + 1);
    switch (kind) {
      case 0:
        return body.slice(0, i);
      case 1:
        return body.slice(0, Math.min(i, j)) + insert + body.slice(Math.max(i, j));
      case 2:
        return body.slice(0, i) + body.slice(j);
      case 3:
        return body.repeat(1 + (i % 50));
      default:
        return body.replace(/[<>&"]/g, (ch) => (((i + j) & 1) === 0 ? ch : insert.slice(0, 1)));
    }
  });

const xmlish = fc
  .array(
    fc.constantFrom(
      '<Error>',
      '</Error>',
      '<Code>',
      '</Code>',
      '<!DOCTYPE x [<!ENTITY a "b">]>',
      '&a;',
      '&amp;',
      '<![CDATA[',
      ']]>',
      '<__proto__>',
      '</__proto__>',
      '<?xml ?>',
      'x',
      ' ',
      '"',
      '{',
      '}',
      '"Error":',
      '<',
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));

const body = fc.oneof(
  mutatedSample,
  xmlish,
  fc.string({ maxLength: 2000 }),
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.json(),
  fc.uint8Array({ maxLength: 2000 }),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => bytes.buffer as ArrayBuffer),
  fc.constant(null),
);

const headerValue = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.base64String({ maxLength: 400 }),
  fc
    .constantFrom(...samples)
    .map((s) => btoa(String.fromCharCode(...new TextEncoder().encode(s.slice(0, 2000))))),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
  fc.integer(),
  fc.constant(undefined),
);

const headers = fc.dictionary(
  fc.oneof(fc.constantFrom(...OSS_HEADER_NAMES), fc.string({ maxLength: 20 })),
  headerValue,
  {
    maxKeys: 8,
  },
);

const status = fc.oneof(
  fc.integer({ min: 100, max: 599 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(200, 203, 304, 403, 404, 500, 503),
);

function checkShape(details: OssErrorDetails): void {
  // A plain, extensible object (pino tags what it serializes; see parse.ts).
  expect(Object.getPrototypeOf(details)).toBe(Object.prototype);
  expect(Object.isExtensible(details)).toBe(true);
  expect(typeof details.code).toBe('string');
  expect(details.code).not.toBe('');
  expect(typeof details.message).toBe('string');
  expect(details.message).not.toBe('');
  expect(['body', 'x-oss-err', 'status']).toContain(details.source);
  expect(details.fault).toBe(details.status >= 500 ? 'server' : 'client');
  for (const value of Object.values(details.fields)) expect(typeof value).toBe('string');
  expect(JSON.parse(JSON.stringify(details))).toStrictEqual(details);
}

describe('parseOssError on arbitrary input', () => {
  it('never throws, never hangs, and returns undefined or well-formed details', () => {
    fc.assert(
      fc.property(status, headers, body, fc.option(fc.string({ maxLength: 300 })), (s, h, b, url) => {
        const started = performance.now();
        const details = parseOssError({
          status: s,
          headers: h as Record<string, string>,
          body: b as string,
          ...(url === null ? {} : { url }),
        });
        expect(performance.now() - started).toBeLessThan(HANG_MS);
        if (details !== undefined) checkShape(details);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('on a mutated real sample with an OSS request id, always returns details', () => {
    fc.assert(
      fc.property(mutatedSample, fc.integer({ min: 400, max: 599 }), (b, s) => {
        const details = parseOssError({ status: s, headers: { 'x-oss-request-id': 'R' }, body: b });
        expect(details).toBeDefined();
        checkShape(details!);
      }),
      { numRuns: 1000 },
    );
  });

  it('stays bounded on a very large mutated sample', () => {
    fc.assert(
      fc.property(mutatedSample, (b) => {
        const huge = b.repeat(Math.ceil((2 * 1024 * 1024) / Math.max(1, b.length)));
        const started = performance.now();
        parseOssError({ status: 403, headers: {}, body: huge });
        expect(performance.now() - started).toBeLessThan(HANG_MS);
      }),
      { numRuns: 50 },
    );
  });
});

describe('a response that carried no code or message', () => {
  // The reason phrases of RFC 9110 (and 429 of RFC 6585) for the statuses with a derived code.
  const REASONS: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    408: 'Request Timeout',
    409: 'Conflict',
    411: 'Length Required',
    412: 'Precondition Failed',
    413: 'Payload Too Large',
    416: 'Range Not Satisfiable',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    501: 'Not Implemented',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };

  it('gets the code and a one-line sentence from the status: its reason phrase when it has one, else HttpNNN', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 400, max: 999 }), fc.constantFrom(...Object.keys(REASONS).map(Number))),
        (s) => {
          const details = parseOssError({ status: s, headers: { 'x-oss-request-id': 'R' } })!;
          const reason = REASONS[s];
          expect(details.source).toBe('status');
          expect(details.code).toBe(reason === undefined ? `Http${s}` : reason.replaceAll(' ', ''));
          expect(details.message).toBe(
            `OSS answered HTTP ${s}${reason === undefined ? '' : ` ${reason}`} and sent no message.`,
          );
        },
      ),
      { numRuns: 800 },
    );
  });
});
