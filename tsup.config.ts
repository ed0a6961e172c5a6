import type { Options } from 'tsup';

// One build for every package: ESM and CJS, each with its own declaration file (.d.ts / .d.cts).
function pkg(dir: string, entry: string[], overrides: Options = {}): Options {
  return {
    entry: Object.fromEntries(entry.map((name) => [name, `packages/${dir}/src/${name}.ts`])),
    outDir: `packages/${dir}/dist`,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    tsconfig: 'tsconfig.build.json',
    external: [/^@oss-errors\//, 'fast-xml-parser', 'axios', 'got'],
    ...overrides,
  };
}

const config: Options[] = [
  pkg('core', ['index', 'adapter', 'cli', 'hints']),
  pkg('axios-interceptor', ['index']),
  pkg('got-hook', ['index'], { platform: 'node' }),
  pkg('fake-oss', ['index', 'leaks'], { format: ['esm'], platform: 'node', sourcemap: false }),
];

export default config;
