// The demo: real failing requests against a local fake OSS (no cloud account needed), through axios and
// through got, each with and without oss-errors. Prints what the plain client says ("before") and what
// the enriched error carries ("after"), checks it against what OSS sent, and exits 0 when every scenario
// came out right. `--quiet` prints only the verdict.
import { ossErrors as axiosOssErrors } from '@oss-errors/axios-interceptor';
import { maskSecrets } from '@oss-errors/core/adapter';
import { startFakeOss } from '@oss-errors/fake-oss';
import { ossErrors as gotOssErrors } from '@oss-errors/got-hook';
import axios from 'axios';
import got from 'got';

const quiet = process.argv.includes('--quiet');
const say = quiet ? () => {} : (line = '') => console.log(line);

// Made-up credentials in the shape of real ones: the presigned URL carries them, the output must not.
const SECRET_SIGNATURE = 'ZGVtby1zaWduYXR1cmUtbm90LXJlYWw=';
const SECRET_TOKEN = 'CAISdemoSecurityTokenNotReal0123456789';
const presigned =
  '/scenario/signature-mismatch/photos/cat.jpg?OSSAccessKeyId=LTAI5tDemoKeyId&Expires=1700000000' +
  `&Signature=${encodeURIComponent(SECRET_SIGNATURE)}&security-token=${SECRET_TOKEN}`;

/** Each scenario, and what the enriched error must say (`undefined`: not an OSS error, left alone). */
const SCENARIOS = [
  {
    title: 'GET a key that does not exist',
    method: 'GET',
    path: '/fixture/NoSuchKey.real-opendal.xml',
    code: 'NoSuchKey',
  },
  {
    title: 'HEAD a key that does not exist (no body: the error rides in x-oss-err)',
    method: 'HEAD',
    path: '/fixture/NoSuchKey.HEAD-404.headers.txt',
    code: 'NoSuchKey',
  },
  {
    title: 'GET with a presigned URL whose signature does not match',
    method: 'GET',
    path: presigned,
    code: 'SignatureDoesNotMatch',
  },
  {
    title: 'PUT with an upload callback that fails (203)',
    method: 'PUT',
    path: '/scenario/callback-failed',
    code: 'CallbackFailed',
  },
  {
    title: 'GET while OSS is overloaded (503)',
    method: 'GET',
    path: '/scenario/unavailable',
    code: 'ServiceUnavailable',
  },
  {
    title: "GET through a proxy's HTML error page (502)",
    method: 'GET',
    path: '/scenario/gateway-html',
    code: undefined,
  },
];

const plainAxios = axios.create();
const enrichedAxios = axios.create();
enrichedAxios.interceptors.response.use(...axiosOssErrors({ warn: false }));
const noRetry = { retry: { limit: 0 } };
const plainGot = got.extend(noRetry);
const enrichedGot = got.extend(noRetry, { hooks: gotOssErrors({ warn: false }) });

const CLIENTS = [
  {
    name: 'axios',
    plain: (url, method) =>
      plainAxios.request({ url, method, data: method === 'PUT' ? 'photo bytes' : undefined }),
    enriched: (url, method) =>
      enrichedAxios.request({ url, method, data: method === 'PUT' ? 'photo bytes' : undefined }),
  },
  {
    name: 'got',
    plain: (url, method) => plainGot(url, { method, body: method === 'PUT' ? 'photo bytes' : undefined }),
    enriched: (url, method) =>
      enrichedGot(url, { method, body: method === 'PUT' ? 'photo bytes' : undefined }),
  },
];

/** What a request ended with: the rejection, or the resolved response. */
async function settle(request) {
  try {
    return { response: await request() };
  } catch (error) {
    return { error };
  }
}

function beforeLine({ error, response }) {
  if (error === undefined)
    return `resolved, status ${response.status ?? response.statusCode}: the failure goes unnoticed`;
  // got (>= 14.6.1) prints the whole presigned URL in its message: masked here, but not in your logs.
  const text = `${error.name}: ${error.message}`;
  const masked = maskSecrets(text);
  return masked === text ? text : `${masked}  [masked for this demo: the plain error carries the secrets]`;
}

function afterLines({ error }) {
  const oss = error?.oss;
  if (oss === undefined)
    return [
      error === undefined ? 'resolved' : `${error.name}: ${error.message}  (untouched: not an OSS error)`,
    ];
  return [
    `${oss.code}: ${oss.message}`,
    `request id ${oss.requestId ?? '(none)'} · EC ${oss.ec ?? '(none)'} · ${oss.fault} side · ${oss.retryable ? 'retrying can help' : 'retrying will not help'}`,
    ...(oss.recommendDoc === undefined ? [] : [oss.recommendDoc]),
    ...(error.message.includes('WAS stored')
      ? ['the object WAS stored; only the upload callback failed']
      : []),
  ];
}

const oss = await startFakeOss();
const problems = [];
try {
  for (const [index, scenario] of SCENARIOS.entries()) {
    say(`\n━━ ${index + 1}. ${scenario.title}`);
    for (const client of CLIENTS) {
      const url = oss.url(scenario.path);
      const before = await settle(() => client.plain(url, scenario.method));
      const after = await settle(() => client.enriched(url, scenario.method));
      say(`${client.name.padEnd(6)} before: ${beforeLine(before)}`);
      const [first, ...rest] = afterLines(after);
      say(`       after:  ${first}`);
      for (const line of rest) say(`               ${line}`);

      const printed = JSON.stringify([afterLines(after), after.error?.message, after.error?.oss]);
      if (after.error?.oss?.code !== scenario.code) {
        problems.push(
          `${client.name} / ${scenario.title}: expected ${scenario.code}, got ${after.error?.oss?.code}`,
        );
      }
      if (printed.includes(SECRET_TOKEN) || printed.includes(encodeURIComponent(SECRET_SIGNATURE))) {
        problems.push(`${client.name} / ${scenario.title}: a secret reached the enriched error`);
      }
    }
  }
} finally {
  await oss.close();
}

if (problems.length > 0) {
  console.error(`\nThe demo found problems:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `\nDemo OK: ${SCENARIOS.length} scenarios through axios and got, each as OSS meant it, no secrets.`,
);
