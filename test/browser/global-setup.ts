import type { TestProject } from 'vitest/node';
import { launchChromium } from './harness';

/** Starts Chromium once for every browser test file; they connect to it (see harness.ts). */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await launchChromium();
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return () => server.close();
}
