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
import { execFileSync } from 'node:child_process';
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
import { join, resolve } from 'node:path';
import { fail, NODE_MAJORS, nodeBinary } from './node-versions.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'oss-errors-packages-'));
const packs = join(work, 'packs');
mkdirSync(packs);
console.log(`check-packages: scratch folder ${work} (removed when every check passed)`);

const run = (command, args, cwd = root) =>
  execFileSync(command, args, { cwd, stdio: 'inherit', env: process.env });

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => manifest.private !== true);

// One pnpm run packs them all (pnpm replaces `workspace:^` with the version, as publishing does).
const filters = packages.flatMap(({ manifest }) => ['--filter', manifest.name]);
run('pnpm', ['--recursive', ...filters, 'pack', '--pack-destination', packs]);
const tarballs = [];
for (const { manifest } of packages) {
  console.log(`\n== ${manifest.name}`);
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
checkTypeScriptConsumers(consumer);

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
 * and no @types/node is installed (nothing in these declarations needs it). The four programs are built in
 * this process with the repository's TypeScript and share the files they parse, which keeps it to seconds.
 */
function checkTypeScriptConsumers(consumer) {
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
  const ts = createRequire(join(root, 'package.json'))('typescript');
  const parsed = new Map();
  const problems = [];
  for (const mode of modes) {
    const json = {
      ...mode.options,
      target: 'es2022',
      strict: true,
      skipLibCheck: false,
      skipDefaultLibCheck: true,
    };
    const { options, errors: optionErrors } = ts.convertCompilerOptionsFromJson(json, consumer);
    const host = ts.createCompilerHost({ ...options, types: [], noEmit: true });
    const parse = host.getSourceFile;
    host.getSourceFile = (fileName, languageVersion, ...rest) => {
      const key = `${fileName}|${JSON.stringify(languageVersion)}`;
      if (!parsed.has(key)) parsed.set(key, parse.call(host, fileName, languageVersion, ...rest));
      return parsed.get(key);
    };
    const program = ts.createProgram({
      rootNames: mode.files.map((file) => join(consumer, file)),
      options: { ...options, types: [], noEmit: true },
      host,
    });
    const errors = [...optionErrors, ...ts.getPreEmitDiagnostics(program)].map((diagnostic) => ({
      file: diagnostic.file === undefined ? '' : diagnostic.file.fileName.slice(consumer.length + 1),
      line:
        diagnostic.file === undefined || diagnostic.start === undefined
          ? 0
          : diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1,
      message: `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
    }));
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
    console.log(
      `${mode.name}: ${mode.files.join(', ')}: ${errors.length} error(s), ${expected.length} expected`,
    );
  }
  if (problems.length > 0) fail(`TypeScript consumers:\n  ${problems.join('\n  ')}`);
}
