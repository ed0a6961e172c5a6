export type { OssErrorDetails, OssErrorFault, OssErrorSource } from '@oss-errors/core';
export { isOssError, parseOssError } from '@oss-errors/core';
