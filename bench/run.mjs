// `pnpm bench`: what the plugin costs its users, beside what they would use instead. Builds first (the
// package script), then measures the built packages (dist), prints one table to stdout, progress to stderr,
// and writes the table to bench/RESULTS.md. BENCH_QUICK=1 runs every measurement briefly (a smoke test:
// the numbers are not worth keeping, and RESULTS.md is left alone).
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { startServerProcess } from './lib/child.mjs';
import { machine } from './lib/machine.mjs';
import { progress } from './lib/progress.mjs';
import { measureErrorPath } from './sections/error-path.mjs';
import { measureMemory } from './sections/memory.mjs';
import { measureParse } from './sections/parse.mjs';
import { sizeRows } from './sections/size-rows.mjs';
import { measureSoak } from './sections/soak.mjs';
import { measureSuccess } from './sections/success.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const MiB = 2 ** 20;

// Sized to finish in about five minutes on a quiet 2-core machine; each figure's noise is printed beside it.
const CONFIG = QUICK
  ? {
      parse: { rounds: 6, sampleMs: 10 },
      success: {
        small: { processes: 2, rounds: 3, perRound: 300, concurrency: 8, warmupMs: 500, reference: 'noop' },
        download: { processes: 2, rounds: 2, perRound: 2, concurrency: 2, warmupMs: 300 },
      },
      errorPath: { processes: 2, rounds: 2, perRound: 200, concurrency: 8, warmupMs: 300 },
      memory: {
        axios: { count: 100, bytes: 100 * MiB, runs: 1, loaded: true },
        got: { count: 100, bytes: MiB, runs: 1 },
      },
      soak: { total: 1000, concurrency: 200, batches: 5 },
    }
  : {
      parse: { rounds: 40, sampleMs: 25 },
      success: {
        small: {
          processes: 3,
          rounds: 18,
          perRound: 1500,
          concurrency: 8,
          warmupMs: 3000,
          reference: 'noop',
        },
        download: { processes: 3, rounds: 27, perRound: 8, concurrency: 2, warmupMs: 1500 },
      },
      errorPath: { processes: 2, rounds: 30, perRound: 600, concurrency: 8, warmupMs: 1500 },
      memory: {
        axios: { count: 100, bytes: 100 * MiB, runs: 5, loaded: true },
        got: { count: 100, bytes: MiB, runs: 7 },
      },
      soak: { total: 10_000, concurrency: 200, batches: 20 },
    };

const DIST = ['core', 'axios-interceptor', 'got-hook', 'fake-oss'].map(
  (name) => new URL(`../packages/${name}/dist/index.js`, import.meta.url),
);

function table(rows) {
  const header = [
    '#',
    'measurement',
    'with the plugin / ours',
    'compared with',
    'ratio (spread)',
    'target',
    'met',
  ];
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map(() => '---')),
    ...rows.map((row) => line([row.id, row.what, row.ours, row.versus, row.ratio, row.target, row.met])),
  ].join('\n');
}

function report(info, sections, seconds, load) {
  const rows = sections.flatMap((section) => section.rows);
  const notes = sections.flatMap((section) => section.notes);
  const versions = Object.entries(info.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return [
    `# oss-errors benchmark${QUICK ? ' (BENCH_QUICK: smoke run, numbers not meaningful)' : ''}`,
    '',
    `Machine: ${info.cpu}, ${info.cores} cores, ${info.memory} memory, ${info.os}; Node ${info.node}.`,
    // The machine may be shared: a load average well above the core count inflates every absolute time.
    `Load average (1 min) at the start and the end: ${load.start.toFixed(1)} and ${load.end.toFixed(1)}.`,
    `Versions: ${versions}. Run took ${seconds.toFixed(0)} s. Reproduce with \`pnpm bench\` (see bench/README.md).`,
    '',
    table(rows),
    '',
    `Targets met: ${rows.filter((row) => row.met === 'yes').length} of ${rows.filter((row) => row.met !== '—').length}.`,
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

async function main() {
  const missing = DIST.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `the packages are not built (${missing.join(', ')}): run \`pnpm bench\`, which builds first`,
    );
  }
  const started = performance.now();
  const info = machine();
  const loadAtStart = os.loadavg()[0];
  progress(`${info.cpu}, ${info.cores} cores, Node ${info.node}${QUICK ? ' (quick smoke run)' : ''}`);

  progress('size: bundling four one-line apps with esbuild');
  const size = await sizeRows();
  progress('parse: parseOssError vs xml2js, fast-xml-parser, indexOf');
  const parse = await measureParse(CONFIG.parse);

  const server = await startServerProcess();
  let success;
  let errorPath;
  let memory;
  let soak;
  try {
    success = await measureSuccess(server.origin, CONFIG.success);
    errorPath = await measureErrorPath(server.origin, CONFIG.errorPath);
    memory = await measureMemory(server.origin, CONFIG.memory);
    soak = await measureSoak(server, CONFIG.soak);
  } finally {
    await server.stop();
  }

  const seconds = (performance.now() - started) / 1000;
  const load = { start: loadAtStart, end: os.loadavg()[0] };
  const text = report(info, [success, errorPath, parse, memory, size, soak], seconds, load);
  process.stdout.write(text);
  if (!QUICK) {
    writeFileSync(new URL('RESULTS.md', import.meta.url), text);
    progress('written to bench/RESULTS.md');
  }
}

main().catch((error) => {
  process.stderr.write(`\nbench failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
