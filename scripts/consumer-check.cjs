// Runs in a scratch project where npm installed the packed tarballs: what a user's CommonJS code sees, on
// the Node that runs it. `--without-got`: core and the axios interceptor only (Node 18).
const assert = require('node:assert/strict');
const { createServer } = require('node:http');
const core = require('@oss-errors/core');
const viaAxios = require('@oss-errors/axios-interceptor');
const axios = require('axios');

const withGot = !process.argv.includes('--without-got');
const body = '<Error><Code>AccessDenied</Code><Message>no</Message><RequestId>R2</RequestId></Error>';
if (withGot) {
  const viaGot = require('@oss-errors/got-hook');
  assert.equal(typeof viaGot.ossErrors, 'function');
  assert.equal(viaGot.parseOssError({ status: 403, headers: {}, body }).code, 'AccessDenied');
}
assert.match(
  core.parseOssError({ status: 403, headers: {}, body }).hint,
  /^Check that the request is signed/,
);

const server = createServer((_, res) => {
  res.writeHead(403, { 'Content-Type': 'application/xml', 'x-oss-request-id': 'R2' }).end(body);
});
server.listen(0, '127.0.0.1', async () => {
  try {
    const client = axios.create();
    client.interceptors.response.use(...viaAxios.ossErrors());
    const error = await client.get(`http://127.0.0.1:${server.address().port}/x`).then(
      () => assert.fail('axios resolved'),
      (e) => e,
    );
    assert.equal(core.isOssError(error), true);
    assert.equal(error.oss.code, 'AccessDenied');
    const got = withGot ? ', and the got hooks load' : '';
    console.log(`CJS on Node ${process.version}: core and the axios interceptor work${got}.`);
  } finally {
    server.close();
  }
});
