// Error path rows: the time of one failed request with and without the plugin, and parseOssError's share.

import { runPooled } from '../lib/child.mjs';
import { fixed } from '../lib/format.mjs';
import { progress } from '../lib/progress.mjs';
import { medianInterval, pairedDifferences, pairedRatios, summary } from '../lib/stats.mjs';

const FIXTURE = 'NoSuchKey.real-opendal.xml';

export async function measureErrorPath(origin, { processes, rounds, perRound, warmupMs }) {
  const rows = [];
  for (const [id, library] of [
    ['2a', 'axios'],
    ['2b', 'got'],
  ]) {
    progress(`error path: ${library}`);
    const args = [origin, library, rounds, perRound, warmupMs, FIXTURE];
    const result = await runPooled('error-path', args, processes, { execArgv: ['--expose-gc'] });
    const withUs = summary(result.with).median;
    const withoutUs = summary(result.without).median;
    const added = pairedDifferences(result.with, result.without);
    const ci = medianInterval(added);
    const ratio = summary(pairedRatios(result.with, result.without));
    rows.push({
      id,
      what: `error: ${library}, one failed request (404 NoSuchKey, loopback, one at a time), µs`,
      ours: `${fixed(withUs, 0)} µs`,
      versus: `${fixed(withoutUs, 0)} µs without`,
      ratio:
        `${fixed(ratio.median, 2)}: +${fixed(summary(added).median, 0)} µs (95% CI ${fixed(ci.low, 0)}–${fixed(ci.high, 0)}), ` +
        `of which parseOssError ${fixed(result.parseUs, 1)} µs = ${fixed((result.parseUs / withoutUs) * 100, 1)}% of the round trip`,
      target: 'report',
      met: '—',
    });
  }
  const notes = [
    `Error path: ${FIXTURE} from the fake OSS server, requests one after another on a keep-alive socket; ` +
      `medians of ${processes} × ${rounds} interleaved rounds of ${perRound} per variant. "of which parseOssError" times the ` +
      'parse alone on the same response, in a hot loop: a lower bound of what it costs inside a request, where ' +
      'its code and data are cold. The rest of the added time is the adapter (reading the response, the ' +
      'request URL, the message and stack rewrite).',
  ];
  return { rows, notes };
}
