// `node bench/profile-error-path.mjs` (after pnpm build): where the plugin's added time goes on the
// error path. For axios and got, with and without the plugin, a client process runs failed requests
// (404 NoSuchKey, 8 in flight, keep-alive) under `node --cpu-prof`; the profiles (in .tmp/profiles/) are
// cut to the measured span (after start-up and warm-up) and their self time is summed per function and
// divided by the requests made. Prints, per client: sampled µs per request with and without, where the
// difference falls (our code, the client's, Node's, GC), the time inside our code by entry point, by what
// it is for (parsing, the request URL, formatting the stack trace, ...) and by what ran there (our
// functions, and what they called: V8 formatting a stack, axios's mergeConfig, regular expressions), and
// the functions outside our code that take more time with the plugin than without. The profiler samples
// wall time on this thread: run it on a quiet machine, and for long enough (PROFILE_SECONDS, default 8).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { runWorker, startServerProcess } from './lib/child.mjs';
import { progress } from './lib/progress.mjs';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 8);
const CONCURRENCY = 8;
const FIXTURE = 'NoSuchKey.real-opendal.xml';
const DIR = new URL('../.tmp/profiles/', import.meta.url);
const TOP = 12;

/** What a function's self time is charged to. */
function category(url, name) {
  if (url.includes('/packages/')) return 'ours';
  if (/\/node_modules\/(\.pnpm\/)?(axios|got)[@/]/.test(url)) return 'client';
  if (url.includes('/node_modules/')) return "client's dependencies";
  if (url.startsWith('node:')) return 'node';
  if (name === '(garbage collector)') return 'gc';
  if (name === '(idle)') return 'idle';
  if (name === '(program)' || url === '') return 'native / V8';
  return 'other';
}

function shortUrl(url) {
  return url
    .replace(/^file:\/\/.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '')
    .replace(/^file:\/\/.*\/packages\//, 'packages/');
}

function frameOf(node) {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  return { key: `${name} ${shortUrl(url)}:${lineNumber + 1}`, name, category: category(url, name) };
}

// What our code's time is for, by the first of our functions found walking up from where a sample was
// taken (V8 formatting a stack trace is recognised by Node's prepareStackTrace on the stack).
const PURPOSES = [
  [/^requestUrl$/, "the request URL (axios's getUri)"],
  [/^parseOssError$/, 'parseOssError'],
  [/^(appendOssDescription|describeOssError|maskSecrets|rewriteMessage|rewriteStack)$/, 'message text'],
  [
    /^(brandOssError|includeOssInJson|defineToJSON|attachToResponse)$/,
    'attaching (brand, toJSON, response.oss)',
  ],
  [/^(readErrorBody|bodyOf)$/, 'reading the body'],
];

function purposeOf(chain) {
  if (chain.some((frame) => /PrepareStackTrace$|^get stack$/.test(frame.name)))
    return 'formatting the stack trace';
  for (const frame of chain) {
    if (frame.category !== 'ours') continue;
    const found = PURPOSES.find(([pattern]) => pattern.test(frame.name));
    if (found !== undefined) return found[1];
  }
  return 'the rest (entry points, plumbing)';
}

/**
 * Self µs per function within [from, to] (µs on the monotonic clock), and for the samples taken inside
 * our code (an `ours` frame anywhere on the stack): µs per entry point (the outermost of our frames), per
 * purpose, and per leaf (whatever ran: ours, or what our code called, such as V8 formatting a stack).
 */
function analyse(file, [from, to]) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  const entries = new Map();
  const leavesInOurs = new Map();
  const purposes = new Map();
  const add = (map, frame, us) => {
    const entry = map.get(frame.key) ?? { ...frame, us: 0 };
    entry.us += us;
    map.set(frame.key, entry);
  };
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (at < from || at > to) continue;
    // A sample's time is the gap to the next one; the last gap is the best estimate there is.
    const us = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i];
    const leaf = frameOf(byId.get(profile.samples[i]));
    add(self, leaf, us);
    const chain = [];
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id))
      chain.push(frameOf(byId.get(id)));
    const outermost = chain.findLast((frame) => frame.category === 'ours');
    if (outermost !== undefined) {
      add(entries, outermost, us);
      add(leavesInOurs, leaf, us);
      const purpose = purposeOf(chain);
      add(purposes, { key: purpose, name: purpose, category: 'ours' }, us);
    }
  }
  return { self, entries, leavesInOurs, purposes };
}

/** µs per request, scaled by `factor`. */
function perRequest(self, requests, factor) {
  const out = new Map();
  for (const [key, entry] of self) out.set(key, { ...entry, us: (entry.us / requests) * factor });
  return out;
}

function sumBy(entries, pick) {
  const sums = {};
  for (const entry of entries) sums[pick(entry)] = (sums[pick(entry)] ?? 0) + entry.us;
  return sums;
}

const f = (us) => us.toFixed(us < 10 ? 2 : 1);

async function profileOne(origin, library, variant) {
  const name = `${library}-${variant}.cpuprofile`;
  const result = await runWorker('error-loop', [origin, library, variant, SECONDS, CONCURRENCY, FIXTURE], {
    execArgv: [
      '--cpu-prof',
      `--cpu-prof-dir=${DIR.pathname}`,
      `--cpu-prof-name=${name}`,
      '--cpu-prof-interval=100',
    ],
  });
  const { self, entries, leavesInOurs, purposes } = analyse(new URL(name, DIR), result.windowUs);
  // The profiler samples wall time: a sample taken while the thread waits for the CPU (a busy machine)
  // is charged to the function it waits in. Scaling the busy samples to the CPU time the process really
  // used keeps each function's share and gives it back its size.
  const busy = [...self.values()].filter((entry) => entry.category !== 'idle');
  const sampledUs = busy.reduce((sum, entry) => sum + entry.us, 0) / result.requests;
  const factor = result.cpuUs / sampledUs;
  return {
    self: perRequest(self, result.requests, factor),
    entries: perRequest(entries, result.requests, factor),
    leavesInOurs: perRequest(leavesInOurs, result.requests, factor),
    purposes: perRequest(purposes, result.requests, factor),
    requests: result.requests,
    sampledUs,
    cpuUs: result.cpuUs,
  };
}

function report(library, withUs, withoutUs) {
  const lines = [`## ${library}`, ''];
  const total = (run) =>
    [...run.self.values()].filter((e) => e.category !== 'idle').reduce((s, e) => s + e.us, 0);
  const withTotal = total(withUs);
  const withoutTotal = total(withoutUs);
  lines.push(
    `CPU time per failed request: ${f(withTotal)} µs with, ${f(withoutTotal)} µs without: ` +
      `+${f(withTotal - withoutTotal)} µs (${((withTotal / withoutTotal - 1) * 100).toFixed(1)}%); ` +
      `${withUs.requests} and ${withoutUs.requests} requests profiled (sampled wall time per request ` +
      `${f(withUs.sampledUs)} and ${f(withoutUs.sampledUs)} µs: all figures below are scaled to the CPU time).`,
    '',
    '| where | with µs/request | without | added |',
    '| --- | --- | --- | --- |',
  );
  const withCats = sumBy(withUs.self.values(), (e) => e.category);
  const withoutCats = sumBy(withoutUs.self.values(), (e) => e.category);
  for (const cat of Object.keys({ ...withCats, ...withoutCats }).sort()) {
    if (cat === 'idle') continue;
    const a = withCats[cat] ?? 0;
    const b = withoutCats[cat] ?? 0;
    lines.push(`| ${cat} | ${f(a)} | ${f(b)} | ${a - b >= 0 ? '+' : ''}${f(a - b)} |`);
  }
  const byTime = (map) => [...map.values()].sort((x, y) => y.us - x.us);
  const inOurs = byTime(withUs.entries).reduce((sum, entry) => sum + entry.us, 0);
  lines.push(
    '',
    `Inside our code (one of our frames on the stack): ${f(inOurs)} µs per request, entered through:`,
    '',
  );
  for (const entry of byTime(withUs.entries)) lines.push(`- ${f(entry.us)} µs  ${entry.key}`);
  lines.push('', 'What it is for:', '');
  for (const entry of byTime(withUs.purposes)) {
    lines.push(`- ${f(entry.us)} µs (${((entry.us / inOurs) * 100).toFixed(0)}%)  ${entry.key}`);
  }
  lines.push('', `What ran there, by self time (top ${TOP}: ours, and what our code called):`, '');
  for (const entry of byTime(withUs.leavesInOurs).slice(0, TOP)) {
    lines.push(`- ${f(entry.us)} µs  ${entry.key}  [${entry.category}]`);
  }
  lines.push('', `Outside our code: what takes more with the plugin than without (top ${TOP}):`, '');
  const grown = [...withUs.self.values()]
    .filter((e) => e.category !== 'ours' && e.category !== 'idle')
    .map((e) => ({
      ...e,
      added: e.us - (withUs.leavesInOurs.get(e.key)?.us ?? 0) - (withoutUs.self.get(e.key)?.us ?? 0),
    }))
    .sort((a, b) => b.added - a.added);
  for (const entry of grown.slice(0, TOP)) {
    lines.push(`- +${f(entry.added)} µs (${f(entry.us)} with)  ${entry.key}  [${entry.category}]`);
  }
  lines.push('');
  return lines.join('\n');
}

async function main() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const server = await startServerProcess();
  const sections = [];
  try {
    for (const library of ['axios', 'got']) {
      progress(`profile: ${library}, with and without the plugin, ${SECONDS} s each`);
      const withUs = await profileOne(server.origin, library, 'with');
      const withoutUs = await profileOne(server.origin, library, 'without');
      sections.push(report(library, withUs, withoutUs));
    }
  } finally {
    await server.stop();
  }
  process.stdout.write(`${sections.join('\n')}\nProfiles: ${DIR.pathname}\n`);
}

main().catch((error) => {
  process.stderr.write(`\nprofile failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
