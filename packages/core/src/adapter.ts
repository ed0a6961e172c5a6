/**
 * Building blocks for the client adapters (`@oss-errors/axios-interceptor`, `@oss-errors/got-hook`).
 * Applications import the adapters, not this entry point.
 * @module
 */
export { brandOssError } from './error';
export { MAX_BODY_BYTES } from './limits';
export { appendOssDescription, describeOssError } from './message';
export type { OssErrorsOptions, ResolvedOssErrorsOptions } from './options';
export { resolveOptions, warnOnce } from './options';
export { maskSecrets, maskUrl } from './secrets';
