// LOCAL STAND-IN for the shared leak-search helper that the `secrets` work is building in parallel: the lead
// swaps every import of this file for that helper at merge. It plants credentials generated at run time (no
// tracked file holds one) and looks for each in every form it could take in printed text.
import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Realistic-looking credentials, new on every call. */
export interface PlantedSecrets {
  /** A long-term AccessKey ID (`LTAI…`): only a short prefix may be printed. */
  readonly keyId: string;
  /** A V1 signature (base64 of an HMAC-SHA1), with `+`, `/` and `=`. */
  readonly signature: string;
  /** A V4 signature (hex of an HMAC-SHA256). */
  readonly signatureHex: string;
  /** An STS security token (`CAIS…`, base64). */
  readonly token: string;
  /** An x-oss-callback value (base64 JSON). */
  readonly callback: string;
}

export function plantSecrets(): PlantedSecrets {
  return {
    keyId: `LTAI${pick(ALNUM, 20)}`,
    signature: `${pick(ALNUM, 12)}+${pick(ALNUM, 12)}/${pick(ALNUM, 1)}=`,
    signatureHex: randomBytes(32).toString('hex'),
    token: `CAIS${pick(`${ALNUM}+/`, 150)}`,
    callback: Buffer.from(
      JSON.stringify({ callbackUrl: 'https://cb.example.com/', callbackBody: `token=${pick(ALNUM, 24)}` }),
    ).toString('base64'),
  };
}

/** The forms a secret can take in text: plain, URL-encoded, base64 (standard and URL-safe), hex. */
function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = bytes.toString('base64');
  const hex = bytes.toString('hex');
  return [
    secret,
    encodeURIComponent(secret),
    base64,
    base64.replace(/=+$/, ''),
    base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    hex,
    hex.toUpperCase(),
    hex.toUpperCase().replace(/(..)(?!$)/g, '$1 '),
  ];
}

/** Which of the planted secrets (by name) appear in the text, in any of their forms. Empty: no leak. */
export function findLeaks(text: string, secrets: PlantedSecrets): string[] {
  return Object.entries(secrets)
    .filter(([, secret]) => formsOf(secret).some((form) => text.includes(form)))
    .map(([name]) => name);
}

/** A file's text with `{{KEY_ID}}`-style placeholders replaced by the planted secrets. */
export function withSecrets(text: string, secrets: PlantedSecrets): string {
  const values: Record<string, string> = {
    KEY_ID: secrets.keyId,
    SIGNATURE: secrets.signature,
    SIGNATURE_URL: encodeURIComponent(secrets.signature),
    SIGNATURE_HEX: secrets.signatureHex,
    TOKEN: secrets.token,
    TOKEN_URL: encodeURIComponent(secrets.token),
    CALLBACK: secrets.callback,
  };
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
