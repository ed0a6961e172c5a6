import type { OssErrorDetails } from '@oss-errors/core';
import type {
  Got as Got14,
  Hooks as Hooks14,
  RequestError as RequestError14,
  Response as Response14,
} from 'got';
import type { Got as Got12, Hooks as Hooks12 } from 'got12';
import type { Got as Got13, Hooks as Hooks13 } from 'got13';
import type { Got as Got14_0, Hooks as Hooks14_0 } from 'got14-0';
import type { Got as Got14_1, Hooks as Hooks14_1 } from 'got14-1';
import type { Got as Got15, Hooks as Hooks15 } from 'got15';
import type { Got as Got16, Hooks as Hooks16, Response as Response16 } from 'got16';
import { describe, expectTypeOf, it } from 'vitest';
import {
  isOssError,
  type OssAfterResponseHook,
  type OssBeforeErrorHook,
  type OssErrorsHooks,
  type OssErrorsOptions,
  ossAfterResponse,
  ossBeforeError,
  ossErrors,
  type WithOss,
} from '../src/index';

// Compile-time only: these functions are never called.
declare const got14: Got14;
declare const got16: Got16;
declare const got12: Got12;
declare const got13: Got13;
declare const got14_0: Got14_0;
declare const got14_1: Got14_1;
declare const got15: Got15;

describe('got-hook types', () => {
  it('got.extend({ hooks: ossErrors() }) compiles with got 14 and got 16 types', () => {
    const client14 = got14.extend({ hooks: ossErrors() });
    const client16 = got16.extend({ hooks: ossErrors({ rejectCallbackFailed: false }) });
    expectTypeOf(client14).toExtend<Got14>();
    expectTypeOf(client16).toExtend<Got16>();
    expectTypeOf(ossErrors()).toExtend<Partial<Hooks14>>();
    expectTypeOf(ossErrors()).toExtend<Partial<Hooks16>>();
  });

  it('got.extend({ hooks: ossErrors() }) compiles with the types of every got in the range, 12 to 16', () => {
    expectTypeOf(got12.extend({ hooks: ossErrors() })).toExtend<Got12>();
    expectTypeOf(got13.extend({ hooks: ossErrors() })).toExtend<Got13>();
    expectTypeOf(got14_0.extend({ hooks: ossErrors() })).toExtend<Got14_0>();
    expectTypeOf(got14_1.extend({ hooks: ossErrors() })).toExtend<Got14_1>();
    expectTypeOf(got15.extend({ hooks: ossErrors() })).toExtend<Got15>();
    expectTypeOf(ossErrors()).toExtend<Partial<Hooks12>>();
    expectTypeOf(ossErrors()).toExtend<Partial<Hooks13>>();
    expectTypeOf(ossErrors()).toExtend<Partial<Hooks14_0>>();
    expectTypeOf(ossErrors()).toExtend<Partial<Hooks14_1>>();
    expectTypeOf(ossErrors()).toExtend<Partial<Hooks15>>();
  });

  it('the individual hooks fit got 14 and got 16 hook lists next to user hooks', () => {
    const userHook = (response: Response14) => response;
    const hooks14: Partial<Hooks14> = {
      afterResponse: [ossAfterResponse(), userHook],
      beforeError: [ossBeforeError(), (error: RequestError14) => error],
    };
    const hooks16: Partial<Hooks16> = {
      afterResponse: [(response: Response16) => response, ossAfterResponse({ maxBodyBytes: 4096 })],
      beforeError: [ossBeforeError({ warn: false })],
    };
    expectTypeOf(hooks14).toExtend<Partial<Hooks14>>();
    expectTypeOf(hooks16).toExtend<Partial<Hooks16>>();
    expectTypeOf(
      got14.extend({ hooks: { ...ossErrors(), afterResponse: [...ossErrors().afterResponse, userHook] } }),
    ).toExtend<Got14>();
  });

  it('hooks hand back the type they were given', () => {
    expectTypeOf(ossAfterResponse()).toEqualTypeOf<OssAfterResponseHook>();
    expectTypeOf(ossBeforeError()).toEqualTypeOf<OssBeforeErrorHook>();
    expectTypeOf(ossAfterResponse()<Response14>).returns.toEqualTypeOf<Response14>();
    expectTypeOf(ossBeforeError()<RequestError14>).returns.toEqualTypeOf<RequestError14>();
    expectTypeOf(ossErrors()).toEqualTypeOf<OssErrorsHooks>();
  });

  it('options are all optional and checked', () => {
    expectTypeOf<OssErrorsOptions>().toEqualTypeOf<Parameters<typeof ossErrors>[0] & {}>();
    expectTypeOf<{ bodyTimeoutMs: number; warn: false }>().toExtend<OssErrorsOptions>();
    expectTypeOf<{ maxBodyBytes: string }>().not.toExtend<OssErrorsOptions>();
    // @ts-expect-error: no such option
    ossErrors({ retries: 3 });
  });

  it('isOssError narrows got errors to carry oss; WithOss types response.oss', () => {
    const error: unknown = undefined;
    if (isOssError(error)) expectTypeOf(error.oss).toEqualTypeOf<OssErrorDetails>();
    const response = {} as Response14;
    expectTypeOf((response as WithOss).oss).toEqualTypeOf<OssErrorDetails | undefined>();
    expectTypeOf<WithOss['oss']>().toEqualTypeOf<OssErrorDetails | undefined>();
  });
});
