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
 * The known name that `name` is in any letter case, if it is one.
 *
 * @example
 * knownNameOf('requestId'); // 'RequestId'
 */
export function knownNameOf(name: string): KnownName | undefined {
  return KNOWN_BY_LOWER.get(name.toLowerCase());
}

/**
 * Records one value: as a known field when `known` is set and the name is a known one in any letter case
 * (OSS's Go SDK reads JSON keys case-insensitively), else as a field. The first occurrence of a name wins;
 * fields are capped at {@link MAX_FIELDS}.
 */
export function addValue(doc: ErrorDocument, name: string, value: string, known: boolean): void {
  const knownName = known ? knownNameOf(name) : undefined;
  if (knownName !== undefined) doc.known[knownName] ??= value;
  else if (doc.fields.size < MAX_FIELDS && !doc.fields.has(name)) doc.fields.set(name, value);
}
