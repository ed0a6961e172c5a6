// Parse speed rows: parseOssError over the shared fixtures against (a) ali-oss's xml2js, (b) fast-xml-parser
// alone and (c) an indexOf lower bound; over each class of document against xml2js; and the worst hostile
// 64 KiB body. The worker times them; this turns its samples into rows.

import { runWorker } from '../lib/child.mjs';
import { duration, fixed } from '../lib/format.mjs';
import { medianInterval, pairedRatios, summary } from '../lib/stats.mjs';

export async function measureParse({ rounds, sampleMs }) {
  const result = await runWorker('parse', [rounds, sampleMs], { execArgv: ['--expose-gc'] });
  const impls = Object.fromEntries(result.impls.map((impl) => [impl.key, impl]));
  const ours = impls['ours-xml'];
  const median = (impl) => summary(impl.samples).median;
  const parsedNote = (impl) => `${impl.parsed}/${impl.inputs} parsed`;

  // Per round, the competitor's time over ours: how many times faster parseOssError is.
  const speedup = (impl, base) => summary(pairedRatios(impl.samples, base.samples));
  const versus = (impl, target, met, base = ours, what = `${impl.label} (same ${impl.inputs} XML bodies`) => {
    const stats = speedup(impl, base);
    const ci = medianInterval(pairedRatios(impl.samples, base.samples));
    return {
      id: '',
      what: `parse: ${what}, ${parsedNote(impl)})`,
      ours: `${duration(median(base))}/body`,
      versus: `${duration(median(impl))}/body`,
      ratio:
        stats.median >= 1
          ? `ours ${fixed(stats.median)}× faster (IQR ${fixed(stats.p25)}–${fixed(stats.p75)}, 95% CI ${fixed(ci.low)}–${fixed(ci.high)})`
          : `ours ${fixed(1 / stats.median)}× slower (IQR ${fixed(1 / stats.p75)}–${fixed(1 / stats.p25)})`,
      target,
      met: met === undefined ? '—' : met(stats) ? 'yes' : 'no',
    };
  };

  const all = impls['ours-all'];
  const fourTimes = (stats) => stats.median >= 4;
  const classes = result.classes.map((name, i) => ({
    ...versus(
      impls[`ali-oss-${name}`],
      '≥ 4× faster',
      fourTimes,
      impls[`ours-${name}`],
      `${name} (${impls[`ours-${name}`].inputs} bodies; xml2js`,
    ),
    id: `3${String.fromCharCode(101 + i)}`,
  }));
  const worst = result.hostile.reduce((a, b) => (b.ms > a.ms ? b : a));
  const rows = [
    { ...versus(impls['ali-oss'], '≥ 4× faster', fourTimes), id: '3a' },
    { ...versus(impls.fxp, 'report'), id: '3b' },
    { ...versus(impls['lower-bound'], 'report the distance'), id: '3c' },
    {
      id: '3d',
      what: `parse: parseOssError over all ${all.inputs} fixtures (${result.withBody} with a body, XML, JSON and headers-only; details for ${all.parsed})`,
      ours: `${duration(median(all))}/response`,
      versus: '—',
      ratio: '—',
      target: 'report',
      met: '—',
    },
    ...classes,
    {
      id: `3${String.fromCharCode(101 + classes.length)}`,
      what: `parse: hostile 64 KiB bodies, the slowest of ${result.hostile.length} (median of 21 runs each)`,
      ours: `${fixed(worst.ms)} ms: ${worst.label}`,
      versus: `next: ${[...result.hostile]
        .sort((a, b) => b.ms - a.ms)
        .slice(1, 4)
        .map((h) => `${h.label} ${fixed(h.ms)} ms`)
        .join('; ')}`,
      ratio: '—',
      target: '≤ 2 ms each',
      met: result.hostile.every((h) => h.ms <= 2) ? 'yes' : 'no',
    },
  ];
  const notes = [
    `Parse: ${result.fixtures} shared fixtures (packages/fake-oss). parseOssError gets status, headers and body, ` +
      `as the adapters pass them; (a), (b) and (c) get the ${result.xml} XML bodies, and the ratios compare ` +
      `parseOssError over those same ${result.xml} responses. "parsed" counts bodies that gave a Code (xml2js ` +
      `rejects the truncated sample). Medians of ${ours.samples.length} interleaved rounds, ratios per round.`,
    `Parse by class (bench/lib/documents.mjs): each of the ${impls['ours-flat'].inputs} complete flat XML fixtures as ` +
      'sent (flat), with an AccessDeniedDetail block (nested), with Message, Key and HostId in CDATA, with a comment ' +
      'before each element and one in Message, with entities and character references, and malformed (in turn a ' +
      '`<script>` holding `1 < 2`, the body cut at 80%, an unclosed element); parseOssError gets a 403 with ' +
      'x-oss-request-id, xml2js the body, in the same interleaved rounds; xml2js rejects malformed bodies, early or late.',
    `Hostile (one body at a time, after 40 runs that let the JIT settle and a full collection, median of 21 runs): ${result.hostile
      .map((h) => `${h.label} ${fixed(h.ms)} ms`)
      .join(', ')}.`,
  ];
  return { rows, notes, raw: result };
}
