/**
 * `.show N`: one trace record in full — where it went and its bytes as text, credentials redacted.
 */
import { redactSecrets, type TraceRecord } from '../capture/index.js';

export function formatMessage(record: TraceRecord): string {
  const arrow = record.direction === 'in' ? '←' : '→';
  const when = new Date(record.time).toISOString();
  const head = `#${record.seq} ${when} ${record.role} ${arrow} ${record.peer}${record.dialog ? ` (${record.dialog})` : ''}  ${record.local} ${arrow} ${record.remote}`;
  const text = redactSecrets(record.raw.toString('utf8')).replace(/\r\n/g, '\n').replace(/\n+$/, '');
  const note = record.parseError === undefined ? [] : [`(did not parse: ${record.parseError})`];
  return [head, ...note, text].join('\n');
}
