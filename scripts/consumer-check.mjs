// Runs in a scratch project where npm installed the packed tarballs: what a user's ESM code sees, on the
// Node that runs it. `--without-got`: core and the axios interceptor only (Node 18: the got hooks need 20).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { delimiter, dirname } from 'node:path';
import * as viaAxios from '@oss-errors/axios-interceptor';
import * as core from '@oss-errors/core';
import * as hints from '@oss-errors/core/hints';
import axios from 'axios';

const withGot = !process.argv.includes('--without-got');

const coreCjs = createRequire(import.meta.url)('@oss-errors/core');
const body =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>R1</RequestId><EC>0026-00000001</EC></Error>';
const response = { status: 404, headers: { 'X-Oss-Request-Id': 'R1' }, body };

for (const entry of [core, coreCjs]) {
  assert.deepEqual(Object.keys(entry).sort(), ['OssError', 'isOssError', 'parseOssError']);
  assert.equal(entry.parseOssError(response).code, 'NoSuchKey');
}
assert.equal(core.isOssError(new coreCjs.OssError(core.parseOssError(response))), true);
// In Node every parsed error has its hint; `@oss-errors/core/hints` (ESM and CJS) exports the function alone.
const hinted = core.parseOssError(response);
assert.match(hinted.hint, /^No object exists: check the key's spelling/);
assert.doesNotMatch(new core.OssError(hinted).message, /spelling/);
for (const entry of [hints, createRequire(import.meta.url)('@oss-errors/core/hints')]) {
  assert.deepEqual(Object.keys(entry), ['hintFor']);
  assert.equal(entry.hintFor(hinted), hinted.hint);
}
assert.equal(coreCjs.isOssError(new core.OssError(core.parseOssError(response))), true);

const server = createServer((_, res) => {
  res.writeHead(404, { 'Content-Type': 'application/xml', 'x-oss-request-id': 'R1' }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/missing.txt?Signature=c2VjcmV0&security-token=CAIStoken0123456789abcdef`;
try {
  const client = axios.create();
  client.interceptors.response.use(...viaAxios.ossErrors());
  const axiosError = await client.get(url).then(
    () => assert.fail('axios resolved'),
    (error) => error,
  );
  assert.equal(axios.isAxiosError(axiosError), true);
  assert.equal(viaAxios.isOssError(axiosError), true);
  assert.equal(core.isOssError(axiosError), true);
  assert.equal(axiosError.oss.code, 'NoSuchKey');
  assert.match(axiosError.message, /^Request failed with status code 404 — NoSuchKey: gone/);

  if (withGot) await checkGot(url);
} finally {
  server.close();
}
const checked = withGot ? 'core, the axios interceptor and the got hooks' : 'core and the axios interceptor';
console.log(`ESM on Node ${process.version}: ${checked} work from the installed tarballs.`);

async function checkGot(url) {
  const viaGot = await import('@oss-errors/got-hook');
  const { default: got, HTTPError } = await import('got');
  const gotError = await got(url, { hooks: viaGot.ossErrors(), retry: { limit: 0 } }).then(
    () => assert.fail('got resolved'),
    (error) => error,
  );
  assert.ok(gotError instanceof HTTPError);
  assert.equal(viaGot.isOssError(gotError), true);
  assert.equal(gotError.oss.requestId, 'R1');
  assert.doesNotMatch(
    `${gotError.message}\n${gotError.stack}\n${JSON.stringify(gotError)}`,
    /c2VjcmV0|CAIStoken/,
  );
}

// The `oss-errors` command npm linked from the installed core package, on this same Node: its
// `#!/usr/bin/env node` finds this Node first on the PATH. (Not through npx: npm 11 needs Node 20.)
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}` };
writeFileSync('response.txt', `HTTP/1.1 404 Not Found\r\nx-oss-request-id: R1\r\n\r\n${body}`);
const explained = spawnSync('node_modules/.bin/oss-errors', ['explain', 'response.txt'], {
  encoding: 'utf8',
  env,
});
assert.equal(explained.status, 0, explained.stderr);
assert.match(explained.stdout, /^Code: +NoSuchKey\nMessage: +gone\nRequest ID: +R1 /);
const garbage = spawnSync('node_modules/.bin/oss-errors', ['explain'], {
  input: 'garbage',
  encoding: 'utf8',
  env,
});
assert.equal(garbage.status, 1);
assert.match(garbage.stderr, /no OSS error found/);
assert.doesNotMatch(garbage.stderr, /\n\s+at /);
console.log(`The oss-errors explain command works from the installed package on Node ${process.version}.`);

// A HAR file saved from the browser devtools: every OSS error entry, one block each, the URL masked.
const xmlBody = (code, extra) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>m</Message><RequestId>R3</RequestId>${extra}<EC>0026-00000001</EC></Error>`;
const entry = (method, url, status, headers, content) => ({
  request: {
    method,
    url,
    httpVersion: 'http/1.1',
    headers: [],
    queryString: [],
    cookies: [],
    headersSize: -1,
    bodySize: 0,
  },
  response: {
    status,
    statusText: '',
    httpVersion: 'http/1.1',
    headers,
    cookies: [],
    content,
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
    _transferSize: 0,
    _error: null,
  },
  _resourceType: 'xhr',
});
const har = {
  log: {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    entries: [
      entry('GET', 'https://b.oss-cn-hangzhou.aliyuncs.com/app.js', 200, [], {
        size: 2,
        mimeType: 'text/javascript',
        text: '1;',
      }),
      entry(
        'GET',
        'https://b.oss-cn-hangzhou.aliyuncs.com/a.txt?OSSAccessKeyId=ak&Expires=1&Signature=c2VjcmV0',
        404,
        [{ name: 'x-oss-request-id', value: 'R3' }],
        {
          size: 1,
          mimeType: 'application/xml',
          encoding: 'base64',
          text: Buffer.from(xmlBody('NoSuchKey', '<Key>a.txt</Key>')).toString('base64'),
        },
      ),
      entry('PUT', 'https://b.oss-cn-hangzhou.aliyuncs.com/b.txt', 0, [], { size: 0, mimeType: 'x-unknown' }),
    ],
  },
};
writeFileSync('failures.har', JSON.stringify(har));
const fromHar = spawnSync('node_modules/.bin/oss-errors', ['explain', 'failures.har'], {
  encoding: 'utf8',
  env,
});
assert.equal(fromHar.status, 0, fromHar.stderr);
assert.match(
  fromHar.stdout,
  /^== Entry 2 of 3: GET https:\/\/b\.oss-cn-hangzhou\.aliyuncs\.com\/a\.txt\?OSSAccessKeyId=\*{4}&Expires=1&Signature=\*{4}\nCode: +NoSuchKey\n/,
);
assert.match(fromHar.stdout, /\nEC: +0026-00000001 +26-FS: file system and objects/);
assert.match(fromHar.stdout, /\nHint: +No object "a\.txt" exists/);
assert.match(fromHar.stdout, /\n1 OSS error in 3 entries\. 1 entry has no response/);
const harJson = spawnSync('node_modules/.bin/oss-errors', ['explain', 'failures.har', '--json'], {
  encoding: 'utf8',
  env,
});
assert.deepEqual(
  JSON.parse(harJson.stdout).map((d) => d.code),
  ['NoSuchKey'],
);
assert.doesNotMatch(fromHar.stdout + harJson.stdout, /c2VjcmV0/);
console.log('The oss-errors explain command reads a HAR file from the installed package.');

// SignatureDoesNotMatch: the user's own StringToSign on standard input, compared with OSS's echo.
const stringToSign = 'PUT\n\ntext/plain\n1717230000\n/b/a.txt?security-token=CAIStoken0123456789abcdef';
writeFileSync(
  'mismatch.txt',
  `HTTP/1.1 403 Forbidden\r\nx-oss-request-id: R4\r\n\r\n${xmlBody('SignatureDoesNotMatch', `<StringToSign>${stringToSign}</StringToSign>`)}`,
);
const diff = spawnSync('node_modules/.bin/oss-errors', ['explain', 'mismatch.txt', '--string-to-sign', '-'], {
  input: stringToSign.replace('text/plain', 'application/octet-stream'),
  encoding: 'utf8',
  env,
});
assert.equal(diff.status, 0, diff.stderr);
assert.match(
  diff.stdout,
  /\nFirst difference: line 3, Content-Type\.\n {2}OSS signed: "text\/plain\\n"\n {2}you signed: "application\/octet-stream\\n"\n/,
);
const same = spawnSync('node_modules/.bin/oss-errors', ['explain', 'mismatch.txt', '--string-to-sign', '-'], {
  input: stringToSign,
  encoding: 'utf8',
  env,
});
assert.equal(same.status, 1);
assert.match(
  same.stdout,
  /They are identical, so the string is right and the signature was computed with another secret/,
);
assert.doesNotMatch(diff.stdout + same.stdout, /CAIStoken/);
console.log('The oss-errors explain command compares a StringToSign from the installed package.');
