import type { OssErrorDetails } from './types';

/**
 * Writes the `hint` sentence for a failed response, or returns `undefined` when it has none.
 *
 * @example
 * const provider: HintProvider = (details) => (details.code === 'NoSuchKey' ? 'Check the key.' : undefined);
 */
export type HintProvider = (details: OssErrorDetails) => string | undefined;

// The provider lives on globalThis under a registry symbol, not in a module variable: the CommonJS builds of
// `@oss-errors/core` and `@oss-errors/core/hints` are separate bundles, each with its own copy of this file,
// and a hint registered by one must reach the parseOssError of the other.
const PROVIDER: unique symbol = Symbol.for('@oss-errors/core.hints') as never;
const registry = globalThis as { [PROVIDER]?: HintProvider | undefined };

/**
 * Registers the function that writes `hint` (importing `@oss-errors/core/hints` does), or removes it.
 *
 * @example
 * setHintProvider(hintFor);
 */
export function setHintProvider(provider: HintProvider | undefined): void {
  registry[PROVIDER] = provider;
}

/**
 * The registered provider's hint for these details: a non-empty string, or `undefined` when no provider is
 * registered, it has nothing to say, or it throws.
 *
 * @example
 * const hint = hintOf(details); // 'No object with the key "a.txt" exists in this bucket: …'
 */
export function hintOf(details: OssErrorDetails): string | undefined {
  const provider = registry[PROVIDER];
  if (typeof provider !== 'function') return undefined;
  try {
    const hint = provider(details);
    return typeof hint === 'string' && hint !== '' ? hint : undefined;
  } catch {
    return undefined;
  }
}
