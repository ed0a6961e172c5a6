import { Axios, type AxiosRequestConfig } from 'axios';

// An instance with no defaults of its own: getUri merges the config with the instance's defaults, and
// the global axios defaults (a baseURL or params set for other requests) must not leak into the URL.
let uriBuilder: Axios | undefined;

/**
 * The full URL a request went to (baseURL, url and params, serialized the way axios sent them), or
 * undefined. The core masks its signatures and tokens before keeping it.
 */
export function requestUrl(config: unknown): string | undefined {
  if (config === null || typeof config !== 'object') return undefined;
  const url = (config as { url?: unknown }).url;
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
