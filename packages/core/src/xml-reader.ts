import { addValue, type ErrorDocument, KNOWN_NAMES, newDocument } from './document';
import { MAX_FIELD_DEPTH, MAX_FIELDS } from './limits';
import { decodeXmlEntities, isNameChar, isNameStart, knownIndex } from './xml-chars';

// The built-in one-pass reader of `<Error>` documents: every build uses it, and it is the only XML reader
// in the browser build. It never expands an entity or reads a DOCTYPE, and every scan is linear: a search
// for a terminator either consumes what it searched or is remembered as failed and never repeated.

/**
 * A copy of `text` that shares no memory with the string it was cut from. JS engines keep a slice's whole
 * source string alive (V8: a SlicedString, for 13 characters or more); a concatenation, flattened by the
 * slice after it, copies only these characters.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

// What an open element is, in one small integer: its known name's index + 1 (0 for none), and flags.
/** Only text so far: closed now, it is a complete leaf element. */
const PLAIN = 8;
/** It holds an element. */
const PARENT = 16;
/** What it holds can still become a value: its text is kept. */
const KEEP = 32;

// An element deeper than MAX_FIELD_DEPTH gives no field, only a known leaf (which holds no element). So
// all of them share the last slot: one entering overwrites its parent's, which as a parent is no leaf.
const DEEP = MAX_FIELD_DEPTH + 1;

// The document being built, in this module's state, so that reading one keeps no object per element:
// one at a time (a reading is synchronous and runs no code of anyone else's, so none starts inside
// another). The open elements by depth, up to the shared slot: path, text and state (what lies past the
// depth is stale); the values of the known names, in KNOWN_NAMES order, from children of the root (0 to 5)
// and from leaves (6 to 11); the field given last (given again, by a repeated element, it is already
// there and needs no look-up). Until the next reading, this state (and NAMES below) may keep the last
// text read alive: one text, whatever the number of readings.
let doc: ErrorDocument;
let copy = false;
let crlf = false;
let depth = 0;
let last: string | undefined;
const paths: (string | undefined)[] = [];
const texts: string[] = [];
const states: number[] = [];
const values: (string | undefined)[] = [];

/**
 * Starts building an {@link ErrorDocument} from the elements of an `<Error>` document, given in document
 * order by {@link enterElement}, {@link addText} and {@link leaveElement} (by the built-in reader, or in
 * Node by a walk over fast-xml-parser's tree), until {@link finishDocument}: the same rules for every reader.
 *
 * - A child of the root with a known name (Code, Message, ...) gives that value, the first non-empty one.
 * - Every other element closed by its end tag gives a field named by its path (`AccessDeniedDetail.PolicyType`,
 *   at most {@link MAX_FIELD_DEPTH} deep): its own text and CDATA, trimmed; an element with children only
 *   when that text is not empty. The first of a name wins.
 * - A known name that no child of the root gives comes from the first complete leaf element of that name
 *   (`<Code>text</Code>` with nothing else inside) anywhere in the text from the root on, however nested
 *   or wherever a malformed document put it.
 * - An element whose end tag never comes (a truncated body, an unclosed tag) gives no value of its own.
 *
 * `source` is the text the values are cut from: from a long one they are copied out at the end.
 *
 * @example
 * beginDocument(text);
 * enterElement('Error');
 * enterElement('Code');
 * addText('NoSuchKey');
 * leaveElement();
 * finishDocument().known.Code; // 'NoSuchKey'
 */
export function beginDocument(source: string): void {
  doc = newDocument(true);
  copy = source.length > 4096;
  crlf = source.includes('\r');
  depth = 0;
  last = undefined;
  values.fill(undefined);
}

/** An element starts: its name without a namespace prefix; and ends, when it is `empty` (`<a/>`). */
export function enterElement(local: string, empty?: boolean): void {
  const known = knownIndex(local);
  // A known name's text matters until a leaf of that name (and, for a child of the root, a child) gave it.
  let keep = known >= 0 && (values[known + 6] === undefined || (depth === 1 && values[known] === undefined));
  if (depth > DEEP) {
    states[DEEP] = keep && !empty ? known + 1 + PLAIN + KEEP : 0;
    texts[DEEP] = '';
    if (!empty) depth++;
    return;
  }
  let path: string | undefined;
  if (depth > 0) {
    states[depth - 1] = (states[depth - 1]! & ~PLAIN) | PARENT;
    if (depth <= MAX_FIELD_DEPTH)
      path = depth === 1 ? local : paths[depth - 1] && `${paths[depth - 1]}.${local}`;
  }
  // No field is given again (the last one given), past MAX_FIELDS, or by a known child of the root.
  const field = !!path && path !== last && doc.fields.size < MAX_FIELDS && !(depth === 1 && known >= 0);
  if (empty) {
    // Its field, if any, is empty; no known name has an empty value.
    if (field) {
      addValue(doc, path!, '', false);
      last = path;
    }
    return;
  }
  keep ||= field;
  paths[depth] = path;
  texts[depth] = '';
  states[depth++] = known + 1 + PLAIN + (keep ? KEEP : 0);
}

/**
 * Text as written (line ends are normalised and entities decoded here); or, `other`, text taken as it is
 * that makes the element no complete leaf: a CDATA section's, broken markup's `<`, or nothing for a
 * comment or a processing instruction.
 */
export function addText(raw: string, other?: boolean): void {
  const slot = depth <= DEEP ? depth - 1 : DEEP;
  if (!(states[slot]! & KEEP)) return;
  const text = crlf ? raw.replace(/\r\n?/g, '\n') : raw;
  texts[slot] += other ? text : decodeXmlEntities(text);
  if (other) states[slot]! &= ~PLAIN;
}

/** The innermost element ends: its end tag was read. */
export function leaveElement(): void {
  const slot = --depth < DEEP ? depth : DEEP;
  const state = states[slot]!;
  // Its parent, when it shares the slot, is no leaf.
  if (slot === DEEP) states[DEEP] = 0;
  if (depth === 0 || !(state & KEEP)) return;
  const path = paths[slot];
  const value = texts[slot]!.trim();
  const known = (state & 7) - 1;
  const child = depth === 1;
  if (value !== '' && known >= 0) {
    if (child) values[known] ??= value;
    if (state & PLAIN) values[known + 6] ??= value;
  }
  if (path && path !== last && !(child && known >= 0) && (value !== '' || !(state & PARENT))) {
    addValue(doc, path, value, false);
    last = path;
  }
}

/** The elements open inside the first `to` end without their end tags: what they hold is no value. */
function dropElements(to: number): void {
  if (depth > DEEP) states[DEEP] = 0;
  depth = to;
}

/** The document built. */
export function finishDocument(): ErrorDocument {
  KNOWN_NAMES.forEach((name, i) => {
    const value = values[i] ?? values[i + 6];
    // Values sliced from a long text would keep all of it (up to 64 KiB) alive with the details.
    if (value !== undefined) doc.known[name] = copy ? detached(value) : value;
  });
  if (copy) for (const [name, value] of doc.fields) doc.fields.set(name, detached(value));
  return doc;
}

/** Where `needle` is at or after `from`, or the text's length when it is not (a small integer either way). */
function endOf(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? text.length : at;
}

// What may stand before the root element: white space, the XML declaration and other processing
// instructions, comments, a DOCTYPE (skipped, never read). Each part matches up to its first end only,
// so the scan is linear even when the text is not what it seems; a run of white space is taken whole by a
// lookahead (a group the engine never backtracks into), not one character and one backtracking step at a
// time.
const PROLOG =
  /^(?:<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->|<!(?!--)[^[>]*(?:\[(?:[^\]]|\](?!>))*\]>|>)|(?=(\s+))\1)*<Error[\s/>]/y;

/** What the built-in reader made of a text whose root element is `<Error>`. */
export interface XmlReading {
  readonly doc: ErrorDocument;
  /**
   * Well-formed as far as this reader checks (every tag complete and matched, nothing outside the root
   * but white space, comments and processing instructions): any XML parser reads it the same way.
   */
  readonly clean: boolean;
  /** Holds markup OSS never sends: a namespace prefix or a processing instruction. */
  readonly rare: boolean;
  /** Where the root element starts, and where its end tag ends. */
  readonly start: number;
  readonly end: number;
}

const SLASH = 0x2f;
const LT = 0x3c;
const GT = 0x3e;

// After a start tag's name: `/>` or attributes up to the `>` (quoted values may hold `>`, none may hold
// `<`); after an end tag's, white space up to the `>`.
const TAG_END = /(?:[\t\n\r ](?:[^<>"']|"[^<"]*"|'[^<']*')*)?\/?>/y;
const END_TAG_END = /\s*>/y;

/** Where the tag whose name ends at `from`, before `c`, ends (just past its `>`), or 0 when it is broken. */
function tagEnd(text: string, from: number, c: number, pattern: RegExp): number {
  if (c === GT) return from + 1;
  // Only white space or (in a start tag) `/>` may follow a name: anything else breaks the tag (`<a<b`).
  if (c > 0x20) return c === SLASH && pattern === TAG_END && text.charCodeAt(from + 1) === GT ? from + 2 : 0;
  pattern.lastIndex = from;
  return pattern.test(text) ? pattern.lastIndex : 0;
}

// The open elements' names as written (prefix included: an end tag must repeat it), by depth; what lies
// past the depth is stale. Kept from one reading to the next: grown anew for each, it cost a deep text
// more than the rest of its reading (it keeps room for the deepest text read, 8 bytes an element).
const NAMES: string[] = [];

/**
 * Reads the `<Error>` document that `text` holds, in one pass, whatever the text holds: broken markup is
 * read as text and the reading goes on, so a malformed document hides only what it really breaks (see
 * {@link beginDocument} for what becomes a value). Undefined when the root element is not `<Error>`.
 */
export function readXml(text: string): XmlReading | undefined {
  PROLOG.lastIndex = 0;
  if (!PROLOG.test(text)) return undefined;
  const start = PROLOG.lastIndex - 7;
  const length = text.length;
  const names = NAMES;
  const ends = [-1, -1, -1];
  let clean = true;
  let rare = false;
  let outside = false;
  // The first `<` after the one read last, when a scan found it already (a search for it never repeats).
  let nextLt = -1;

  beginDocument(text);
  enterElement('Error');
  // The root ends at the last `</Error>` (an earlier one is injected, or closes a nested element).
  let limit = text.lastIndexOf('</Error>');
  let end = limit + 8;
  let pos = tagEnd(text, start + 6, text.charCodeAt(start + 6), TAG_END);
  if (pos === 0) {
    clean = false;
    pos = start + 6;
  } else if (text.charCodeAt(pos - 2) === SLASH) {
    limit = end = pos;
  }
  if (limit < pos) {
    clean = false;
    limit = end = length;
  }

  for (;;) {
    // Markup often follows markup: no search then.
    const lt = nextLt >= pos ? nextLt : text.charCodeAt(pos) === LT ? pos : text.indexOf('<', pos);
    const stop = lt < 0 || lt > limit ? limit : lt;
    const open = depth;
    if (stop > pos && open > 1) addText(text.slice(pos, stop));
    if (stop === limit) {
      if (outside) break;
      // The root's end: elements still open never got their end tag.
      if (open > 1) clean = false;
      dropElements(1);
      // What follows the root goes into a nameless element: no field and no child of the root, only leaves.
      enterElement('');
      names[1] = '';
      outside = true;
      pos = Math.max(pos, end);
      limit = length;
      continue;
    }
    let next = -1;
    // Not read past the end (a text that ends in `<`): the JIT would throw the reader's code away.
    const c = lt + 1 < length ? text.charCodeAt(lt + 1) : 0;
    if (c === SLASH) {
      const top = names[open - 1]!;
      if (
        open > (outside ? 2 : 1) &&
        text.charCodeAt(lt + 2 + top.length) === GT &&
        text.slice(lt + 2, lt + 2 + top.length) === top
      ) {
        // The end tag of the innermost element, as it nearly always is.
        leaveElement();
        next = lt + 3 + top.length;
      } else {
        // It closes an element a few levels up (dropping those inside it), or nothing.
        let nameEnd = lt + 2;
        let d = text.charCodeAt(nameEnd);
        const named = isNameStart(d);
        for (; isNameChar(d); d = text.charCodeAt(++nameEnd));
        next = named ? tagEnd(text, nameEnd, d, END_TAG_END) || -1 : -1;
        if (next > 0) {
          const name = text.slice(lt + 2, nameEnd);
          // The ten innermost elements, the root excepted.
          const lowest = open > 10 ? open - 10 : 1;
          let i = open - 1;
          while (i >= lowest && names[i] !== name) i--;
          if (i < lowest) {
            addText('', true);
          } else {
            dropElements(i + 1);
            leaveElement();
          }
        }
        if (depth !== open - 1) clean = false;
      }
    } else if (c === 0x21 || c === 0x3f) {
      // A comment, a CDATA section, a processing instruction: each searched for its end once (the length:
      // none left); one with a `<` inside is broken markup, and complete elements are never hidden in one.
      const kind =
        c === 0x3f ? 2 : text.startsWith('--', lt + 2) ? 0 : text.startsWith('[CDATA[', lt + 2) ? 1 : -1;
      if (kind >= 0) {
        const from = lt + (kind === 1 ? 9 : 4 - kind);
        if (ends[kind]! < from) ends[kind] = endOf(text, ['-->', ']]>', '?>'][kind]!, from);
        const close = ends[kind]!;
        if (
          close < length &&
          (kind < 2 || (text.charCodeAt(from) !== LT && endOf(text, '<', from) > close))
        ) {
          addText(kind === 1 ? text.slice(from, close) : '', true);
          next = close + 3 - (kind >> 1);
          if (kind === 2) rare = true;
        } else if (kind === 2 && text.charCodeAt(from) === LT) {
          // In a run of `<?`, the next `<` is right here.
          nextLt = from;
        }
      }
    } else if (isNameStart(c)) {
      // A start tag: the name, and its first `:` (a namespace prefix, `ns:Code`, is read away).
      let stop = lt + 1;
      let colon = 0;
      let d = c;
      for (; isNameChar(d); d = text.charCodeAt(++stop)) {
        if (d === 0x3a) colon ||= stop;
      }
      if (d === LT) nextLt = stop;
      next = tagEnd(text, stop, d, TAG_END) || -1;
      if (next > 0) {
        const name = text.slice(lt + 1, stop);
        if (colon > 0) rare = true;
        if (outside) clean = false;
        const empty = d !== GT && text.charCodeAt(next - 2) === SLASH;
        enterElement(colon > 0 ? text.slice(colon + 1, stop) || name : name, empty);
        if (!empty) names[open] = name;
      }
    }
    if (next < 0) {
      // Not markup: a `<` in text (`if (a < b)`), a tag broken off, a DOCTYPE inside the root.
      clean = false;
      if (open > 1) addText('<', true);
      next = lt + 1;
    }
    pos = next;
  }
  return { doc: finishDocument(), clean, rare, start, end };
}
