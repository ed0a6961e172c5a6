// Misspelt options: each line marked `must not compile` must be a type error naming the misspelt property.
// If a declaration file failed to resolve, the option types would be `any` and these lines would compile.
// check-packages.mjs compiles it twice: as typos.ts (CommonJS) and as typos.mts (ES module).
import { ossErrors as axiosOssErrors, type OssErrorsOptions } from '@oss-errors/axios-interceptor';
import { parseOssError } from '@oss-errors/core';
import { ossErrors as gotOssErrors } from '@oss-errors/got-hook';

export const viaAxios = axiosOssErrors({ maxBodyByte: 4096 }); // must not compile: 'maxBodyByte'
export const viaGot = gotOssErrors({ rejectCallbackFail: false }); // must not compile: 'rejectCallbackFail'
export const options: OssErrorsOptions = { rewriteMesage: false }; // must not compile: 'rewriteMesage'
export const details = parseOssError({ status: 404, header: {} }); // must not compile: 'header'
