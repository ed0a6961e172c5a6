import { existsSync } from 'node:fs';
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

// What the `browser` export condition serves: the same entry with the `.browser.ts` stand-ins. Its types
// are the Node build's (the API is the same).
function browserPkg(dir: string, entry: string[]): Options {
  return pkg(dir, entry, {
    outDir: `packages/${dir}/dist/browser`,
    dts: false,
    clean: true,
    platform: 'browser',
    esbuildPlugins: [browserFiles],
  });
}

const config: Options[] = [
  pkg('core', ['index', 'adapter', 'cli', 'hints']),
  browserPkg('core', ['index', 'adapter', 'hints']),
  pkg('axios-interceptor', ['index']),
  browserPkg('axios-interceptor', ['index']),
  pkg('got-hook', ['index'], { platform: 'node' }),
  pkg('fake-oss', ['index'], { format: ['esm'], platform: 'node', sourcemap: false }),
];

export default config;
