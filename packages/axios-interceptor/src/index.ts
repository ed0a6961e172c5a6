/**
 * An axios response interceptor that makes failed Alibaba Cloud OSS requests say what went wrong.
 * @module
 */
export type { OssErrorDetails, OssErrorFault, OssErrorSource } from '@oss-errors/core';
export { parseOssError } from '@oss-errors/core';
export type { OssErrorsOptions } from '@oss-errors/core/adapter';
export type { OssErrorsInterceptor } from './interceptor';
export { ossErrors } from './interceptor';
export type { OssAxiosError, OssAxiosResponse } from './is-oss-error';
export { isOssError } from './is-oss-error';
export { ossRetryCondition } from './retry-condition';
