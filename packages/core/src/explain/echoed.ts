import { decodeBase64Utf8 } from '../body';
import type { PastedResponse } from './read-input';

// What OSS echoes on SignatureDoesNotMatch, read raw from the response (err.oss.fields holds them masked, and
// trimmed, which would hide a token or a trailing newline that differs): the text, and the same text as hex
// bytes, which is exact where the XML text may have been re-indented or had its line breaks flattened.
export type EchoName = 'StringToSign' | 'CanonicalRequest';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  return text.replace(
    /<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi,
    (whole, cdata: string | undefined, entity: string | undefined) => {
      if (cdata !== undefined) return cdata;
      const name = entity!.toLowerCase();
      if (!name.startsWith('#')) return ENTITIES[name] ?? whole;
      const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

function fromHex(hex: string): string | undefined {
  const pairs = hex.trim().split(/\s+/);
  if (pairs.length === 0 || !pairs.every((pair) => /^[0-9a-fA-F]{2}$/.test(pair))) return undefined;
  return new TextDecoder().decode(new Uint8Array(pairs.map((pair) => Number.parseInt(pair, 16))));
}

/** The error document as OSS sent it: the body, or the base64 x-oss-err header of a body-less response. */
function documentText(response: PastedResponse): string {
  if (/^\s*[<{]/.test(response.body)) return response.body;
  const err = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'x-oss-err')?.[1];
  return err === undefined ? '' : (decodeBase64Utf8(err) ?? '');
}

function element(document: string, name: string): string | undefined {
  if (document.trimStart().startsWith('{')) {
    try {
      const root = JSON.parse(document) as { Error?: Record<string, unknown> };
      const key = Object.keys(root.Error ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
      const value = key === undefined ? undefined : root.Error?.[key];
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  }
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}\\s*>`).exec(document);
  return match === null ? undefined : decodeXmlText(match[1]!);
}

/**
 * The raw echo of `name` (from its `…Bytes` hex twin when OSS sent one), or `undefined`. Text that holds no
 * line break but the two characters `\n` (as OSS's documentation prints it) gets real line breaks.
 */
export function echoed(response: PastedResponse, name: EchoName): string | undefined {
  const document = documentText(response);
  const bytes = element(document, `${name}Bytes`);
  const exact = bytes === undefined ? undefined : fromHex(bytes);
  if (exact !== undefined) return exact;
  const text = element(document, name);
  return text === undefined ? undefined : unescapeNewlines(text);
}

/** `\n` and `\r\n` written as two characters, in a text that has no real line break, become line breaks. */
export function unescapeNewlines(text: string): string {
  return /[\r\n]/.test(text) || !text.includes('\\n')
    ? text
    : text.replace(/\\r/g, '\r').replace(/\\n/g, '\n');
}
