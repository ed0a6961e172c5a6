import axiosLatest from 'axios';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestUrl } from '../src/request-url';
import { AXIOS_VERSIONS } from './helpers';

// The URL kept in err.oss.url is the one axios sent. When that is `url` as it stands, requestUrl returns
// it without getUri's config merge; rule: for every config, it equals what axios's own getUri gives on an
// instance without defaults.

const segment = fc.stringMatching(/^[a-z0-9._~%-]{0,8}$/);
const path = fc.array(fc.oneof(segment, fc.constant('')), { maxLength: 4 }).map((parts) => parts.join('/'));
const absolute = fc
  .tuple(fc.constantFrom('https://', 'http://', '//', 'HTTPS://', 'web+oss://'), segment, path)
  .map(([scheme, host, rest]) => `${scheme}b${host}.oss-cn-hangzhou.aliyuncs.com/${rest}`);
const relative = fc.tuple(fc.constantFrom('', '/', '//x', 'k/'), path).map(([head, rest]) => head + rest);
const query = fc.constantFrom('', '?Expires=1&Signature=abc%3D', '?x-oss-credential=a%2Fb#frag');
const anUrl = fc.tuple(fc.oneof(absolute, relative), query).map(([u, q]) => u + q);
const aBase = fc.oneof(
  fc.constant(undefined),
  fc.constant(''),
  fc.tuple(absolute, fc.constantFrom('', '/', '//', '///')).map(([b, slashes]) => b + slashes),
);

// The configs whose URL is `url` as it stands, which requestUrl returns without asking axios.
function urlAsItStands(config: {
  url: string | undefined;
  baseURL: string | undefined;
  params: unknown;
}): boolean {
  return (
    config.params == null &&
    typeof config.url === 'string' &&
    (!config.baseURL || /^([a-z][a-z\d+\-.]*:)?\/\//i.test(config.url))
  );
}

describe('requestUrl', () => {
  for (const { version, axios } of AXIOS_VERSIONS) {
    // The installed axios (whose getUri requestUrl calls) for every config; an older one for the configs
    // requestUrl answers itself (the join of baseURL and url changed between versions).
    const latest = version === axiosLatest.VERSION;
    it(`equals axios ${version}'s getUri for ${latest ? 'every config' : 'a URL as it stands'}`, () => {
      const builder = new axios.Axios({});
      fc.assert(
        fc.property(
          fc.option(anUrl, { nil: undefined }),
          aBase,
          // allowAbsoluteUrls came in axios 1.8: older versions ignore it.
          latest ? fc.constantFrom(undefined, true, false) : fc.constant(undefined),
          fc.constantFrom(undefined, null, { prefix: 'a b' }),
          (url, baseURL, allowAbsoluteUrls, params) => {
            const config = { url, baseURL, allowAbsoluteUrls, params };
            fc.pre(latest || urlAsItStands(config));
            let expected: string | undefined;
            try {
              expected = builder.getUri(config as never);
            } catch {
              expected = url;
            }
            // axios gives '' or undefined for a config with no URL at all; so do we.
            expect(requestUrl(config) ?? '').toBe(expected ?? '');
          },
        ),
        { numRuns: 2000 },
      );
    });
  }
});
