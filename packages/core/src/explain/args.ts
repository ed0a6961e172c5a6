/** The options of `oss-errors explain`, parsed. */
export interface ExplainArgs {
  readonly json: boolean;
  readonly status?: number;
  /** The response file; `-` or absent: standard input. */
  readonly file?: string;
  /** `--string-to-sign FILE`: the user's own StringToSign or canonical request; `-`: standard input. */
  readonly stringToSign?: string;
}

/** Parses the arguments after `explain`, or says what is wrong with them. */
export function parseExplainArgs(args: readonly string[]): ExplainArgs | { readonly error: string } {
  let json = false;
  let status: number | undefined;
  let file: string | undefined;
  let stringToSign: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--status') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 100 || value > 599) {
        return { error: '--status takes an HTTP status such as 403' };
      }
      status = value;
    } else if (arg === '--string-to-sign') {
      stringToSign = args[++i];
      if (stringToSign === undefined || stringToSign === '') {
        return { error: '--string-to-sign takes a file (or - for standard input)' };
      }
    } else if (arg.startsWith('--')) {
      return { error: `unknown option ${arg}` };
    } else if (file !== undefined) {
      return { error: `one response at a time: got ${file} and ${arg}` };
    } else file = arg;
  }
  if (stringToSign === '-' && (file === undefined || file === '-')) {
    return { error: '--string-to-sign - reads standard input, so give the response as a file' };
  }
  if (stringToSign !== undefined && json) return { error: '--json does not go with --string-to-sign' };
  return {
    json,
    ...(status === undefined ? {} : { status }),
    ...(file === undefined ? {} : { file }),
    ...(stringToSign === undefined ? {} : { stringToSign }),
  };
}
