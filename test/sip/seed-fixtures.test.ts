import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCSeq, getCallId, getContentType, parseMessage } from '../../src/sip/index.js';
import { buildSeedFixtures } from '../fixtures/sip/make-seed-fixtures.js';

const dir = new URL('../fixtures/sip/', import.meta.url);

/** Read off the seed trace by hand: [method or status, Call-ID, CSeq]. */
const EXPECTED: readonly [string | number, string, string][] = [
  ['INFO', 'cfc48d02676c47379c7083eb783ad2ab', '2 INFO'],
  [202, 'cfc48d02676c47379c7083eb783ad2ab', '2 INFO'],
  ['BENOTIFY', '87434074d1244e8d89881d1f8d243783', '3 BENOTIFY'],
  ['BYE', '1e294f6aa2ff4fccaf796b2e7fb723be', '2 BYE'],
  ['BYE', '08501c03562b4515a1ad55e367dd503d', '2 BYE'],
  ['BYE', '1e294f6aa2ff4fccaf796b2e7fb723be', '2147483645 BYE'],
  ['BYE', '08501c03562b4515a1ad55e367dd503d', '2 BYE'],
  [200, '1e294f6aa2ff4fccaf796b2e7fb723be', '2 BYE'],
  [481, '08501c03562b4515a1ad55e367dd503d', '2 BYE'],
  [200, '1e294f6aa2ff4fccaf796b2e7fb723be', '2147483645 BYE'],
  [200, '08501c03562b4515a1ad55e367dd503d', '2 BYE'],
  ['BENOTIFY', 'e4687f7cae464055aae47121f976c941', '9 BENOTIFY'],
  ['BENOTIFY', 'f41a3d199b074484b257db390ef4a60d', '5 BENOTIFY'],
  ['INFO', 'cfc48d02676c47379c7083eb783ad2ab', '1 INFO'],
  [200, 'cfc48d02676c47379c7083eb783ad2ab', '1 INFO'],
  ['BENOTIFY', 'e4687f7cae464055aae47121f976c941', '10 BENOTIFY'],
  ['BENOTIFY', 'f41a3d199b074484b257db390ef4a60d', '6 BENOTIFY'],
];

const files = readdirSync(dir).filter((f) => /^seed-\d\d-.*\.sip$/.test(f)).sort();

describe('seed fixtures (MS-CONFIM 4.3.1)', () => {
  it('has 17 files', () => {
    expect(files).toHaveLength(17);
  });

  it('are reproducible from the seed by the committed generator', () => {
    const seed = readFileSync(new URL('../fixtures/seed/ms-confim-4.3.1-user-ejected.txt', import.meta.url), 'utf8');
    const built = buildSeedFixtures(seed);
    expect(built.map((f) => f.fileName)).toEqual(files);
    for (const f of built) expect(f.bytes.equals(readFileSync(new URL(f.fileName, dir)))).toBe(true);
  });

  it.each(files.map((f, i) => [f, i] as const))('%s parses to the right start line, Call-ID and CSeq', (file, index) => {
    const bytes = readFileSync(new URL(file, dir));
    const message = parseMessage(bytes);
    const [what, callId, cseq] = EXPECTED[index] ?? ['', '', ''];
    if (typeof what === 'number') {
      expect(message.kind).toBe('response');
      if (message.kind === 'response') expect(message.status).toBe(what);
    } else {
      expect(message.kind).toBe('request');
      if (message.kind === 'request') expect(message.method).toBe(what);
    }
    expect(getCallId(message)).toBe(callId);
    const c = getCSeq(message);
    expect(`${c.seq} ${c.method}`).toBe(cseq);
    expect(Number(message.headers.get('content-length'))).toBe(message.body.length);
    if (message.body.length > 0) expect(getContentType(message)).toMatch(/^application\/(cccp|conference-info)\+xml$/);
    expect(bytes.includes('\n') && !/(?<!\r)\n/.test(bytes.toString('latin1'))).toBe(true);
  });
});
