import { channel } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOG_REDACTED, createLogger, logSipTraffic, redactLogText } from '../../src/log/index.js';

const PASSWORD = 'Pa55-w0rd!xyzzy';
const dir = mkdtempSync(join(tmpdir(), 'fh-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An NDJSON sink (pino's test helper habit): collects the lines pino writes. */
function sink(): { write(chunk: string): void; lines(): Record<string, unknown>[]; text: string } {
  return {
    text: '',
    write(chunk: string) {
      this.text += chunk;
    },
    lines() {
      return this.text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
  };
}

const REGISTER = 'REGISTER sip:contoso.com SIP/2.0\r\nCall-ID: abc\r\nCSeq: 2 REGISTER\r\nAuthorization: Digest username="alice", response="0123456789abcdef"\r\nContent-Length: 0\r\n\r\n';

describe('createLogger', () => {
  it('writes JSON lines at the chosen level', () => {
    const out = sink();
    const logger = createLogger({ level: 'info', destination: out, pretty: false });
    logger.debug('hidden');
    logger.info({ event: 'x', n: 1 }, 'shown');
    const lines = out.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, name: 'focus-harness', event: 'x', n: 1, msg: 'shown' });
  });

  it('redacts passwords and credential headers in fields, nested objects, messages, errors and bindings', () => {
    const out = sink();
    const logger = createLogger({ level: 'trace', destination: out, pretty: false, secrets: [PASSWORD] });
    logger.info({ profile: { users: { alice: { aor: 'sip:alice@contoso.com', password: PASSWORD } } } }, 'profile');
    logger.info({ text: REGISTER }, 'message');
    logger.warn(`login failed for alice with ${PASSWORD}`);
    logger.error({ err: new Error(`bad password ${PASSWORD}`) }, 'boom');
    logger.child({ token: 'tkn-123', user: `alice:${PASSWORD}` }).info('child');
    expect(out.text).not.toContain(PASSWORD);
    expect(out.text).not.toContain('0123456789abcdef');
    expect(out.text).not.toContain('tkn-123');
    const lines = out.lines();
    expect((lines[0]!['profile'] as { users: { alice: { password: string; aor: string } } }).users.alice).toEqual({ aor: 'sip:alice@contoso.com', password: LOG_REDACTED });
    expect(lines[1]!['text']).toContain(`Authorization: Digest ${LOG_REDACTED}`);
    expect(lines[1]!['text']).toContain('CSeq: 2 REGISTER');
    expect(lines[2]!['msg']).toBe(`login failed for alice with ${LOG_REDACTED}`);
    expect(JSON.stringify(lines[3])).toContain(`bad password ${LOG_REDACTED}`);
  });

  it('keeps secrets only when asked to (--unsafe-keep-secrets)', () => {
    const out = sink();
    createLogger({ level: 'info', destination: out, pretty: false, secrets: [PASSWORD], unsafeKeepSecrets: true }).info({ password: PASSWORD }, 'x');
    expect(out.text).toContain(PASSWORD);
  });

  it('appends to --log-file', () => {
    const file = join(dir, 'nested', 'run.log');
    const logger = createLogger({ level: 'info', file, secrets: [PASSWORD] });
    logger.info({ password: PASSWORD }, 'first');
    logger.flush();
    createLogger({ level: 'info', file }).info('second');
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg: string; password?: string });
    expect(lines.map((l) => l.msg)).toEqual(['first', 'second']);
    expect(lines[0]!.password).toBe(LOG_REDACTED);
  });

  it('redactLogText leaves other headers alone', () => {
    expect(redactLogText('Proxy-Authorization: NTLM abc\r\nTo: <sip:b@x>\r\n')).toBe(`Proxy-Authorization: NTLM ${LOG_REDACTED}\r\nTo: <sip:b@x>\r\n`);
  });
});

describe('logSipTraffic', () => {
  const event = {
    connectionId: 'c7',
    direction: 'sent',
    raw: Buffer.from(REGISTER),
    local: { address: '127.0.0.1', port: 50001 },
    remote: { address: '127.0.0.1', port: 5061 },
  };

  it('logs a summary per message at debug and the redacted text at trace, until unsubscribed', () => {
    const debugOut = sink();
    const stop = logSipTraffic(createLogger({ level: 'debug', destination: debugOut, pretty: false }));
    channel('focus-harness:message:sent').publish(event);
    stop();
    channel('focus-harness:message:sent').publish(event);
    const lines = debugOut.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 20, event: 'sip.message', msg: 'sent REGISTER sip:contoso.com SIP/2.0' });
    expect(lines[0]!['sip']).toEqual({ connectionId: 'c7', direction: 'sent', local: '127.0.0.1:50001', remote: '127.0.0.1:5061', firstLine: 'REGISTER sip:contoso.com SIP/2.0', callId: 'abc', cseq: '2 REGISTER', bytes: REGISTER.length });

    const traceOut = sink();
    const stopTrace = logSipTraffic(createLogger({ level: 'trace', destination: traceOut, pretty: false }));
    channel('focus-harness:message:received').publish({ ...event, direction: 'received' });
    stopTrace();
    expect(traceOut.lines()[0]!['text']).toContain(`Authorization: Digest ${LOG_REDACTED}`);
    expect(traceOut.text).not.toContain('0123456789abcdef');
  });

  it('does not subscribe when debug is off', () => {
    const out = sink();
    const stop = logSipTraffic(createLogger({ level: 'info', destination: out, pretty: false }));
    channel('focus-harness:message:sent').publish(event);
    stop();
    expect(out.text).toBe('');
  });
});
