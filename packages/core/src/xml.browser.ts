import type { ErrorDocument } from './document';
import { readXml } from './xml-reader';

// The browser build's XML reading (xml.ts in Node): the built-in one-pass reader alone, so no parser is
// bundled. It reads every document as Node does; the tests hold both to the same result.

/**
 * Reads an XML `<Error>` document. Returns undefined when the text's root element is not `<Error>`.
 * A document that is malformed or was cut short still yields what its complete elements say.
 */
export function readXmlError(text: string): ErrorDocument | undefined {
  return readXml(text)?.doc;
}
