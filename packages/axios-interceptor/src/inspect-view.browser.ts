import type { OssErrorDetails } from '@oss-errors/core';

// The browser build's stand-in for inspect-view.ts: browsers' consoles never call Node's inspect hook.

/** Does nothing: no browser reads a Node inspect hook. */
export function defineInspectView(_error: object, _details: OssErrorDetails): void {}
