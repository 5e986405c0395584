/**
 * `forgetEmptyConferencesAfterMs` (load runs): a conference whose last participant left is dropped
 * after the linger; without the option it stays joinable, as an ad-hoc conference does.
 */
import { describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../src/capture/index.js';
import { Endpoint } from '../../src/endpoint/index.js';
import { startLabFocus } from '../../src/labfocus/index.js';
import { labCertificates } from '../helpers/lab-certs.js';

async function rejoinAfterEveryoneLeft(forgetEmptyConferencesAfterMs: number | undefined): Promise<number> {
  const certs = await labCertificates();
  const lab = await startLabFocus({ cert: certs.certPem, key: certs.keyPem, ...(forgetEmptyConferencesAfterMs === undefined ? {} : { forgetEmptyConferencesAfterMs }) });
  const server = { host: '127.0.0.1', port: lab.port, transport: 'tls' as const, ca: certs.caCertPem, servername: 'localhost' };
  const recorder = new TraceRecorder({ enabled: false });
  const alice = new Endpoint({ role: 'alice', aor: 'sip:alice@contoso.com', server, recorder });
  const bob = new Endpoint({ role: 'bob', aor: 'sip:bob@contoso.com', server, recorder });
  try {
    for (const e of [alice, bob]) {
      await e.connect();
      await e.register();
    }
    const { focusUri } = await alice.createConference({ subject: 'linger' });
    await alice.join(focusUri);
    await alice.leave();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return (await bob.joinFocus(focusUri)).sipStatus;
  } finally {
    await alice.close();
    await bob.close();
    await lab.stop();
  }
}

describe('lab focus: empty conferences', { timeout: 20_000 }, () => {
  it('keeps an empty conference joinable by default', async () => {
    expect(await rejoinAfterEveryoneLeft(undefined)).toBe(200);
  });

  it('forgets it after forgetEmptyConferencesAfterMs: a later join finds no conference', async () => {
    const status = await rejoinAfterEveryoneLeft(50);
    expect(status).toBeGreaterThanOrEqual(400);
  });
});
