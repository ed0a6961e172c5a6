import { XMLParser } from 'fast-xml-parser';
import type { ErrorDocument } from './document';
import {
  addText,
  beginDocument,
  enterElement,
  finishDocument,
  leaveElement,
  readXml,
  type XmlReading,
} from './xml-reader';

// Node's XML reading (the browser build has xml.browser.ts instead). The built-in one-pass reader reads
// every document first: what OSS sends, nested, with CDATA, comments or entities, and every malformed
// document. A well-formed document of at most 1 KiB with markup OSS never sends (namespace prefixes,
// processing instructions) is read again by fast-xml-parser, and its reading is the one kept. Both feed
// the same document builder (xml-reader.ts, `beginDocument`), and the tests hold them to the same result
// on every document.

// Names fast-xml-parser reads otherwise than the XML rules the built-in reader follows: a `:` that makes
// no namespace prefix (`a:b:c`, `:a`, `a:`, `xmlns:a`), a space beyond ASCII (which ends a name for it).
// A name cannot hold `<`: every scan stops at the next one, so the test is linear.
const PARSER_DIFFERS =
  /<\/?(?:[^\s/><:]*:[^\s/><:]*:|:|[^\s/><:]+:[\s/>]|xmlns:)|<\/?[^\s/><]*[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

// The text handed over starts at `<Error` (no prolog, DOCTYPE or BOM is ever parsed); entities are left
// alone (none is ever expanded; the builder decodes the predefined ones and character references).
// Values stay strings ("0002-00000040" must not become a number), attributes are ignored, and nesting is
// capped by the parser (100). Names such as `toString` are kept as they are (the output is arrays of
// one-key objects, and the builder keeps fields in a Map); `__proto__` and `constructor` make it throw.
let parser: XMLParser | undefined;
function getParser(): XMLParser {
  parser ??= new XMLParser({
    preserveOrder: true,
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: false,
    ignorePiTags: false,
    cdataPropName: '#cdata',
    commentPropName: '#comment',
    onDangerousProperty: (name) => name,
  });
  return parser;
}

type Nodes = readonly Readonly<Record<string, unknown>>[];

function textOf(nodes: Nodes): string {
  return nodes.map((node) => String(node['#text'] ?? '')).join('');
}

function walk(nodes: Nodes): void {
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '#text') addText(String(value));
      else if (key === '#cdata') addText(textOf(value as Nodes), true);
      else if (key === '#comment' || key.startsWith('?')) addText('', true);
      else if (key !== ':@') {
        enterElement(key);
        walk(value as Nodes);
        leaveElement();
      }
    }
  }
}

/** fast-xml-parser's reading of a well-formed `<Error>` element; undefined if it refuses the text. */
function readWithParser(element: string): ErrorDocument | undefined {
  let tree: Nodes;
  try {
    tree = getParser().parse(element) as Nodes;
  } catch {
    return undefined;
  }
  beginDocument(element);
  walk(tree);
  return finishDocument();
}

// fast-xml-parser takes 0.2 to 0.7 µs a character on a document dense with rare markup (12 ms for 64 KiB of
// namespaced elements, 46 ms for processing instructions), where the built-in reader takes 0.02: above
// this length the built-in reading stands, which the tests hold to fast-xml-parser's on every document.
const PARSER_MAX_LENGTH = 1024;

/**
 * Which reader decides: `auto` (the built-in reader, fast-xml-parser for well-formed documents with rare
 * markup), or for the tests that hold every reader to the same result, `built-in` (the browser build's)
 * or `fast-xml-parser` (every document it can be trusted with: all well-formed ones).
 */
export type XmlReader = 'auto' | 'built-in' | 'fast-xml-parser';

/**
 * Reads an XML `<Error>` document. Returns undefined when the text's root element is not `<Error>`.
 * A document that is malformed or was cut short still yields what its complete elements say.
 */
export function readXmlError(text: string, reader: XmlReader = 'auto'): ErrorDocument | undefined {
  const reading = readXml(text);
  if (reading === undefined) return undefined;
  return (
    (parserReads(text, reading, reader) && readWithParser(text.slice(reading.start, reading.end))) ||
    reading.doc
  );
}

/**
 * Whether `reader` hands the `<Error>` element that the built-in reader found in `text` to fast-xml-parser:
 * it is well-formed, fast-xml-parser reads its names as XML does, and for `auto` it has rare markup and is
 * at most 1 KiB long.
 *
 * @example
 * parserReads(text, readXml(text)!); // true for a clean document with `<ns:Code>`
 */
export function parserReads(text: string, reading: XmlReading, reader: XmlReader = 'auto'): boolean {
  if (!reading.clean || reader === 'built-in') return false;
  if (reader === 'auto' && !(reading.rare && reading.end - reading.start <= PARSER_MAX_LENGTH)) return false;
  return !PARSER_DIFFERS.test(text.slice(reading.start, reading.end));
}
