import { XMLParser } from 'fast-xml-parser';
import { addValue, type ErrorDocument, KNOWN_NAMES, newDocument } from './document';

// Entities are left alone by the parser (no DOCTYPE or entity declaration is ever expanded) and only the
// five predefined ones and character references are decoded here. Values stay strings ("0002-00000040"
// must not become a number), attributes (xmlns) are ignored, and nesting is capped by the parser (100).
let parser: XMLParser | undefined;
function getParser(): XMLParser {
  parser ??= new XMLParser({
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

/** Scans leaf elements with a plain regular expression: for truncated or malformed documents. */
function salvage(text: string): ErrorDocument {
  const doc = newDocument(true);
  const leaf = /<([A-Za-z_][\w.-]{0,127})(?:\s[^<>]{0,1024})?>([^<]{0,65536})<\/\1\s*>/g;
  for (let match = leaf.exec(text); match !== null; match = leaf.exec(text)) {
    if (match[1] !== 'Error') addValue(doc, match[1]!, decodeXmlEntities(match[2]!).trim(), 'exact');
  }
  return doc;
}

/**
 * Reads an XML `<Error>` document. Returns undefined when the text's root element is not `<Error>`.
 * A document that fails to parse or was cut short still yields what its complete leaf elements say.
 */
export function readXmlError(text: string): ErrorDocument | undefined {
  const start = findErrorRoot(text);
  if (start < 0) return undefined;
  const end = text.lastIndexOf('</Error>');
  if (end < start) return salvage(text.slice(start));
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
