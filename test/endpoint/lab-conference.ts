/**
 * Test helper: a lab focus on loopback TLS and three registered endpoints in one conference.
 */
import { TraceRecorder } from '../../src/capture/index.js';
import { Endpoint, type EndpointOptions } from '../../src/endpoint/index.js';
import { startLabFocus, type LabFocus, type LabFocusOptions } from '../../src/labfocus/index.js';
import { labCertificates } from '../helpers/lab-certs.js';

export interface LabConference {
  lab: LabFocus;
  recorder: TraceRecorder;
  alice: Endpoint;
  bob: Endpoint;
  carol: Endpoint;
  focusUri: string;
  close(): Promise<void>;
}

export async function waitUntil(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function labConference(
  labOptions: LabFocusOptions = {},
  endpointOptions: Partial<EndpointOptions> = {},
): Promise<LabConference> {
  const certs = await labCertificates();
  const lab = await startLabFocus({ host: '127.0.0.1', port: 0, transport: 'tls', cert: certs.certPem, key: certs.keyPem, ...labOptions });
  const recorder = new TraceRecorder();
  const make = (role: string) =>
    new Endpoint({
      role,
      aor: `sip:${role}@contoso.com`,
      server: { host: '127.0.0.1', port: lab.port, transport: 'tls', ca: certs.caCertPem, servername: 'localhost' },
      recorder,
      ...endpointOptions,
    });
  const alice = make('alice');
  const bob = make('bob');
  const carol = make('carol');
  const all = [alice, bob, carol];
  const close = async (): Promise<void> => {
    for (const ep of all) await ep.close();
    await lab.stop();
  };
  try {
    for (const ep of all) {
      await ep.connect();
      await ep.register();
    }
    const { focusUri } = await alice.createConference();
    for (const ep of all) await ep.join(focusUri);
    for (const ep of all) {
      await waitUntil(`${ep.role}'s roster`, () => all.every((p) => ep.roster.inChat(p.aor)));
    }
    return { lab, recorder, alice, bob, carol, focusUri, close };
  } catch (error) {
    await close();
    throw error;
  }
}
