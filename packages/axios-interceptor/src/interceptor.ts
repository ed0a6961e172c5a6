import {
  type OssErrorsOptions,
  type ResolvedOssErrorsOptions,
  resolveOptions,
  warnOnce,
} from '@oss-errors/core/adapter';
import { checkCallbackFailed, enrichAxiosError } from './enrich';
import { describeResolvedResponse } from './resolved-response';
import { axiosAccepts, isAxiosResponse, isErrorLike, mayCarryOssError } from './shapes';

/**
 * What {@link ossErrors} returns: a response interceptor that works in all three ways of installing it.
 * It is the pair `[onFulfilled, onRejected]` for `use(...ossErrors())`, and it is also a function, for
 * `use(undefined, ossErrors())` and the short form `use(ossErrors())`.
 *
 * @example
 * const interceptor: OssErrorsInterceptor = ossErrors();
 * client.interceptors.response.use(...interceptor); // the same as use(interceptor[0], interceptor[1])
 */
export interface OssErrorsInterceptor
  extends Readonly<
    [
      onFulfilled: <R extends ResponseShape>(response: R) => Promise<R>,
      onRejected: (error: unknown) => Promise<never>,
    ]
  > {
  /** Installed alone: an error is enriched and rethrown; a response is handled as `onFulfilled` does. */
  <R extends ResponseShape>(value: R): Promise<R>;
}

/**
 * What a response interceptor receives, in every axios 1.x. Structural, so that one type fits whichever
 * axios the user has, while a request interceptor's config does not fit.
 */
type ResponseShape = { readonly status: number; readonly config: object };

const PREFIX = '[@oss-errors/axios-interceptor]';

const INSTALL = 'Install it as interceptors.response.use(...ossErrors()).';

/** The warning of the short form, `use(ossErrors())`. Exported for the tests. */
export const SHORT_FORM_WARNING: string = `${PREFIX} use(ossErrors()) sees no failed request (4xx and 5xx). ${INSTALL}`;

/** The warning for a value that is neither an error nor a response axios resolves. Exported for the tests. */
export const UNPLACED_VALUE_WARNING: string = `${PREFIX} ossErrors() got a value that is neither an error nor a response, and passed it on as a rejection. ${INSTALL}`;

function onError(error: unknown, settings: ResolvedOssErrorsOptions): Promise<never> {
  // Our failure must not replace the user's error: it is rethrown as it is, whatever happened here. Not
  // an async function: when the body is already text, enriching takes no promise hop.
  const rethrow = (): never => {
    throw error;
  };
  try {
    const pending = enrichAxiosError(error, settings);
    if (pending !== undefined) return pending.then(rethrow, rethrow);
  } catch {
    // As above.
  }
  return Promise.reject(error);
}

async function onResponse<R>(value: R, settings: ResolvedOssErrorsOptions): Promise<R> {
  // A successful response (any 2xx but 203) is passed on as it is: nothing read, nothing awaited.
  if (!isAxiosResponse(value) || !mayCarryOssError(value.status)) return value;
  if (value.status !== 203) {
    // A validateStatus accepted a failure status: it stays resolved, with response.oss.
    await describeResolvedResponse(value, settings);
    return value;
  }
  let rejection: unknown;
  try {
    rejection = await checkCallbackFailed(value, settings);
  } catch {
    return value;
  }
  if (rejection !== undefined) throw rejection;
  return value;
}

/**
 * An axios response interceptor that turns a failed Alibaba Cloud OSS request into the same AxiosError,
 * enriched: `err.oss` (code, message, request id, EC, fields, retryable, ...; also in `err.toJSON()`)
 * and a one-line message that keeps axios's words and adds the OSS code, message, request id and EC.
 * Errors that are not OSS errors pass through untouched. A 203 CallbackFailed rejects (see options). A
 * non-2xx response that resolves (a `validateStatus` that accepts it) carries `response.oss`.
 *
 * Install it with the spread form: the short form `use(ossErrors())` compiles but only ever sees
 * successful responses, so it warns once.
 *
 * @example
 * import axios from 'axios';
 * import { isOssError, ossErrors } from '@oss-errors/axios-interceptor';
 *
 * const client = axios.create();
 * client.interceptors.response.use(...ossErrors());
 * try {
 *   await client.get(url);
 * } catch (err) {
 *   if (isOssError(err)) console.log(err.oss.code, err.oss.requestId, err.response?.status);
 * }
 */
export function ossErrors(options?: OssErrorsOptions): OssErrorsInterceptor {
  const settings = resolveOptions(options);
  // One warning per interceptor, whichever of the two it is.
  const warn = warnOnce(settings.warn);

  const onFulfilled = <R extends ResponseShape>(response: R): Promise<R> => onResponse(response, settings);
  const onRejected = (error: unknown): Promise<never> => onError(error, settings);

  // Installed alone, the function cannot know which slot it is in: it tells by the value's shape.
  const interceptor = <R extends ResponseShape>(value: R): Promise<R> => {
    if (isErrorLike(value)) return onRejected(value);
    if (isAxiosResponse(value) && axiosAccepts(value)) {
      warn(SHORT_FORM_WARNING);
      return onFulfilled(value);
    }
    // Neither an error nor a response axios resolves: a rejection stays a rejection.
    warn(UNPLACED_VALUE_WARNING);
    return Promise.reject(value);
  };

  Object.defineProperties(interceptor, {
    0: { value: onFulfilled, enumerable: true },
    1: { value: onRejected, enumerable: true },
    length: { value: 2 },
    [Symbol.iterator]: {
      value: function* iterate() {
        yield onFulfilled;
        yield onRejected;
      },
    },
  });
  return interceptor as unknown as OssErrorsInterceptor;
}
