import { Readable } from 'node:stream';
import { resolveOptions } from '@oss-errors/core/adapter';
import { describe, expect, it } from 'vitest';
import { readErrorBody } from '../src/read-body';

// The body shapes axios hands over that the Node adapters never produce (xhr's Document, a DataView, a
// foreign object), and the contract of readErrorBody itself: what it returns, and that it puts a stream
// back whole. The end-to-end behaviour with real axios is in matrix.test.ts and streams.test.ts.

const limits = { maxBodyBytes: 65_536, bodyTimeoutMs: 1000 };
const XML = '<Error><Code>NoSuchKey</Code></Error>';
const text = (body: unknown) => (body instanceof Uint8Array ? new TextDecoder().decode(body) : body);

describe('readErrorBody', () => {
  it('returns strings as they are and nothing for null, undefined and primitives', async () => {
    expect(await readErrorBody({ data: XML }, limits)).toBe(XML);
    expect(await readErrorBody({ data: null }, limits)).toBeUndefined();
    expect(await readErrorBody({ data: undefined }, limits)).toBeUndefined();
    expect(await readErrorBody({ data: 404 }, limits)).toBeUndefined();
  });

  it('reads bytes from ArrayBuffer, typed arrays, DataView and Buffer', async () => {
    const bytes = new TextEncoder().encode(`xx${XML}`);
    expect(text(await readErrorBody({ data: bytes.buffer }, limits))).toBe(`xx${XML}`);
    expect(text(await readErrorBody({ data: bytes.subarray(2) }, limits))).toBe(XML);
    expect(text(await readErrorBody({ data: new DataView(bytes.buffer, 2) }, limits))).toBe(XML);
    expect(text(await readErrorBody({ data: Buffer.from(XML) }, limits))).toBe(XML);
  });

  it('reads a Blob up to the cap', async () => {
    expect(text(await readErrorBody({ data: new Blob([XML]) }, { ...limits, maxBodyBytes: 13 }))).toBe(
      '<Error><Code>',
    );
  });

  it('serializes a parsed JSON body, and gives up on one that cannot be serialized', async () => {
    const parsed = { Error: { Code: 'NoSuchBucket' } };
    expect(await readErrorBody({ data: parsed }, limits)).toBe(JSON.stringify(parsed));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(await readErrorBody({ data: circular }, limits)).toBeUndefined();
  });

  it('serializes an xhr Document (XMLSerializer, else the root element)', async () => {
    const documentLike = { nodeType: 9, documentElement: { outerHTML: XML } };
    expect(await readErrorBody({ data: documentLike }, limits)).toBe(XML);
  });

  it('leaves a locked web stream alone', async () => {
    const stream = new Blob([XML]).stream();
    const reader = stream.getReader();
    const response = { data: stream };
    expect(await readErrorBody(response, limits)).toEqual(new Uint8Array(0));
    expect(response.data).toBe(stream);
    reader.releaseLock();
  });

  it('puts back a Node stream that ended while it was read, as a new stream with every byte', async () => {
    const stream = Readable.from([Buffer.from('<Error>'), Buffer.from('<Code>X</Code></Error>')], {
      objectMode: false,
    });
    const response: { data: unknown } = { data: stream };
    expect(text(await readErrorBody(response, limits))).toBe('<Error><Code>X</Code></Error>');
    const parts: Buffer[] = [];
    for await (const chunk of response.data as AsyncIterable<Buffer>) parts.push(chunk);
    expect(Buffer.concat(parts).toString()).toBe('<Error><Code>X</Code></Error>');
  });

  it('a Node stream that fails: the bytes that came, then the same error', async () => {
    const failure = new Error('socket hang up');
    let reads = 0;
    const stream = new Readable({
      read() {
        if (reads++ === 0) this.push(Buffer.from('<Error><Code>'));
        else setTimeout(() => this.destroy(failure), 5);
      },
    });
    const response: { data: unknown } = { data: stream };
    expect(text(await readErrorBody(response, limits))).toBe('<Error><Code>');
    const parts: Buffer[] = [];
    await expect(
      (async () => {
        for await (const chunk of response.data as AsyncIterable<Buffer>) parts.push(chunk);
      })(),
    ).rejects.toBe(failure);
    expect(Buffer.concat(parts).toString()).toBe('<Error><Code>');
  });

  it('by default reads 64 KiB of a longer stream, and the stream still yields all of it', async () => {
    const { maxBodyBytes, bodyTimeoutMs } = resolveOptions();
    expect(maxBodyBytes).toBe(65_536);
    expect(bodyTimeoutMs).toBe(3000);
    const body = Buffer.alloc(200_000, 'x');
    const stream = Readable.from([body.subarray(0, 50_000), body.subarray(50_000)], { objectMode: false });
    const response: { data: unknown } = { data: stream };
    const prefix = await readErrorBody(response, { maxBodyBytes, bodyTimeoutMs });
    expect((prefix as Uint8Array).byteLength).toBe(65_536);
    const parts: Buffer[] = [];
    for await (const chunk of response.data as AsyncIterable<Buffer>) parts.push(chunk);
    expect(Buffer.concat(parts)).toEqual(body);
  });

  it('never reads more than the core would parse, whatever maxBodyBytes says', async () => {
    const stream = Readable.from([Buffer.alloc(200_000, 'y')], { objectMode: false });
    const prefix = await readErrorBody({ data: stream }, { maxBodyBytes: 1_000_000, bodyTimeoutMs: 1000 });
    expect((prefix as Uint8Array).byteLength).toBe(65_536);
  });
});
