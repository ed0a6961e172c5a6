// The clients every network measurement compares: the same library, the same keep-alive agent, with and
// without the plugin. The plugin is imported only when asked for, so "without" never loads its code.
import http from 'node:http';

/** One keep-alive agent per library, shared by both variants: neither gets colder sockets. */
export function keepAliveAgent(maxSockets) {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

// `noop`: a do-nothing interceptor or pair of hooks in the plugin's place, which tells what the client
// library charges for having any (axios's promise chain, got's hook machinery) from what the plugin's
// code adds. `parseOnly`: an interceptor or hook that does the least an OSS-aware one can do to a failed
// request, `error.oss = parseOssError(...)`, and nothing else (no message, no stack, nothing log-safe).

/** The least OSS-aware work on a failed request: the parse, its result set as a plain field. */
async function parseOnlyStep() {
  const { parseOssError } = await import('@oss-errors/core');
  return (error, response, method, url) => {
    if (response)
      error.oss = parseOssError({
        status: response.status,
        headers: response.headers,
        body: response.data,
        method,
        url,
      });
  };
}

export async function axiosClient({ agent, plugin, noop, parseOnly, responseType }) {
  const { default: axios } = await import('axios');
  const client = axios.create({ httpAgent: agent, ...(responseType ? { responseType } : {}) });
  if (plugin) {
    const { ossErrors } = await import('@oss-errors/axios-interceptor');
    client.interceptors.response.use(...ossErrors());
  } else if (noop) {
    client.interceptors.response.use(
      (response) => response,
      (error) => Promise.reject(error),
    );
  } else if (parseOnly) {
    const step = await parseOnlyStep();
    client.interceptors.response.use(
      (response) => response,
      (error) => {
        step(error, error.response, error.config?.method, error.config?.url);
        return Promise.reject(error);
      },
    );
  }
  return client;
}

export async function gotClient({ agent, plugin, noop, parseOnly }) {
  const { default: got } = await import('got');
  const client = got.extend({ agent: { http: agent }, retry: { limit: 0 } });
  if (plugin) {
    const { ossErrors } = await import('@oss-errors/got-hook');
    return client.extend({ hooks: ossErrors() });
  }
  if (noop)
    return client.extend({
      hooks: { afterResponse: [(response) => response], beforeError: [(error) => error] },
    });
  if (parseOnly) {
    const step = await parseOnlyStep();
    const beforeError = (error) => {
      const response = error.response;
      const shape = response && {
        status: response.statusCode,
        headers: response.headers,
        data: response.body,
      };
      step(error, shape, error.options?.method, error.options?.url?.href);
      return error;
    };
    return client.extend({ hooks: { beforeError: [beforeError] } });
  }
  return client;
}

/**
 * One failing GET of `url` through `client`: resolves once it rejects, and throws if it resolved or if
 * the error is not enriched exactly when the plugin is installed (a run that did not enrich measures
 * nothing).
 */
export function failingRequest(library, client, url, plugin) {
  const send = library === 'axios' ? () => client.get(url) : () => client(url);
  return async () => {
    try {
      await send();
    } catch (error) {
      if (plugin !== (error.oss !== undefined)) throw new Error(`unexpected error shape: ${error.message}`);
      return;
    }
    throw new Error(`${url} did not fail`);
  };
}
