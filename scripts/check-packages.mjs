// Checks every publishable package the way a user gets it: packed into a tarball.
// 1. publint and are-the-types-wrong on the tarball (exports map, ESM/CJS types for each condition, and the
//    node10 resolution that ignores `exports`).
// 2. npm installs the tarballs into one scratch project outside the repository (so nothing resolves from the
//    workspace), next to axios and got, and uses them from ESM and CJS on Node 18, 20, 22 and 24
//    (the binaries of scripts/node-versions.mjs); on Node 18 core and the axios interceptor only, since the
//    got hooks need Node 20.
// 3. TypeScript consumers (skipLibCheck: false) compile against the installed tarballs with module and
//    moduleResolution node16, nodenext, bundler and node10 (`commonjs`), ESM and CJS files, and a
//    misspelt option must fail to compile in each.
import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fail, NODE_MAJORS, nodeBinary } from './node-versions.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'oss-errors-packages-'));
const packs = join(work, 'packs');
mkdirSync(packs);

const run = (command, args, cwd = root) =>
  execFileSync(command, args, { cwd, stdio: 'inherit', env: process.env });

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => manifest.private !== true);

const tarballs = [];
for (const { dir, manifest } of packages) {
  console.log(`\n== ${manifest.name}`);
  run('pnpm', ['pack', '--pack-destination', packs], dir);
  const tarball = join(packs, `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`);
  tarballs.push(tarball);
  run('npx', ['--no-install', 'publint', 'run', tarball, '--strict']);
  // The default (strict) profile: node10, node16 from CJS and from ESM, bundler.
  run('npx', ['--no-install', 'attw', tarball]);
}

console.log('\n== installing the tarballs into a scratch project with npm, next to axios and got');
const consumer = join(work, 'consumer');
mkdirSync(consumer);
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }),
);
run(
  'npm',
  [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...tarballs,
    'axios@1',
    'got@14',
  ],
  consumer,
);
copyFileSync(join(root, 'scripts', 'consumer-check.mjs'), join(consumer, 'check.mjs'));
copyFileSync(join(root, 'scripts', 'consumer-check.cjs'), join(consumer, 'check.cjs'));
for (const major of NODE_MAJORS) {
  const node = nodeBinary(major);
  console.log(`\n== Node ${node.version}: the installed packages from ESM and CJS`);
  // The got hooks declare Node 20 (got 14 needs it): Node 18 checks core and the axios interceptor.
  const scope = major < 20 ? ['--without-got'] : [];
  run(node.path, ['check.mjs', ...scope], consumer);
  run(node.path, ['check.cjs', ...scope], consumer);
}

console.log('\n== TypeScript consumers (skipLibCheck: false) of the installed packages');
await checkTypeScriptConsumers(consumer);

rmSync(work, { recursive: true, force: true });
console.log(
  `\nChecked ${packages.length} package(s): ${packages.map((p) => p.manifest.name).join(', ')}, ` +
    `on Node ${NODE_MAJORS.join(', ')}, and as TypeScript dependencies in four resolution modes.`,
);

/**
 * Compiles scripts/consumer-types in `consumer` once per module/moduleResolution pair, each file both as
 * CommonJS (`.ts`: the scratch package has no "type") and as an ES module (`.mts`); node10 knows CommonJS
 * only. consumer.ts must compile cleanly; every line of typos.ts marked `must not compile: 'name'` must give
 * exactly one error, naming that property; nothing else may. skipLibCheck is off, so the packages'
 * declaration files and axios's are checked too; skipDefaultLibCheck leaves out TypeScript's own lib files,
 * and no @types/node is installed (nothing in these declarations needs it), which keeps each compile to
 * a few seconds.
 */
async function checkTypeScriptConsumers(consumer) {
  const sources = join(root, 'scripts', 'consumer-types');
  for (const file of ['consumer', 'typos']) {
    copyFileSync(join(sources, `${file}.ts`), join(consumer, `${file}.ts`));
    copyFileSync(join(sources, `${file}.ts`), join(consumer, `${file}.mts`));
  }
  const marked = readFileSync(join(sources, 'typos.ts'), 'utf8')
    .split('\n')
    .flatMap((text, index) => {
      const name = /\/\/ must not compile: '([^']+)'/.exec(text)?.[1];
      return name === undefined ? [] : [{ line: index + 1, name }];
    });
  if (marked.length === 0) fail('typos.ts marks no line `must not compile`.');

  const everyFile = ['consumer.ts', 'consumer.mts', 'typos.ts', 'typos.mts'];
  const modes = [
    { name: 'node16', options: { module: 'node16', moduleResolution: 'node16' }, files: everyFile },
    { name: 'nodenext', options: { module: 'nodenext', moduleResolution: 'nodenext' }, files: everyFile },
    { name: 'bundler', options: { module: 'esnext', moduleResolution: 'bundler' }, files: everyFile },
    // The legacy resolution ignores `exports`: types, main and typesVersions only.
    {
      name: 'node10',
      options: { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true },
      files: ['consumer.ts', 'typos.ts'],
    },
  ];
  const fromRoot = createRequire(join(root, 'package.json'));
  const tsc = join(dirname(fromRoot.resolve('typescript/package.json')), 'bin', 'tsc');
  const compile = async (mode) => {
    const tsconfig = `tsconfig.${mode.name}.json`;
    const compilerOptions = {
      ...mode.options,
      target: 'es2022',
      strict: true,
      skipLibCheck: false,
      skipDefaultLibCheck: true,
      noEmit: true,
      types: [],
    };
    writeFileSync(join(consumer, tsconfig), JSON.stringify({ compilerOptions, files: mode.files }, null, 2));
    try {
      await promisify(execFile)(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], {
        cwd: consumer,
      });
      return { status: 0, output: '' };
    } catch (error) {
      return { status: error.code, output: `${error.stdout}${error.stderr}` };
    }
  };
  const results = await Promise.all(modes.map(compile));

  const problems = [];
  modes.forEach((mode, index) => {
    const { status, output } = results[index];
    // `file(line,col): error TSnnnn: message`; an error outside any file (a bad option) has no position.
    const errors = output
      .split('\n')
      .filter((text) => / error TS\d+: /.test(text) || text.startsWith('error TS'))
      .map((text) => {
        const match = /^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(text);
        return match === null
          ? { file: '', line: 0, message: text }
          : { file: match[1], line: Number(match[2]), message: match[3] };
      });
    const expected = mode.files
      .filter((file) => file.startsWith('typos.'))
      .flatMap((file) => marked.map((mark) => ({ file, ...mark })));
    for (const error of errors) {
      const mark = expected.find(({ file, line }) => file === error.file && line === error.line);
      if (mark === undefined || !error.message.includes(`'${mark.name}'`)) {
        problems.push(`${mode.name}: unexpected ${error.file}:${error.line} ${error.message}`);
      }
    }
    for (const mark of expected) {
      const count = errors.filter(({ file, line }) => file === mark.file && line === mark.line).length;
      if (count !== 1) {
        problems.push(
          `${mode.name}: ${mark.file}:${mark.line} gave ${count} errors, not one for '${mark.name}'`,
        );
      }
    }
    if (status !== 0 && errors.length === 0) problems.push(`${mode.name}: tsc exited ${status}:\n${output}`);
    console.log(
      `${mode.name}: ${mode.files.join(', ')}: ${errors.length} error(s), ${expected.length} expected`,
    );
  });
  if (problems.length > 0) fail(`TypeScript consumers:\n  ${problems.join('\n  ')}`);
}
