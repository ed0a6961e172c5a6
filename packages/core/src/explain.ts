// `explain` prints the hint, so the CLI registers the hint table whichever entry point loaded it.
import './hints';
import { parseExplainArgs } from './explain/args';
import { describe } from './explain/describe';
import { explainHar, readHar } from './explain/har';
import { readPastedResponse } from './explain/read-input';
import { compareStringToSign } from './explain/signature-diff';
import { parseOssError } from './parse';

/** What `oss-errors explain` prints and the exit code it ends with. */
export interface ExplainResult {
  readonly exitCode: 0 | 1 | 2;
  readonly output: string;
  /** Where the command prints it; default: standard output on exit code 0, standard error otherwise. */
  readonly stream?: 'stdout' | 'stderr';
}

const NO_OSS_ERROR = 'oss-errors explain: no OSS error found in the input';

/**
 * The `oss-errors explain` command, without I/O: reads a failed response as pasted (a raw `<Error>` XML
 * body, a JSON error body, a base64 `x-oss-err` value, headers and a body, `curl -i` output, or a HAR file)
 * and says what OSS meant, secrets masked. With `--string-to-sign FILE`, `readFile` supplies that file and the
 * result names the first line where it differs from the StringToSign OSS echoed. Exit code 0: explained (or a
 * difference found); 1: no OSS error in the input (or no difference); 2: bad usage.
 *
 * @example
 * explain(['--json'], '<Error><Code>NoSuchKey</Code></Error>').output; // '{ "status": 400, "code": "NoSuchKey", ... }'
 */
export function explain(
  args: readonly string[],
  input: string,
  readFile: (file: string) => string = () => {
    throw new Error('no file reader');
  },
): ExplainResult {
  const options = parseExplainArgs(args);
  if ('error' in options) return { exitCode: 2, output: `oss-errors explain: ${options.error}\n${USAGE}` };
  if (input.trim() === '') return { exitCode: 2, output: `oss-errors explain: the input is empty\n${USAGE}` };

  const har = readHar(input);
  if (typeof har === 'string') return { exitCode: 1, output: `${NO_OSS_ERROR}: ${har}` };
  if (har !== undefined) {
    if (options.status !== undefined || options.stringToSign !== undefined) {
      const option = options.status !== undefined ? '--status' : '--string-to-sign';
      return { exitCode: 2, output: `oss-errors explain: ${option} takes one response, not a HAR file` };
    }
    return explainHar(har, options.json);
  }

  const read = readPastedResponse(input, options.status);
  const details = read === undefined ? undefined : parseOssError(read);
  if (read === undefined || details === undefined) {
    const seen = read === undefined ? 'nothing recognisable' : read.kind;
    const flatJson = read?.kind === 'an error body' && read.body.trimStart().startsWith('{');
    return {
      exitCode: 1,
      output:
        `${NO_OSS_ERROR} (read ${seen}).\n` +
        'An OSS error has an <Error> document (XML or JSON), an x-oss-err header or an x-oss-request-id header;\n' +
        'a 2xx/3xx response, or a CDN or proxy page without them, is not one.' +
        (flatJson
          ? '\nA JSON body such as {"message": ...} carries its code in the x-oss-error-type header: paste the whole response (curl -i).'
          : ''),
    };
  }
  if (options.stringToSign !== undefined) {
    let text: string;
    try {
      text = readFile(options.stringToSign);
    } catch (error) {
      return {
        exitCode: 2,
        output: `oss-errors explain: cannot read ${options.stringToSign}: ${(error as Error).message}`,
      };
    }
    const comparison = compareStringToSign(read, details, text);
    // "Identical" (exit code 1) is an answer, not a failure: it goes where answers go.
    return comparison.exitCode === 1 ? { ...comparison, stream: 'stdout' } : comparison;
  }
  if (options.json) {
    // Without the status, the fault side is unknown, and so is the retry verdict unless the code decides it.
    const unknown = read.statusKnown
      ? {}
      : {
          status: null,
          fault: null,
          retryable: details.retryable ? true : null,
          ...(details.source === 'status' ? { code: null, message: null, hint: null } : {}),
        };
    return { exitCode: 0, output: JSON.stringify({ ...details, ...unknown }, null, 2) };
  }
  return { exitCode: 0, output: describe(details, read.statusKnown) };
}

/** How to call the command. */
export const USAGE: string = [
  'Usage: oss-errors explain [file|-] [--json] [--status <code>]',
  '       oss-errors explain <response-file> --string-to-sign <file|->',
  '',
  'Reads a failed OSS response from a file or standard input and prints what went wrong and what to do next.',
  'Accepts a raw <Error> XML body, a JSON error body, a base64 x-oss-err header value, headers and a body,',
  'a whole response as printed by `curl -i`, or a HAR file saved from the browser devtools (every OSS error',
  'in it). --string-to-sign compares the StringToSign (or V4 canonical request) your signer produced with the',
  'one OSS echoed in a SignatureDoesNotMatch response and names the first line that differs.',
].join('\n');
