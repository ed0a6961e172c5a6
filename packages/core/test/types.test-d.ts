import {
  isOssError,
  OssError,
  type OssErrorDetails,
  type OssErrorSource,
  type OssResponseLike,
  parseOssError,
} from '@oss-errors/core';
import { describe, expectTypeOf, it } from 'vitest';

describe('core types', () => {
  it('parseOssError takes fetch, plain-object and byte inputs and may return undefined', () => {
    expectTypeOf(parseOssError).returns.toEqualTypeOf<OssErrorDetails | undefined>();
    expectTypeOf<{ status: number; headers: Headers; body: string }>().toExtend<OssResponseLike>();
    expectTypeOf<{
      status: number;
      headers: Record<string, string | string[] | undefined>;
      body: Uint8Array;
    }>().toExtend<OssResponseLike>();
    expectTypeOf<{
      status: number;
      headers: Record<string, number>;
      body: ArrayBuffer;
      method: string;
      url: string;
    }>().toExtend<OssResponseLike>();
    expectTypeOf<{ status: number; body: null }>().toExtend<OssResponseLike>();
    expectTypeOf<{ status: string }>().not.toExtend<OssResponseLike>();
  });

  it('details are read-only with the documented field types', () => {
    expectTypeOf<OssErrorDetails['code']>().toEqualTypeOf<string>();
    expectTypeOf<OssErrorDetails['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<OssErrorDetails['source']>().toEqualTypeOf<OssErrorSource>();
    expectTypeOf<OssErrorSource>().toEqualTypeOf<'body' | 'x-oss-err' | 'status'>();
    expectTypeOf<OssErrorDetails['fault']>().toEqualTypeOf<'client' | 'server'>();
    expectTypeOf<OssErrorDetails['fields']>().toEqualTypeOf<Readonly<Record<string, string>>>();
    expectTypeOf<OssErrorDetails['hint']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Readonly<OssErrorDetails>>().toEqualTypeOf<OssErrorDetails>();
  });

  it('isOssError narrows unknown to an Error with oss', () => {
    const value: unknown = null;
    if (isOssError(value)) {
      expectTypeOf(value).toExtend<Error>();
      expectTypeOf(value.oss).toEqualTypeOf<OssErrorDetails>();
    }
  });

  it('OssError takes details and an optional cause', () => {
    expectTypeOf(OssError).constructorParameters.toEqualTypeOf<
      [OssErrorDetails, ({ cause?: unknown } | undefined)?]
    >();
    expectTypeOf<OssError['oss']>().toEqualTypeOf<OssErrorDetails>();
    expectTypeOf<OssError>().toExtend<Error>();
  });
});
