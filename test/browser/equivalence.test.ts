import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EQUIVALENCE_CASES } from '../../packages/core/test/equivalence-cases';
import { type BrowserPage, openBrowserPage } from './harness';

// The core's equivalence table (packages/core/test/equivalence-cases.ts: every shared sample and peer
// vector, the variants and hostile bodies of the tests, hostile fragments injected into samples, generated
// documents) through the browser build in Chromium: the same details as every reader in Node.

let page: BrowserPage;
beforeAll(async () => {
  page = await openBrowserPage(new URL('./pages/equivalence.ts', import.meta.url));
});
afterAll(async () => {
  await page?.close();
});

describe('the equivalence table in Chromium', () => {
  it('is read by the browser build, with no fast-xml-parser in the page', () => {
    expect(page.bundle.inputs).toContain('packages/core/dist/browser/index.js');
    expect(page.bundle.inputs.filter((input) => input.includes('fast-xml-parser'))).toEqual([]);
  });

  it('gives the details of every case', async () => {
    const details = await page.run<Array<Record<string, unknown> | null>>('parseCases');
    expect(details).toHaveLength(EQUIVALENCE_CASES.length);
    for (const [index, { name, expected }] of EQUIVALENCE_CASES.entries()) {
      expect(details[index], name).toEqual(expected);
    }
  });

  it('leaves no console error, uncaught exception or unhandled rejection in the page', async () => {
    expect(await page.takeProblems()).toEqual([]);
  });
});
