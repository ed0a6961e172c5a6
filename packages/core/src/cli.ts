#!/usr/bin/env node
// The `oss-errors` command: `oss-errors explain [file|-] [--json] [--status <code>] [--string-to-sign <file|->]`.
import { readFileSync } from 'node:fs';
import { explain, USAGE } from './explain';
import { parseExplainArgs } from './explain/args';

// HAR files with response bodies run to tens of MiB; everything else is far smaller.
const MAX_INPUT = 256 * 1024 * 1024;

function readText(file: string | undefined): string {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY) throw new Error('give a file, or pipe the response into standard input');
  }
  const bytes = readFileSync(file === undefined || file === '-' ? 0 : file);
  if (bytes.length > MAX_INPUT) throw new Error(`it is larger than ${MAX_INPUT / 1024 / 1024} MiB`);
  return bytes.toString('utf8');
}

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'explain') {
    process.stderr.write(`oss-errors: unknown command ${command}\n${USAGE}\n`);
    return 2;
  }
  const options = parseExplainArgs(rest);
  let input = '';
  if (!('error' in options)) {
    try {
      input = readText(options.file);
    } catch (error) {
      process.stderr.write(
        `oss-errors explain: cannot read ${options.file ?? 'standard input'}: ${(error as Error).message}\n`,
      );
      return 2;
    }
  }
  const result = explain(rest, input, readText);
  const stream = result.stream ?? (result.exitCode === 0 ? 'stdout' : 'stderr');
  process[stream].write(`${result.output}\n`);
  return result.exitCode;
}

process.exitCode = main(process.argv.slice(2));
