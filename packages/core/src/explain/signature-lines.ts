// The line structure of what OSS signs (alibabacloud-oss-go-sdk-v2 oss/signer/v1.go and v4.go; the OSS V1 and V4
// signature documentation): what each line of a text is, and what to check when it differs.

/** One line of a text, with its line ending. */
export interface Line {
  readonly text: string;
  /** `\n`, `\r\n`, `\r`, or '' for a last line without one. */
  readonly eol: string;
}

// V1 (and the S3-compatible V2 it mirrors): VERB, Content-MD5, Content-Type, Date or Expires, one line per
// x-oss-*/x-amz-* header, the resource. V4 canonical request: method, URI, query, one line per header, an
// empty line, the additional (S3: signed) header names, the payload hash. V4 StringToSign: algorithm, time,
// scope, hash of the canonical request. (alibabacloud-oss-go-sdk-v2 oss/signer/v1.go and v4.go.)
export type Format = 'v1' | 'v4-request' | 'v4-string';

/** The first line of a V4 StringToSign (OSS or S3-compatible). */
export const V4_ALGORITHM: RegExp = /^(OSS4|AWS4)-HMAC-SHA256(\r?\n|$)/;

/** The lines of a text, each with its line ending; a final line break starts no extra line. */
export function splitLines(text: string): Line[] {
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
export function lineName(format: Format, lines: readonly Line[], i: number, s3: boolean): string {
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
export function advice(
  oss: string,
  yours: string,
  ossLine: Line | undefined,
  yourLine: Line | undefined,
): string {
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
