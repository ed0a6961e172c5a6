// Parse speed rows: parseOssError over the shared fixtures against (a) ali-oss's xml2js, (b) fast-xml-parser
// alone and (c) an indexOf lower bound. The worker times them; this turns its samples into rows.

import { runWorker } from '../lib/child.mjs';
import { duration, fixed } from '../lib/format.mjs';
import { medianInterval, pairedRatios, summary } from '../lib/stats.mjs';

export async function measureParse({ rounds, sampleMs }) {
  const result = await runWorker('parse', [rounds, sampleMs]);
  const impls = Object.fromEntries(result.impls.map((impl) => [impl.key, impl]));
  const ours = impls['ours-xml'];
  const median = (impl) => summary(impl.samples).median;
  const parsedNote = (impl) => `${impl.parsed}/${impl.inputs} parsed`;

  // Per round, the competitor's time over ours: how many times faster parseOssError is.
  const speedup = (impl) => summary(pairedRatios(impl.samples, ours.samples));
  const versus = (impl, target, met) => {
    const stats = speedup(impl);
    const ci = medianInterval(pairedRatios(impl.samples, ours.samples));
    return {
      id: '',
      what: `parse: ${impl.label} (same ${impl.inputs} XML bodies, ${parsedNote(impl)})`,
      ours: `${duration(median(ours))}/body`,
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
  const rows = [
    { ...versus(impls['ali-oss'], '≥ 3× faster', (stats) => stats.median >= 3), id: '3a' },
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
  ];
  const notes = [
    `Parse: ${result.fixtures} shared fixtures (packages/fake-oss). parseOssError gets status, headers and body, ` +
      `as the adapters pass them; (a), (b) and (c) get the ${result.xml} XML bodies, and the ratios compare ` +
      `parseOssError over those same ${result.xml} responses. "parsed" counts bodies that gave a Code (xml2js ` +
      `rejects the truncated sample). Medians of ${ours.samples.length} interleaved rounds, ratios per round.`,
  ];
  return { rows, notes, raw: result };
}
