// Memory, one client run per process: `count` concurrent requests, each answered with a 403 OSS <Error>
// followed by `bytes` of filler, streamed by the fake OSS server (another process) with backpressure.
// The client handles each failure the way a user would, then reports its peak RSS.
//   axios (responseType 'stream'): catch the rejection, destroy err.response.data.
//   got (got.stream piped to a sink with stream.pipeline): the 'error' rejects the pipeline. got reads
//   the whole error body itself before it emits 'error', with or without the plugin.
// The plugin is imported only in the "with" run, so its code and data count too; the "loaded" run imports
// it without installing it, which tells its code's share from its work's.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runMain } from '../lib/worker.mjs';

const [origin, library, variant, count, bytes] = process.argv.slice(2);
const plugin = variant === 'with';
const load = variant !== 'without';
const url = `${origin}/scenario/huge?bytes=${bytes}`;
// No keep-alive: every request has its own socket, all `count` in flight at once.
const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

/** The peak resident set size in bytes: VmHWM where /proc has it, else getrusage's maxRSS. */
function peakRss() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

async function axiosRequests() {
  const { default: axios } = await import('axios');
  const client = axios.create({ httpAgent: agent, responseType: 'stream' });
  if (load) {
    const { ossErrors } = await import('@oss-errors/axios-interceptor');
    if (plugin) client.interceptors.response.use(...ossErrors());
  }
  return async () => {
    try {
      const response = await client.get(url);
      response.data.destroy();
      return undefined;
    } catch (error) {
      error.response?.data?.destroy();
      return error;
    }
  };
}

async function gotRequests() {
  const { default: got } = await import('got');
  let client = got.extend({ agent: { http: agent }, retry: { limit: 0 } });
  if (load) {
    const { ossErrors } = await import('@oss-errors/got-hook');
    if (plugin) client = client.extend({ hooks: ossErrors() });
  }
  const sink = () =>
    new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    });
  return async () => {
    try {
      await pipeline(client.stream(url), sink());
      return undefined;
    } catch (error) {
      return error;
    }
  };
}

runMain(async () => {
  const request = library === 'axios' ? await axiosRequests() : await gotRequests();
  const start = performance.now();
  const errors = await Promise.all(Array.from({ length: Number(count) }, request));
  const ms = performance.now() - start;
  const failed = errors.filter(
    (error) => error?.response?.status === 403 || error?.response?.statusCode === 403,
  );
  const enriched = errors.filter((error) => error?.oss?.code === 'AccessDenied');
  // A run that did not fail as planned, or that the plugin did not enrich, measured the wrong thing.
  if (failed.length !== Number(count)) throw new Error(`${failed.length} of ${count} requests got the 403`);
  if (enriched.length !== (plugin ? Number(count) : 0)) throw new Error(`${enriched.length} errors enriched`);
  return { library, variant, count: Number(count), bytes: Number(bytes), peakRss: peakRss(), ms };
});
