// Size rows, from sections/size.mjs.
import { fixed, kib } from '../lib/format.mjs';
import { BUDGETS, measureLogSafetyShare, measureSize } from './size.mjs';

const target = ({ target: bytes }) => `≤ ${kib(bytes, 0)} gz`;
const met = (bytes, { target: limit }) => (bytes <= limit ? 'yes' : 'no');

export async function sizeRows() {
  const { A, B, C, D } = await measureSize();
  const share = await measureLogSafetyShare();
  const gz = (app) => `${kib(app.gzipped)} gz (${kib(app.minified)} min)`;
  const added = B.gzipped - A.gzipped;
  const rows = [
    {
      id: '5a',
      what: 'size: axios + the interceptor (app B) − axios alone (app A), browser bundle',
      ours: `+${kib(added)} gz (+${kib(B.minified - A.minified)} min)`,
      versus: `axios alone ${gz(A)}`,
      ratio: `+${fixed((added / A.gzipped) * 100, 0)}% of axios`,
      target: target(BUDGETS.interceptor),
      met: met(added, BUDGETS.interceptor),
    },
    {
      id: '5b',
      what: 'size: @oss-errors/core alone (app D), browser bundle',
      ours: gz(D),
      versus: `fast-xml-parser alone (app C) ${gz(C)}`,
      ratio: `core ${fixed((D.gzipped / C.gzipped) * 100, 0)}% of fast-xml-parser's size`,
      target: target(BUDGETS.core),
      met: met(D.gzipped, BUDGETS.core),
    },
  ];
  const notes = [
    "Size: esbuild (bundle, minify, platform 'browser', format 'esm', so the packages' `browser` export condition " +
      'applies: the built-in XML reader, no fast-xml-parser, no Node stream reader), gzip level 9. No Node built-in ' +
      'and no Node-only code in apps B and D (checked; the bench fails otherwise). `npm test` holds them to budgets ' +
      `of ${kib(BUDGETS.interceptor.budget, 2)} and ${kib(BUDGETS.core.budget, 2)} (scripts/check-size.mjs). Apps: ` +
      Object.entries({ A, B, C, D })
        .map(([key, app]) => `${key} = ${app.label}`)
        .join(', ') +
      '.',
  ];
  notes.push(
    `Size, what the secrets contract weighs (masking, and the log-safe toJSON, stack and hidden fields that ` +
      `SPEC.md asks of every enriched error, in the browser too): ${kib(share.interceptor.share, 2)} of row 5a and ` +
      `${kib(share.core.share, 2)} of row 5b. Bundled from source with those modules replaced by stand-ins that do ` +
      `nothing, the interceptor adds ${kib(share.interceptor.without, 2)} (${share.interceptor.without} bytes) and ` +
      `the core alone weighs ${kib(share.core.without, 2)} (sections/size.mjs, measureLogSafetyShare).`,
  );
  return { rows, notes };
}
