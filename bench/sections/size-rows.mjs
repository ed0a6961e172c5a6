// Size rows, from sections/size.mjs.
import { fixed, kib } from '../lib/format.mjs';
import { measureSize } from './size.mjs';

export async function sizeRows() {
  const { A, B, C, D } = await measureSize();
  const gz = (app) => `${kib(app.gzipped)} gz (${kib(app.minified)} min)`;
  const added = B.gzipped - A.gzipped;
  const rows = [
    {
      id: '5a',
      what: 'size: axios + the interceptor (app B) − axios alone (app A), browser bundle',
      ours: `+${kib(added)} gz (+${kib(B.minified - A.minified)} min)`,
      versus: `axios alone ${gz(A)}`,
      ratio: `+${fixed((added / A.gzipped) * 100, 0)}% of axios`,
      target: 'report',
      met: '—',
    },
    {
      id: '5b',
      what: 'size: @oss-errors/core alone (app D), browser bundle',
      ours: gz(D),
      versus: `fast-xml-parser alone (app C) ${gz(C)}`,
      ratio: `core ${fixed((D.gzipped / C.gzipped) * 100, 0)}% of fast-xml-parser's size`,
      target: 'report',
      met: '—',
    },
  ];
  const notes = [
    "Size: esbuild (bundle, minify, platform 'browser', format 'esm'), gzip level 9. No Node built-in in app B's " +
      'bundle (checked; the bench fails otherwise). Apps: ' +
      Object.entries({ A, B, C, D })
        .map(([key, app]) => `${key} = ${app.label}`)
        .join(', ') +
      '.',
  ];
  return { rows, notes };
}
