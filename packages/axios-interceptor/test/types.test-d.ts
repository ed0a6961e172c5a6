import axios, { type AxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import axiosOldest from 'axios-oldest';
import axiosRetry from 'axios-retry';
import { describe, expectTypeOf, it } from 'vitest';
import {
  isOssError,
  type OssAxiosError,
  type OssAxiosResponse,
  type OssErrorDetails,
  type OssErrorFault,
  type OssErrorSource,
  type OssErrorsInterceptor,
  type OssErrorsOptions,
  ossErrors,
  ossRetryCondition,
  parseOssError,
} from '../src/index';

describe('@oss-errors/axios-interceptor types', () => {
  it('the three install forms compile: axios, an instance, and axios 1.7.0', () => {
    const client: AxiosInstance = axios.create();
    for (const manager of [axios.interceptors.response, client.interceptors.response]) {
      expectTypeOf(manager.use(...ossErrors())).toEqualTypeOf<number>();
      expectTypeOf(manager.use(undefined, ossErrors())).toEqualTypeOf<number>();
      expectTypeOf(manager.use(ossErrors())).toEqualTypeOf<number>();
      manager.use(null, ossErrors({ warn: false }));
    }
    for (const manager of [axiosOldest.interceptors.response, axiosOldest.create().interceptors.response]) {
      expectTypeOf(manager.use(...ossErrors())).toEqualTypeOf<number>();
      expectTypeOf(manager.use(undefined, ossErrors())).toEqualTypeOf<number>();
      expectTypeOf(manager.use(ossErrors())).toEqualTypeOf<number>();
    }
    // Not a request interceptor: a request config is not a response.
    // @ts-expect-error the spread pair does not fit the request manager's onFulfilled
    axios.interceptors.request.use(...ossErrors());
  });

  it('ossErrors() is a function and the pair [onFulfilled, onRejected]', () => {
    expectTypeOf(ossErrors).returns.toEqualTypeOf<OssErrorsInterceptor>();
    expectTypeOf<OssErrorsInterceptor['length']>().toEqualTypeOf<2>();
    const [onFulfilled, onRejected] = ossErrors();
    expectTypeOf(onFulfilled<AxiosResponse>).returns.toEqualTypeOf<Promise<AxiosResponse>>();
    expectTypeOf(onRejected).returns.toEqualTypeOf<Promise<never>>();
    expectTypeOf(ossErrors()<AxiosResponse>).returns.toEqualTypeOf<Promise<AxiosResponse>>();
  });

  it('takes the shared options, each optional', () => {
    expectTypeOf(ossErrors).parameter(0).toEqualTypeOf<OssErrorsOptions | undefined>();
    ossErrors({});
    ossErrors({ maxBodyBytes: 1024, bodyTimeoutMs: 500, rewriteMessage: false, rejectCallbackFailed: false });
    ossErrors({ warn: false });
    ossErrors({ warn: (message: string) => void message });
    // @ts-expect-error warn is a function or false
    ossErrors({ warn: true });
    // @ts-expect-error not an option
    ossErrors({ timeout: 1000 });
  });

  it('isOssError narrows unknown to an AxiosError with oss', () => {
    const err: unknown = new Error('x');
    if (isOssError(err)) {
      expectTypeOf(err).toExtend<AxiosError>();
      expectTypeOf(err).toEqualTypeOf<OssAxiosError>();
      expectTypeOf(err.oss).toEqualTypeOf<OssErrorDetails>();
      expectTypeOf(err.oss.retryable).toEqualTypeOf<boolean>();
      expectTypeOf(err.response?.status).toEqualTypeOf<number | undefined>();
      expectTypeOf(err.code).toEqualTypeOf<string | undefined>();
      expectTypeOf(err.toJSON).returns.toEqualTypeOf<object>();
    } else {
      expectTypeOf(err).toEqualTypeOf<unknown>();
    }
    expectTypeOf<OssAxiosError>().toExtend<Error>();
    expectTypeOf<OssAxiosError['oss']>().toEqualTypeOf<OssErrorDetails>();
  });

  it('a retryCondition can read err.oss.retryable', () => {
    axiosRetry(axios.create(), { retryCondition: (error) => isOssError(error) && error.oss.retryable });
  });

  it('ossRetryCondition is an axios-retry retryCondition as it is, and usable directly', async () => {
    axiosRetry(axios.create(), { retryCondition: ossRetryCondition });
    axiosRetry(axios.create(), {
      retryCondition: async (error) => (await ossRetryCondition(error)) || error.response?.status === 418,
    });
    expectTypeOf(ossRetryCondition).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(ossRetryCondition).returns.toEqualTypeOf<Promise<boolean>>();
    const err: unknown = new Error('x');
    expectTypeOf(await ossRetryCondition(err)).toEqualTypeOf<boolean>();
  });

  it('response.oss on a resolved response (validateStatus, rejectCallbackFailed: false)', () => {
    expectTypeOf<OssAxiosResponse['oss']>().toEqualTypeOf<OssErrorDetails | undefined>();
    expectTypeOf<OssAxiosResponse<string>['data']>().toEqualTypeOf<string>();
    expectTypeOf<AxiosResponse>().toExtend<OssAxiosResponse>();
  });

  it('re-exports the core API, so a user imports one package', () => {
    expectTypeOf(parseOssError).returns.toEqualTypeOf<OssErrorDetails | undefined>();
    expectTypeOf<OssErrorDetails['source']>().toEqualTypeOf<OssErrorSource>();
    expectTypeOf<OssErrorDetails['fault']>().toEqualTypeOf<OssErrorFault>();
  });
});
