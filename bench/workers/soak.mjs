// Soak, one library per process (run with --expose-gc): `total` failing requests, `concurrency` at a time
// on one keep-alive agent, through the client with the plugin installed, cycling through four failures:
// a 403 with an OSS XML body, a HEAD whose error is only in x-oss-err, a 503, and a proxy's HTML 502
// (no OSS evidence: it must pass untouched). Every request must settle with the right status and code.
// The requests run in `batches` waves; after each, a full GC and the heap is read, so growth across
// the run is visible apart from garbage. Then it reports its agent's sockets (busy must be none, idle at
// most `concurrency`) and asks the parent to count the server's open connections (message { settled },
// answered with { serverSockets }), destroys the agent, and lists its active handles, to compare with
// those it had before the first request.
// pnpm bench runs it on the built packages (sections/soak.mjs); test/faults/soak.test.ts bundles it with
// the packages' sources and runs a shorter soak in npm test.
import { axiosClient, gotClient, keepAliveAgent } from '../lib/clients.mjs';
import { runMain, say } from '../lib/worker.mjs';

const [origin, library, total, concurrency, batches] = process.argv.slice(2);

const SCENARIOS = [
  {
    name: '403 XML',
    method: 'GET',
    path: '/fixture/AccessDenied.go-v2.xml',
    status: 403,
    code: 'AccessDenied',
  },
  {
    name: 'HEAD x-oss-err',
    method: 'HEAD',
    path: '/fixture/NoSuchKey.HEAD-404.headers.txt',
    status: 404,
    code: 'NoSuchKey',
  },
  { name: '503', method: 'GET', path: '/scenario/unavailable', status: 503, code: 'ServiceUnavailable' },
  { name: 'HTML 502', method: 'GET', path: '/scenario/gateway-html', status: 502, code: undefined },
];

/** Active handles and requests by type, e.g. { TCPSocketWrap: 3, Timeout: 1 }. */
function resources() {
  const counts = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

function socketCount(group) {
  return Object.values(group).reduce((sum, list) => sum + list.length, 0);
}

/** What one failed request came to: its status and err.oss.code, or why it is wrong. */
async function outcome(send, scenario) {
  try {
    await send(scenario);
  } catch (error) {
    const status = error.response?.status ?? error.response?.statusCode;
    return { status, code: error.oss?.code, message: error.message };
  }
  return { status: 'resolved' };
}

/** Least-squares slope of heap bytes against requests, over the checkpoints after the first wave (JIT warm-up). */
function heapSlope(heap) {
  const points = heap.slice(1);
  const meanX = points.reduce((sum, point) => sum + point.requests, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.heapUsed, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.requests - meanX) * (point.heapUsed - meanY);
    variance += (point.requests - meanX) ** 2;
  }
  return covariance / variance;
}

function parentAnswer(type) {
  return new Promise((resolve) => {
    const listen = (message) => {
      if (message?.[type] === undefined) return;
      process.off('message', listen);
      resolve(message[type]);
    };
    process.on('message', listen);
  });
}

runMain(async () => {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  const agent = keepAliveAgent(Number(concurrency));
  const client =
    library === 'axios'
      ? await axiosClient({ agent, plugin: true })
      : await gotClient({ agent, plugin: true });
  const send =
    library === 'axios'
      ? (scenario) => client.request({ method: scenario.method, url: origin + scenario.path })
      : (scenario) => client(origin + scenario.path, { method: scenario.method });

  gc();
  const before = resources();
  const perScenario = Object.fromEntries(SCENARIOS.map((scenario) => [scenario.name, 0]));
  const wrong = [];
  const heap = [];
  const perBatch = Math.ceil(Number(total) / Number(batches));
  let sent = 0;
  const started = performance.now();
  for (let batch = 0; batch < Number(batches) && sent < Number(total); batch++) {
    const end = Math.min(Number(total), sent + perBatch);
    const worker = async () => {
      while (sent < end) {
        const scenario = SCENARIOS[sent++ % SCENARIOS.length];
        const result = await outcome(send, scenario);
        if (result.status === scenario.status && result.code === scenario.code) perScenario[scenario.name]++;
        else if (wrong.length < 10) wrong.push({ scenario: scenario.name, ...result });
        else wrong.push({ scenario: scenario.name });
      }
    };
    await Promise.all(Array.from({ length: Number(concurrency) }, worker));
    gc();
    heap.push({ requests: end, heapUsed: process.memoryUsage().heapUsed });
    say(`${library}: ${end} of ${total} settled`);
  }
  const seconds = (performance.now() - started) / 1000;

  // Every request has settled. A HEAD answered without Content-Length (as the Go SDK's mock answers)
  // makes node's client close that socket instead of pooling it: wait for those closes to finish. Then
  // the agent holds only idle keep-alive sockets, and the server as many.
  const quiet = performance.now();
  while (socketCount(agent.sockets) > 0 && performance.now() - quiet < 3000) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const settled = {
    busySockets: socketCount(agent.sockets),
    idleSockets: socketCount(agent.freeSockets),
    quietAfterMs: performance.now() - quiet,
  };
  process.send({ settled });
  const serverSockets = await parentAnswer('serverSockets');

  agent.destroy();
  for (let i = 0; i < 200 && (resources().TCPSocketWrap ?? 0) > (before.TCPSocketWrap ?? 0); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  gc();
  return {
    library,
    total: Number(total),
    concurrency: Number(concurrency),
    seconds,
    perScenario,
    wrongCount: wrong.length,
    wrong: wrong.slice(0, 10),
    heap,
    heapSlope: heapSlope(heap),
    ...settled,
    serverSockets,
    before,
    after: resources(),
  };
});
