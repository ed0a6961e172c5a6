import fc from 'fast-check';

// Generated `<Error>` documents for the reader tests and the equivalence table: plain data and fast-check,
// no Node-only import (the table is also run in a browser).

/** Names, values and markup that keep a document well-formed (as far as the readers care). */
const GOOD = {
  names: [
    ...['Code', 'Message', 'RequestId', 'HostId', 'EC', 'RecommendDoc', 'Key', 'a.b', 'x-y', 'A1', '_u'],
    ...[
      'toString',
      'valueOf',
      'hasOwnProperty',
      'Error',
      'ns:Code',
      'é',
      '名前',
      'Detail',
      'AccessDeniedDetail',
    ],
  ],
  values: [
    ...[
      'x',
      ' ',
      '\n',
      '\r\n',
      '\r',
      '\t',
      '&amp;',
      '&lt;',
      '&#32;',
      '&#x41;',
      '&#13;',
      '&foo;',
      '>',
      '"',
      "'",
    ],
    ...['NoSuchKey', '\u00a0', '\ufeff', '0002-00000040', '<![CDATA[z]]>', '<![CDATA[ a\r\nb <c> ]]>', ']]'],
    ...['<![CDATA[]]>', '<!--c-->', '<?pi x?>', '<b>q</b>', '<b/>', '<ns:b xmlns:ns="u">q</ns:b>'],
  ],
  attributes: ['', '', '', ' a="1"', " b='>'", ' xmlns:ns="u"', ' c = "x" d=\'y\''],
  gaps: ['', ' ', '\n', '\r\n  ', '\t', 'text', '\u00a0', '<!-- c -->', '<?pi?>'],
  roots: ['<Error>', '<Error xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">', "<Error a='>'>", '<Error\n>'],
  prologs: ['', '<?xml version="1.0" encoding="UTF-8"?>\n', '\ufeff', '<!-- c -->'],
  tails: ['', '\n', '<!-- c -->'],
};
/** And what breaks it. */
const BAD = {
  names: ['__proto__', 'constructor', 'prototype', 'a:b:c', ':a', 'a:', 'xmlns:a', 'x\u00a0', '1a', 'a$'],
  values: ['&', '<', '/', '<Code>', '</Code>', '</x>', '<!DOCTYPE x [<!ENTITY a "b">]>', '<!--', '<![CDATA['],
  attributes: [' c="<"', ' d', ' e="x', ' <'],
  roots: ['<Error/>', '<Error a="x>', '<Error/x>', '<Error >', '<Error <'],
  tails: ['</Error>', '<x/>', 'junk', '<Code>T</Code>', '</Error >', '<'],
};

function errorDocuments(parts: typeof GOOD): fc.Arbitrary<string> {
  const child: fc.Memo<string> = fc.memo((depth) =>
    fc
      .tuple(
        fc.constantFrom(...parts.names),
        fc.constantFrom(...parts.attributes),
        fc.array(
          depth > 1
            ? fc.oneof(fc.constantFrom(...parts.values), child(depth - 1))
            : fc.constantFrom(...parts.values),
          {
            maxLength: 6,
          },
        ),
        fc.constantFrom(...parts.gaps),
        fc.constantFrom('', '', '', ' ', '/'),
      )
      .map(([n, a, content, g, end]) =>
        end === '/' ? `${g}<${n}${a}/>` : `${g}<${n}${a}>${content.join('')}</${n}${end}>`,
      ),
  );
  return fc
    .tuple(
      fc.constantFrom(...parts.prologs),
      fc.constantFrom(...parts.roots),
      fc.array(child(3), { maxLength: 30 }),
      fc.constantFrom(...parts.gaps),
      fc.constantFrom(...parts.tails),
    )
    .map(([p, r, children, g, t]) => `${p}${r}${children.join('')}${g}</Error>${t}`);
}

/** Well-formed `<Error>` documents: flat, nested, with CDATA, comments, entities, attributes, namespaces. */
export const wellFormedDocuments: fc.Arbitrary<string> = errorDocuments(GOOD);
/** The same with broken markup mixed in: names, values, attributes, roots and tails that break it. */
export const malformedDocuments: fc.Arbitrary<string> = errorDocuments({
  names: [...GOOD.names, ...BAD.names],
  values: [...GOOD.values, ...BAD.values],
  attributes: [...GOOD.attributes, ...BAD.attributes],
  gaps: [...GOOD.gaps, '<x>', '</x>', '<'],
  roots: [...GOOD.roots, ...BAD.roots],
  prologs: GOOD.prologs,
  tails: [...GOOD.tails, ...BAD.tails],
});

/**
 * Hostile fragments to inject into documents: stray markup, broken tags, unclosed comments and CDATA, a
 * script with `<` in it, entity declarations. None holds a known name, so a sample's own elements are the
 * only ones.
 */
export const HOSTILE_FRAGMENTS: readonly string[] = [
  '<script type="text/javascript">var x = 1 < 2; if (a<b) {}</script>',
  ...['<', '>', '&', '<x>', '<x', '</x>', '</y>', '</Error>', '<Error>', '<Error><x>', '<x/', '<x a="'],
  ...[
    '<!--',
    '-->',
    '<!-- c -->',
    '<![CDATA[',
    ']]>',
    '<?',
    '?>',
    '<?pi?>',
    '<!x',
    '<!DOCTYPE x [<!ENTITY a "b">]>',
  ],
  ...['&a;', '&#0;', '&#xD800;', '"', "'", '<__proto__>', '<constructor/>', '</', '<>', '\u0000', '<a:b:c>'],
  ...['<1>', '<x>text', '</Error><Error>', '<Error/>', '\r', '<x a="<">', '<ns:x xmlns:ns="u">'],
];
