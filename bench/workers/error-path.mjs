// Error path, one library per process: failed requests (a 404 NoSuchKey from the fake OSS server, in
// another process), `concurrency` in flight on keep-alive sockets, with and without the plugin. Per round
// and variant: the wall time per failed request (elapsed / count, as a client under an outage sees its
// throughput) and the client process's CPU time per failed request. The difference is what the plugin adds:
// reading the body, parsing, enriching the error.
import { parseOssError } from '@oss-errors/core';
import { loadOssFixtures } from '@oss-errors/fake-oss';
import { axiosClient, failingRequest, gotClient, keepAliveAgent } from '../lib/clients.mjs';
import { roundOrder } from '../lib/stats.mjs';
import { burst, forDuration, runMain, say } from '../lib/worker.mjs';

const [origin, library, rounds, perRound, concurrency, warmupMs, fixture, first] = process.argv.slice(2);
const url = `${origin}/fixture/${fixture}`;

/** parseOssError alone on the same response (as the adapters call it: with method and URL), in µs. */
function parseCostUs() {
  const { status, headers, body } = loadOssFixtures().find((candidate) => candidate.name === fixture);
  const response = { status, headers, body, method: 'GET', url };
  const calls = 20_000;
  let sum = 0;
  for (let i = 0; i < calls; i++) sum += parseOssError(response).code.length;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sum += parseOssError(response).code.length;
  return Number(process.hrtime.bigint() - start) / 1000 / calls + (sum === 0 ? 1 : 0);
}

runMain(async () => {
  const parallel = Number(concurrency);
  const agent = keepAliveAgent(parallel);
  const make = library === 'axios' ? axiosClient : gotClient;
  // Which variant is built, warmed and run first alternates between the processes of one measurement.
  // Beside the two compared, two references: a do-nothing interceptor (or hooks), and one that only
  // parses (`noop` and `parseOnly` in lib/clients.mjs): what any interceptor, and any OSS-aware one, adds.
  const variants = [];
  for (const key of first === 'with'
    ? ['with', 'without', 'noop', 'parse']
    : ['without', 'with', 'parse', 'noop']) {
    const options = { agent, plugin: key === 'with', noop: key === 'noop', parseOnly: key === 'parse' };
    const request = failingRequest(library, await make(options), url, key === 'with' || key === 'parse');
    variants.push({ key, request });
  }
  await forDuration(Number(warmupMs), async () => {
    for (const variant of variants) await burst(variant.request, Math.ceil(perRound / 4), parallel);
  });
  const samples = { with: [], without: [], noop: [], parse: [], cpuWith: [], cpuWithout: [] };
  for (let round = 0; round < Number(rounds); round++) {
    for (const variant of roundOrder(round, variants)) {
      globalThis.gc?.();
      const { rps, cpuUs } = await burst(variant.request, Number(perRound), parallel);
      samples[variant.key].push(1e6 / rps);
      if (variant.key === 'with') samples.cpuWith.push(cpuUs);
      else if (variant.key === 'without') samples.cpuWithout.push(cpuUs);
    }
  }
  agent.destroy();
  const parseUs = parseCostUs();
  say(`${library}: ${rounds} rounds of ${perRound} failed requests per variant, ${parallel} in flight`);
  return { library, fixture, perRound: Number(perRound), concurrency: parallel, parseUs, ...samples };
});
