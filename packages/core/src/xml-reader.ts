import { addValue, type ErrorDocument, KNOWN_NAMES, newDocument } from './document';
import { MAX_FIELD_DEPTH } from './limits';

// The built-in one-pass reader of `<Error>` documents: every build uses it, and it is the only XML reader
// in the browser build. It never expands an entity or reads a DOCTYPE, and every scan is linear: a search
// for a terminator either consumes what it searched or is remembered as failed and never repeated.

const ENTITIES = ['lt;', 'gt;', 'amp;', 'quot;', 'apos;'];
const CHARACTERS = '<>&"\'';

const REFERENCE = /#(?:[xX][0-9a-fA-F]{1,6}|[0-9]{1,7});/y;

/** Decodes `&amp;`-style predefined entities and `&#NN;` / `&#xNN;` references; leaves anything else as written. */
export function decodeXmlEntities(text: string): string {
  let decoded = '';
  let from = 0;
  // One pass (`&#38;amp;` is `&amp;`), by hand: a replace callback per entity costs several times more.
  for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
    let value: string | undefined;
    let next = at + 1;
    const c = text.charCodeAt(next);
    if (c === 0x23) {
      // `&#`, 1 to 7 decimal digits or `x` and 1 to 6 hexadecimal ones, `;`: a test, not a match (the
      // match's array and captures cost more than parsing the digits again).
      REFERENCE.lastIndex = next;
      const hex = (text.charCodeAt(next + 1) | 0x20) === 0x78;
      const point = REFERENCE.test(text)
        ? Number.parseInt(text.slice(next + 1 + +hex, REFERENCE.lastIndex - 1), hex ? 16 : 10)
        : 0;
      if (point > 0 && point <= 0x10ffff) value = String.fromCodePoint(point);
      next = REFERENCE.lastIndex;
    } else {
      for (let i = 0; i < 5; i++) {
        if (c === ENTITIES[i]!.charCodeAt(0) && text.startsWith(ENTITIES[i]!, next)) {
          value = CHARACTERS[i];
          next += ENTITIES[i]!.length;
          break;
        }
      }
    }
    if (value !== undefined) {
      decoded += text.slice(from, at) + value;
      from = next;
      at = next - 1;
    }
  }
  return from === 0 ? text : decoded + text.slice(from);
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. JS engines keep a slice's whole
 * source string alive (V8: a SlicedString, for 13 characters or more); a concatenation, flattened by the
 * slice after it, copies only these characters.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

export interface Frame {
  /** The name as written, prefix included: the end tag must repeat it. */
  readonly name: string;
  /** The name without a namespace prefix. */
  readonly local: string;
  /** The field it gives (`Parent.Child`); none for the root, too deep, or after the root. */
  readonly path: string | undefined;
  text: string;
  /** Only text so far: closed now, it is a complete leaf element. */
  plain: boolean;
  parent: boolean;
}

/** Where the events of one document go: see {@link xmlDocumentBuilder}. */
export interface XmlDocumentBuilder {
  /** The open elements, the root first. */
  readonly stack: readonly Frame[];
  /** An element starts. */
  enter(name: string, local?: string): void;
  /**
   * Text as written (line ends are normalised and entities decoded here); or, `other`, text taken as it is
   * that makes the element no complete leaf: a CDATA section's, broken markup's `<`, or nothing for a
   * comment or a processing instruction.
   */
  text(raw: string, other?: boolean): void;
  /** The innermost element ends: `complete` when its end tag was read; else what it holds is not a value. */
  leave(complete?: boolean): void;
  finish(): ErrorDocument;
}

/**
 * Turns the elements of an `<Error>` document into an {@link ErrorDocument}, from events in document order
 * (the built-in reader's, or in Node a walk over fast-xml-parser's tree): the same rules for every reader.
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
 */
export function xmlDocumentBuilder(source: string): XmlDocumentBuilder {
  const copy = source.length > 4096;
  const doc = newDocument(true);
  const stack: Frame[] = [];
  // The values of the known names, in KNOWN_NAMES order: from children of the root, and from leaves.
  const direct: (string | undefined)[] = [];
  const leaves: (string | undefined)[] = [];
  // The field given last: given again (a repeated element), it is already there, and needs no lookup.
  let last: string | undefined;
  const crlf = source.includes('\r');
  const top = (): Frame => stack[stack.length - 1]!;
  return {
    stack,
    enter(name, local = name) {
      const parent = stack[stack.length - 1];
      let path: string | undefined;
      if (parent !== undefined) {
        parent.plain = false;
        parent.parent = true;
        if (stack.length <= MAX_FIELD_DEPTH)
          path = stack.length === 1 ? local : parent.path && `${parent.path}.${local}`;
      }
      stack.push({ name, local, path, text: '', plain: true, parent: false });
    },
    text(raw, other) {
      const text = crlf ? raw.replace(/\r\n?/g, '\n') : raw;
      top().text += other ? text : decodeXmlEntities(text);
      if (other) top().plain = false;
    },
    leave(complete = true) {
      const frame = stack.pop()!;
      if (!complete || stack.length === 0) return;
      const value = frame.text === '' ? '' : frame.text.trim();
      // Six comparisons of short strings cost less than hashing the name for a lookup, or a call to indexOf.
      let known = 5;
      while (known >= 0 && KNOWN_NAMES[known] !== frame.local) known--;
      const child = stack.length === 1;
      if (value !== '' && known >= 0) {
        if (child) direct[known] ??= value;
        if (frame.plain) leaves[known] ??= value;
      }
      if (frame.path && frame.path !== last && !(child && known >= 0) && (value !== '' || !frame.parent)) {
        addValue(doc, frame.path, value, false);
        last = frame.path;
      }
    },
    finish() {
      KNOWN_NAMES.forEach((name, i) => {
        const value = direct[i] ?? leaves[i];
        // Values sliced from a long text would keep all of it (up to 64 KiB) alive with the details.
        if (value !== undefined) doc.known[name] = copy ? detached(value) : value;
      });
      if (copy) for (const [name, value] of doc.fields) doc.fields.set(name, detached(value));
      return doc;
    },
  };
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
  /^(?:<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->|<!(?!--)[^[>]*(?:\[(?:[^\]]|\](?!>))*\]>|>)|(?=(\s+))\1)*<Error[\s/>]/;

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

/** ASCII white space, which `trim` removes. */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** A letter, `_`, or anything beyond ASCII: what may start a name. */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c > 0x7f;
}

/** What may follow in a name: name start characters, digits, `.`, `-` and `:`. */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x2d && c <= 0x3a && c !== SLASH);
}

/** The end of the name that starts at `from`. */
function nameEnd(text: string, from: number): number {
  let i = from;
  while (isNameChar(text.charCodeAt(i))) i++;
  return i;
}

// After a name: for a start tag, `/>` or attributes up to the `>` (quoted values may hold `>`, none may
// hold `<`); for an end tag, white space up to the `>`. The common `>` right after the name needs neither.
const TAG_END = /(?:[\t\n\r ](?:[^<>"']|"[^<"]*"|'[^<']*')*)?\/?>/y;
const END_TAG_END = /\s*>/y;

/** Where the tag whose name ends at `from` ends (just past its `>`), or 0 when it is broken. */
function tagEnd(text: string, from: number, pattern: RegExp): number {
  const c = text.charCodeAt(from);
  if (c === 0x3e) return from + 1;
  if (c === SLASH && pattern === TAG_END && text.charCodeAt(from + 1) === 0x3e) return from + 2;
  // Only white space or `/` may follow a name in a tag: anything else breaks it (`<a<b`, `if (a<b)`).
  if (c > 0x20 && c !== SLASH) return 0;
  pattern.lastIndex = from;
  return pattern.test(text) ? pattern.lastIndex : 0;
}

/**
 * Reads the `<Error>` document that `text` holds, in one pass, whatever the text holds: broken markup is
 * read as text and the reading goes on, so a malformed document hides only what it really breaks (see
 * {@link XmlDocumentBuilder} for what becomes a value). Undefined when the root element is not `<Error>`.
 */
export function readXml(text: string): XmlReading | undefined {
  const prolog = PROLOG.exec(text);
  if (prolog === null) return undefined;
  const start = prolog[0].length - 7;
  const length = text.length;
  const builder = xmlDocumentBuilder(text);
  const stack = builder.stack;
  let clean = true;
  let rare = false;
  let outside = false;
  // Where the last comment, CDATA section and processing instruction searched for ends (the length: none left).
  let commentEnd = -1;
  let cdataEnd = -1;
  let piEnd = -1;
  // The first `<` after the one read last, when a scan found it already (a search for it never repeats).
  let nextLt = -1;

  builder.enter('Error');
  // The root ends at the last `</Error>` (an earlier one is injected, or closes a nested element).
  let limit = text.lastIndexOf('</Error>');
  let end = limit + 8;
  let pos = tagEnd(text, start + 6, TAG_END);
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
    const lt = nextLt >= pos ? nextLt : text.indexOf('<', pos);
    const stop = lt < 0 || lt > limit ? limit : lt;
    if (stop > pos && stack.length > 1) {
      // White space before an element's first text is trimmed away in the end, so it is not even cut out
      // (it runs between the children of every element that holds elements).
      let from = pos;
      if (stack[stack.length - 1]!.text === '') while (from < stop && isBlank(text.charCodeAt(from))) from++;
      if (from < stop) builder.text(text.slice(pos, stop));
    }
    if (stop === limit) {
      if (outside) break;
      // The root's end: elements still open never got their end tag.
      while (stack.length > 1) {
        builder.leave(false);
        clean = false;
      }
      // What follows the root goes into a nameless element: no field and no child of the root, only leaves.
      builder.enter('');
      outside = true;
      pos = Math.max(pos, end);
      limit = length;
      continue;
    }
    let next = -1;
    const c = text.charCodeAt(lt + 1);
    const top = stack[stack.length - 1]!.name;
    if (
      c === SLASH &&
      stack.length > (outside ? 2 : 1) &&
      text.charCodeAt(lt + 2 + top.length) === 0x3e &&
      text.slice(lt + 2, lt + 2 + top.length) === top
    ) {
      // The end tag of the innermost element, as it nearly always is.
      builder.leave();
      next = lt + 3 + top.length;
    } else if (c === SLASH) {
      const stop = nameEnd(text, lt + 2);
      const after = tagEnd(text, stop, END_TAG_END);
      if (isNameStart(text.charCodeAt(lt + 2)) && after > 0) {
        // It closes the innermost element, or one a few levels up (dropping those inside it), or nothing.
        const name = text.slice(lt + 2, stop);
        let i = stack.length - 1;
        while (i > 0 && i > stack.length - 10 && stack[i]!.name !== name) i--;
        const matched = i > 0 && stack[i]!.name === name;
        if (!matched || i < stack.length - 1) clean = false;
        if (matched) {
          while (stack.length > i + 1) builder.leave(false);
          builder.leave();
        } else {
          builder.text('', true);
        }
        next = after;
      }
    } else if (c === 0x21) {
      if (text.startsWith('--', lt + 2)) {
        if (commentEnd < lt + 4) commentEnd = endOf(text, '-->', lt + 4);
        if (commentEnd < length) {
          builder.text('', true);
          next = commentEnd + 3;
        }
      } else if (text.startsWith('[CDATA[', lt + 2)) {
        if (cdataEnd < lt + 9) cdataEnd = endOf(text, ']]>', lt + 9);
        if (cdataEnd < length) {
          builder.text(text.slice(lt + 9, cdataEnd), true);
          next = cdataEnd + 3;
        }
      }
    } else if (c === 0x3f) {
      if (piEnd < lt + 2) piEnd = endOf(text, '?>', lt + 2);
      // One with a `<` inside is broken markup: complete elements are never hidden in one.
      nextLt = endOf(text, '<', lt + 2);
      if (piEnd < length && nextLt > piEnd) {
        rare = true;
        builder.text('', true);
        next = piEnd + 2;
      }
    } else if (isNameStart(c)) {
      // The name, and its first `:`: a namespace prefix (`ns:Code`) is read away.
      let stop = lt + 1;
      let colon = 0;
      for (let d = c; isNameChar(d); d = text.charCodeAt(++stop)) if (d === 0x3a) colon ||= stop;
      const after = tagEnd(text, stop, TAG_END);
      if (text.charCodeAt(stop) === 0x3c) nextLt = stop;
      if (after > 0) {
        const name = text.slice(lt + 1, stop);
        if (colon > 0) rare = true;
        if (outside) clean = false;
        builder.enter(name, colon > 0 ? text.slice(colon + 1, stop) || name : name);
        if (text.charCodeAt(after - 2) === SLASH) builder.leave();
        next = after;
      }
    }
    if (next < 0) {
      // Not markup: a `<` in text (`if (a < b)`), a tag broken off, a DOCTYPE inside the root.
      clean = false;
      if (stack.length > 1) builder.text('<', true);
      next = lt + 1;
    }
    pos = next;
  }
  return { doc: builder.finish(), clean, rare, start, end };
}
