import { addValue, type ErrorDocument, KNOWN_NAMES, type KnownName, newDocument } from './document';
import { MAX_FIELD_DEPTH } from './limits';

// The built-in one-pass reader of `<Error>` documents: every build uses it, and it is the only XML reader
// in the browser build. It never expands an entity or reads a DOCTYPE, and every scan is linear: a search
// for a terminator either consumes what it searched or is remembered as failed and never repeated.

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

const SPACE = /\s*/y;
const DECLARATION = /<![^[>]*/y;

/** The index just past `needle` found at or after `from`, or -1. */
function past(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? -1 : at + needle.length;
}

/**
 * Where the root `<Error` element starts, or -1 when the first element of the text is anything else.
 * Skips a BOM, white space, the XML declaration, comments and a DOCTYPE (skipped, never read).
 */
export function findErrorRoot(text: string): number {
  for (let i = 0; ; ) {
    SPACE.lastIndex = i;
    SPACE.test(text);
    i = SPACE.lastIndex;
    if (text.startsWith('<?', i)) i = past(text, '?>', i + 2);
    else if (text.startsWith('<!--', i)) i = past(text, '-->', i + 4);
    else if (text.startsWith('<!', i)) {
      DECLARATION.lastIndex = i;
      DECLARATION.test(text);
      const stop = DECLARATION.lastIndex;
      i = text[stop] === '>' ? stop + 1 : text[stop] === '[' ? past(text, ']>', stop) : -1;
    } else return /^<Error[\s/>]/.test(text.slice(i, i + 7)) ? i : -1;
    if (i < 0) return -1;
  }
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. JS engines keep a slice's whole
 * source string alive (V8: a SlicedString); a concatenation, flattened by the slice after it, copies only
 * these characters. A value sliced from the body would keep all of it (up to 64 KiB) alive with the details.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

const KNOWN: ReadonlySet<string> = new Set(KNOWN_NAMES);

interface Frame {
  /** The name as written, prefix included: the end tag must repeat it. */
  readonly name: string;
  /** The name without a namespace prefix. */
  readonly local: string;
  /** The field it gives (`Parent.Child`), or undefined: the root, too deep, or after the root. */
  readonly path: string | undefined;
  /** A child of the root. */
  readonly direct: boolean;
  text: string;
  /** Only text so far: closed now, it is a complete leaf element. */
  plain: boolean;
  hasChildren: boolean;
}

/**
 * Turns the elements of an `<Error>` document into an {@link ErrorDocument}, from events in document order
 * (the built-in reader's, or a walk over a parser's tree in Node): the same rules for every reader.
 *
 * - A child of the root with a known name (Code, Message, ...) gives that value, the first non-empty one.
 * - Every other element closed by its end tag gives a field named by its path (`AccessDeniedDetail.PolicyType`,
 *   at most {@link MAX_FIELD_DEPTH} deep): its own text and CDATA, trimmed; an element with children only
 *   when that text is not empty. The first of a name wins.
 * - A known name that no child of the root gives comes from the first complete leaf element of that name
 *   (`<Code>text</Code>` with nothing else inside) anywhere in the text from the root on, however nested
 *   or wherever a malformed document put it.
 * - An element whose end tag never comes (a truncated body, an unclosed tag) gives no value of its own.
 */
export class XmlDocumentBuilder {
  readonly doc: ErrorDocument = newDocument(true);
  /** Set after the root's end tag: elements there only count as complete leaves. */
  outside = false;
  private readonly frames: Frame[] = [];
  private readonly leaves: Partial<Record<KnownName, string>> = {};

  /** Open elements, the root included. */
  get depth(): number {
    return this.frames.length;
  }

  open(name: string, local: string = name): void {
    const depth = this.frames.length;
    const parent = this.frames[depth - 1];
    let path: string | undefined;
    if (parent !== undefined) {
      parent.plain = false;
      parent.hasChildren = true;
      if (!this.outside && depth <= MAX_FIELD_DEPTH)
        path = depth === 1 ? local : parent.path && `${parent.path}.${local}`;
    }
    this.frames.push({
      name,
      local,
      path,
      direct: depth === 1 && !this.outside,
      text: '',
      plain: true,
      hasChildren: false,
    });
  }

  /** Text, as written: line ends are normalised and entities decoded here. */
  text(raw: string): void {
    this.top().text += decodeXmlEntities(normalizeLineEnds(raw));
  }

  cdata(raw: string): void {
    const top = this.top();
    top.text += normalizeLineEnds(raw);
    top.plain = false;
  }

  /** A comment, a processing instruction or broken markup inside the innermost element. */
  mark(): void {
    this.top().plain = false;
  }

  /** Closes the innermost element: its end tag was read. */
  close(): void {
    const frame = this.frames.pop()!;
    if (this.frames.length === 0) return;
    const value = frame.text.trim();
    const known = KNOWN.has(frame.local) ? (frame.local as KnownName) : undefined;
    if (value !== '' && known !== undefined) {
      if (frame.direct) this.doc.known[known] ??= detached(value);
      if (frame.plain) this.leaves[known] ??= detached(value);
    }
    if (known !== undefined && frame.direct) return;
    if (frame.path !== undefined && (value !== '' || !frame.hasChildren))
      addValue(this.doc, frame.path, detached(value), 'none');
  }

  /** Drops the innermost element: its end tag never came, so what it holds so far is not a value. */
  drop(): void {
    this.frames.pop();
  }

  /**
   * The end tag `name` arrived. It closes the innermost element when the names match; else an element a
   * few levels up, dropping those inside it; else it is ignored. Returns whether it matched at once.
   */
  end(name: string): boolean {
    const frames = this.frames;
    for (let i = frames.length - 1, stop = Math.max(1, i - 8); i >= stop; i--) {
      if (frames[i]!.name !== name) continue;
      const matched = i === frames.length - 1;
      while (frames.length > i + 1) this.drop();
      this.close();
      return matched;
    }
    this.mark();
    return false;
  }

  finish(): ErrorDocument {
    for (const name of KNOWN_NAMES) {
      const leaf = this.leaves[name];
      if (this.doc.known[name] === undefined && leaf !== undefined) this.doc.known[name] = leaf;
    }
    return this.doc;
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }
}

function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** What the built-in reader made of a text whose root element is `<Error>`. */
export interface XmlReading {
  readonly doc: ErrorDocument;
  /**
   * Well-formed as far as this reader checks (every tag complete and matched, nothing outside the root
   * but white space, comments and processing instructions): any XML parser reads it the same way.
   */
  readonly clean: boolean;
  /** Uses markup OSS never sends: a namespace prefix, a name beyond ASCII, a processing instruction. */
  readonly rare: boolean;
  /** Where the root element starts, and where its end tag ends. */
  readonly start: number;
  readonly end: number;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

function isNameStart(c: number): boolean {
  // a-z A-Z _ and anything beyond ASCII (the parser decides those in Node)
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0x80;
}

/** The end of the name that starts at `from` (`from` itself when there is none). */
function nameEnd(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); ; c = text.charCodeAt(++i)) {
    // name start characters, 0-9 . - :
    if (!(isNameStart(c) || (c >= 0x30 && c <= 0x3a) || c === 0x2e || c === 0x2d)) return i;
    // a non-ASCII space ends a name (as it does for the parser)
    if (c >= 0x80 && /\s/.test(text[i]!)) return i;
  }
}

/**
 * The `>` that ends the tag whose name ends at `from`, skipping attributes (quoted values may hold `>`),
 * or where the tag breaks off: at a `<`, at the end of the text, or at anything else right after the name.
 */
function tagEnd(text: string, from: number): number {
  const first = text.charCodeAt(from);
  if (first === GT) return from;
  if (first === SLASH) return text.charCodeAt(from + 1) === GT ? from + 1 : from;
  if (first !== 0x20 && first !== 0x0a && first !== 0x0d && first !== 0x09) return from;
  let quote = 0;
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LT) return i;
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === GT) {
      return i;
    }
  }
  return text.length;
}

/**
 * Reads the `<Error>` document that `text` holds, in one pass, whatever the text holds: broken markup is
 * read as text and the reading goes on, so what a malformed document hides is only what it really breaks
 * (see {@link XmlDocumentBuilder} for what becomes a value). Undefined when the root element is not `<Error>`.
 */
export function readXml(text: string): XmlReading | undefined {
  const start = findErrorRoot(text);
  if (start < 0) return undefined;
  const length = text.length;
  const builder = new XmlDocumentBuilder();
  let clean = true;
  let rare = false;
  // The ends of comments, CDATA sections and processing instructions found so far (`length`: none left).
  let commentEnd = -1;
  let cdataEnd = -1;
  let piEnd = -1;

  builder.open('Error');
  const rootEnd = tagEnd(text, start + 6);
  let pos = rootEnd;
  // The root closes at the last `</Error>` (an earlier one is injected, or closes a nested element).
  let limit = text.lastIndexOf('</Error>');
  let end = limit + 8;
  if (text.charCodeAt(rootEnd) !== GT) {
    clean = false;
  } else if (text.charCodeAt(rootEnd - 1) === SLASH) {
    limit = end = rootEnd + 1;
  } else {
    pos = rootEnd + 1;
  }
  if (limit < pos) {
    clean = false;
    limit = end = length;
  }

  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0 || lt >= limit) {
      if (limit > pos && builder.depth > 1) builder.text(text.slice(pos, limit));
      if (builder.outside) break;
      // The root's end: elements still open never got their end tag.
      while (builder.depth > 1) {
        builder.drop();
        clean = false;
      }
      builder.outside = true;
      pos = Math.max(pos, end);
      limit = length;
      continue;
    }
    if (lt > pos && builder.depth > 1) builder.text(text.slice(pos, lt));
    const c = text.charCodeAt(lt + 1);
    let next = -1;
    if (c === SLASH) {
      const stop = nameEnd(text, lt + 2);
      SPACE.lastIndex = stop;
      SPACE.test(text);
      if (stop > lt + 2 && text.charCodeAt(SPACE.lastIndex) === GT) {
        if (!builder.end(text.slice(lt + 2, stop))) clean = false;
        next = SPACE.lastIndex + 1;
      }
    } else if (c === 0x21) {
      if (text.startsWith('--', lt + 2)) {
        if (commentEnd < lt + 4) commentEnd = text.indexOf('-->', lt + 4) >>> 0;
        if (commentEnd < length) {
          builder.mark();
          next = commentEnd + 3;
        }
      } else if (text.startsWith('[CDATA[', lt + 2)) {
        if (cdataEnd < lt + 9) cdataEnd = text.indexOf(']]>', lt + 9) >>> 0;
        if (cdataEnd < length) {
          builder.cdata(text.slice(lt + 9, cdataEnd));
          next = cdataEnd + 3;
        }
      }
    } else if (c === 0x3f) {
      if (piEnd < lt + 2) piEnd = text.indexOf('?>', lt + 2) >>> 0;
      // A `<` inside makes it broken markup: complete elements are never hidden inside one.
      const inner = text.indexOf('<', lt + 2) >>> 0;
      if (piEnd < length && inner > piEnd) {
        rare = true;
        builder.mark();
        next = piEnd + 2;
      }
    } else if (isNameStart(c)) {
      const stop = nameEnd(text, lt + 1);
      const gt = tagEnd(text, stop);
      const name = text.slice(lt + 1, stop);
      const colon = name.indexOf(':');
      // A namespace prefix (`ns:Code`) is read away; any other use of `:` in a name is broken markup.
      if (
        text.charCodeAt(gt) === GT &&
        (colon < 0 ||
          (colon > 0 &&
            colon === name.lastIndexOf(':') &&
            colon < name.length - 1 &&
            !name.startsWith('xmlns:')))
      ) {
        if (colon > 0 || /[\u0080-\uffff]/.test(name)) rare = true;
        if (builder.outside) clean = false;
        builder.open(name, name.slice(colon + 1));
        if (text.charCodeAt(gt - 1) === SLASH) builder.close();
        next = gt + 1;
      }
    }
    if (next < 0) {
      // Not markup: a `<` in text (`if (a < b)`), a tag broken off, a DOCTYPE inside the root.
      clean = false;
      if (builder.depth > 1) {
        builder.mark();
        builder.text('<');
      }
      next = lt + 1;
    }
    pos = next;
  }
  return { doc: builder.finish(), clean, rare, start, end };
}
