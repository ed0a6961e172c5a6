#!/usr/bin/env node
// The `oss-errors` command: `oss-errors explain [file|-] [--json] [--status <code>]`.
import { readFileSync } from 'node:fs';
import { explain, USAGE } from './explain';

const MAX_INPUT = 8 * 1024 * 1024;

function readInput(file: string | undefined): string {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY) throw new Error('give a file, or pipe the response into standard input');
    return readFileSync(0).subarray(0, MAX_INPUT).toString('utf8');
  }
  return readFileSync(file).subarray(0, MAX_INPUT).toString('utf8');
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
  const file = rest.find((arg, i) => !arg.startsWith('--') && rest[i - 1] !== '--status');
  let input: string;
  try {
    input = readInput(file);
  } catch (error) {
    process.stderr.write(
      `oss-errors explain: cannot read ${file ?? 'standard input'}: ${(error as Error).message}\n`,
    );
    return 2;
  }
  const result = explain(
    rest.filter((arg) => arg !== file),
    input,
  );
  (result.exitCode === 0 ? process.stdout : process.stderr).write(`${result.output}\n`);
  return result.exitCode;
}

process.exitCode = main(process.argv.slice(2));
