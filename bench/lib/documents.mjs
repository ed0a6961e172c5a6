// The classes of error documents the parse benchmark times, built from the shared fixtures, and the
// hostile 64 KiB bodies whose worst case it reports.

// What a RAM denial adds to an AccessDenied body (the shape OSS documents for AccessDeniedDetail).
const ACCESS_DENIED_DETAIL = [
  '<AccessDeniedDetail>',
  '    <AuthAction>oss:GetObject</AuthAction>',
  '    <AuthPrincipalType>SubUser</AuthPrincipalType>',
  '    <AuthPrincipalDisplayName>203456789012345678</AuthPrincipalDisplayName>',
  '    <AuthPrincipalOwnerId>1234567890123456</AuthPrincipalOwnerId>',
  '    <PolicyType>AccountLevelIdentityBasedPolicy</PolicyType>',
  '    <NoPermissionType>ImplicitDeny</NoPermissionType>',
  '  </AccessDeniedDetail>',
].join('\n');

/**
 * Each class holds one body per complete, flat XML fixture (27 of them), changed the way the class says:
 * flat (as sent), nested (an AccessDeniedDetail block), CDATA (Message, Key and HostId in CDATA sections),
 * comments (one before each element, one inside Message), entities (predefined entities and character
 * references in Message and HostId), malformed (in turn: a `<script>` with a bare `<` before Code, the body
 * cut at 80%, an unclosed element before Message).
 */
export function documentClasses(fixtures) {
  const flat = fixtures
    .map((fixture) => fixture.body)
    .filter(
      (body) => body.trimStart().startsWith('<') && body.includes('</Error>') && !body.includes('<script'),
    );
  return {
    flat,
    nested: flat.map((body) => body.replace('</Error>', `  ${ACCESS_DENIED_DETAIL}\n</Error>`)),
    CDATA: flat.map((body) => body.replace(/<(Message|Key|HostId)>([^<]*)<\//g, '<$1><![CDATA[$2]]></')),
    comments: flat.map((body) =>
      body.replace(/<(?=[A-Z][A-Za-z]*>)/g, '<!-- field --><').replace('<Message>', '<Message><!-- m -->'),
    ),
    entities: flat.map((body) =>
      body
        .replace(/<Message>([^<]*)</, '<Message>$1 &amp; &lt;ok&gt; &#x4E2D;&#25991; &quot;q&quot;<')
        .replace(/<HostId>([^<]*)</, '<HostId>$1&amp;x<'),
    ),
    malformed: flat.map((body, i) =>
      i % 3 === 0
        ? body.replace('<Code>', '<script type="text/javascript">var x = 1 < 2;</script>\n  <Code>')
        : i % 3 === 1
          ? body.slice(0, Math.floor(body.length * 0.8))
          : body.replace('<Message>', '<Broken>\n  <Message>'),
    ),
  };
}

const KIB_64 = 64 * 1024;

/** `unit` repeated to fill 64 KiB between `before` and `after`. */
function fill(unit, before = '', after = '') {
  const room = KIB_64 - before.length - after.length;
  return before + unit.repeat(Math.ceil(room / unit.length)).slice(0, room) + after;
}

/** As many whole `unit`s as fit in 64 KiB between `before` and `after`: a well-formed document. */
function fillWhole(unit, before, after) {
  const room = KIB_64 - before.length - after.length;
  return before + unit.repeat(Math.floor(room / unit.length)) + after;
}

/**
 * The worst 64 KiB bodies we could build for each scan (the reader reads no further than 64 KiB): unclosed
 * markup repeated (each opener's end searched for), deep nesting, thousands of elements or end tags that
 * close nothing, entities, attributes, well-formed documents with the markup that Node hands to
 * fast-xml-parser when they are short, x-oss-err at its longest, and JSON that fails to parse.
 */
export function hostileBodies() {
  const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');
  const manyFields = Array.from({ length: 6000 }, (_, i) => `<F${i}>v</F${i}>`).join('');
  return {
    '<!x> repeated': { body: fill('<!x>') },
    'unclosed <!-- repeated': { body: fill('<!--', '<Error>') },
    'unclosed <![CDATA[ repeated': { body: fill('<![CDATA[', '<Error>') },
    'unclosed <? repeated': { body: fill('<?', '<Error>') },
    '<? repeated, one ?> at the end': { body: fill('<?', '<Error>', '?></Error>') },
    'broken tags <a repeated': { body: fill('<a', '<Error>') },
    'unclosed quotes <a b=" repeated': { body: fill('<a b="', '<Error>') },
    '21,800 nested elements': { body: fill('<a>', '<Error>', '</Error>') },
    '16,400 end tags that close nothing': { body: fill('</b>', '<Error>', '</Error>') },
    'end tags searched 9 levels deep': { body: fill('</z>', `<Error>${'<a>'.repeat(9)}`, '</Error>') },
    '16,400 empty elements': { body: fill('<a/>', '<Error>', '</Error>') },
    '5,000 different elements': { body: `<Error>${manyFields.slice(0, KIB_64 - 20)}</Error>` },
    'entities in one value': { body: fill('&amp;&#x41;', '<Error><Code>', '</Code></Error>') },
    "attributes with '>' in quotes": { body: fill("<a b='>'>", '<Error>', '</Error>') },
    '64 KiB of white space': { body: fill(' ', '', '<Error></Error>') },
    'complete comments': { body: fill('<!-- -->', '<Error>', '</Error>') },
    'known leaves repeated': { body: fill('<Code>x</Code>', '<Error>', '</Error>') },
    // Well-formed, with markup OSS never sends: what Node would hand fast-xml-parser (12 and 46 ms) if it
    // were not over 1 KiB.
    'well-formed, namespaced elements': { body: fillWhole('<a:b>x</a:b>', '<Error>', '</Error>') },
    'well-formed, processing instructions': { body: fillWhole('<?p?>', '<Error>', '</Error>') },
    'injected </Error> repeated': { body: fill('</Error>', '<Error>') },
    'x-oss-err of 64 KiB': {
      body: '',
      headers: { 'x-oss-err': base64(fill('<a/>', '<Error>', '</Error>')) },
    },
    'JSON: [ repeated': { body: fill('[', '{"Error":') },
    'JSON: unterminated Code values': { body: fill('"Code":"xxxxxxxx', '{"Error":') },
  };
}
