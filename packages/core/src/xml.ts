import { XMLParser } from 'fast-xml-parser';
import { addValue, type ErrorDocument, KNOWN_NAMES, newDocument } from './document';

// Entities are left alone by the parser (no DOCTYPE or entity declaration is ever expanded) and only the
// five predefined ones and character references are decoded here. Values stay strings ("0002-00000040"
// must not become a number), attributes (xmlns) are ignored, and nesting is capped by the parser (100).
// `jPath: false`: we pass no callbacks, so the parser need not build a path string for every element.
let parser: XMLParser | undefined;
function getParser(): XMLParser {
  parser ??= new XMLParser({
    jPath: false,
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: '#cdata',
    commentPropName: false,
  });
  return parser;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes `&amp;`-style predefined entities and `&#NN;` / `&#xNN;` references; leaves anything else as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
    const point = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
  });
}

/**
 * Where the root `<Error` element starts, or -1 when the first element of the text is anything else.
 * Skips a BOM, white space, the XML declaration (well-formed or not), comments and a DOCTYPE.
 */
export function findErrorRoot(text: string): number {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return -1;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      // A DOCTYPE, possibly with an internal subset: skipped, never read.
      const subset = text.indexOf('[', i);
      const close = text.indexOf('>', i);
      if (close < 0) return -1;
      if (subset >= 0 && subset < close) {
        const end = text.indexOf(']>', subset);
        if (end < 0) return -1;
        i = end + 2;
      } else {
        i = close + 1;
      }
    } else {
      return /^<Error[\s/>]/.test(text.slice(i, i + 7)) ? i : -1;
    }
  }
}

type XmlValue = string | XmlNode | XmlValue[];
interface XmlNode {
  [name: string]: XmlValue;
}

/** The text of an element: its own text and CDATA, without the text of its children. */
function textOf(value: XmlValue): string {
  if (typeof value === 'string') return decodeXmlEntities(value);
  if (Array.isArray(value)) return value.length > 0 ? textOf(value[0]!) : '';
  const own = value['#text'];
  const cdata = value['#cdata'];
  const text = own === undefined ? '' : textOf(own);
  const raw = cdata === undefined ? '' : Array.isArray(cdata) ? cdata.join('') : String(cdata);
  // The parser trims text around the CDATA section; put back one space where there was some.
  const gap = text !== '' && raw !== '' && !/^\s/.test(raw) ? ' ' : '';
  return (text + gap + raw).trim();
}

function addElement(doc: ErrorDocument, name: string, value: XmlValue, depth: number): void {
  if (name.startsWith('#')) return;
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return;
  if (typeof first === 'string' || depth > 0) {
    addValue(doc, name, textOf(first), 'exact');
    return;
  }
  // A nested element such as <AccessDeniedDetail>: its children become `Parent.Child` fields.
  const text = textOf(first);
  if (text !== '') addValue(doc, name, text, 'exact');
  for (const [child, childValue] of Object.entries(first)) {
    if (!child.startsWith('#')) addElement(doc, `${name}.${child}`, childValue, depth + 1);
  }
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. JS engines keep a slice's whole
 * source string alive (V8: a SlicedString); a concatenation, flattened by the slice after it, copies only
 * these characters.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

/** Scans leaf elements with a plain regular expression: for truncated or malformed documents. */
function salvage(text: string): ErrorDocument {
  const doc = newDocument(true);
  const leaf = /<([A-Za-z_][\w.-]{0,127})(?:\s[^<>]{0,1024})?>([^<]{0,65536})<\/\1\s*>/g;
  for (let match = leaf.exec(text); match !== null; match = leaf.exec(text)) {
    if (match[1] === 'Error') continue;
    // Detached: a value sliced from the body would keep all of it (up to 64 KiB) alive with the details.
    addValue(doc, match[1]!, detached(decodeXmlEntities(match[2]!).trim()), 'exact');
  }
  return doc;
}

const GT = 0x3e; // >
const SLASH = 0x2f;

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a); // a-z A-Z
}

function isNameChar(c: number): boolean {
  // a-z A-Z 0-9 _ - .
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e;
}

/**
 * The fast path for what OSS actually sends: `<Error>` holding only leaf elements with plain text (no
 * attribute, comment, CDATA, processing instruction, namespace prefix or nesting below the root). One
 * pass over the text, and the same document the parser path below would give (the values are trimmed,
 * then entities decoded, line ends normalised as XML does). Anything else, or anything unexpected,
 * returns undefined and goes to fast-xml-parser: this never decides a case the parser would decide
 * differently, it only declines. `end` is where the last `</Error>` starts.
 */
function readFlatXmlError(text: string, start: number, end: number): ErrorDocument | undefined {
  // The root's start tag may carry attributes (xmlns): skip them, quoted values included.
  let at = start + 6;
  if (text.charCodeAt(at) === SLASH) return undefined;
  for (let quote = 0; at < end; at++) {
    const c = text.charCodeAt(at);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === GT) {
      break;
    }
  }
  if (at >= end || text.charCodeAt(at - 1) === SLASH) return undefined;

  const doc = newDocument(true);
  for (let from = at + 1; ; ) {
    const open = text.indexOf('<', from);
    // Only white space between the children (text directly in <Error> goes to the parser).
    if (open < 0 || open > end || !isBlank(text, from, open)) return undefined;
    if (open === end) return doc;
    if (!isNameStart(text.charCodeAt(open + 1))) return undefined;
    let nameEnd = open + 2;
    while (isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    if (text.charCodeAt(nameEnd) !== GT) return undefined;
    const name = text.slice(open + 1, nameEnd);
    // The parser refuses or renames names that are Object.prototype members; it decides those.
    if (name in Object.prototype || name === 'prototype') return undefined;
    const close = text.indexOf('<', nameEnd + 1);
    if (
      close < 0 ||
      close >= end ||
      text.charCodeAt(close + 1) !== SLASH ||
      !text.startsWith(name, close + 2) ||
      text.charCodeAt(close + 2 + name.length) !== GT
    ) {
      return undefined;
    }
    let value = text.slice(nameEnd + 1, close);
    if (value.includes('\r')) value = value.replace(/\r\n?/g, '\n');
    // Detached: a value sliced from the body would keep all of it (up to 64 KiB) alive with the details.
    addValue(doc, name, detached(decodeXmlEntities(value.trim())), 'exact');
    from = close + name.length + 3;
  }
}

/**
 * Reads an XML `<Error>` document. Returns undefined when the text's root element is not `<Error>`.
 * A document that fails to parse or was cut short still yields what its complete leaf elements say.
 */
export function readXmlError(text: string, fastPath = true): ErrorDocument | undefined {
  const start = findErrorRoot(text);
  if (start < 0) return undefined;
  const end = text.lastIndexOf('</Error>');
  if (end < start) return salvage(text.slice(start));
  // `fastPath: false` exists for the test that proves both paths read every document alike.
  const flat = fastPath ? readFlatXmlError(text, start, end) : undefined;
  if (flat !== undefined) {
    promoteNestedKnown(flat);
    return flat;
  }
  let root: unknown;
  try {
    root = (getParser().parse(text.slice(start, end + 8)) as XmlNode).Error;
  } catch {
    return salvage(text.slice(start, end + 8));
  }
  const doc = newDocument(true);
  if (root !== null && typeof root === 'object' && !Array.isArray(root)) {
    for (const [name, value] of Object.entries(root as XmlNode)) addElement(doc, name, value, 0);
  }
  promoteNestedKnown(doc);
  return doc;
}

// The parser is lenient: an unclosed element swallows the elements after it (`<Broken><RequestId>…`).
// A known element missing at the top but present one level down is taken from there.
function promoteNestedKnown(doc: ErrorDocument): void {
  for (const name of KNOWN_NAMES) {
    if (doc.known[name] !== undefined) continue;
    for (const [key, value] of doc.fields) {
      if (key.endsWith(`.${name}`)) {
        doc.known[name] = value;
        doc.fields.delete(key);
        break;
      }
    }
  }
}
