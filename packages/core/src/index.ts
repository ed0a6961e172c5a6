export type { OssErrorJSON } from './error';
export { isOssError, OssError } from './error';
export { parseOssError } from './parse';
export type {
  HeadersLike,
  OssErrorDetails,
  OssErrorFault,
  OssErrorSource,
  OssResponseHeaders,
  OssResponseLike,
} from './types';
