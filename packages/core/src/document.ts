import { MAX_FIELDS } from './limits';

/** The six children of `<Error>` that have a field of their own in the details. */
export const KNOWN_NAMES = ['Code', 'Message', 'RequestId', 'HostId', 'EC', 'RecommendDoc'] as const;
export type KnownName = (typeof KNOWN_NAMES)[number];

/**
 * What an error document (XML `<Error>`, JSON `{"Error": {...}}`, or a flat JSON error) said, before masking.
 * `fields` holds every other element, first occurrence wins, in document order.
 */
export interface ErrorDocument {
  known: Partial<Record<KnownName, string>>;
  fields: Map<string, string>;
  /** True for a real `<Error>` document (XML or JSON); false for a flat JSON body that only supports headers. */
  isErrorDocument: boolean;
}

/** An empty document to fill in. */
export function newDocument(isErrorDocument: boolean): ErrorDocument {
  return { known: {}, fields: new Map(), isErrorDocument };
}

const KNOWN_BY_LOWER = new Map<string, KnownName>(KNOWN_NAMES.map((name) => [name.toLowerCase(), name]));

/**
 * Records one child element. Known names match exactly for XML (`exact`) and in any letter case for JSON
 * (OSS's Go SDK reads JSON keys case-insensitively), or not at all (`none`). The first occurrence of a
 * name wins; fields are capped at {@link MAX_FIELDS}.
 */
export function addValue(
  doc: ErrorDocument,
  name: string,
  value: string,
  match: 'exact' | 'any-case' | 'none',
): void {
  const known = match === 'none' ? undefined : KNOWN_BY_LOWER.get(name.toLowerCase());
  if (known !== undefined && (match === 'any-case' || known === name)) {
    if (doc.known[known] === undefined) doc.known[known] = value;
    return;
  }
  if (!doc.fields.has(name) && doc.fields.size < MAX_FIELDS) doc.fields.set(name, value);
}
