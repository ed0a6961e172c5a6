import { maskSecrets } from './secrets';

// What people print or log of an error: `message`, `stack`, `String(err)`, `toJSON()` (JSON.stringify and
// JSON loggers), Node's util.inspect (console.log, console.error; inspect.ts) and the enumerable fields
// that pino and winston copy. The client's own fields stay readable as they were; only what is printed is shaped.

/** Where a message was rewritten: the client's words, and the enriched, masked line that replaced them. */
interface Rewrite {
  readonly before: string;
  readonly after: string;
}
// Kept on the error itself (non-enumerable) rather than in a WeakMap: ephemerons make every GC dearer.
const REWRITE: unique symbol = Symbol('@oss-errors/core.rewrite') as never;

const HIDDEN: PropertyDescriptor = { enumerable: false };
const isOwnEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * Makes own enumerable fields non-enumerable, as got does with `request` and `response`: reading them is
 * unchanged (`err.config`, `err.options`), while loggers that copy an error's enumerable fields (pino's
 * `err` serializer, winston's `format.errors()`, `{ ...err }`) leave them out.
 *
 * @example
 * hideFields(axiosError, ['config', 'request', 'response']);
 * axiosError.config.url; // as before
 * Object.keys(axiosError).includes('config'); // false
 */
export function hideFields(target: object, names: readonly string[]): void {
  for (const name of names) {
    if (!isOwnEnumerable.call(target, name)) continue;
    try {
      // Only the attribute changes: value, writable and configurable stay. One shared descriptor, no
      // read of the old one: this runs on every failed request.
      Object.defineProperty(target, name, HIDDEN);
    } catch {
      // Not configurable: it stays as it is.
    }
  }
}

// A line that is not a V8 stack frame (`    at fn (file:line:col)`, a code location): the header, a
// `Caused by:` section, text someone appended.
const NOT_A_FRAME = /\n(?![ \t]+at )/;

/** A line masked, but for our own text in it (masked already, and full of words such as "signature"). */
function maskLine(line: string, ours: string | undefined): string {
  const at = ours === undefined ? -1 : line.indexOf(ours);
  if (at < 0) return maskSecrets(line);
  return maskSecrets(line.slice(0, at)) + ours + maskSecrets(line.slice(at + ours!.length));
}

/**
 * Stack text after its first line, as a log may show it: frame lines as they are (masking code
 * locations would cost more than formatting the stack), every other line masked.
 */
function maskStackTail(tail: string, ours: string | undefined): string {
  if (!NOT_A_FRAME.test(tail)) return tail;
  return tail
    .split('\n')
    .map((line) => (/^[ \t]+at /.test(line) ? line : maskLine(line, ours)))
    .join('\n');
}

/** The stack text with the client's message swapped for ours (unless it is there already), masked. */
function renderStack(stack: string, rewrite: Rewrite | undefined): string {
  let text = stack;
  if (rewrite !== undefined && rewrite.before !== '' && !stack.includes(rewrite.after)) {
    const at = stack.indexOf(rewrite.before);
    if (at >= 0) text = stack.slice(0, at) + rewrite.after + stack.slice(at + rewrite.before.length);
  }
  const end = text.indexOf('\n');
  if (end < 0) return maskLine(text, rewrite?.after);
  return maskLine(text.slice(0, end), rewrite?.after) + maskStackTail(text.slice(end), rewrite?.after);
}

let accessorStacks: boolean | undefined;

/**
 * Whether this engine keeps an error's `stack` as an own accessor pair (V8 12 and later: Node 22+,
 * current Chrome). Then the original text can be formatted later, on demand. V8 11 (Node 20) keeps it as
 * a data property whose first read formats it, and no API defers that read.
 */
function stacksAreAccessors(): boolean {
  accessorStacks ??= typeof Object.getOwnPropertyDescriptor(new Error(), 'stack')?.get === 'function';
  return accessorStacks;
}

function recordRewrite(error: object, before: string, after: string): Rewrite {
  const rewrite: Rewrite = { before, after };
  Object.defineProperty(error, REWRITE, { value: rewrite, configurable: true });
  return rewrite;
}

/**
 * Makes `error.stack` show `after` where it showed `before`, masked, now: the stack is read and, if it
 * still shows `before` or holds a secret, rewritten once. For a client that reads the stack right after
 * anyway (axios's `Axios#request` appends the caller's frames) or formatted it already (got's
 * ParseError); {@link defineLogSafeStack} defers the work where the engine allows.
 *
 * @example
 * const before = err.message;
 * err.message = appendOssDescription(before, details);
 * rewriteLogSafeStack(err, before, err.message);
 */
export function rewriteLogSafeStack(error: object, before: string, after: string): void {
  const rewrite = recordRewrite(error, before, after);
  const stack: unknown = (error as { stack?: unknown }).stack;
  if (typeof stack !== 'string') return;
  const safe = renderStack(stack, rewrite);
  if (safe !== stack) (error as { stack?: unknown }).stack = safe;
}

/**
 * Makes `error.stack` show `after` where it showed `before` (the message that was just replaced), with
 * every secret masked, without reading it now. Call it after setting `error.message = after`. Engines that
 * keep the stack as an accessor (Node 22+) let `stack` become an accessor (configurable, non-enumerable)
 * that formats and masks the original the first time it is read. Node 20 has no such hook: there the
 * stack is formatted on its first read with the message of that moment, so one never read before shows
 * `after`. For a client that reads the stack right after anyway, or formatted it already, use
 * {@link rewriteLogSafeStack}.
 *
 * Either way {@link logSafeStack}, which the log-safe `toJSON` and inspect views use, masks it.
 *
 * @example
 * const before = err.message;
 * err.message = appendOssDescription(before, details);
 * defineLogSafeStack(err, before, err.message);
 */
export function defineLogSafeStack(error: object, before: string, after: string): void {
  const rewrite = recordRewrite(error, before, after);
  if (!stacksAreAccessors()) return;
  const own = Object.getOwnPropertyDescriptor(error, 'stack');
  if (own?.configurable !== true) return;
  const get = own.get;
  const original = get === undefined ? () => own.value : () => get.call(error);
  let assigned: { readonly value: unknown } | undefined;
  let lastRaw: unknown;
  let lastText = '';
  Object.defineProperty(error, 'stack', {
    configurable: true,
    enumerable: false,
    get(): unknown {
      const raw = assigned === undefined ? original() : assigned.value;
      if (typeof raw !== 'string') return raw;
      if (raw !== lastRaw) {
        lastText = renderStack(raw, rewrite);
        lastRaw = raw;
      }
      return lastText;
    },
    set(value: unknown): void {
      assigned = { value };
    },
  });
}

/**
 * `error.stack` as a log may show it: the enriched first line (see {@link defineLogSafeStack}) and every
 * secret masked; undefined when the error has no string stack. Reads (so formats) the stack: for the
 * moment something is printed, not for the error path.
 *
 * @example
 * const text = logSafeStack(err); // 'AxiosError: Request failed with status code 403 — SignatureDoesNotMatch: …\n    at …'
 */
export function logSafeStack(error: object): string | undefined {
  const stack: unknown = (error as { stack?: unknown }).stack;
  return typeof stack === 'string'
    ? renderStack(stack, (error as { [REWRITE]?: Rewrite })[REWRITE])
    : undefined;
}

/**
 * Gives `error` a `toJSON` (non-enumerable, like a method) returning `build()`, built when serialized.
 *
 * @example
 * defineLogSafeToJSON(err, () => ({ name: err.name, message: err.message, oss: err.oss }));
 * JSON.stringify(err); // '{"name":"HTTPError","message":"…","oss":{…}}'
 */
export function defineLogSafeToJSON(error: object, build: () => unknown): void {
  Object.defineProperty(error, 'toJSON', {
    value: function toJSON(): unknown {
      return build();
    },
    enumerable: false,
    configurable: true,
    writable: true,
  });
}
