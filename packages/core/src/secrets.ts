/** What stands in for a removed secret. */
export const MASK = '****';

/**
 * Keeps a short prefix of an access key id (`LTAI…` or `STS.…`): enough to tell two keys apart, too
 * little to be one. A value that is already a kept prefix plus the mask is returned as it is, so masking
 * twice changes nothing.
 */
export function maskAccessKeyId(id: string): string {
  if (id.length <= 8 + MASK.length && id.endsWith(MASK)) return id;
  return id.slice(0, Math.min(8, Math.floor(id.length / 3))) + MASK;
}

/** What a name says its value holds. */
type SecretKind =
  /** A signature, token, password or callback parameter: masked whole. */
  | 'secret'
  /** An access key id: a short prefix is kept. */
  | 'keyId'
  /** A V4 credential `<key id>/<date>/<region>/oss/aliyun_v4_request`: the key id is masked, the scope kept. */
  | 'credential'
  /** A header whose whole value is a credential (`Authorization`, `Cookie`): masked to the end of its line. */
  | 'header';

// Names as they appear in query strings, headers, PostObject form fields, `<Error>` children and JSON:
// compared in lower case. Sources: the OSS signing documentation (V1, V2, V4, PostObject, callback) and
// the OSS SDKs' signers; the S3-compatible names from the AWS SigV4 documentation.
const NAMES_OF_KIND: Readonly<Record<SecretKind, string>> = {
  secret:
    'signature x-oss-signature x-amz-signature signatureprovided security-token x-oss-security-token ' +
    'x-amz-security-token securitytoken accesskeysecret access_key_secret callback callback-var ' +
    'x-oss-callback x-oss-callback-var password',
  keyId: 'ossaccesskeyid awsaccesskeyid accesskeyid x-oss-access-key-id',
  credential: 'credential x-oss-credential x-amz-credential',
  header: 'authorization proxy-authorization cookie set-cookie',
};

const SECRET_NAMES = new Map<string, SecretKind>();
for (const [kind, names] of Object.entries(NAMES_OF_KIND) as [SecretKind, string][]) {
  for (const name of names.split(' ')) SECRET_NAMES.set(name, kind);
}

/** The kind of secret a field, header, parameter or key of that name holds, if any. */
export function secretKindOf(name: string): SecretKind | undefined {
  return SECRET_NAMES.get(name.toLowerCase());
}

/** Masks the key id at the start of a V4 credential (`/` or `%2F` ends it) and keeps the scope. */
function maskCredential(value: string): string {
  const end = value.search(/\/|%2F/i);
  return end < 0 ? maskAccessKeyId(value) : maskAccessKeyId(value.slice(0, end)) + value.slice(end);
}

function maskByKind(kind: SecretKind, value: string): string {
  if (value === '') return value;
  if (kind === 'keyId') return maskAccessKeyId(value);
  if (kind === 'credential') return maskCredential(value);
  return MASK;
}

/** The names of these kinds as regex alternatives, the longest first. */
function namesOfKind(kinds: readonly SecretKind[]): string {
  return kinds
    .flatMap((kind) => NAMES_OF_KIND[kind].split(' '))
    .sort((a, b) => b.length - a.length)
    .join('|');
}

// What may follow a name before its value: `=` or `:` (query strings, StringToSign subresources,
// canonical headers, header dumps), optionally quoted (JSON, inspected objects); a multipart form
// field's `name="…"` then a blank line (PostObject); or plain spaces, but only before something that
// looks like a credential (12+ characters with a digit or one of + / = %), so that "the signature you
// provided" stays prose.
const VALUE_CHARS = 'A-Za-z0-9+/=%._~*-';
const SEPARATOR = `["']?[ \\t]*[=:][ \\t]*["']?|"\\r?\\n\\r?\\n|[ \\t]+(?=[${VALUE_CHARS}]{12})(?=[A-Za-z0-9._~*-]*[0-9+/=%])`;
// Values stop at anything a signature, token, key id, credential or percent-encoding cannot contain, so
// a literal `\n` inside StringToSign, the next `&` parameter and a closing quote survive.
const ASSIGNMENT = new RegExp(
  `\\b(${namesOfKind(['secret', 'keyId', 'credential'])})(${SEPARATOR})([${VALUE_CHARS}]+)`,
  'gi',
);
// A header value runs to the end of its line (real or a literal `\n`), or to its closing quote. Before
// plain spaces only a known scheme counts (`Authorization OSS …`).
const HEADER = new RegExp(
  `\\b(${namesOfKind(['header'])})(?:(["']?[ \\t]*[=:][ \\t]*["'])([^"'\\r\\n]+)|([ \\t]*[=:][ \\t]*|[ \\t]+(?=(?:OSS2?|OSS4-HMAC-SHA256|AWS4-HMAC-SHA256|AWS|Basic|Bearer) ))([^\\r\\n\\\\&]+))`,
  'gi',
);
// Credentials with no label in front of them.
// `OSS <key id>:<signature>` (V1) and `AWS <key id>:<signature>` (S3 V2): the Authorization value alone.
// The id starts with a letter or digit, so `OSS ****` left by another rule is never taken for one.
const BARE_V1_AUTHORIZATION = /\b(OSS|AWS) ([A-Za-z0-9][A-Za-z0-9.*]{7,}):([A-Za-z0-9+/=%*]+)/g;
// STS tokens: long base64 starting with CAIS.
const BARE_STS_TOKEN = /\bCAIS[A-Za-z0-9+/=%]{16,}/g;
// Access key ids: long-term `LTAI…` and STS `STS.…`.
const BARE_KEY_ID = /(^|[^A-Za-z0-9])(LTAI[A-Za-z0-9]{12,}|STS\.[A-Za-z0-9]{16,})/g;
// `scheme://user:password@host`: what follows `://` up to the first `/ ? # @` or space, when that is `@`.
const USER_INFO = /[^/?#@\s]+@/y;
// Words without which a rule cannot match (far cheaper to look for than the rules' own scans): most texts
// (status sentences, OSS messages, request ids, stack frames) hold none of them.
export const HEADER_WORDS: RegExp = /authorization|cookie/i;
export const ASSIGNMENT_WORDS: RegExp = /signature|token|secret|credential|key-?id|callback|password/i;
// Any of them, and what the bare rules and URL user info need (CAIS, LTAI, STS., OSS , AWS , and the `@`
// that ends user info), in one test: the fastest way out for the short texts most fields are, and for the
// request URL of every failure (a URL without user info or a secret parameter holds none). Grouped by
// first letter, it runs twice as fast as the plain alternation, and this test runs on every text we mask;
// masking.test.ts holds it to the lists.
export const ANY_WORD: RegExp =
  /a(?:uthorization|ws )|c(?:ookie|redential|allback|ais)|s(?:ignature|ecret|ts\.)|token|key-?id|password|ltai|oss |@/i;

/**
 * Masks signatures, STS tokens, Authorization and Cookie values, callback parameters, URL user info and
 * access key ids (a short prefix kept) wherever they stand in a text: query strings, StringToSign and
 * CanonicalRequest, header dumps, JSON, multipart form bodies, prose. Idempotent: masking a masked text
 * changes nothing.
 *
 * @example
 * maskSecrets('x-oss-security-token:CAIS0123456789abcdefXYZ'); // 'x-oss-security-token:****'
 * maskSecrets('OSSAccessKeyId=STS.NUgYrLnoC37mZZCNnAbez2xB'); // 'OSSAccessKeyId=STS.NUgY****'
 */
export function maskSecrets(text: string): string {
  if (!ANY_WORD.test(text)) return text;
  // One rule's mask can complete another rule's pattern (a token masked after `OSS <id>.` leaves
  // `OSS <id>.****:` followed by more text), so the rules run until nothing changes: for a text with a
  // secret, one pass and the check. The bound only guards against a rule set that would never settle.
  let current = text;
  for (let pass = 0; pass < 8; pass++) {
    const next = maskOnce(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}

/** One pass of every rule whose words the text holds (most texts hold none, and cost a few `includes`). */
function maskOnce(text: string): string {
  let masked = text;
  if (HEADER_WORDS.test(text)) {
    masked = masked.replace(
      HEADER,
      (_, name: string, quotedSep: string | undefined, _quoted: unknown, sep: string | undefined) =>
        `${name}${quotedSep ?? sep}${MASK}`,
    );
  }
  if (ASSIGNMENT_WORDS.test(text)) {
    masked = masked.replace(
      ASSIGNMENT,
      (_, name: string, sep: string, value: string) =>
        `${name}${sep}${maskByKind(secretKindOf(name)!, value)}`,
    );
  }
  if (text.includes('CAIS')) masked = masked.replace(BARE_STS_TOKEN, MASK);
  if (text.includes('OSS ') || text.includes('AWS ')) {
    masked = masked.replace(
      BARE_V1_AUTHORIZATION,
      (_, scheme: string, id: string) => `${scheme} ${maskAccessKeyId(id)}:${MASK}`,
    );
  }
  if (text.includes('LTAI') || text.includes('STS.')) {
    masked = masked.replace(BARE_KEY_ID, (_, before: string, id: string) => before + maskAccessKeyId(id));
  }
  // User info last: a token masked inside it leaves `****:@`, which this rule then covers.
  if (text.includes('@')) masked = maskUserInfo(masked);
  return masked;
}

/**
 * Masks every URL's user info. A scan for `://` rather than one regex over the whole text: stack traces
 * are full of `@` (`node_modules/.pnpm/axios@1.7.0/…`) and `file://`, and a regex that tries a scheme at
 * every word would cost more than everything else here.
 */
function maskUserInfo(text: string): string {
  let masked = '';
  let done = 0;
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    USER_INFO.lastIndex = at + 3;
    const match = USER_INFO.exec(text);
    // A scheme stands right before `://`.
    if (match === null || at === 0 || !/[a-z0-9+.-]/i.test(text[at - 1]!)) continue;
    masked += `${text.slice(done, at + 3)}${MASK}@`;
    done = USER_INFO.lastIndex;
  }
  return done === 0 ? text : masked + text.slice(done);
}

/**
 * Masks a URL: user info, and secrets in its query (see {@link maskSecrets}).
 *
 * @example
 * maskUrl('https://b.oss-cn-hangzhou.aliyuncs.com/k?Expires=1&Signature=abc%3D'); // '…?Expires=1&Signature=****'
 */
export function maskUrl(url: string): string {
  return maskSecrets(url);
}

// The byte dumps of StringToSign and CanonicalRequest that OSS and S3 echo.
const HEX_FIELD = /^(?:stringtosign|canonicalrequest)bytes$/i;

// What each field name says its value holds (a secret's kind, hex bytes, or neither), by the full name:
// the same names come back error after error. Bounded, and keyed by copies, so that neither hostile names
// nor the bodies they were cut from stay in memory.
const FIELD_KINDS = new Map<string, SecretKind | 'hex' | ''>();

function fieldKind(name: string): SecretKind | 'hex' | '' {
  let kind = FIELD_KINDS.get(name);
  if (kind === undefined) {
    // Nested fields are named Parent.Child: the child's own name says what it holds.
    const child = name.slice(name.lastIndexOf('.') + 1);
    kind = secretKindOf(child) ?? (HEX_FIELD.test(child) ? 'hex' : '');
    if (FIELD_KINDS.size >= 256) FIELD_KINDS.clear();
    FIELD_KINDS.set(` ${name}`.slice(1), kind);
  }
  return kind;
}

/** Masks a value of the `<Error>` document by what its element is, then by what it contains. */
export function maskField(name: string, value: string): string {
  const kind = fieldKind(name);
  if (kind === 'hex') return maskHexText(value);
  if (kind !== '') return maskByKind(kind, value);
  return maskSecrets(value);
}

// StringToSignBytes is StringToSign as hex bytes ("50 55 54 0A ..."): a token inside it is a secret too.
function maskHexText(hex: string): string {
  const pairs = hex.trim().split(/\s+/);
  if (!pairs.every((pair) => /^[0-9a-fA-F]{2}$/.test(pair))) return maskSecrets(hex);
  let text = '';
  for (const pair of pairs) text += String.fromCharCode(Number.parseInt(pair, 16));
  const masked = maskSecrets(text);
  if (masked === text) return hex;
  return Array.from(masked, (ch) => ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

const MAX_DEPTH = 12;

function tagOf(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

// Objects that hold name/value pairs without exposing them as properties.
const ENTRY_LISTS = new Set(['Headers', 'FormData', 'URLSearchParams', 'Map']);

/**
 * A JSON-safe copy of `value` for a log: under a secret name (`Authorization`, `Cookie`, `Signature`,
 * `x-oss-security-token`, `x-oss-callback`, `password`, … in any letter case, plus `extraNames`) the value
 * is masked whole (key ids keep a prefix); every other string is masked by content ({@link maskSecrets}).
 * Binary data becomes its size, class instances their class name (a socket never reaches a log), cycles
 * `[Circular]`. `toJSON()` is honoured, as `JSON.stringify` would.
 *
 * @example
 * maskJson({ url: 'https://b/k?Signature=abc', headers: { Authorization: 'OSS LTAI…:sig' } });
 * // { url: 'https://b/k?Signature=****', headers: { Authorization: '****' } }
 */
export function maskJson(value: unknown, extraNames: readonly string[] = []): unknown {
  const extra = new Set(extraNames.map((name) => String(name).toLowerCase()));
  const seen = new WeakSet<object>();
  const kindOf = (name: string): SecretKind | undefined =>
    secretKindOf(name) ?? (extra.has(name.toLowerCase()) ? 'secret' : undefined);

  const visit = (current: unknown, depth: number): unknown => {
    if (typeof current === 'string') return maskSecrets(current);
    if (typeof current === 'bigint') return String(current);
    if (current === null || typeof current !== 'object') {
      return typeof current === 'function' || typeof current === 'symbol' ? undefined : current;
    }
    if (seen.has(current)) return '[Circular]';
    if (depth > MAX_DEPTH) return '[…]';
    if (current instanceof ArrayBuffer || ArrayBuffer.isView(current)) {
      return `[${current.constructor?.name ?? tagOf(current)}: ${current.byteLength} bytes]`;
    }
    seen.add(current);
    try {
      const toJSON = (current as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return visit(toJSON.call(current), depth + 1);
      if (Array.isArray(current)) return current.map((item) => visit(item, depth + 1));
      const proto: unknown = Object.getPrototypeOf(current);
      const tag = tagOf(current);
      let entries: Iterable<[unknown, unknown]>;
      if (proto === null || proto === Object.prototype) {
        entries = Object.entries(current);
      } else if (ENTRY_LISTS.has(tag) && typeof (current as Map<unknown, unknown>).entries === 'function') {
        entries = (current as Map<unknown, unknown>).entries();
      } else {
        return `[${tag === 'Object' ? ((current as object).constructor?.name ?? 'Object') : tag}]`;
      }
      const copy: Record<string, unknown> = {};
      for (const [key, item] of entries) {
        const name = String(key);
        const kind = kindOf(name);
        const masked =
          kind === undefined
            ? visit(item, depth + 1)
            : typeof item === 'string'
              ? maskByKind(kind, item)
              : item === undefined || item === null
                ? item
                : MASK;
        // defineProperty: a key named __proto__ stays an own key.
        Object.defineProperty(copy, name, {
          value: masked,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return copy;
    } catch {
      return '[unreadable]';
    } finally {
      seen.delete(current);
    }
  };
  return visit(value, 0);
}
