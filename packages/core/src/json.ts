import { addValue, type ErrorDocument, KNOWN_NAMES, knownNameOf, newDocument } from './document';

const MAX_DEPTH = 4;

function addJson(doc: ErrorDocument, name: string, value: unknown, depth: number, anyKnown: boolean): void {
  // In a flat body only `message` has a meaning of its own; `code` or `requestId` there are not the
  // protocol's (the code is x-oss-error-type, the id x-oss-request-id), so they stay plain fields.
  const known = depth === 0 && (anyKnown || name.toLowerCase() === 'message');
  if (typeof value === 'string') addValue(doc, name, value.trim(), known);
  else if (typeof value === 'number' || typeof value === 'boolean') addValue(doc, name, String(value), known);
  else if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
    for (const [child, childValue] of Object.entries(value)) {
      addJson(doc, `${name}.${child}`, childValue, depth + 1, anyKnown);
    }
  }
}

function fill(doc: ErrorDocument, object: object): ErrorDocument {
  for (const [name, value] of Object.entries(object)) addJson(doc, name, value, 0, doc.isErrorDocument);
  return doc;
}

// For JSON cut short or malformed: the string values of the known keys, when an "Error" key is present.
function salvage(text: string): ErrorDocument | undefined {
  if (!/"error"\s*:/i.test(text)) return undefined;
  const doc = newDocument(true);
  const pair = new RegExp(`"(${KNOWN_NAMES.join('|')})"\\s*:\\s*"((?:[^"\\\\\\n]|\\\\.){0,4096})"`, 'gi');
  for (let match = pair.exec(text); match !== null; match = pair.exec(text)) {
    // The first value of a name wins, and `??=` does not even decode a later one (64 KiB of them took
    // milliseconds).
    const name = knownNameOf(match[1]!)!;
    try {
      doc.known[name] ??= (JSON.parse(`"${match[2]!}"`) as string).trim();
    } catch {
      // an invalid escape: skip this value, keep the others
    }
  }
  return doc;
}

/**
 * Reads a JSON error body: `{"Error": {...}}` (an error document, like XML's), or a flat object such as
 * `{"message": "..."}` that OSS sends with `x-oss-error-type` (not a document on its own; the caller
 * decides whether the headers make it an OSS error). Returns undefined when the text is not JSON.
 */
export function readJsonError(text: string): ErrorDocument | undefined {
  // Nesting no error document has (32 brackets opened with none closed) is read as malformed: JSON.parse
  // would build all of it first (64 KiB of `[` costs milliseconds).
  if (/(?:[[{][^\][{}]*){33}/.test(text)) return salvage(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return salvage(text);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const errorKey = Object.keys(parsed).find((key) => key.toLowerCase() === 'error');
  const inner = errorKey === undefined ? undefined : (parsed as Record<string, unknown>)[errorKey];
  if (inner !== null && typeof inner === 'object' && !Array.isArray(inner))
    return fill(newDocument(true), inner);
  return fill(newDocument(false), parsed);
}
