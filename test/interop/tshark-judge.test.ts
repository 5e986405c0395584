/**
 * tshark as an independent judge of the harness's SIP (issue 7): a full `eject` against the
 * embedded lab focus over TLS, captured on loopback, decrypted with the endpoints' key log and
 * dissected by Wireshark's SIP parser. Every message the harness traced must be dissected as SIP,
 * none malformed or with a wrong Content-Length, and the counts must agree.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { connect as tlsConnect, createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TraceRecorder } from '../../src/capture/index.js';
import { Endpoint } from '../../src/endpoint/index.js';
import {
  DEFAULT_TIMEOUTS,
  ScenarioRun,
  findBuiltinScenario,
  startEmbeddedLab,
  type EmbeddedLab,
} from '../../src/scenario/index.js';
import { systemClock } from '../../src/util/index.js';
import { labCertificates } from '../helpers/lab-certs.js';
import { describeWithTools } from './helpers/find-binary.js';
import { dissectSip } from './helpers/dissect-sip.js';
import { startPacketCapture, type PacketCapture } from './helpers/packet-capture.js';

describeWithTools('tshark judges an eject run over TLS', ['tshark', 'dumpcap'], ({ tshark, dumpcap }) => {
  let dir: string;
  let lab: EmbeddedLab;
  let capture: PacketCapture;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'focus-harness-tshark-'));
    lab = await startEmbeddedLab({ certDir: join(dir, 'certs') });
    capture = await startPacketCapture(dumpcap as string, lab.target.port, join(dir, 'eject.pcapng'));
  }, 60_000);

  afterAll(async () => {
    await capture?.stop();
    await lab?.lab.stop();
    // FH_KEEP_CAPTURE=1 keeps the pcap and key log for a look in Wireshark.
    if (process.env.FH_KEEP_CAPTURE) console.log(`capture kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });

  it('dissects every traced message as well-formed SIP', async () => {
    const keyLogFile = join(dir, 'keys.log');
    const recorder = new TraceRecorder();
    const eject = findBuiltinScenario('eject');
    if (!eject) throw new Error('the built-in eject scenario is missing');
    const run = new ScenarioRun(eject, {
      target: lab.target,
      domain: lab.domain,
      clock: systemClock,
      recorder,
      timeouts: { ...DEFAULT_TIMEOUTS, expectMs: 3000, c3pMs: 3000, stepMs: 8000, settleMs: 100 },
      // The endpoints' TLS secrets, in the NSS key log format tshark reads.
      createEndpoint: (options) => new Endpoint({ ...options, keyLog: (line) => appendFileSync(keyLogFile, `${line}\n`) }),
    });
    const result = await run.execute();
    expect(result.failures.map((f) => f.message)).toEqual([]);
    expect(result.status).toBe('passed');
    await capture.stop();

    const traced = recorder.records;
    const dissection = await dissectSip({ tshark: tshark as string, pcap: capture.file, keyLogFile, port: lab.target.port, transport: 'tls' });
    console.log(`tshark dissected ${dissection.messages.length} SIP messages of the eject run (harness trace: ${traced.length})`);

    expect(dissection.malformed).toEqual([]);
    expect(dissection.lengthMismatches).toEqual([]);
    expect(dissection.warnings).toEqual([]);
    expect(traced.every((r) => r.parseError === undefined)).toBe(true);
    expect(dissection.messages.length).toBe(traced.length);
    // The same messages, not just as many: compare (Call-ID, CSeq) multisets.
    const key = (callId: string, cseq: string): string => `${callId} ${cseq.replace(/\s+/g, ' ').trim()}`;
    const seen = dissection.messages.map((m) => key(m.callId, m.cseq)).sort();
    const expected = traced.map((r) => key(r.callId, r.cseq)).sort();
    expect(seen).toEqual(expected);
    const requests = traced.filter((r) => !r.firstLine.startsWith('SIP/2.0')).length;
    expect(dissection.methods.length).toBe(requests);
    expect(dissection.statuses.length).toBe(traced.length - requests);
    expect(dissection.methods).toContain('BENOTIFY');
  }, 90_000);

  it('the judge itself flags a malformed Content-Length and a body shorter than declared', async () => {
    // Control: without this, a judge that never finds anything would pass the test above.
    const certs = await labCertificates();
    const server = createTlsServer({ cert: certs.certPem, key: certs.keyPem }, (socket) => socket.resume());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const keyLogFile = join(dir, 'control-keys.log');
    const control = await startPacketCapture(dumpcap as string, port, join(dir, 'control.pcapng'));
    const send = async (text: string): Promise<void> => {
      const socket: TLSSocket = tlsConnect({ host: '127.0.0.1', port, ca: certs.caCertPem, servername: 'localhost' });
      socket.on('keylog', (line: Buffer) => appendFileSync(keyLogFile, line));
      await once(socket, 'secureConnect');
      socket.write(text.replace(/\n/g, '\r\n'));
      await new Promise<void>((resolve) => socket.end(resolve));
      await once(socket, 'close');
    };
    const head = (method: string, callId: string, length: string): string =>
      `${method} sip:bob@localhost SIP/2.0\nVia: SIP/2.0/TLS 127.0.0.1:5;branch=z9hG4bK${callId}\nMax-Forwards: 70\n`
      + `From: <sip:alice@localhost>;tag=1\nTo: <sip:bob@localhost>\nCall-ID: ${callId}\nCSeq: 1 ${method}\n`
      + `Content-Type: text/plain\nContent-Length: ${length}\n\n`;
    await send(`${head('OPTIONS', 'good', '0')}`);
    await send(`${head('MESSAGE', 'badlength', '5x')}hello`);
    await send(`${head('MESSAGE', 'shortbody', '400')}hello`);
    await control.stop();
    server.close();
    const dissection = await dissectSip({ tshark: tshark as string, pcap: control.file, keyLogFile, port, transport: 'tls' });
    expect(dissection.messages.map((m) => m.callId)).toContain('good');
    expect(dissection.malformed.length).toBeGreaterThan(0);
    expect(dissection.lengthMismatches.join('\n')).toMatch(/shortbody: Content-Length 400, body 5 bytes/);
  }, 60_000);
});
