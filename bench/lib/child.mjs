// Runs the measuring code in child processes: one for the fake OSS server, one per client run, so the
// server's CPU and memory never count against the client, and each client starts from a clean heap.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { progress } from './progress.mjs';
import { median } from './stats.mjs';

const WORKERS = new URL('../workers/', import.meta.url);

/**
 * Forks `bench/workers/<name>.mjs`, relays its progress lines, and resolves with the one result it
 * reports. Rejects (loudly) if it fails or exits without a result. `onMessage(message, child)` sees every
 * message, for workers that ask the parent something.
 */
export function runWorker(name, args = [], { execArgv = [], quiet = false, onMessage } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL(`${name}.mjs`, WORKERS)), args.map(String), {
      execArgv,
      // stdout is the table's; a worker's stray output must not end up in it.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let result;
    let failure;
    child.on('message', (message) => {
      if (message.progress !== undefined && !quiet) progress(`  ${name}: ${message.progress}`);
      if (message.result !== undefined) result = message.result;
      if (message.error !== undefined) failure = message.error;
      onMessage?.(message, child);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (failure !== undefined) reject(new Error(`worker ${name} failed: ${failure}`));
      else if (result === undefined)
        reject(new Error(`worker ${name} exited (${signal ?? code}) without a result`));
      else resolve(result);
    });
  });
}

/**
 * Starts the fake OSS server in its own process; resolves with its origin, `openSockets()` (how many
 * client connections it has open) and a stop function.
 */
export function startServerProcess() {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('server.mjs', WORKERS)), [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fake OSS server exited early (${code})`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      const exited = new Promise((done) => child.once('exit', done));
      resolve({
        origin: message.origin,
        openSockets() {
          return new Promise((answer) => {
            const listen = (reply) => {
              if (reply.openSockets === undefined) return;
              child.off('message', listen);
              answer(reply.openSockets);
            };
            child.on('message', listen);
            child.send('open-sockets');
          });
        },
        async stop() {
          child.kill();
          await exited;
        },
      });
    });
  });
}

/**
 * Runs a with/without worker in `processes` separate processes, alternating which variant each one builds
 * and runs first, and pools their samples. A process's JIT and memory layout can favour one variant by a
 * percent or two; spreading the rounds over processes turns that into noise the medians absorb.
 */
export async function runPooled(name, args, processes, options) {
  const results = [];
  for (let i = 0; i < processes; i++) {
    results.push(await runWorker(name, [...args, i % 2 === 0 ? 'without' : 'with'], options));
  }
  const pooled = { ...results[0], processes };
  for (const [key, value] of Object.entries(results[0])) {
    if (Array.isArray(value)) pooled[key] = results.flatMap((result) => result[key]);
    else if (typeof value === 'number') pooled[key] = median(results.map((result) => result[key]));
  }
  return pooled;
}
