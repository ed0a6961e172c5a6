export type { OssErrorDetails, OssErrorFault, OssErrorSource } from '@oss-errors/core';
export { isOssError, parseOssError } from '@oss-errors/core';
export type { OssErrorsOptions } from '@oss-errors/core/adapter';
export { ossAfterResponse } from './after-response';
export { ossBeforeError } from './before-error';
export { ossErrors } from './hooks';
export type { OssAfterResponseHook, OssBeforeErrorHook, OssErrorsHooks, WithOss } from './types';
