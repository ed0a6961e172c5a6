import { decodeBase64Utf8, readBodyPrefix } from './body';
import type { ErrorDocument } from './document';
import { readOssHeaders } from './headers';
import { hintOf } from './hint-registry';
import { readJsonError } from './json';
import { maskField, maskSecrets, maskUrl } from './secrets';
import { codeFromStatus, faultOf, isRetryable, messageFromStatus } from './status';
import type { OssErrorDetails, OssErrorSource, OssResponseLike } from './types';
import { readXmlError } from './xml';

const TROUBLESHOOT = 'https://api.aliyun.com/troubleshoot?q=';

/**
 * Reads an error document from text that starts (after white space) with `<` (XML) or `{` (JSON; also
 * `"`, which is JSON that lost its opening brace, as OSS SDK tests feed it).
 */
function readDocument(text: string): ErrorDocument | undefined {
  const first = text.trimStart()[0];
  if (first === '{' || first === '"') return readJsonError(text);
  if (first === '<') return readXmlError(text);
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value || undefined;
}

function toIso(value: string | undefined): string | undefined {
  const time = Date.parse(value ?? '');
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

// Neither object is frozen, nor are its fields redefined read-only (their type says Readonly): pino's
// `err` serializer tags every error-like value it logs (the details have a string `message`, and so would
// fields with an element named `message`) with a symbol while it works, and throws on a frozen one; and
// defining each field read-only cost ten times as much as assigning it (6 µs for a RAM denial's dozen).
function plainFields(doc: ErrorDocument | undefined): Readonly<Record<string, string>> {
  let fields: Record<string, string> = {};
  if (doc !== undefined) {
    // OSS echoes the argument it rejects (`<ArgumentName>x-oss-signature</ArgumentName><ArgumentValue>…`):
    // the value is masked as a field of that name would be.
    const argument = doc.fields.get('ArgumentName')?.trim();
    for (const [name, value] of doc.fields) {
      const masked = maskField(name === 'ArgumentValue' && argument ? argument : name, value);
      // An element named __proto__ becomes an own field, never the prototype: a computed key in a literal
      // defines it, where an assignment would set the prototype (the fields so far are copied, once).
      if (name === '__proto__') fields = { ...fields, [name]: masked };
      else fields[name] = masked;
    }
  }
  return fields;
}

function parse(response: OssResponseLike): OssErrorDetails | undefined {
  const status = response.status;
  if (!Number.isInteger(status) || status < 100 || status > 999) return undefined;
  const headers = readOssHeaders(response.headers);

  let doc = readDocument(readBodyPrefix(response.body));
  let docSource: OssErrorSource = 'body';
  if (doc?.isErrorDocument !== true && headers.err !== undefined) {
    const decoded = decodeBase64Utf8(headers.err);
    const fromHeader = decoded === undefined ? undefined : readDocument(decoded);
    if (fromHeader?.isErrorDocument === true) {
      doc = fromHeader;
      docSource = 'x-oss-err';
    }
  }

  const hasDocument = doc?.isErrorDocument === true;
  const hasOssHeader =
    headers.requestId !== undefined || headers.err !== undefined || headers.errorType !== undefined;
  if (!hasDocument && (status < 400 || !hasOssHeader)) return undefined;

  const known = doc?.known ?? {};
  const bodyCode = nonEmpty(known.Code);
  const code = bodyCode ?? headers.errorType ?? codeFromStatus(status);
  const source: OssErrorSource =
    bodyCode !== undefined ? docSource : headers.errorType !== undefined ? 'body' : 'status';
  const ec = nonEmpty(known.EC) ?? headers.ec;
  const requestId = nonEmpty(known.RequestId) ?? headers.requestId;
  const hostId = nonEmpty(known.HostId);
  const bodyDoc = nonEmpty(known.RecommendDoc);
  const recommendDoc =
    bodyDoc !== undefined
      ? maskUrl(bodyDoc)
      : ec !== undefined
        ? TROUBLESHOOT + encodeURIComponent(ec)
        : undefined;
  const fields = plainFields(doc);

  const details: Record<string, unknown> = {
    status,
    code: maskSecrets(code),
    message: maskSecrets(nonEmpty(known.Message) ?? messageFromStatus(status)),
  };
  if (requestId !== undefined) details.requestId = maskSecrets(requestId);
  if (hostId !== undefined) details.hostId = maskSecrets(hostId);
  if (ec !== undefined) details.ec = maskSecrets(ec);
  if (recommendDoc !== undefined) details.recommendDoc = recommendDoc;
  details.fields = fields;
  details.source = source;
  details.fault = faultOf(status);
  details.retryable = isRetryable(status, code, source !== 'status');
  if (typeof response.method === 'string' && /^[A-Za-z-]{1,32}$/.test(response.method)) {
    details.method = response.method.toUpperCase();
  }
  if (typeof response.url === 'string' && response.url !== '') details.url = maskUrl(response.url);

  if (code === 'RequestTimeTooSkewed') {
    const serverTime = toIso(fields.ServerTime) ?? toIso(headers.date);
    const requestTime = toIso(fields.RequestTime);
    if (serverTime !== undefined) details.serverTime = serverTime;
    if (serverTime !== undefined && requestTime !== undefined) {
      details.clockSkewMs = Date.parse(requestTime) - Date.parse(serverTime);
    }
  }
  if (headers.nextAppendPosition !== undefined && /^\d{1,15}$/.test(headers.nextAppendPosition)) {
    details.nextAppendPosition = Number(headers.nextAppendPosition);
  }
  const hint = hintOf(details as unknown as OssErrorDetails);
  if (hint !== undefined) details.hint = hint;
  return details as unknown as OssErrorDetails;
}

/**
 * Turns a failed OSS response into typed, secret-free details, or `undefined` when nothing in it says
 * OSS produced the error (a 2xx/3xx without an `<Error>` document; a CDN, proxy or gateway page with no
 * `<Error>` document, no `x-oss-err` and no `x-oss-request-id`). Never throws.
 *
 * Reads XML `<Error>` documents (any prolog, BOM, xmlns, padding, CRLF, entities, CDATA, unexpected or
 * nested children), JSON bodies (`{"Error": {...}}`, and `{"message": ...}` with `x-oss-error-type`),
 * `x-oss-err` (base64 UTF-8) and the `x-oss-*` headers. Only the first 64 KiB of a body are read.
 *
 * @example
 * const res = await fetch(presignedUrl);
 * if (!res.ok) {
 *   const details = parseOssError({ status: res.status, headers: res.headers, body: await res.text() });
 *   console.log(details?.code, details?.requestId); // "NoSuchKey" "6556E3AED11E553933CCDEDF"
 * }
 */
export function parseOssError(response: OssResponseLike): OssErrorDetails | undefined {
  try {
    return parse(response);
  } catch {
    // Only a hostile input object (a throwing getter, a Proxy) gets here: it is not an OSS response.
    return undefined;
  }
}
