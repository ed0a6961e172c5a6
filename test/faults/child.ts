import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Measurements that need a process of their own (a clean heap, --expose-gc, its own handles and RSS) run
// the plugin from its TypeScript sources, as the tests do: esbuild bundles the child's entry with the
// `@oss-errors/source` condition, and the clients (axios, got) with it, into one file in a temp folder.

/** A bundled child entry; `dispose()` removes the temp folder. */
export interface ChildBundle {
  readonly file: string;
  dispose(): void;
}

export async function bundleChild(entry: URL): Promise<ChildBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'oss-errors-child-'));
  const file = join(dir, 'child.mjs');
  await build({
    entryPoints: [fileURLToPath(entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@oss-errors/source'],
    logLevel: 'error',
    // CommonJS dependencies (axios's form-data, follow-redirects) call require() for Node built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What a child sends: progress, its one result, or its failure (bench/lib/worker.mjs's protocol). */
interface ChildMessage {
  readonly progress?: unknown;
  readonly result?: unknown;
  readonly error?: string;
}

/**
 * Forks `file` and resolves with the result it reports. `onMessage` sees every message (and may answer
 * through the child); the child is killed, and the promise rejects, if it has not finished in `timeoutMs`.
 */
export function runChild<R>(
  file: string,
  args: readonly string[],
  options: {
    readonly execArgv?: readonly string[];
    readonly timeoutMs: number;
    readonly onMessage?: (message: ChildMessage, child: ChildProcess) => void;
  },
): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = fork(file, [...args], {
      execArgv: [...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: { value: R } | undefined;
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `the child did not finish within ${options.timeoutMs} ms`;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('message', (message: ChildMessage) => {
      if (message.result !== undefined) result = { value: message.result as R };
      if (message.error !== undefined) failure = message.error;
      options.onMessage?.(message, child);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (failure !== undefined) reject(new Error(failure));
      else if (result === undefined)
        reject(new Error(`the child exited (${signal ?? code}) without a result`));
      else resolve(result.value);
    });
  });
}
