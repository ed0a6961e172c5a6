import { configDefaults, defineConfig, type ViteUserConfig } from 'vitest/config';

// One run over every package. Workspace packages resolve to their TypeScript sources through the
// `@oss-errors/source` export condition, so tests need no build step. The type tests (*.test-d.ts) are
// in tsconfig.json, so `pnpm typecheck` (tsc) checks every expectTypeOf in them; vitest's own typecheck
// would run tsc over the same files a second time, behind a notice that the feature is experimental.
const conditions = ['@oss-errors/source', 'module', 'node', 'import', 'default'];

const config: ViteUserConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // Chromium's suite has its own config (vitest.browser.config.ts) and needs the build.
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    testTimeout: 20_000,
  },
});

export default config;
