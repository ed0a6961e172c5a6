import type { OssErrorDetails } from '@oss-errors/core';
import {
  defineLogSafeInspect,
  defineLogSafeStack,
  defineLogSafeToJSON,
  hideFields,
  maskSecrets,
  rewriteLogSafeStack,
} from '@oss-errors/core/adapter';

// An enriched got error is safe to print and log in every usual way, while got's own objects stay as they
// were for code that reads them: err.options (URL, headers), and err.request / err.response, which got
// already makes non-enumerable.

const VIEW = {
  omit: ['options', 'timings', 'input'],
  raw: 'err.options, err.request, err.response, err.timings (unmasked, not printed)',
};

/**
 * Makes an enriched got error log-safe: `options` non-enumerable (got's enumerable `options` holds the
 * URL with its signature and the headers; reading it is unchanged), a `toJSON()` of name, code, masked
 * message, status and `oss`, a Node inspect view, and a stack that shows the rewritten message
 * (`rewrite`), masked. `readNow`: got already formatted this error's stack itself.
 */
export function makeLogSafe(
  error: Error,
  details: OssErrorDetails,
  rewrite: { readonly before: string; readonly after: string } | undefined,
  readNow: boolean,
): void {
  hideFields(error, ['options']);
  defineLogSafeToJSON(error, () => {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      ...(typeof code === 'string' ? { code } : {}),
      message: maskSecrets(String(error.message)),
      statusCode: details.status,
      oss: details,
    };
  });
  defineLogSafeInspect(error, details, VIEW);
  if (rewrite === undefined) return;
  if (readNow) rewriteLogSafeStack(error, rewrite.before, rewrite.after);
  else defineLogSafeStack(error, rewrite.before, rewrite.after);
}
