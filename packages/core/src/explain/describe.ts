import type { OssErrorDetails } from '../types';
import { ecCategory } from './ec-categories';

const SOURCES: Readonly<Record<OssErrorDetails['source'], string>> = {
  body: 'the response body',
  'x-oss-err': 'the x-oss-err header (base64 error document)',
  status: 'the HTTP status only (OSS sent no error code)',
};

const NO_CODE = '(none: OSS sent no code; the status would say more, pass --status <code>)';
const WIDTH = 100;

/** Breaks a long value into lines of at most `WIDTH` columns, continued under the value column. */
function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** The rows `oss-errors explain` prints for one failed response, names aligned. */
export function describe(details: OssErrorDetails, statusKnown: boolean): string {
  // Without the status, a code or message derived from it would describe our placeholder, not the response.
  const guessed = !statusKnown && details.source === 'status';
  const category = details.ec === undefined ? undefined : ecCategory(details.ec);
  const rows: [string, string][] = [
    ['Code', guessed ? NO_CODE : details.code],
    ['Message', guessed ? (details.fields.message ?? '(none)') : details.message],
    [
      'Request ID',
      details.requestId === undefined
        ? '(none)'
        : `${details.requestId}   <- quote this to Alibaba Cloud support`,
    ],
    [
      'EC',
      details.ec === undefined
        ? '(none)'
        : `${details.ec}   ${category === undefined ? '' : `${category} `}(for diagnosis only; it may change)`,
    ],
    ['Troubleshoot', details.recommendDoc ?? '(no link: no EC)'],
  ];
  // A hint derived from a placeholder status would be about the placeholder.
  if (details.hint !== undefined && !guessed) rows.push(['Hint', details.hint]);
  if (statusKnown) {
    rows.push([
      'Status',
      `${details.status} (${details.fault === 'server' ? 'server side: OSS' : 'client side: the request'})`,
    ]);
    rows.push([
      'Retry',
      details.retryable
        ? 'may help: the same request can succeed later'
        : 'will not help: change the request first',
    ]);
  } else {
    rows.push(['Status', 'unknown (pass --status <code> for the fault side and the retry verdict)']);
    if (details.retryable) rows.push(['Retry', 'may help: the same request can succeed later']);
  }
  if (details.hostId !== undefined) rows.push(['Host', details.hostId]);
  if (details.serverTime !== undefined) rows.push(['Server time', details.serverTime]);
  if (details.clockSkewMs !== undefined)
    rows.push(['Clock skew', `${Math.round(details.clockSkewMs / 1000)} s (request time minus server time)`]);
  for (const [name, value] of Object.entries(details.fields)) rows.push([name, value]);
  rows.push(['Read from', SOURCES[details.source]]);
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  return rows
    .map(([name, value]) => {
      const flat = value.replace(/\r?\n/g, '\\n');
      return `${`${name}:`.padEnd(width)}${name === 'Hint' ? wrap(flat, width) : flat}`;
    })
    .join('\n');
}
