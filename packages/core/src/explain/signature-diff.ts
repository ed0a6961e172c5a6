import { maskSecrets } from '../secrets';
import type { OssErrorDetails } from '../types';
import { echoed, unescapeNewlines } from './echoed';
import type { PastedResponse } from './read-input';

/** The outcome of `--string-to-sign`: exit 0 with the first difference, 1 when equal, 2 when not comparable. */
export interface SignatureComparison {
  readonly exitCode: 0 | 1 | 2;
  readonly output: string;
}

interface Line {
  readonly text: string;
  /** `\n`, `\r\n`, `\r`, or '' for a last line without one. */
  readonly eol: string;
}

// V1 (and the S3-compatible V2 it mirrors): VERB, Content-MD5, Content-Type, Date or Expires, one line per
// x-oss-*/x-amz-* header, the resource. V4 canonical request: method, URI, query, one line per header, an
// empty line, the additional (S3: signed) header names, the payload hash. V4 StringToSign: algorithm, time,
// scope, hash of the canonical request. (alibabacloud-oss-go-sdk-v2 oss/signer/v1.go and v4.go.)
type Format = 'v1' | 'v4-request' | 'v4-string';

const V4_ALGORITHM = /^(OSS4|AWS4)-HMAC-SHA256(\r?\n|$)/;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /([^\r\n]*)(\r\n|\n|\r|$)/y;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    lines.push({ text: match[1]!, eol: match[2]! });
    if (match[2] === '' || pattern.lastIndex >= text.length) break;
  }
  return lines;
}

function headerName(line: Line | undefined): string | undefined {
  const colon = line?.text.indexOf(':') ?? -1;
  return colon > 0 ? line!.text.slice(0, colon).toLowerCase() : undefined;
}

/** What line `i` of a text in this format is. */
function lineName(format: Format, lines: readonly Line[], i: number, s3: boolean): string {
  const last = lines.length - 1;
  if (i > last) return 'nothing (the text ends before it)';
  const header = headerName(lines[i]);
  if (format === 'v4-string') {
    return (
      [
        'the algorithm',
        `the request time (${s3 ? 'X-Amz-Date' : 'x-oss-date'})`,
        `the scope (date/region/${s3 ? 's3/aws4_request' : 'oss/aliyun_v4_request'})`,
        'the hash of the canonical request',
      ][i] ?? 'an extra line'
    );
  }
  if (format === 'v4-request') {
    const fixed = ['the HTTP method', 'the canonical URI', 'the canonical query string'][i];
    if (fixed !== undefined) return fixed;
    if (i === last) return 'the payload hash';
    if (i === last - 1) return s3 ? 'the signed header names' : 'the additional header names';
    if (i === last - 2) return 'the empty line after the headers';
    return header === undefined ? 'an extra line' : `the canonical header ${header}`;
  }
  const fixed = ['the HTTP method', 'Content-MD5', 'Content-Type'][i];
  if (fixed !== undefined) return fixed;
  if (i === 3) return /^\d+$/.test(lines[3]!.text) ? 'Expires (a presigned URL)' : 'Date';
  if (i === last) return 'the canonical resource';
  return header === undefined ? 'the additional header names (V2)' : `the canonical header ${header}`;
}

/** What to check, for the kind of line that differs. */
function advice(oss: string, yours: string, ossLine: Line | undefined, yourLine: Line | undefined): string {
  if (ossLine !== undefined && yourLine !== undefined && ossLine.text === yourLine.text) {
    if (ossLine.eol === '' || yourLine.eol === '') {
      return "One text ends with a line break the other does not have. If your signer does not add it, the file got it when saved (echo, an editor): write it with printf '%s'.";
    }
    return 'The line endings differ: OSS signs with LF (\\n) only; a signer that joins lines with CRLF (\\r\\n), or a file saved on Windows, has the other.';
  }
  const ossHeader = oss.startsWith('the canonical header ') ? oss.slice(21) : undefined;
  const yourHeader = yours.startsWith('the canonical header ') ? yours.slice(21) : undefined;
  if (ossHeader !== undefined && ossHeader === yourHeader) {
    return `The value of ${ossHeader} differs: sign it exactly as sent (trimmed; repeated headers joined with ",").`;
  }
  if (ossHeader !== undefined && (yourHeader === undefined || ossHeader < yourHeader)) {
    return `OSS received the header ${ossHeader}, which your text does not sign: sign every header OSS signs (Content-Type, Content-MD5, every x-oss-* header, V4 additional headers), lower case and sorted, also those a client adds itself.`;
  }
  if (yourHeader !== undefined) {
    return `Your text signs the header ${yourHeader}, which OSS did not receive: the request did not send it, or a proxy or the browser dropped it.`;
  }
  if (oss === 'Content-Type') {
    return 'Sign exactly the Content-Type the request sends: browsers, axios and fetch add one when the code sets none (text/plain;charset=UTF-8, application/x-www-form-urlencoded, …).';
  }
  if (oss === 'Content-MD5') return 'Sign Content-MD5 only when the request sends it, with the same value.';
  if (oss === 'Date') return 'Sign the same Date (or x-oss-date) that the request carries.';
  if (oss.startsWith('Expires')) return 'Sign the same Expires that the presigned URL carries.';
  if (oss === 'the canonical resource') {
    return 'Check the bucket name, the encoding of the object key, and the sub-resources (?acl, ?uploadId=…, response-* parameters): the resource must match the request URL.';
  }
  if (oss === 'the canonical URI') {
    return 'Check the bucket name and the encoding of the object key: /bucket/key, URI-encoded once, "/" kept.';
  }
  if (oss === 'the canonical query string') {
    return 'Sign every query parameter the request sends, each name and value URI-encoded, sorted by name.';
  }
  if (oss.startsWith('the scope')) {
    return "The scope must hold the request's UTC date and the bucket's region id (cn-hangzhou, not oss-cn-hangzhou).";
  }
  if (oss === 'the hash of the canonical request') {
    return 'The canonical requests differ: compare yours with the CanonicalRequest OSS echoed (pass your canonical request with --string-to-sign).';
  }
  if (oss === 'the payload hash') {
    return 'Sign the x-oss-content-sha256 value the request sends (UNSIGNED-PAYLOAD unless the body is hashed).';
  }
  return 'Make your signer produce this line exactly as OSS did.';
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
