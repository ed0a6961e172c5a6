/**
 * Building blocks for the client adapters (`@oss-errors/axios-interceptor`, `@oss-errors/got-hook`).
 * Applications import the adapters, not this entry point.
 * @module
 */
export { brandOssError } from './brand';
export type { LogSafeView } from './inspect';
export { defineLogSafeInspect } from './inspect';
export { MAX_BODY_BYTES } from './limits';
export {
  defineLogSafeStack,
  defineLogSafeToJSON,
  hideFields,
  logSafeStack,
  rewriteLogSafeStack,
} from './log-safe';
export { appendOssDescription, describeOssError } from './message';
export type { OssErrorsOptions, ResolvedOssErrorsOptions } from './options';
export { resolveOptions, warnOnce } from './options';
export { maskJson, maskSecrets, maskUrl } from './secrets';
