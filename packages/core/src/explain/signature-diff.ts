import { maskSecrets } from '../secrets';
import type { OssErrorDetails } from '../types';
import { echoed, unescapeNewlines } from './echoed';
import type { PastedResponse } from './read-input';
import { advice, type Format, type Line, lineName, splitLines, V4_ALGORITHM } from './signature-lines';

/** The outcome of `--string-to-sign`: exit 0 with the first difference, 1 when equal, 2 when not comparable. */
export interface SignatureComparison {
  readonly exitCode: 0 | 1 | 2;
  readonly output: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\r': '\\r',
  '\n': '\\n',
  '\t': '\\t',
  '"': '\\"',
};

/** A line as printed: masked, quoted, with its line ending and every control character visible. */
function show(line: Line | undefined, otherCount: number): string {
  if (line === undefined) return `(no such line: the text has only ${otherCount} lines)`;
  const visible = `${maskSecrets(line.text)}${line.eol}`.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this makes visible
    /[\\\r\n\t"\u0000-\u001f\u007f]/g,
    (ch) => ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${visible}"${line.eol === '' ? '   (no line ending)' : ''}`;
}

function masked(line: Line | undefined): string | undefined {
  return line === undefined ? undefined : maskSecrets(line.text) + line.eol;
}

function keyIdOf(details: OssErrorDetails): string {
  const id = details.fields.OSSAccessKeyId ?? details.fields.AWSAccessKeyId;
  return id === undefined || id === '' ? 'the AccessKey ID you sent' : `the AccessKey ID ${id}`;
}

/**
 * Compares the StringToSign (or V4 canonical request) a user's signer produced with the one OSS echoed in a
 * SignatureDoesNotMatch response, and names the first line that differs. Compares the raw texts; prints only
 * masked ones. A line that differs only where the response itself was already masked (`****`) counts as equal.
 */
export function compareStringToSign(
  response: PastedResponse,
  details: OssErrorDetails,
  userText: string,
): SignatureComparison {
  const stringToSign = echoed(response, 'StringToSign');
  const canonicalRequest = echoed(response, 'CanonicalRequest');
  const yoursRaw = unescapeNewlines(userText.replace(/^\uFEFF/, ''));
  let format: Format;
  let theirs: string | undefined;
  if (V4_ALGORITHM.test(yoursRaw)) {
    format = 'v4-string';
    theirs = stringToSign;
  } else if (
    canonicalRequest !== undefined &&
    (stringToSign === undefined || V4_ALGORITHM.test(stringToSign))
  ) {
    format = 'v4-request';
    theirs = canonicalRequest;
  } else {
    format = 'v1';
    theirs = stringToSign === undefined || V4_ALGORITHM.test(stringToSign) ? undefined : stringToSign;
  }
  if (theirs === undefined) {
    const what =
      stringToSign !== undefined
        ? 'OSS echoed only its V4 StringToSign: give yours (it starts with OSS4-HMAC-SHA256), or your canonical request if the response also has a CanonicalRequest'
        : 'the response holds no StringToSign or CanonicalRequest to compare with (OSS echoes them on SignatureDoesNotMatch)';
    return { exitCode: 2, output: `oss-errors explain --string-to-sign: ${what}.` };
  }
  const s3 = /^AWS4/.test(stringToSign ?? '') || 'AWSAccessKeyId' in details.fields || /x-amz-/i.test(theirs);
  const label = {
    v1: s3 ? 'an S3-compatible V2 StringToSign' : 'a V1 StringToSign',
    'v4-request': s3 ? 'an AWS4-HMAC-SHA256 canonical request' : 'a V4 (OSS4-HMAC-SHA256) canonical request',
    'v4-string': s3 ? 'an AWS4-HMAC-SHA256 StringToSign' : 'a V4 (OSS4-HMAC-SHA256) StringToSign',
  }[format];
  const ossLines = splitLines(theirs);
  const yourLines = splitLines(yoursRaw);
  const intro = `Compared your text with the one OSS echoed: ${label}, ${ossLines.length} lines at OSS, ${yourLines.length} in yours.`;

  for (let i = 0; i < Math.max(ossLines.length, yourLines.length); i++) {
    const ossLine = ossLines[i];
    const yourLine = yourLines[i];
    if (ossLine?.text === yourLine?.text && ossLine?.eol === yourLine?.eol) continue;
    const ossShown = masked(ossLine);
    const insideMask = ossShown === masked(yourLine);
    // The response was masked before it reached us: OSS's value is gone, so this line cannot be compared.
    if (insideMask && ossLine!.text.includes('****')) continue;
    const oss = lineName(format, ossLines, i, s3);
    const yours = lineName(format, yourLines, i, s3);
    const name = oss === yours ? oss : `OSS: ${oss}; yours: ${yours}`;
    const note = insideMask
      ? 'The difference is inside a masked value (a security token or an AccessKey ID): sign with the token and ID the request sends.'
      : advice(oss, yours, ossLine, yourLine);
    return {
      exitCode: 0,
      output: [
        intro,
        `First difference: line ${i + 1}, ${name}.`,
        `  OSS signed: ${show(ossLine, ossLines.length)}`,
        `  you signed: ${show(yourLine, yourLines.length)}`,
        note,
      ].join('\n'),
    };
  }
  const secret =
    format === 'v4-request'
      ? `the signing key is derived from the AccessKey secret, the date, the region and the product, so check the scope of your StringToSign, then that the secret belongs to ${keyIdOf(details)}`
      : `the signature was computed with another secret: check that the AccessKey secret belongs to ${keyIdOf(details)} (for STS, that ID, secret and token come from one response) and holds no stray space or line break`;
  return {
    exitCode: 1,
    output: `${intro}\nThey are identical, so the string is right and ${secret}.`,
  };
}
