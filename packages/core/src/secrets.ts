/** What stands in for a removed secret. */
export const MASK = '****';

/** Keeps a short prefix of an access key id: enough to tell two keys apart, too little to be one. */
export function maskAccessKeyId(id: string): string {
  return id.slice(0, Math.min(8, Math.floor(id.length / 3))) + MASK;
}

// `name=value` (query strings, StringToSign subresources) and `name: value` (canonical headers).
// Values stop at anything an STS token, signature or percent-encoding cannot contain, so a literal `\n`
// inside StringToSign or the next `&` parameter survives.
const SECRET_ASSIGNMENT =
  /\b((?:x-oss-|x-amz-)?security-token|securitytoken|(?:x-oss-|x-amz-)?signature|signatureprovided|accesskeysecret|access_key_secret)(\s*[=:]\s*)([A-Za-z0-9+/=%._~-]+)/gi;
const KEY_ID_ASSIGNMENT =
  /\b(OSSAccessKeyId|AWSAccessKeyId|AccessKeyId|x-oss-credential|x-amz-credential|Credential)(\s*[=:]\s*)([A-Za-z0-9]+)/gi;
// An Authorization value runs to the end of its line (real or a literal `\n`).
const AUTHORIZATION = /\b(authorization)(\s*[=:]\s*)([^\r\n\\&]+)/gi;
// STS tokens are recognisable on their own: long base64 starting with CAIS.
const BARE_STS_TOKEN = /\bCAIS[A-Za-z0-9+/=%]{16,}/g;
// A V1 Authorization value without its header name: `OSS <access key id>:<signature>`.
const BARE_V1_AUTHORIZATION = /\bOSS [A-Za-z0-9]{8,}:[A-Za-z0-9+/=%]+/g;
const QUICK_CHECK = /signature|token|secret|credential|accesskeyid|authorization|CAIS|OSS [A-Za-z0-9]{8,}:/i;

/**
 * Masks signatures, STS tokens, Authorization values and access key ids wherever they stand in a text:
 * query strings, canonical headers inside StringToSign, header dumps.
 *
 * @example
 * maskSecrets('x-oss-security-token:CAIS0123456789abcdefXYZ'); // 'x-oss-security-token:****'
 */
export function maskSecrets(text: string): string {
  if (!QUICK_CHECK.test(text)) return text;
  return text
    .replace(AUTHORIZATION, (_, name: string, sep: string) => `${name}${sep}${MASK}`)
    .replace(SECRET_ASSIGNMENT, (_, name: string, sep: string) => `${name}${sep}${MASK}`)
    .replace(
      KEY_ID_ASSIGNMENT,
      (_, name: string, sep: string, id: string) => `${name}${sep}${maskAccessKeyId(id)}`,
    )
    .replace(BARE_STS_TOKEN, MASK)
    .replace(BARE_V1_AUTHORIZATION, `OSS ${MASK}`);
}

/**
 * Masks a URL: secrets in its query (see {@link maskSecrets}) and any `user:password@`.
 *
 * @example
 * maskUrl('https://b.oss-cn-hangzhou.aliyuncs.com/k?Expires=1&Signature=abc%3D'); // '…?Expires=1&Signature=****'
 */
export function maskUrl(url: string): string {
  return maskSecrets(url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${MASK}@`));
}

const SECRET_FIELDS = new Set([
  'signature',
  'signatureprovided',
  'x-oss-signature',
  'securitytoken',
  'security-token',
  'x-oss-security-token',
  'authorization',
  'accesskeysecret',
]);
const KEY_ID_FIELDS = new Set(['ossaccesskeyid', 'awsaccesskeyid', 'accesskeyid', 'x-oss-access-key-id']);

/** Masks a value of the `<Error>` document by what its element is, then by what it contains. */
export function maskField(name: string, value: string): string {
  // Nested fields are named Parent.Child: the child's own name says what it holds.
  const lower = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  if (SECRET_FIELDS.has(lower)) return value === '' ? value : MASK;
  if (KEY_ID_FIELDS.has(lower)) return value === '' ? value : maskAccessKeyId(value);
  if (lower === 'stringtosignbytes') return maskHexText(value);
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
