// A consumer of the installed tarballs: every import must resolve to real types (no `any`), and this must
// compile cleanly. check-packages.mjs compiles it twice: as consumer.ts (CommonJS: the scratch package has
// no "type") and as consumer.mts (ES module).
import { ossErrors as axiosOssErrors, type OssErrorsOptions } from '@oss-errors/axios-interceptor';
import { isOssError, OssError, type OssErrorDetails, parseOssError } from '@oss-errors/core';
import { ossErrors as gotOssErrors, type OssErrorsHooks, type WithOss } from '@oss-errors/got-hook';
import axios from 'axios';

const options: OssErrorsOptions = { maxBodyBytes: 4096, bodyTimeoutMs: 500, warn: false };
axios.interceptors.response.use(...axiosOssErrors(options));
export const hooks: OssErrorsHooks = gotOssErrors({ rejectCallbackFailed: false, rewriteMessage: true });

export const details: OssErrorDetails | undefined = parseOssError({ status: 404, headers: {}, body: '' });

export function describe(error: unknown): string {
  if (isOssError(error)) return `${error.oss.code} ${error.oss.requestId ?? ''}`;
  const response = (error as { response?: WithOss }).response;
  return error instanceof OssError ? error.message : String(response?.oss?.code);
}
