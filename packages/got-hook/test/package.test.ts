import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'tsup';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import tsupConfig from '../../../tsup.config';
import * as api from '../src/index';

const srcDir = new URL('../src/', import.meta.url);
const sources = readdirSync(srcDir).filter((file) => file.endsWith('.ts'));

// A module specifier that names got (or a file inside it), in an import, export-from, dynamic import or require.
const GOT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]got(?:\/[^'"]*)?['"]/;

describe('the package', () => {
  it('exports exactly the documented names (no default export)', () => {
    expect(Object.keys(api).sort()).toStrictEqual([
      'isOssError',
      'ossAfterResponse',
      'ossBeforeError',
      'ossErrors',
      'parseOssError',
    ]);
  });

  it('ossErrors() returns fresh arrays of one hook each', () => {
    const first = api.ossErrors();
    const second = api.ossErrors();
    expect(Object.keys(first).sort()).toStrictEqual(['afterResponse', 'beforeError']);
    expect(first.afterResponse).toHaveLength(1);
    expect(first.beforeError).toHaveLength(1);
    expect(first.afterResponse).not.toBe(second.afterResponse);
    expect(first.afterResponse[0]).toBeTypeOf('function');
  });

  it.each(sources)('src/%s imports nothing from got at runtime, once compiled', (file) => {
    const source = readFileSync(new URL(file, srcDir), 'utf8');
    // Type-only imports are allowed in the source (JSDoc examples aside), and vanish when compiled.
    const code = source.split('\n').filter((text) => !/^\s*(?:\*|\/\/|\/\*)/.test(text));
    for (const line of code.filter((text) => GOT_SPECIFIER.test(text))) {
      expect(line).toMatch(/^\s*(?:import|export)\s+type\s/);
    }
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
        removeComments: true,
      },
    });
    expect(outputText).not.toMatch(GOT_SPECIFIER);
  });

  // The build itself: the root tsup config's got-hook entry, written to a scratch folder instead of dist/.
  it('the built ESM and CJS files import nothing from got', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'got-hook-build-'));
    try {
      const entry = tsupConfig.find((options) => options.outDir === 'packages/got-hook/dist');
      expect(entry).toBeDefined();
      await build({ ...entry, outDir, dts: false, sourcemap: false, clean: false, silent: true });
      const built = readdirSync(outDir).filter((file) => /\.c?js$/.test(file));
      expect(built.sort()).toStrictEqual(['index.cjs', 'index.js']);
      for (const file of built) {
        const text = readFileSync(join(outDir, file), 'utf8');
        expect(text, file).toContain('ossErrors');
        expect(text, file).not.toMatch(GOT_SPECIFIER);
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
