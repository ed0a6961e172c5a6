import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

// The xhr adapter runs only in a browser, so it cannot run here. What makes the package safe there is
// checked statically: no Node built-in is imported (statically or dynamically) and no Node global is used.
// Node streams are handled with the stream's own methods only (src/node-stream.ts).

const SRC = new URL('../src/', import.meta.url);
const files = readdirSync(SRC).filter((file) => file.endsWith('.ts'));
const NODE_GLOBALS = /\b(Buffer|process|require|__dirname|__filename|global|setImmediate)\b/;
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function codeOf(file: string): string {
  // Comments may name Node things; only code counts.
  return readFileSync(new URL(file, SRC), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s\/\/.*$/gm, '');
}

function specifiersOf(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'|\bimport\s+'([^']+)'/g)) {
    found.push((match[1] ?? match[2] ?? match[3])!);
  }
  return found;
}

describe('browser safety of src/', () => {
  it('has the files we expect to check', () => {
    expect(files).toContain('index.ts');
    expect(files).toContain('node-stream.ts');
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s imports only the core, axios and its own files', (file) => {
    const specifiers = specifiersOf(codeOf(file));
    for (const specifier of specifiers) {
      expect(builtins.has(specifier), specifier).toBe(false);
      expect(
        specifier.startsWith('./') ||
          ['@oss-errors/core', '@oss-errors/core/adapter', 'axios'].includes(specifier),
        specifier,
      ).toBe(true);
    }
    expect(codeOf(file)).not.toMatch(/\bimport\s*\(/);
  });

  it.each(files)('%s uses no Node global', (file) => {
    expect(codeOf(file)).not.toMatch(NODE_GLOBALS);
  });
});
