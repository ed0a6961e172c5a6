import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS } from './helpers';

// Every axios behaviour is tested with two real axios copies (helpers.ts): this keeps them the two ends
// of the declared peer range, so the README's "Supported versions" stays what the tests run.
describe('the axios matrix', () => {
  it('is the floor of the peer range and a later 1.x', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      peerDependencies: { axios: string };
    };
    const floor = /^\^(1\.\d+\.\d+)$/.exec(manifest.peerDependencies.axios)?.[1];
    const versions = AXIOS_VERSIONS.map(({ version }) => version);
    expect(versions).toHaveLength(2);
    expect(versions[1]).toBe(floor);
    const [major, minor] = versions[0]!.split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThan(Number(floor?.split('.')[1]));
  });
});
