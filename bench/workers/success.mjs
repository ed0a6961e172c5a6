// Success path, one library and one scenario per process: requests per second with and without the
// plugin against the fake OSS server (another process). Small 200s (/scenario/ok, several in flight on
// keep-alive sockets) or a 16 MiB download consumed as a stream. Both variants run in this process,
// alternating in short rounds, so JIT state, GC pressure and machine noise fall on both alike.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { axiosClient, gotClient, keepAliveAgent } from '../lib/clients.mjs';
import { roundOrder } from '../lib/stats.mjs';
import { burst, forDuration, runMain, say } from '../lib/worker.mjs';

const [origin, library, scenario, rounds, perRound, concurrency, warmupMs, reference, first] =
  process.argv.slice(2);
const DOWNLOAD_BYTES = 16 * 2 ** 20;
const url =
  scenario === 'download' ? `${origin}/scenario/download?bytes=${DOWNLOAD_BYTES}` : `${origin}/scenario/ok`;

// What a user does with a download: read it to the end (here into a sink that keeps nothing).
function sink() {
  return new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
}

function requester(client) {
  if (scenario === 'small') return library === 'axios' ? () => client.get(url) : () => client(url);
  return library === 'axios'
    ? async () => {
        const response = await client.get(url, { responseType: 'stream' });
        await pipeline(response.data, sink());
      }
    : () => pipeline(client.stream(url), sink());
}

/**
 * What the plugin's success path costs, timed directly on a real 200 response: the ratio of two noisy
 * request rates cannot resolve a fraction of a percent, this can. axios: awaiting the interceptor's
 * onFulfilled (what axios's promise chain adds). got: the afterResponse hook (promise mode; got runs no
 * afterResponse hook in stream mode, so a streamed download costs nothing at all).
 */
async function handlerCostNs(client) {
  const calls = 200_000;
  if (library === 'axios') {
    const { ossErrors } = await import('@oss-errors/axios-interceptor');
    const [onFulfilled] = ossErrors();
    const response = await client.get(`${origin}/scenario/ok`);
    for (let i = 0; i < calls; i++) await onFulfilled(response);
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await onFulfilled(response);
    return Number(process.hrtime.bigint() - start) / calls;
  }
  if (scenario === 'download') return 0;
  const { ossErrors } = await import('@oss-errors/got-hook');
  const [afterResponse] = ossErrors().afterResponse;
  const response = await client(`${origin}/scenario/ok`);
  let sum = 0;
  for (let i = 0; i < calls; i++) sum += afterResponse(response).statusCode;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sum += afterResponse(response).statusCode;
  return Number(process.hrtime.bigint() - start) / calls + (sum === 0 ? 1 : 0);
}

runMain(async () => {
  const parallel = Number(concurrency);
  const agent = keepAliveAgent(parallel);
  const make = library === 'axios' ? axiosClient : gotClient;
  // Which variant is built, warmed and run first alternates between the processes of one measurement.
  // With `reference`, a third client has a do-nothing interceptor or hooks in the plugin's place.
  const keys = reference === 'noop' ? ['without', 'with', 'noop'] : ['without', 'with'];
  const clients = {};
  for (const key of first === 'with' ? [...keys].reverse() : keys) {
    clients[key] = await make({ agent, plugin: key === 'with', noop: key === 'noop' });
  }
  const plain = clients.without;
  const variants = Object.entries(clients).map(([key, client]) => ({ key, request: requester(client) }));
  // Warm-up: alternate until the JIT has settled for all (request rates climb for a few seconds).
  await forDuration(Number(warmupMs), async () => {
    for (const variant of variants) await burst(variant.request, Math.ceil(perRound / 4), parallel);
  });
  const samples = { with: [], without: [], ...(clients.noop ? { noop: [] } : {}), cpuUs: [] };
  for (let round = 0; round < Number(rounds); round++) {
    for (const variant of roundOrder(round, variants)) {
      // A full GC before each burst (when --expose-gc): a major collection then never lands inside one
      // variant's burst by chance. The garbage a burst makes is still collected inside it.
      globalThis.gc?.();
      const { rps, cpuUs } = await burst(variant.request, Number(perRound), parallel);
      samples[variant.key].push(rps);
      if (variant.key === 'without') samples.cpuUs.push(cpuUs);
    }
  }
  const handlerNs = await handlerCostNs(plain);
  agent.destroy();
  say(`${library} ${scenario}: ${rounds} rounds of ${perRound} requests per variant`);
  return {
    library,
    scenario,
    perRound: Number(perRound),
    concurrency: parallel,
    bytes: DOWNLOAD_BYTES,
    handlerNs,
    ...samples,
  };
});
