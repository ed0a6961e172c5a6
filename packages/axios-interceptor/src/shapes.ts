/** The parts of an axios response we read. */
export interface ResponseLike {
  data: unknown;
  status: number;
  headers?: unknown;
  config?: unknown;
  request?: unknown;
}

/** The parts of an AxiosError we read or change. */
export interface AxiosErrorLike {
  isAxiosError: true;
  message: string;
  stack?: string;
  config?: unknown;
  response?: unknown;
  toJSON?: unknown;
}

/**
 * Whether a response with this status may carry an OSS error: any non-2xx, and a 203 (CallbackFailed). Any
 * other 2xx body is the user's object and is never read.
 */
export function mayCarryOssError(status: number): boolean {
  return status < 200 || status >= 300 || status === 203;
}

/** Sets `response.oss` (enumerable, like got's), unless the response has one already. */
export function setResponseOss(response: object, details: unknown): void {
  if (!Object.hasOwn(response, 'oss')) {
    Object.defineProperty(response, 'oss', { value: details, enumerable: true, configurable: true });
  }
}

/** axios's fields that hold the request as sent (URL, headers, body) and its sockets. */
export const RAW_FIELDS: readonly string[] = ['config', 'request', 'response'];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

/** An axios response: what a fulfilled request resolves with (`status` and `config`), not an error. */
export function isAxiosResponse(value: unknown): value is ResponseLike {
  return (
    isObject(value) &&
    typeof value.status === 'number' &&
    isObject(value.config) &&
    'data' in value &&
    !isErrorLike(value)
  );
}

/** An AxiosError from any copy of axios (axios's own `isAxiosError` test, plus a string message). */
export function isAxiosErrorLike(value: unknown): value is AxiosErrorLike {
  return isObject(value) && value.isAxiosError === true && typeof value.message === 'string';
}

/** Anything thrown that is an error: an AxiosError, or any Error (also from another realm). */
export function isErrorLike(value: unknown): boolean {
  return (
    isObject(value) &&
    (value.isAxiosError === true ||
      value instanceof Error ||
      Object.prototype.toString.call(value) === '[object Error]')
  );
}

/**
 * Whether axios itself resolves a response with this status: its config's `validateStatus`, the same
 * test as axios's `settle` (no status or no validateStatus also resolve).
 */
export function axiosAccepts(response: ResponseLike): boolean {
  const validateStatus = isObject(response.config) ? response.config.validateStatus : undefined;
  if (!response.status || typeof validateStatus !== 'function') return true;
  try {
    return Boolean(validateStatus(response.status));
  } catch {
    return false;
  }
}
