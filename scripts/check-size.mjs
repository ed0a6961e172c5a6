// The browser size budget, part of `npm test` (after the build): bundles the apps of bench/sections/size.mjs
// (esbuild, minified, gzip -9, as `pnpm bench` measures them) and fails when one is over its budget, or
// when a browser bundle holds Node-only code (fast-xml-parser, the Node stream reader, the inspect views).
import { budgetsOf, measureSize } from '../bench/sections/size.mjs';

const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
const sizes = await measureSize();
let over = 0;
for (const { label, gzipped, budget, target } of budgetsOf(sizes)) {
  const verdict = gzipped <= budget ? 'within' : 'OVER';
  if (gzipped > budget) over++;
  console.log(
    `${verdict} budget: ${label}: ${kib(gzipped)} gz (budget ${kib(budget)}, target ${kib(target)})`,
  );
}
if (over > 0) {
  console.error('The browser bundle grew past its budget (bench/sections/size.mjs, BUDGETS).');
  process.exit(1);
}
