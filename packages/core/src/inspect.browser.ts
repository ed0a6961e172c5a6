import type { OssErrorDetails } from './types';

// The browser build's stand-in for inspect.ts: browsers' consoles never call Node's util.inspect hook, so
// none of that view is bundled there. Everything else log-safe (message, stack, toJSON) is the same.

/** What an adapter's inspect view leaves out, and where it says the raw objects are (unused here). */
export interface LogSafeView {
  readonly omit: readonly string[];
  readonly raw: string;
}

/** Does nothing: no browser reads a Node inspect hook. */
export function defineLogSafeInspect(_error: object, _details: OssErrorDetails, _view: LogSafeView): void {}

/** Does nothing: no browser reads a Node inspect hook. */
export function defineOssErrorInspect(_prototype: object): void {}
