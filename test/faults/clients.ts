import { ossErrors as axiosOssErrors } from '@oss-errors/axios-interceptor';
import { ossErrors as gotOssErrors } from '@oss-errors/got-hook';
import type { ResponseType } from 'axios';
import {
  AXIOS_VERSIONS,
  NODE_ADAPTERS,
  recordingClient,
} from '../../packages/axios-interceptor/test/helpers';
import { got, gotVersion, streamOutcome } from '../../packages/got-hook/test/support';

// Every client the fault suite drives, behind one shape: send a GET, and report the rejection together
// with the error object the client itself made (recorded by a handler placed before ours), so a test can
// check that what the user gets is that very object.

/** How a client reads the error body: buffered by the client, or handed over as a stream. */
export type ClientMode = 'axios-buffered' | 'axios-stream' | 'got-promise' | 'got-stream';

/** The bounds of one request: ours (bodyTimeoutMs) and the client's own, as a user would set them. */
export interface Bounds {
  /** The plugin's `bodyTimeoutMs`. */
  readonly bodyTimeoutMs: number;
  /** axios: `signal: AbortSignal.timeout(ms)` (axios's own `timeout` is an idle timer on the http adapter); got: `timeout.request`. */
  readonly clientTimeoutMs: number;
}

/** What one request came to. */
export interface Outcome {
  /** What the user got: the rejection, or the stream's 'error' (got stream mode). */
  readonly error: unknown;
  /** The error as the client made it, recorded before our handler ran (undefined if no handler ran). */
  readonly made: unknown;
  /** A resolution, when the request did not fail (a fault test then fails on it). */
  readonly resolved?: unknown;
}

export interface FaultClient {
  /** e.g. `axios 1.21.1 fetch stream`, `got 14.6.6 promise`. */
  readonly name: string;
  readonly mode: ClientMode;
  request(url: string, bounds: Bounds): Promise<Outcome>;
}

function axiosClients(): FaultClient[] {
  const clients: FaultClient[] = [];
  for (const { version, axios } of AXIOS_VERSIONS) {
    for (const adapter of NODE_ADAPTERS) {
      for (const responseType of [undefined, 'stream'] as const) {
        const mode: ClientMode = responseType === 'stream' ? 'axios-stream' : 'axios-buffered';
        clients.push({
          name: `axios ${version} ${adapter} ${responseType ?? 'default'}`,
          mode,
          async request(url, bounds) {
            const type: { responseType?: ResponseType } = responseType === undefined ? {} : { responseType };
            // In stream mode bodyTimeoutMs is the bound; a signal would also cut the stream handed back.
            const signal =
              mode === 'axios-stream' ? {} : { signal: AbortSignal.timeout(bounds.clientTimeoutMs) };
            const { client, rejections } = recordingClient(axios, { adapter, ...type, ...signal });
            client.interceptors.response.use(
              ...axiosOssErrors({ warn: false, bodyTimeoutMs: bounds.bodyTimeoutMs }),
            );
            try {
              return { error: undefined, made: undefined, resolved: await client.get(url) };
            } catch (error) {
              return { error, made: rejections[0]?.error };
            }
          },
        });
      }
    }
  }
  return clients;
}

function gotClients(): FaultClient[] {
  const hooks = () => {
    const seen: { error?: Error } = {};
    const ours = gotOssErrors({ warn: false });
    const record = <E extends Error>(error: E): E => {
      seen.error = error;
      return error;
    };
    return { seen, hooks: { afterResponse: ours.afterResponse, beforeError: [record, ...ours.beforeError] } };
  };
  const options = (bounds: Bounds) => ({ retry: { limit: 0 }, timeout: { request: bounds.clientTimeoutMs } });
  return [
    {
      name: `got ${gotVersion} promise`,
      mode: 'got-promise',
      async request(url, bounds) {
        const { seen, hooks: installed } = hooks();
        try {
          return {
            error: undefined,
            made: undefined,
            resolved: await got(url, { ...options(bounds), hooks: installed }),
          };
        } catch (error) {
          return { error, made: seen.error };
        }
      },
    },
    {
      name: `got ${gotVersion} stream`,
      mode: 'got-stream',
      async request(url, bounds) {
        const { seen, hooks: installed } = hooks();
        const outcome = await streamOutcome(got.stream(url, { ...options(bounds), hooks: installed }));
        if (outcome.error === undefined) return { error: undefined, made: undefined, resolved: outcome };
        return { error: outcome.error, made: seen.error };
      },
    },
  ];
}

/** axios 1.7.0 and the latest × http and fetch × default and stream responseType; got promise and stream. */
export const FAULT_CLIENTS: readonly FaultClient[] = [...axiosClients(), ...gotClients()];
