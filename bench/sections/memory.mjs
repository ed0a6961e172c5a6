// Memory rows: the client's peak RSS while `count` concurrent requests each get a huge error body,
// with and without the plugin, one client process per run, runs interleaved.

import { runWorker } from '../lib/child.mjs';
import { fixed, mib } from '../lib/format.mjs';
import { progress } from '../lib/progress.mjs';
import { pairedDifferences, summary } from '../lib/stats.mjs';

function signedMib(bytes) {
  return `${bytes >= 0 ? '+' : '−'}${mib(Math.abs(bytes))}`;
}

export async function measureMemory(origin, config) {
  const rows = [];
  for (const [id, library] of [
    ['4a', 'axios'],
    ['4b', 'got'],
  ]) {
    const { count, bytes, runs, loaded } = config[library];
    progress(`memory: ${library}, ${count} × ${mib(bytes, 0)} error bodies, ${runs} runs per variant`);
    // "loaded": the plugin imported but not installed, which tells what its code costs from what it does.
    const variants = loaded ? ['without', 'with', 'loaded'] : ['without', 'with'];
    const peaks = { with: [], without: [], loaded: [] };
    for (let run = 0; run < runs; run++) {
      for (const variant of run % 2 === 0 ? variants : [...variants].reverse()) {
        const args = [origin, library, variant, count, bytes];
        peaks[variant].push((await runWorker('memory-client', args, { quiet: true })).peakRss);
      }
    }
    const added = summary(pairedDifferences(peaks.with, peaks.without));
    const without = summary(peaks.without);
    const codeShare = loaded
      ? `; the plugin loaded but not installed: ${signedMib(summary(pairedDifferences(peaks.loaded, peaks.without)).median)}`
      : '';
    rows.push({
      id,
      what:
        library === 'axios'
          ? `memory: axios (responseType 'stream'), ${count} concurrent × ${mib(bytes, 0)} error bodies, peak RSS`
          : `memory: got stream mode, ${count} concurrent × ${mib(bytes, 0)} error bodies, peak RSS`,
      ours: mib(summary(peaks.with).median),
      versus: `${mib(without.median)} without (IQR ${fixed(without.p25 / 2 ** 20, 0)}–${fixed(without.p75 / 2 ** 20, 0)})`,
      ratio:
        `${signedMib(added.median)} (IQR of ${runs} paired runs ${fixed(added.p25 / 2 ** 20, 1)} to ` +
        `${fixed(added.p75 / 2 ** 20, 1)})${codeShare}`,
      target: 'adds < 20 MiB',
      met: added.median < 20 * 2 ** 20 ? 'yes' : 'no',
    });
  }
  const notes = [
    'Memory: peak RSS (VmHWM) of a client process that runs one variant once; the plugin is imported only in ' +
      'the "with" runs, so its code counts. axios users destroy err.response.data; got reads the whole error ' +
      'body itself (decoded to a string) before it emits the error, with or without the plugin, so got is run ' +
      `with ${mib(config.got.bytes, 0)} bodies: at ${config.got.count} × 100 MiB got alone exhausts V8's heap ` +
      '(about 4 GiB) and crashes before any hook runs.',
  ];
  return { rows, notes };
}
