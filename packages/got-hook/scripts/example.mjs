// Prints what an enriched got error looks like, for the README. Needs a build first:
//   pnpm build && node packages/got-hook/scripts/example.mjs
// A presigned GET with a wrong signature against the fake OSS server on 127.0.0.1 (nothing leaves the machine).
import { startFakeOss } from '@oss-errors/fake-oss';
import { isOssError, ossErrors } from '@oss-errors/got-hook';
import got, { HTTPError } from 'got';

const oss = await startFakeOss();
const client = got.extend({ hooks: ossErrors(), retry: { limit: 0 } });
const presigned = oss.url(
  `/scenario/signature-mismatch/photos/cat.jpg?OSSAccessKeyId=LTAI${'5tFakeKeyId123456'}&Expires=1700000000` +
    '&Signature=zK3lQ8bXrT0%2FfakeSignature%3D&security-token=CAISfakeStsToken0123456789abcdef',
);
try {
  await client(presigned);
} catch (err) {
  console.log('err instanceof HTTPError:', err instanceof HTTPError, '| isOssError(err):', isOssError(err));
  console.log(`\nerr.message:\n${err.message}`);
  console.log(`\nerr.stack, first line:\n${err.stack.split('\n')[0]}`);
  console.log(`\nJSON.stringify(err, null, 2):\n${JSON.stringify(err, null, 2)}`);
} finally {
  await oss.close();
}
