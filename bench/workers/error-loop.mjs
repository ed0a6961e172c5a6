// One variant of the error path alone, for a CPU profile (profile-error-path.mjs runs it with --cpu-prof):
// failed requests (a 404 NoSuchKey), `concurrency` in flight on keep-alive sockets, for `seconds` after a
// warm-up. Reports how many requests the measured span held, that span on the monotonic clock in µs (the
// clock of the profile's timestamps, so the analysis can leave out start-up and warm-up), and the process's
// CPU time per request in it.
import { axiosClient, failingRequest, gotClient, keepAliveAgent } from '../lib/clients.mjs';
import { burst, forDuration, runMain } from '../lib/worker.mjs';

const [origin, library, variant, seconds, concurrency, fixture] = process.argv.slice(2);
const url = `${origin}/fixture/${fixture}`;

runMain(async () => {
  const parallel = Number(concurrency);
  const agent = keepAliveAgent(parallel);
  const plugin = variant === 'with';
  const client = await (library === 'axios' ? axiosClient : gotClient)({ agent, plugin });
  const request = failingRequest(library, client, url, plugin);
  await forDuration(1500, () => burst(request, 200, parallel));
  let requests = 0;
  const cpu = process.cpuUsage();
  const from = Number(process.hrtime.bigint() / 1000n);
  await forDuration(Number(seconds) * 1000, async () => {
    await burst(request, 200, parallel);
    requests += 200;
  });
  const to = Number(process.hrtime.bigint() / 1000n);
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return { requests, windowUs: [from, to], cpuUs: (used.user + used.system) / requests };
});
