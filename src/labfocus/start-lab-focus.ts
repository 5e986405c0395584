/**
 * Starts the lab focus on one listener (issue 3): registrar, focus factory, focus, conference
 * event package and IM MCU, with the named fault switches composed into its policy.
 */
import { DigestServer } from '../auth/index.js';
import pino from 'pino';
import { FocusHarnessError } from '../errors.js';
import { ensureLabCertificates } from '../pki/index.js';
import { listen } from '../transport/index.js';
import { systemClock } from '../util/index.js';
import { composeLabPolicy } from './lab-faults.js';
import type { LabFocus, LabFocusOptions } from './lab-focus-options.js';
import { LabFocusServer } from './lab-focus-server.js';

export async function startLabFocus(options: LabFocusOptions = {}): Promise<LabFocus> {
  const host = options.host ?? '127.0.0.1';
  const transport = options.transport ?? 'tls';
  const domain = (options.domain ?? 'contoso.com').toLowerCase();
  const faults = [...(options.faults ?? [])];
  const policy = composeLabPolicy(faults);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: 'silent' });
  let caPath: string | undefined;
  let caPem: string | undefined;
  let cert = options.cert;
  let key = options.key;
  if (transport === 'tls' && (cert === undefined || key === undefined)) {
    if (cert !== undefined || key !== undefined) {
      throw new FocusHarnessError('FH_USAGE', 'give both cert and key, or neither to use the generated lab certificates');
    }
    const lab = await ensureLabCertificates(...((options.certDir !== undefined ? [options.certDir] : []) as [string?]));
    ({ caPath } = lab);
    caPem = lab.caCertPem;
    cert = lab.certPem;
    key = lab.keyPem;
  }
  const listener = await listen({
    host,
    port: options.port ?? 0,
    transport,
    clock,
    ...(cert !== undefined && key !== undefined ? { cert, key } : {}),
  });
  const port = listener.address.port;
  const server = new LabFocusServer({
    listener,
    settings: { host, port, transport, domain, c3pStyle: options.c3pStyle ?? '202-then-info', serverName: 'lab-focus.focus-harness' },
    policy,
    clock,
    logger,
    ...(options.forgetEmptyConferencesAfterMs === undefined ? {} : { forgetEmptyConferencesAfterMs: options.forgetEmptyConferencesAfterMs }),
    ...(options.auth ? { registrarAuth: new DigestServer({ realm: options.auth.realm ?? domain, users: options.auth.users, clock }) } : {}),
  });
  logger.info({ event: 'lab.started', host, port, transport, domain, faults, caPath }, 'lab focus listening');
  return {
    host,
    port,
    transport,
    domain,
    caPath,
    caPem,
    faults,
    stop: async () => {
      await server.stop();
      logger.info({ event: 'lab.stopped', host, port }, 'lab focus stopped');
    },
  };
}
