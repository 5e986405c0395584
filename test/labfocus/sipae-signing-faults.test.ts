/**
 * The MS-SIPAE signing faults of the lab focus, observed by NTLM endpoints over real TLS on
 * 127.0.0.1: Alice creates a conference and subscribes to its roster (the lab's first request to
 * her, a full BENOTIFY), then Bob joins (a second BENOTIFY to Alice). Against the clean NTLM lab
 * both verify; with `corrupt-sipae-signature` both carry an rspauth that does not verify and are
 * dropped; with `unsigned-after-sa` the first has no Authentication-Info and is dropped, the second
 * verifies. The lab's responses stay correctly signed under both faults.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Endpoint, type InboundMessage, type ServerTarget } from '../../src/endpoint/index.js';
import type { LabFaultName } from '../../src/labfocus/index.js';
import { startTestLab, type TestLab } from './test-lab.js';

const WAIT_MS = 20_000;

let lab: TestLab | undefined;
const endpoints: Endpoint[] = [];

afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
  await lab?.lab.stop();
  lab = undefined;
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function benotifies(endpoint: Endpoint): InboundMessage[] {
  return endpoint.received.filter((m) => m.message.kind === 'request' && m.message.method === 'BENOTIFY');
}

/** Alice and Bob on an NTLM lab with `faults`; returns Alice's first two BENOTIFYs and both endpoints. */
async function roster(faults: readonly LabFaultName[]): Promise<{ alice: Endpoint; bob: Endpoint; notifies: InboundMessage[] }> {
  const passwords = new Map(['alice', 'bob'].map((user) => [user, randomBytes(12).toString('base64url')]));
  lab = await startTestLab({ host: '127.0.0.1', port: 0, transport: 'tls', auth: { scheme: 'ntlm', users: passwords }, faults });
  const { caPem } = lab.address;
  const server: ServerTarget = { host: '127.0.0.1', port: lab.address.port, transport: 'tls', servername: 'localhost', ...(caPem === undefined ? {} : { ca: caPem }) };
  const [alice, bob] = [...passwords].map(
    ([user, password]) => new Endpoint({ role: user, aor: `sip:${user}@contoso.com`, password, authScheme: 'ntlm', server }),
  ) as [Endpoint, Endpoint];
  endpoints.push(alice, bob);
  for (const endpoint of [alice, bob]) {
    await endpoint.connect();
    expect((await endpoint.register()).status).toBe(200);
  }
  const { focusUri } = await alice.createConference();
  await alice.join(focusUri, { subscribe: true, im: false });
  await until(() => benotifies(alice).length >= 1, "Alice's first BENOTIFY");
  await bob.join(focusUri, { subscribe: true, im: false });
  await until(() => benotifies(alice).length >= 2, "Alice's second BENOTIFY (Bob joined)");
  return { alice, bob, notifies: benotifies(alice).slice(0, 2) };
}

const SIGNED = /^NTLM rspauth="01000000[0-9A-F]{16}64000000"/;

/** Every response the endpoint received after the handshake was accepted (signed and verified). */
function responsesAccepted(endpoint: Endpoint): void {
  const responses = endpoint.received.filter((m) => m.message.kind === 'response');
  expect(responses.length).toBeGreaterThan(3);
  expect(responses.filter((m) => m.sipaeRejected !== undefined).map((m) => m.sipaeRejected?.detail)).toEqual([]);
}

describe('lab focus MS-SIPAE signing faults (NTLM lab, real TLS)', { timeout: 60_000 }, () => {
  it('clean: every request the lab sends after the SA is signed and verifies', async () => {
    const { alice, bob, notifies } = await roster([]);
    for (const inbound of notifies) {
      expect(inbound.message.headers.get('Authentication-Info')).toMatch(SIGNED);
      expect(inbound.sipaeRejected).toBeUndefined();
    }
    expect(alice.authFailures).toEqual([]);
    expect(bob.authFailures).toEqual([]);
    await until(() => alice.roster.has('sip:bob@contoso.com'), "Bob on Alice's roster");
  });

  it('corrupt-sipae-signature: the lab signs its requests with an rspauth that does not verify; the client drops them', async () => {
    const { alice, bob, notifies } = await roster(['corrupt-sipae-signature']);
    for (const inbound of notifies) {
      // Still an Authentication-Info of the right shape: only the signature is wrong.
      expect(inbound.message.headers.get('Authentication-Info')).toMatch(SIGNED);
      expect(inbound.sipaeRejected).toMatchObject({ reason: 'bad-signature', detail: expect.stringMatching(/^BENOTIFY .*rspauth [0-9A-F]{32} \(snum \d+\) does not verify/) });
    }
    expect(alice.authFailures.slice(0, 2)).toEqual(notifies.map((n) => `alice: ${n.sipaeRejected?.detail ?? ''}`));
    // Dropped means not acted on: the roster documents never reached Alice's roster.
    expect(alice.roster.has('sip:alice@contoso.com')).toBe(false);
    expect(alice.roster.has('sip:bob@contoso.com')).toBe(false);
    responsesAccepted(alice);
    responsesAccepted(bob);
  });

  it('unsigned-after-sa: the first request after the SA has no Authentication-Info and is dropped; the next one verifies', async () => {
    const { alice, bob, notifies } = await roster(['unsigned-after-sa']);
    const [first, second] = notifies as [InboundMessage, InboundMessage];
    expect(first.message.headers.get('Authentication-Info')).toBeUndefined();
    expect(first.sipaeRejected).toMatchObject({ reason: 'unsigned', detail: expect.stringMatching(/^BENOTIFY .* carries no NTLM signature although the SA is up$/) });
    expect(second.message.headers.get('Authentication-Info')).toMatch(SIGNED);
    expect(second.sipaeRejected).toBeUndefined();
    expect(alice.authFailures).toHaveLength(1);
    responsesAccepted(alice);
    responsesAccepted(bob);
  });
});
