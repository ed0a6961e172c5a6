// `node bench/error-path-steps.mjs` (after pnpm build): what each step of the axios interceptor's work
// costs inside a real failed request (404 NoSuchKey from the fake OSS server, 8 in flight, keep-alive),
// beside the time a failed request takes without the plugin and the same parse in a hot loop. Run on a
// quiet machine. Why it matters: code that runs once per request, between the network stack's and axios's
// own, runs cold (its instructions and data are out of the CPU's caches), so a step costs several times
// what a hot loop says; bench/README.md, "The error path, step by step".
import { runWorker, startServerProcess } from './lib/child.mjs';

const PROCESSES = Number(process.env.PROCESSES ?? 3);
const server = await startServerProcess();
const results = [];
try {
  for (let i = 0; i < PROCESSES; i++) {
    results.push(await runWorker('error-steps', [server.origin, 20, 400, 8, 'NoSuchKey.real-opendal.xml']));
  }
} finally {
  await server.stop();
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const plainUs = median(results.map((result) => result.plainUs));
console.log(
  `A failed request without the plugin: ${plainUs.toFixed(0)} µs (median of ${PROCESSES} processes); 10% of it: ${(plainUs / 10).toFixed(0)} µs.`,
);
console.log(`Inside a failed request (µs per request, ${results[0].requests} requests per process):`);
let ours = 0;
results[0].steps.forEach(({ what }, i) => {
  const us = median(results.map((result) => result.steps[i].us));
  if (i > 0) ours += us;
  console.log(`  ${us.toFixed(1).padStart(6)}  ${what}`);
});
console.log(`  ${ours.toFixed(1).padStart(6)}  the plugin's own steps (all but the first)`);
const addedUs = median(results.map((result) => result.addedUs));
console.log(
  `Added per failed request, timed from outside (the stepped client against the plain one, round by round): ` +
    `${addedUs.toFixed(0)} µs; ${(addedUs - ours).toFixed(0)} µs of it outside the steps.`,
);
console.log(
  `parseOssError on the same response in a hot loop: ${median(results.map((result) => result.hotParseUs)).toFixed(1)} µs.`,
);
