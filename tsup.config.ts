import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * For the browser builds: a relative import of `./name` resolves to `./name.browser.ts` when that file sits
 * beside `./name.ts`. So Node-only modules (core's fast-xml-parser reading, the axios interceptor's Node
 * stream reader) have a browser stand-in, and the browser bundle holds none of their code.
 *
 * @example
 * await esbuild.build({ entryPoints: ['packages/core/src/index.ts'], bundle: true, plugins: [browserFiles] });
 */
export const browserFiles: EsbuildPlugin = {
  name: 'browser-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const candidate = join(args.resolveDir, `${args.path}.browser.ts`);
      return existsSync(candidate) ? { path: candidate } : undefined;
    });
  },
};

// One build for every package: ESM and CJS, each with its own declaration file (.d.ts / .d.cts).
function pkg(dir: string, entry: string[], overrides: Options = {}): Options {
  return {
    entry: Object.fromEntries(entry.map((name) => [name, `packages/${dir}/src/${name}.ts`])),
    outDir: `packages/${dir}/dist`,
    format: ['esm', 'cjs'],
    dts: true,
    // dist/browser is the browser build's (below), which may finish first.
    clean: ['!browser/**'],
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    tsconfig: 'tsconfig.build.json',
    external: [/^@oss-errors\//, 'fast-xml-parser', 'axios', 'got'],
    ...overrides,
  };
}

// What the `browser` export condition serves: the same entries with the `.browser.ts` stand-ins. Its types
// are the Node build's (the API is the same). With `modules`, every module a browser may load (all but
// `nodeOnly`) is an entry of its own, so that each lands in its own file: an application's bundler then
// drops whole modules it does not use, where a chunk shared by several entries would keep, in one file,
// code it cannot prove unused (core's OssError class and log-safe helpers: 0.9 KiB gzip in a core-only app;
// 0.35 KiB for the interceptor).
function browserPkg(dir: string, entry: string[], nodeOnly?: string[]): Options {
  const modules =
    nodeOnly === undefined
      ? []
      : readdirSync(`packages/${dir}/src`)
          .filter((file) => file.endsWith('.ts') && !file.endsWith('.browser.ts'))
          .map((file) => file.slice(0, -3))
          .filter((name) => !nodeOnly.includes(name) && !entry.includes(name));
  return pkg(dir, [...entry, ...modules], {
    outDir: `packages/${dir}/dist/browser`,
    dts: false,
    clean: true,
    platform: 'browser',
    esbuildPlugins: [browserFiles],
  });
}

const config: Options[] = [
  pkg('core', ['index', 'adapter', 'cli', 'hints']),
  browserPkg('core', ['index', 'adapter', 'hints'], ['cli', 'explain', 'inspect', 'xml', 'xml-chars']),
  pkg('axios-interceptor', ['index']),
  browserPkg('axios-interceptor', ['index'], ['inspect-view', 'node-stream']),
  pkg('got-hook', ['index'], { platform: 'node' }),
  pkg('fake-oss', ['index', 'leaks'], { format: ['esm'], platform: 'node', sourcemap: false }),
];

export default config;
