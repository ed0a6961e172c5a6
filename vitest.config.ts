import { defineConfig, type ViteUserConfig } from 'vitest/config';

// One run over every package. Workspace packages resolve to their TypeScript sources through the
// `@oss-errors/source` export condition, so tests need no build step.
const conditions = ['@oss-errors/source', 'module', 'node', 'import', 'default'];

const config: ViteUserConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});

export default config;
