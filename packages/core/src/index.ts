// In Node every parsed error gets its `hint`; a browser build leaves the hint table out unless the app imports it.
import './hints';

export { isOssError } from './brand';
export type { OssErrorJSON } from './error';
export { OssError } from './error';
export { parseOssError } from './parse';
export type {
  HeadersLike,
  OssErrorDetails,
  OssErrorFault,
  OssErrorSource,
  OssResponseHeaders,
  OssResponseLike,
} from './types';
