import { configDefaults, defineConfig, type ViteUserConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The got-hook suite once per got version, as vitest projects in one process: scripts/test-matrix.mjs picks
// the projects a Node version can run (`--project got15 --project got16` on Node 22). Each project sets
// OSS_ERRORS_GOT, which test/support.ts reads to import that got. The type tests run in the main run, and so
// does package.test.ts (the build and the exports, the same whatever got the application has).
// `isolate: false` lets a worker run several of a project's files with one module graph, which halves the
// run; vitest never hands a worker to another project, so each project still imports only its own got.
const GOTS = ['got12', 'got13', 'got14-0', 'got14-1', 'got', 'got15', 'got16'];

const config: ViteUserConfig = defineConfig({
  resolve: base.resolve!,
  ssr: base.ssr!,
  test: {
    projects: GOTS.map((name) => ({
      extends: true,
      test: {
        name,
        include: ['packages/got-hook/test/**/*.test.ts'],
        exclude: [...configDefaults.exclude, 'packages/got-hook/test/package.test.ts'],
        env: { OSS_ERRORS_GOT: name },
        isolate: false,
        testTimeout: 20_000,
      },
    })),
  },
});

export default config;
