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
