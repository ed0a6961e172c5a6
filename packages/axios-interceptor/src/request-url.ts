import { Axios, type AxiosRequestConfig } from 'axios';

// An instance with no defaults of its own: getUri merges the config with the instance's defaults, and
// the global axios defaults (a baseURL or params set for other requests) must not leak into the URL.
let uriBuilder: Axios | undefined;

// axios's isAbsoluteURL: `<scheme>://` or `//`.
const ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;

interface UrlConfig {
  readonly url?: unknown;
  readonly baseURL?: unknown;
  readonly params?: unknown;
  readonly allowAbsoluteUrls?: unknown;
}

/**
 * The full URL a request went to (baseURL, url and params, serialized the way axios sent them), or
 * undefined. The core masks its signatures and tokens before keeping it.
 *
 * When the URL is `url` as it stands (no params, and no baseURL or an absolute `url`: a presigned URL, a
 * signer that puts everything in `url`), it is returned as is: `getUri` would merge the whole config
 * again, the costliest step of the error path. Otherwise axios joins and serializes them (`getUri`), as it
 * did when it sent the request (the join differs between axios versions).
 */
export function requestUrl(config: unknown): string | undefined {
  if (config === null || typeof config !== 'object') return undefined;
  const { url, baseURL, params, allowAbsoluteUrls } = config as UrlConfig;
  if ((params === undefined || params === null) && typeof url === 'string') {
    const hasBase = typeof baseURL === 'string' && baseURL !== '';
    if (!hasBase || (ABSOLUTE.test(url) && allowAbsoluteUrls !== false)) return url;
  }
  try {
    uriBuilder ??= new Axios({});
    return uriBuilder.getUri(config as AxiosRequestConfig);
  } catch {
    return typeof url === 'string' ? url : undefined;
  }
}

/** The request method, when the config has one. */
export function requestMethod(config: unknown): string | undefined {
  if (config === null || typeof config !== 'object') return undefined;
  const method = (config as { method?: unknown }).method;
  return typeof method === 'string' ? method : undefined;
}
