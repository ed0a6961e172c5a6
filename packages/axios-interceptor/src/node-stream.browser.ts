import type { NodeReadableLike } from './node-stream';

// The browser build's stand-in for node-stream.ts: axios never hands out a Node stream in a browser, so
// none of the Node stream reader is bundled there.

/** Always false: there are no Node streams in a browser. */
export function isNodeReadable(_value: unknown): _value is NodeReadableLike {
  return false;
}

/** Never called (see {@link isNodeReadable}); reads nothing. */
export function readNodeStreamPrefix(): Promise<Uint8Array> {
  return Promise.resolve(new Uint8Array(0));
}
