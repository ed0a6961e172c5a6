import { describe, expect, it } from 'vitest';
import { type GotAlias, gotName, gotVersion } from './support';

// The suite runs once per got version (vitest.got.config.ts, scripts/test-matrix.mjs): this fails when a run
// drives another got than the one it names, so a misplaced alias cannot pass for a tested version.
describe('the got under test', () => {
  it(`runs against the got this suite was asked for (${gotName} ${gotVersion}, Node ${process.version})`, () => {
    const versionLine: Record<GotAlias, string> = {
      got: '14.',
      got12: '12.',
      got13: '13.',
      'got14-0': '14.0.',
      'got14-1': '14.1.',
      got15: '15.',
      got16: '16.',
    };
    expect(gotVersion.startsWith(versionLine[gotName]), gotVersion).toBe(true);
    // got 15 and 16 need Node 22.
    if (Number(gotVersion.split('.')[0]) >= 15) {
      expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
    }
  });
});
