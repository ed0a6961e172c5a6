import type { OssErrorDetails } from '@oss-errors/core';
import {
  defineLogSafeInspect,
  defineLogSafeStack,
  defineLogSafeToJSON,
  hideFields,
  maskJson,
  maskSecrets,
} from '@oss-errors/core/adapter';

// An enriched got error is safe to print and log in every usual way, while got's own objects stay as they
// were for code that reads them: err.options (URL, headers), and err.request / err.response, which got
// already makes non-enumerable.

/** Fields the inspect view shows in its own way, or not at all. */
const NOT_COPIED = new Set(['name', 'message', 'stack', 'code', 'oss', 'options', 'timings', 'input']);
const RAW_NOTE = 'err.options, err.request, err.response, err.timings (unmasked, not printed)';

/** What util.inspect shows after the stack: what a person needs to debug, nothing of the raw objects. */
function inspectView(error: Error, details: OssErrorDetails): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  const view: Record<string, unknown> = {};
  if (code !== undefined) view.code = code;
  view.status = details.status;
  if (details.url !== undefined) view.request = `${details.method ?? ''} ${details.url}`.trimStart();
  view.oss = details;
  for (const key of Object.keys(error)) {
    if (!NOT_COPIED.has(key)) view[key] = maskJson((error as unknown as Record<string, unknown>)[key]);
  }
  view.raw = RAW_NOTE;
  return view;
}

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
  defineLogSafeInspect(error, () => inspectView(error, details));
  if (rewrite !== undefined) defineLogSafeStack(error, rewrite.before, rewrite.after, readNow);
}
