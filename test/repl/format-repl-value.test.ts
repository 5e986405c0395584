import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/capture/index.js';
import { buildC3pResponse, parseC3pResponse } from '../../src/conference/index.js';
import type { C3pOutcome } from '../../src/endpoint/index.js';
import { FocusHarnessError } from '../../src/errors.js';
import { formatLiveLine, formatMessage, formatReplValue, ReplVerdict } from '../../src/repl/index.js';
import { createResponseMessage } from '../../src/sip/index.js';

const ok202 = createResponseMessage({ status: 202, reason: 'Accepted' });
const forbidden = createResponseMessage({
  status: 403,
  reason: 'Forbidden',
  headers: [['ms-diagnostics', '5000;reason="Not allowed"']],
});

function outcome(overrides: Partial<C3pOutcome>): C3pOutcome {
  return { sipStatus: 202, carriedBy: 'info', requestId: '7', sipResponse: ok202, ...overrides };
}

describe('formatReplValue', () => {
  it('prints a SIP response as its status line plus the server diagnostics', () => {
    expect(formatReplValue(ok202)).toBe('SIP/2.0 202 Accepted');
    expect(formatReplValue(forbidden)).toBe('SIP/2.0 403 Forbidden — 5000;reason="Not allowed"');
  });

  it('prints C3P outcomes: success, failure with reason, and no response at all', () => {
    const base = { requestId: '7', from: 'sip:a', to: 'sip:f' };
    expect(formatReplValue(outcome({ response: parseC3pResponse(buildC3pResponse({ ...base, code: 'success', command: 'deleteUser', payload: { confEntity: 'sip:f', userEntity: 'sip:b' } })) }))).toBe(
      'C3P deleteUser: success — SIP 202, response in the focus INFO, requestId 7',
    );
    expect(formatReplValue(outcome({ carriedBy: '200', sipStatus: 200, response: parseC3pResponse(buildC3pResponse({ ...base, code: 'failure', command: 'addUser', reason: 'unauthorized' })) }))).toBe(
      'C3P addUser: FAILURE (unauthorized) — SIP 200, response in the 200, requestId 7',
    );
    expect(formatReplValue(outcome({ carriedBy: 'none', sipStatus: 403, sipResponse: forbidden }))).toBe(
      'C3P: no response (SIP 403 Forbidden — 5000;reason="Not allowed"); requestId 7',
    );
  });

  it('prints harness errors with their code and no stack', () => {
    const error = new FocusHarnessError('FH_TXN_TIMEOUT', 'no final response to INFO within 32000 ms', { where: 'alice D1' });
    expect(formatReplValue(error)).toBe('FocusHarnessError [FH_TXN_TIMEOUT]: no final response to INFO within 32000 ms (alice D1)');
    expect(formatReplValue(new RangeError('bad'))).toBe('RangeError: bad');
  });

  it('prints what createConference resolves and falls back to util.inspect', () => {
    expect(formatReplValue({ focusUri: 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:AB', conferenceId: 'AB', response: {} })).toBe(
      'conference sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:AB (id AB)',
    );
    expect(formatReplValue({ a: 1 })).toBe('{ a: 1 }');
    expect(formatReplValue(new ReplVerdict({ passed: false, role: 'carol', expected: 'BYE within 5 ms', actual: 'nothing arrived', seqs: [] }))).toBe(
      '✗ carol: expected BYE within 5 ms\n  instead: nothing arrived',
    );
  });
});

const record: TraceRecord = {
  seq: 14,
  time: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
  role: 'carol',
  connectionId: 'c1',
  direction: 'in',
  local: '127.0.0.1:50000',
  remote: '127.0.0.1:5061',
  peer: 'focus',
  dialog: 'D1',
  callId: 'x',
  cseq: '3 BYE',
  firstLine: 'BYE sip:carol@127.0.0.1:50000;transport=tls SIP/2.0',
  label: 'BYE (Participant Removed)',
  raw: Buffer.from('BYE sip:carol@127.0.0.1:50000;transport=tls SIP/2.0\r\nCSeq: 3 BYE\r\nAuthorization: Digest username="c", response="secret"\r\nContent-Length: 0\r\n\r\n'),
};

describe('live lines and .show', () => {
  it('one line per message: seq, role, direction, peer, dialog and the ladder label', () => {
    expect(formatLiveLine(record)).toBe('  14 carol    ← focus     D1 BYE (Participant Removed)');
    const outside: TraceRecord = { ...record, direction: 'out', label: 'REGISTER', peer: 'registrar' };
    delete outside.dialog;
    expect(formatLiveLine(outside)).toBe(
      '  14 carol    → registrar    REGISTER',
    );
    expect(formatLiveLine({ ...record, parseError: 'no CSeq' })).toContain('D1 unparsable: no CSeq');
  });

  it('.show prints the whole message, LF line ends, credentials redacted', () => {
    const text = formatMessage(record);
    expect(text.split('\n')[0]).toBe('#14 2026-01-02T03:04:05.006Z carol ← focus (D1)  127.0.0.1:50000 ← 127.0.0.1:5061');
    expect(text).toContain('\nBYE sip:carol@127.0.0.1:50000;transport=tls SIP/2.0\nCSeq: 3 BYE\n');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('\r');
  });
});
