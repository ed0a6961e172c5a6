// Error path rows: the time per failed request with and without the plugin, `concurrency` in flight,
// side by side for axios and got, against the target of at most 10% added; and parseOssError's share.

import { runPooled } from '../lib/child.mjs';
import { fixed, signed } from '../lib/format.mjs';
import { progress } from '../lib/progress.mjs';
import { medianInterval, pairedDifferences, pairedRatios, summary } from '../lib/stats.mjs';

const FIXTURE = 'NoSuchKey.real-opendal.xml';
// The target: a failed request takes at most 10% longer with the plugin.
const MAX_RATIO = 1.1;

export async function measureErrorPath(origin, { processes, rounds, perRound, concurrency, warmupMs }) {
  const rows = [];
  const notes = [];
  for (const [id, library] of [
    ['2a', 'axios'],
    ['2b', 'got'],
  ]) {
    progress(`error path: ${library}`);
    const args = [origin, library, rounds, perRound, concurrency, warmupMs, FIXTURE];
    const result = await runPooled('error-path', args, processes, { execArgv: ['--expose-gc'] });
    const withUs = summary(result.with).median;
    const withoutUs = summary(result.without).median;
    const added = summary(pairedDifferences(result.with, result.without)).median;
    const ratios = pairedRatios(result.with, result.without);
    const ratio = summary(ratios);
    const ci = medianInterval(ratios);
    const cpu = summary(pairedRatios(result.cpuWith, result.cpuWithout));
    rows.push({
      id,
      what: `error: ${library}, time per failed request (404 NoSuchKey, loopback, ${concurrency} in flight, keep-alive), µs`,
      ours: `${fixed(withUs, 0)} µs`,
      versus: `${fixed(withoutUs, 0)} µs without`,
      ratio:
        `${fixed(ratio.median, 3)} (IQR ${fixed(ratio.p25, 3)}–${fixed(ratio.p75, 3)}, 95% CI ${fixed(ci.low, 3)}–${fixed(ci.high, 3)}): ` +
        `+${fixed(added, 0)} µs, of which parseOssError ${fixed(result.parseUs, 1)} µs`,
      target: `at most 10% added (≤ ${fixed(MAX_RATIO, 2)})`,
      met: ratio.median <= MAX_RATIO ? 'yes' : 'no',
    });
    const reference = (key) => {
      const { median } = summary(pairedRatios(result[key], result.without));
      return `${fixed(median, 3)} (${signed(summary(pairedDifferences(result[key], result.without)).median, 'µs', 0)})`;
    };
    notes.push(
      `Error ${id}, references in the same rounds: ${library === 'axios' ? 'a do-nothing interceptor' : 'do-nothing hooks'} ` +
        `${reference('noop')}; one that only sets \`error.oss = parseOssError(…)\` (the least an OSS-aware one ` +
        `does: no message, stack or log-safe views) ${reference('parse')}.`,
    );
    notes.push(
      `Error ${id}: the client process's CPU time per failed request, with / without: ` +
        `${fixed(summary(result.cpuWith).median, 0)} / ${fixed(summary(result.cpuWithout).median, 0)} µs, ratio ` +
        `${fixed(cpu.median, 3)} (IQR ${fixed(cpu.p25, 3)}–${fixed(cpu.p75, 3)}); ${result.with.length} rounds of ` +
        `${result.perRound} per variant in ${result.processes} processes.`,
    );
  }
  notes.push(
    `Error path: ${FIXTURE} from the fake OSS server, ${concurrency} requests in flight on keep-alive sockets; ` +
      "the time per failed request is a round's elapsed time over its count (what a client under an outage " +
      'sees as its throughput); ratios per round, medians over the interleaved rounds. "of which parseOssError" ' +
      'times the parse alone on the same response, in a hot loop: a lower bound of its cost inside a request. ' +
      'The rest of the added time is the adapter (reading the response, the request URL, the message and ' +
      'stack rewrite): see bench/README.md for the CPU profile.',
  );
  return { rows, notes };
}
