// Soak rows: many failing requests of four kinds, many in flight on one keep-alive agent, through each
// client with the plugin (workers/soak.mjs): do they all settle right, does anything leak (sockets,
// handles, heap), and what does a failed request take at that load.

import { runWorker } from '../lib/child.mjs';
import { fixed, int, mib } from '../lib/format.mjs';
import { progress } from '../lib/progress.mjs';

// Noise on the slope over 10,000 requests is tens of bytes per request; a retained error is KiBs.
const HEAP_SLOPE_TARGET = 256;

/** The server's open connections once down to `expected` (closes reach it late), or after 3 s. */
async function serverSocketsSettling(server, expected) {
  let count = await server.openSockets();
  for (let waited = 0; count > expected && waited < 3000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    count = await server.openSockets();
  }
  return count;
}

function handlesLeft(result) {
  return Object.entries(result.after).filter(([type, count]) => count > (result.before[type] ?? 0));
}

export async function measureSoak(server, { total, concurrency, batches }) {
  const rows = [];
  const notes = [];
  for (const [id, library] of [
    ['6a', 'axios'],
    ['6b', 'got'],
  ]) {
    progress(`soak: ${library}, ${int(total)} failing requests, ${concurrency} in flight`);
    const result = await runWorker('soak', [server.origin, library, total, concurrency, batches], {
      execArgv: ['--expose-gc'],
      onMessage: (message, child) => {
        if (message.settled === undefined) return;
        serverSocketsSettling(server, message.settled.idleSockets).then((count) =>
          child.send({ serverSockets: count }),
        );
      },
    });
    const right = Object.values(result.perScenario).reduce((sum, count) => sum + count, 0);
    const leftOver = handlesLeft(result);
    const socketsOk = result.busySockets === 0 && result.serverSockets === result.idleSockets;
    const heapFlat = result.heapSlope < HEAP_SLOPE_TARGET;
    const first = result.heap[0].heapUsed;
    const last = result.heap.at(-1).heapUsed;
    rows.push({
      id,
      what:
        `soak: ${library}, ${int(total)} failing requests (403 XML, HEAD x-oss-err, 503, HTML 502), ` +
        `${concurrency} in flight, keep-alive`,
      ours: `${int(right)}/${int(result.total)} settled right in ${fixed(result.seconds, 1)} s (${int(result.total / result.seconds)} req/s)`,
      versus:
        `after: ${result.busySockets} busy sockets, ${result.idleSockets} idle = ${result.serverSockets} open on the server; ` +
        `handles after closing the agent: ${leftOver.length === 0 ? 'none beyond those before' : leftOver.map(([type, count]) => `${count} ${type}`).join(', ')}`,
      ratio: `heap after GC ${mib(first)} → ${mib(last)} over ${result.heap.length} checkpoints; ${fixed(result.heapSlope, 0)} B per request after the first`,
      target: `all right, no socket or handle left, heap < ${HEAP_SLOPE_TARGET} B/request`,
      met: right === result.total && socketsOk && leftOver.length === 0 && heapFlat ? 'yes' : 'no',
    });
    if (result.wrongCount > 0)
      notes.push(`Soak ${id}: ${result.wrongCount} wrong, e.g. ${JSON.stringify(result.wrong[0])}`);
  }
  notes.push(
    `Soak: workers/soak.mjs, ${int(total)} failing requests per client cycling through four answers (a 403 ` +
      'AccessDenied XML body, a HEAD 404 whose error is only in x-oss-err, a 503 ServiceUnavailable, a ' +
      'Tengine HTML 502 that must pass untouched), all through the plugin, on one keep-alive agent with ' +
      `${concurrency} sockets, in ${batches} waves with a full GC and a heap reading after each. The heap figure ` +
      'is the least-squares slope over the waves after the first (JIT warm-up). Sockets are counted once every ' +
      "request has settled (node's client closes, rather than pools, the socket of a HEAD answer without " +
      'Content-Length, as the Go SDK mock sends it; those closes are waited for).',
  );
  return { rows, notes };
}
