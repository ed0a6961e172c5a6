import { defineConfig, type ViteUserConfig } from 'vitest/config';

// The browser suite (pnpm test:browser): real Chromium against the fake OSS, with pages bundled from the
// built packages (run pnpm build first); see test/browser/harness.ts. Only the Node side (the harness,
// the fake OSS, the expectations) runs in vitest's workers, and it resolves the workspace packages to
// their sources, as the unit tests do.
const conditions = ['@oss-errors/source', 'module', 'node', 'import', 'default'];

const config: ViteUserConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default config;
