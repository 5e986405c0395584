/**
 * The emulated endpoints against the lab focus over real TLS on 127.0.0.1: register, create,
 * join (D1 + D2 + D3), IM fan-out, and the MS-CONFIM 4.3.1 ejection with Carol's reactions.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTraceJsonLines, TraceRecorder, type TraceRecord } from '../../src/capture/index.js';
import { Endpoint, type InboundMessage } from '../../src/endpoint/index.js';
import { startLabFocus, type LabFocus } from '../../src/labfocus/index.js';
import { labCertificates } from '../helpers/lab-certs.js';

async function waitUntil(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function requests(endpoint: Endpoint, method: string): InboundMessage[] {
  return endpoint.received.filter((m) => m.message.kind === 'request' && m.message.method === method);
}

describe('Endpoint against the lab focus (TLS on loopback)', { timeout: 20_000 }, () => {
  let lab: LabFocus;
  let ca: string;

  beforeAll(async () => {
    const certs = await labCertificates();
    ca = certs.caCertPem;
    lab = await startLabFocus({ host: '127.0.0.1', port: 0, transport: 'tls', cert: certs.certPem, key: certs.keyPem });
  });

  afterAll(async () => {
    await lab?.stop();
  });

  function endpoint(role: string, displayName: string, recorder: TraceRecorder): Endpoint {
    return new Endpoint({
      role,
      aor: `sip:${role}@contoso.com`,
      displayName,
      server: { host: '127.0.0.1', port: lab.port, transport: 'tls', ca, servername: 'localhost' },
      recorder,
    });
  }

  it('registers, creates, joins, chats and ejects Carol as in MS-CONFIM 4.3.1', async () => {
    const recorder = new TraceRecorder();
    const alice = endpoint('alice', 'Alice', recorder);
    const bob = endpoint('bob', 'Bob', recorder);
    const carol = endpoint('carol', 'Carol', recorder);
    const all = [alice, bob, carol];
    // What the transport itself saw, to prove the trace misses nothing and keeps the wire bytes.
    const wire: { connectionId: string; direction: string; raw: Buffer }[] = [];
    const onWire = (event: unknown): void => {
      const e = event as { connectionId: string; direction: string; raw: Buffer };
      wire.push({ connectionId: e.connectionId, direction: e.direction === 'sent' ? 'out' : 'in', raw: e.raw });
    };
    diagnosticsChannel.subscribe('focus-harness:message:sent', onWire);
    diagnosticsChannel.subscribe('focus-harness:message:received', onWire);
    try {
      for (const ep of all) await ep.connect();
      for (const ep of all) {
        const response = await ep.register();
        expect(response.status).toBe(200);
        expect(ep.gruu).toMatch(new RegExp(`^sip:${ep.role}@contoso\\.com;.*gruu`));
      }

      const { focusUri, conferenceId, response } = await alice.createConference({ subject: 'lab' });
      expect(response.code).toBe('success');
      expect(focusUri).toMatch(/^sip:alice@contoso\.com;gruu;opaque=app:conf:focus:id:/);
      expect(focusUri.endsWith(conferenceId)).toBe(true);

      for (const ep of all) {
        const joined = await ep.join(focusUri);
        expect(joined.focus.sipStatus).toBe(200);
        expect(joined.focus.carriedBy).toBe('200');
        expect(joined.focus.response?.code).toBe('success');
        expect(joined.roster?.status).toBe(200);
        expect(joined.im?.status).toBe(200);
        expect(joined.chatUri).toMatch(/opaque=app:conf:chat:id:/);
        expect(ep.dialogState()).toEqual({ focus: 'active', roster: 'active', im: 'active' });
      }
      expect(alice.roster.roles(alice.aor)).toContain('presenter');
      for (const ep of all) {
        await waitUntil(`${ep.role}'s roster to list everyone in chat`, () => all.every((p) => ep.roster.has(p.aor) && ep.roster.inChat(p.aor)));
      }

      // IM fan-out (MS-CONFIM 4.2.1): the others get it with Ms-Sender, the author does not.
      const said = await bob.say('hi');
      expect([200, 202]).toContain(said.status);
      for (const other of [alice, carol]) {
        await waitUntil(`${other.role} to receive Bob's IM`, () => requests(other, 'MESSAGE').length > 0);
        const im = requests(other, 'MESSAGE')[0];
        expect(im?.message.body.toString()).toBe('hi');
        expect(im?.message.headers.get('ms-sender')).toContain('sip:bob@contoso.com');
        expect(im?.dialog).toBe('D3');
        expect(im?.peer).toBe('mcu');
      }
      expect(requests(bob, 'MESSAGE')).toHaveLength(0);
      // And the other way round: Alice's own IM reaches Bob and Carol but never comes back to her.
      expect([200, 202]).toContain((await alice.say('hello all')).status);
      await waitUntil("Bob and Carol to receive Alice's IM", () =>
        [bob, carol].every((ep) => requests(ep, 'MESSAGE').some((m) => m.message.body.toString() === 'hello all')),
      );
      expect(requests(alice, 'MESSAGE').filter((m) => m.message.body.toString() === 'hello all')).toEqual([]);

      // The ejection.
      const outcome = await alice.eject(carol);
      expect([200, 202]).toContain(outcome.sipStatus);
      expect(outcome.carriedBy).toBe(outcome.sipStatus === 202 ? 'info' : '200');
      expect(outcome.response?.code).toBe('success');
      expect(outcome.response?.requestId).toBe(outcome.requestId);

      await waitUntil("Carol's terminated subscription", () =>
        requests(carol, 'BENOTIFY').some((m) => /terminated/.test(m.message.headers.get('subscription-state') ?? '')),
      );
      const terminated = requests(carol, 'BENOTIFY').find((m) => /terminated/.test(m.message.headers.get('subscription-state') ?? ''));
      expect(terminated?.dialog).toBe('D2');
      expect(terminated?.message.headers.get('subscription-state')).toMatch(/reason=ParticipantRemoved/);
      await waitUntil("Carol's dialogs to end", () => {
        const s = carol.dialogState();
        return s.focus === 'terminated' && s.roster === 'terminated' && s.im === 'terminated';
      });
      await carol.settled();
      for (const ep of [alice, bob]) {
        await waitUntil(`${ep.role}'s roster to drop Carol`, () => !ep.roster.has(carol.aor));
        expect(ep.roster.has(alice.aor) && ep.roster.has(bob.aor)).toBe(true);
        expect(ep.dialogState()).toEqual({ focus: 'active', roster: 'active', im: 'active' });
        expect(ep.rosterIssues).toEqual([]);
      }

      // Let straggling responses to Carol's BYEs arrive before the trace is inspected.
      await waitUntil("responses to Carol's BYEs", () =>
        recorder.records.filter((r) => r.role === 'carol' && r.direction === 'in' && /^\d+ BYE$/.test(r.cseq) && r.firstLine.startsWith('SIP/2.0')).length >= 2,
      );
      checkTrace(recorder.records);
      const ours = new Set(all.map((ep) => ep.connectionId));
      const seen = wire.filter((w) => ours.has(w.connectionId)).map((w) => `${w.connectionId} ${w.direction} ${w.raw.toString('latin1')}`);
      const traced = recorder.records.map((r) => `${r.connectionId} ${r.direction} ${r.raw.toString('latin1')}`);
      expect(traced.length).toBeGreaterThan(50);
      // Per connection, the same messages in the same order, byte for byte.
      for (const id of ours) {
        expect(traced.filter((t) => t.startsWith(`${id} `))).toEqual(seen.filter((t) => t.startsWith(`${id} `)));
      }
      expect(traced).toHaveLength(seen.length);
      expect(readTraceJsonLines(recorder.toJsonLines({ keepSecrets: true }))).toEqual(recorder.records);
    } finally {
      diagnosticsChannel.unsubscribe('focus-harness:message:sent', onWire);
      diagnosticsChannel.unsubscribe('focus-harness:message:received', onWire);
      for (const ep of all) await ep.close();
    }
  });
});

function checkTrace(records: readonly TraceRecord[]): void {
  expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
  // Never a response to a BENOTIFY (MS-SIP 3.5).
  expect(records.filter((r) => r.direction === 'out' && r.firstLine.startsWith('SIP/2.0') && r.cseq.endsWith('BENOTIFY'))).toEqual([]);

  const of = (role: string) => records.filter((r) => r.role === role);
  const index = (list: TraceRecord[], predicate: (r: TraceRecord) => boolean) => list.findIndex(predicate);

  const alice = of('alice');
  const info = index(alice, (r) => r.direction === 'out' && r.label === 'INFO deleteUser' && r.dialog === 'D1');
  const accepted = index(alice, (r) => r.direction === 'in' && r.cseq === alice[info]?.cseq && /^SIP\/2\.0 20[02]/.test(r.firstLine));
  expect(info).toBeGreaterThanOrEqual(0);
  expect(accepted).toBeGreaterThan(info);
  const resultInfo = index(alice, (r) => r.direction === 'in' && r.label === 'INFO deleteUser success');
  if (alice[accepted]?.firstLine.includes('202')) {
    expect(resultInfo).toBeGreaterThan(accepted);
    const answer = alice[resultInfo + 1];
    expect(answer?.direction).toBe('out');
    expect(answer?.firstLine).toBe('SIP/2.0 200 OK');
    expect(answer?.cseq).toBe(alice[resultInfo]?.cseq);
  }

  const carol = of('carol');
  const term = index(carol, (r) => r.direction === 'in' && r.label === 'BENOTIFY terminated;reason=ParticipantRemoved');
  expect(term).toBeGreaterThanOrEqual(0);
  expect(carol[term]?.dialog).toBe('D2');
  expect(carol[term]?.peer).toBe('focus');
  const byes = carol.filter((r, i) => i > term && r.direction === 'out' && r.firstLine.startsWith('BYE '));
  expect(byes.map((r) => r.dialog).sort()).toEqual(['D1', 'D3']);
  expect(byes.find((r) => r.dialog === 'D3')?.peer).toBe('mcu');
  // Every BYE the focus/MCU sent Carol got a 200 from her.
  for (const bye of carol.filter((r) => r.direction === 'in' && r.firstLine.startsWith('BYE '))) {
    expect(carol.some((r) => r.direction === 'out' && r.cseq === bye.cseq && r.callId === bye.callId && r.firstLine === 'SIP/2.0 200 OK')).toBe(true);
  }
  for (const role of ['alice', 'bob']) {
    expect(of(role).filter((r) => r.direction === 'in' && r.firstLine.startsWith('BYE '))).toEqual([]);
  }
}
