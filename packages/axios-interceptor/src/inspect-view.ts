import type { OssErrorDetails } from '@oss-errors/core';
import { defineLogSafeInspect } from '@oss-errors/core/adapter';
import { RAW_FIELDS } from './shapes';

const VIEW = { omit: RAW_FIELDS, raw: 'err.config, err.request, err.response (unmasked, not printed)' };

/**
 * Gives an enriched AxiosError its Node inspect view (`console.log(err)` in Node): the masked stack, then
 * what a person needs, never axios's raw objects. The browser build has inspect-view.browser.ts instead.
 */
export function defineInspectView(error: object, details: OssErrorDetails): void {
  defineLogSafeInspect(error, details, VIEW);
}
