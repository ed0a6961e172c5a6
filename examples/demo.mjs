// The demo: real failing requests against a local fake OSS (no cloud account needed), showing what a
// plain HTTP client reports and what @oss-errors/core makes of the same response.
import { parseOssError } from '@oss-errors/core';
import { startFakeOss } from '@oss-errors/fake-oss';

const oss = await startFakeOss();
const presigned =
  '/scenario/signature-mismatch/photos/cat.jpg?OSSAccessKeyId=LTAI5tDemoKeyId&Expires=1700000000' +
  '&Signature=ZGVtby1zaWduYXR1cmU%3D&security-token=CAISdemoSecurityToken';
const scenarios = [
  ['GET a missing key', 'GET', '/fixture/NoSuchKey.real-opendal.xml'],
  ['HEAD a missing key (no body: x-oss-err)', 'HEAD', '/fixture/NoSuchKey.HEAD-404.headers.txt'],
  ['GET with a bad presigned URL', 'GET', presigned],
  ['PUT with a callback that fails (203)', 'PUT', '/scenario/callback-failed'],
  ['GET while OSS is overloaded (503)', 'GET', '/scenario/unavailable'],
  ["GET through a proxy's error page", 'GET', '/scenario/gateway-html'],
];

try {
  for (const [title, method, path] of scenarios) {
    const url = oss.url(path);
    const res = await fetch(url, { method });
    const body = method === 'HEAD' ? '' : await res.text();
    const details = parseOssError({ status: res.status, headers: res.headers, body, method, url });
    console.log(`\n■ ${title}`);
    console.log(`  before: HTTP ${res.status} ${res.statusText}`);
    if (details === undefined) {
      console.log('  after:  not an OSS error (no <Error> document, no x-oss-request-id): left alone');
      continue;
    }
    console.log(`  after:  ${details.code}: ${details.message}`);
    console.log(
      `          request id ${details.requestId ?? '(none)'} · EC ${details.ec ?? '(none)'} · ${details.fault} fault · ${details.retryable ? 'retrying can help' : 'retrying will not help'}`,
    );
    if (details.recommendDoc !== undefined) console.log(`          ${details.recommendDoc}`);
    const fields = Object.entries(details.fields).filter(([name]) => name !== 'StringToSignBytes');
    if (fields.length > 0)
      console.log(`          ${fields.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);
    if (details.url !== undefined && details.url !== url)
      console.log(`          url (masked): ${details.url}`);
  }
} finally {
  await oss.close();
}
