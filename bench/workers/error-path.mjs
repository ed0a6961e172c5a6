// Error path, one library per process: the total time of a failed request (a 404 NoSuchKey from the
// fake OSS server, in another process), one at a time, with and without the plugin. The difference is
// what the plugin adds to a loopback round trip: reading the body, parsing, enriching the error.
import { parseOssError } from '@oss-errors/core';
import { loadOssFixtures } from '@oss-errors/fake-oss';
import { axiosClient, gotClient, keepAliveAgent } from '../lib/clients.mjs';
import { roundOrder } from '../lib/stats.mjs';
import { forDuration, runMain, say } from '../lib/worker.mjs';

const [origin, library, rounds, perRound, warmupMs, fixture, first] = process.argv.slice(2);
const url = `${origin}/fixture/${fixture}`;

function requester(client, plugin) {
  const send = library === 'axios' ? () => client.get(url) : () => client(url);
  return async () => {
    try {
      await send();
    } catch (error) {
      // The plugin's whole point; a run where it did not enrich would measure nothing.
      if (plugin !== (error.oss !== undefined)) throw new Error(`unexpected error shape: ${error.message}`);
      return;
    }
    throw new Error(`${url} did not fail`);
  };
}

/** `count` failed requests one after another; resolves with µs per request. */
async function sequence(request, count) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await request();
  return Number(process.hrtime.bigint() - start) / 1000 / count;
}

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
  const agent = keepAliveAgent(1);
  const make = library === 'axios' ? axiosClient : gotClient;
  // Which variant is built, warmed and run first alternates between the processes of one measurement.
  const variants = [];
  for (const key of first === 'with' ? ['with', 'without'] : ['without', 'with']) {
    variants.push({ key, request: requester(await make({ agent, plugin: key === 'with' }), key === 'with') });
  }
  await forDuration(Number(warmupMs), async () => {
    for (const variant of variants) await sequence(variant.request, Math.ceil(perRound / 4));
  });
  const samples = { with: [], without: [] };
  for (let round = 0; round < Number(rounds); round++) {
    for (const variant of roundOrder(round, variants)) {
      globalThis.gc?.();
      samples[variant.key].push(await sequence(variant.request, Number(perRound)));
    }
  }
  agent.destroy();
  const parseUs = parseCostUs();
  say(`${library}: ${rounds} rounds of ${perRound} failed requests per variant`);
  return { library, fixture, perRound: Number(perRound), parseUs, ...samples };
});
