import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOT_ALIASES, type GotAlias, gotName, gotVersion, installedGotVersion } from './support';

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

describe('the got matrix', () => {
  it('has a got of every major version in the declared peer range, and 14 before and after 14.2', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      peerDependencies: { got: string };
    };
    const [, lowest, above] = (/^>=(\d+) <(\d+)$/.exec(manifest.peerDependencies.got) ?? []).map(Number);
    const versions = GOT_ALIASES.map(installedGotVersion);
    const majors = [...new Set(versions.map((version) => Number(version.split('.')[0])))];
    const range = Array.from({ length: above! - lowest! }, (_, index) => lowest! + index);
    expect(majors.sort((a, b) => a - b)).toStrictEqual(range);
    // got 14.2.0 added `cause`, which the 203 CallbackFailed rejection used to depend on.
    expect(versions.filter((version) => /^14\.[01]\./.test(version))).toHaveLength(2);
    expect(versions.filter((version) => /^14\.(?:[2-9]|\d\d)\./.test(version))).toHaveLength(1);
  });
});
