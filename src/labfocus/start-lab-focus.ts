/**
 * Starts the lab focus on one listener (issue 3): registrar, focus factory, focus, conference
 * event package and IM MCU, with the named fault switches composed into its policy.
 */
import { DigestServer, SipaeServerSession } from '../auth/index.js';
import pino from 'pino';
import { FocusHarnessError } from '../errors.js';
import { ensureLabCertificates } from '../pki/index.js';
import { listen } from '../transport/index.js';
import { getTo } from '../sip/index.js';
import { systemClock, type Clock } from '../util/index.js';
import { aorOf, isAorOfUser } from './conference-address.js';
import { composeLabPolicy, LAB_FAULTS } from './lab-faults.js';
import type { LabFocus, LabFocusOptions } from './lab-focus-options.js';
import { LabFocusServer } from './lab-focus-server.js';

/** The SIP domain of the lab's users when none is given (the seed's domain). */
export const LAB_DEFAULT_DOMAIN = 'contoso.com';

/** The lab's server name: Warning/ms-diagnostics source and the MS-SIPAE targetname. */
const LAB_SERVER_NAME = 'lab-focus.focus-harness';

export async function startLabFocus(options: LabFocusOptions = {}): Promise<LabFocus> {
  const host = options.host ?? '127.0.0.1';
  const transport = options.transport ?? 'tls';
  const domain = (options.domain ?? LAB_DEFAULT_DOMAIN).toLowerCase();
  const faults = [...(options.faults ?? [])];
  const policy = composeLabPolicy(faults);
  const needsNtlm = LAB_FAULTS.filter((f) => f.requiresAuth === 'ntlm' && faults.includes(f.name)).map((f) => f.name);
  if (needsNtlm.length > 0 && options.auth?.scheme !== 'ntlm') {
    throw new FocusHarnessError(
      'FH_USAGE',
      `lab fault ${needsNtlm.join(', ')} acts on MS-SIPAE signing and changes nothing without NTLM: start the lab with auth { scheme: 'ntlm', users } (lab --auth ntlm --users FILE)`,
    );
  }
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
    settings: { host, port, transport, domain, c3pStyle: options.c3pStyle ?? '202-then-info', serverName: LAB_SERVER_NAME },
    policy,
    clock,
    logger,
    ...(options.forgetEmptyConferencesAfterMs === undefined ? {} : { forgetEmptyConferencesAfterMs: options.forgetEmptyConferencesAfterMs }),
    ...(options.auth && options.auth.scheme !== 'ntlm'
      ? { registrarAuth: new DigestServer({ realm: options.auth.realm ?? domain, users: options.auth.users, clock }) }
      : {}),
    ...(options.auth?.scheme === 'ntlm' ? { sipae: labSipae(options.auth, domain, clock) } : {}),
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

/**
 * One MS-SIPAE server session per connection: NTLM users from `auth.users` (names compared without
 * case, the domain not checked), and the NTLM user must be the user part of the AOR it registers.
 */
function labSipae(
  auth: NonNullable<LabFocusOptions['auth']>,
  domain: string,
  clock: Clock,
): () => SipaeServerSession {
  const passwords = new Map([...auth.users].map(([user, password]) => [user.toLowerCase(), password]));
  return () =>
    new SipaeServerSession({
      ...(auth.realm === undefined ? {} : { realm: auth.realm }),
      targetname: LAB_SERVER_NAME,
      netbiosDomain: (domain.split('.')[0] ?? domain).toUpperCase().slice(0, 15),
      netbiosComputer: 'LABFOCUS',
      clock,
      passwordOf: (user) => passwords.get(user.toLowerCase()),
      refuseUser: (user, _domain, request) => {
        const aor = aorOf(getTo(request).uri);
        return isAorOfUser(aor, user, domain) ? undefined : `NTLM user ${user} may not register ${aor}`;
      },
    });
}
