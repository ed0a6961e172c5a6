import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isOssError } from '@oss-errors/core';
import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every ```ts sample in every README is a module of its own: what it uses but does not declare (the
// `client` an earlier sample made, the `url` it fetches) comes from the README's context below, and
// nothing else is added. Each module is type-checked with the project's strict settings, then run
// against the fake OSS server. A sample may end by rethrowing the OSS error it just showed: that counts
// as running, any other failure does not.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Context = Record<string, string>;
const shared: Context = {
  url: "const url = process.env.OSS_SAMPLE_URL ?? '';",
  presignedUrl: "const presignedUrl = process.env.OSS_SAMPLE_URL ?? '';",
  axios: "import axios from 'axios';",
  got: "import got from 'got';",
};
const CONTEXTS: Record<string, Context> = {
  'README.md': shared,
  'packages/core/README.md': {
    ...shared,
    parseOssError: "import { parseOssError } from '@oss-errors/core';",
    OssError: "import { OssError } from '@oss-errors/core';",
    isOssError: "import { isOssError } from '@oss-errors/core';",
    download: [
      'async function download(): Promise<void> {',
      '  const res = await fetch(presignedUrl);',
      '  const details = parseOssError({ status: res.status, headers: res.headers, body: await res.text() });',
      '  if (details) throw new OssError(details);',
      '}',
    ].join('\n'),
  },
  'packages/axios-interceptor/README.md': {
    ...shared,
    ossErrors: "import { ossErrors } from '@oss-errors/axios-interceptor';",
    isOssError: "import { isOssError } from '@oss-errors/axios-interceptor';",
    client: 'const client = axios.create();\nclient.interceptors.response.use(...ossErrors());',
    sign: 'const sign = <Config>(config: Config, _signingTime: Date): Config => config;',
  },
  'packages/got-hook/README.md': {
    ...shared,
    ossErrors: "import { ossErrors } from '@oss-errors/got-hook';",
    isOssError: "import { isOssError } from '@oss-errors/got-hook';",
    client: 'const client = got.extend({ hooks: ossErrors() });',
    refreshTokenOn403: 'const refreshTokenOn403 = <Response>(response: Response): Response => response;',
    reportToSentry: 'const reportToSentry = <E extends Error>(error: E): E => error;',
  },
};

interface Sample {
  readme: string;
  index: number;
  file: string;
  code: string;
}

function declares(code: string, name: string): boolean {
  const id = name.replace(/\$/g, '\\$');
  return new RegExp(
    `(?:\\b(?:const|let|var|function|class)\\s+${id}\\b)|(?:import\\s[^;]*\\b${id}\\b[^;]*from)`,
  ).test(code);
}

function uses(code: string, name: string): boolean {
  // A name, not a property (`.name`); a spread (`...name`) counts.
  return new RegExp(`(?<![.\\w$])${name}\\b`).test(code.replace(/\.\.\./g, ' '));
}

/** The sample with what it needs from the context, imports first. */
function withContext(code: string, context: Context): string {
  const needed = new Set<string>();
  const visit = (text: string): void => {
    for (const [name, declaration] of Object.entries(context)) {
      if (needed.has(name) || !uses(text, name) || declares(code, name)) continue;
      needed.add(name);
      visit(declaration);
    }
  };
  visit(code);
  const declarations = Object.entries(context)
    .filter(([name]) => needed.has(name))
    .map(([, d]) => d);
  const imports = declarations.filter((d) => d.startsWith('import '));
  const others = declarations.filter((d) => !d.startsWith('import '));
  return [...imports, ...others, '', code, '', 'export {};', ''].join('\n');
}

function collectSamples(): Sample[] {
  const readmes = ['README.md', ...readdirSync(join(root, 'packages')).map((p) => `packages/${p}/README.md`)];
  const samples: Sample[] = [];
  for (const readme of readmes) {
    let text: string;
    try {
      text = readFileSync(join(root, readme), 'utf8');
    } catch {
      continue;
    }
    const context = CONTEXTS[readme];
    const blocks = [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    if (blocks.length > 0 && context === undefined) throw new Error(`${readme} has samples but no context`);
    const dir = join(root, dirname(readme), '.tmp', 'readme-samples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    blocks.forEach((code, index) => {
      const file = join(dir, `sample-${index + 1}.ts`);
      writeFileSync(file, withContext(code, context!));
      samples.push({ readme, index: index + 1, file, code });
    });
  }
  return samples;
}

const samples = collectSamples();
let oss: FakeOss;

beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

describe('README samples', () => {
  it('are there: at least one per README that shows code', () => {
    const readmes = new Set(samples.map((s) => s.readme));
    for (const readme of Object.keys(CONTEXTS)) expect(readmes.has(readme), readme).toBe(true);
  });

  it('type-check with the strict project settings', () => {
    const tsconfig = join(root, '.tmp', 'readme-samples.tsconfig.json');
    mkdirSync(dirname(tsconfig), { recursive: true });
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: '../tsconfig.base.json',
        compilerOptions: { types: ['node'], isolatedDeclarations: false, noEmit: true },
        files: samples.map((s) => relative(dirname(tsconfig), s.file)),
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', tsconfig], { cwd: root, encoding: 'utf8' });
    } catch (error) {
      throw new Error(
        `README samples do not type-check:\n${(error as { stdout?: string }).stdout ?? String(error)}`,
      );
    }
  }, 60_000);

  it.each(samples.map((s) => [`${s.readme} #${s.index}`, s] as const))('%s runs', async (_, sample) => {
    process.env.OSS_SAMPLE_URL = oss.url('/fixture/NoSuchKey.real-opendal.xml');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    let printed: unknown[][];
    try {
      await import(/* @vite-ignore */ `${pathToFileURL(sample.file).href}?run=${Date.now()}`);
    } catch (error) {
      if (!isOssError(error)) throw error;
    } finally {
      printed = [...log.mock.calls];
      log.mockRestore();
    }
    if (/console\.log\(/.test(sample.code)) {
      // The samples log inside `if (isOssError(err))`: printing proves the OSS branch ran.
      expect(JSON.stringify(printed), 'the sample reached its console.log').toContain('NoSuchKey');
    }
  });
});
