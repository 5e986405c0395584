/**
 * REGISTER (MS-SIPREGE; brief §3.1–3.2, issue 3): binds the AOR to the connection and answers
 * with the GRUU, the instance and the keep-alive interval. Digest only when the lab was started
 * with `auth` (RFC 3261 §22.4: 401 with a challenge; the Digest user must be the AOR's user).
 */
import type { SipRequest } from '../sip/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import { aorOf, isAorOfUser } from './conference-address.js';
import type { LabFocusCore, LabLink, LabRequest } from './lab-focus-core.js';
import { expiresOf, fromAor, nameAddr, param } from './message-fields.js';

/** Brief §3.2: what the 200 OK advertises for keep-alives. */
export const MS_KEEP_ALIVE = 'UAC;hop-hop=yes;end-end=no;timeout=300';

/** @default 900 s when the client asks nothing (seen in Lync traces). */
const DEFAULT_EXPIRES = 900;
const MAX_EXPIRES = 7200;

export function handleRegister(core: LabFocusCore, request: SipRequest, txn: ServerTransaction, link: LabLink): void {
  const req = { request, txn, link, aor: '' };
  const to = nameAddr(request, 'to');
  const aor = to ? aorOf(to.uri) : undefined;
  if (!aor || !aor.endsWith(`@${core.settings.domain}`)) {
    core.respond(req, 403, { headers: [warning(core, 'User not in this domain')] });
    return;
  }
  if (fromAor(request) !== aor) {
    core.respond(req, 403, { headers: [warning(core, 'Third-party registration not allowed')] });
    return;
  }
  if (!authorised(core, req, aor)) return;
  const contact = nameAddr(request, 'contact');
  const asked = contact?.params.get('expires');
  const expires = Math.min(MAX_EXPIRES, typeof asked === 'string' && /^\d+$/.test(asked) ? Number(asked) : expiresOf(request, DEFAULT_EXPIRES));
  if (!contact && expires !== 0) {
    core.respond(req, 400, { reason: 'Missing Contact' });
    return;
  }
  const instance = param(contact, '+sip.instance');
  const outcome = core.registrar.register({
    aor,
    contactUri: contact?.uri ?? '',
    instance,
    epid: param(nameAddr(request, 'from'), 'epid'),
    connectionId: link.connection.id,
    expiresSeconds: expires,
    now: core.clock.now(),
  });
  switch (outcome.kind) {
    case 'forbidden':
      core.respond(req, 403, { headers: [warning(core, outcome.reason)] });
      return;
    case 'unregistered':
      core.logger.info({ event: 'registrar.unregistered', aor }, 'unregistered');
      core.respond(req, 200, { headers: [['Expires', '0']] });
      return;
    case 'registered': {
      const r = outcome.registration;
      const gruu = core.policy.registrationGruu(r.gruu);
      const contactValue =
        `<${r.contactUri}>;expires=${expires}` +
        (r.instance ? `;+sip.instance="${r.instance}"` : '') +
        (gruu === undefined ? '' : `;gruu="${gruu}"`);
      core.logger.info({ event: 'registrar.registered', aor, gruu: r.gruu, connectionId: link.connection.id }, 'registered');
      core.respond(req, 200, {
        headers: [
          ['Contact', contactValue],
          ['Expires', String(expires)],
          ['ms-keep-alive', MS_KEEP_ALIVE],
          ['Supported', 'gruu-10, msrtc-event-categories'],
        ],
      });
    }
  }
}

/** True when no Digest is required or the credentials are right for `aor`; otherwise answers 401/403. */
function authorised(core: LabFocusCore, req: LabRequest, aor: string): boolean {
  const digest = core.registrarAuth;
  if (!digest) return true;
  const verdict = digest.verify(req.request);
  if (verdict.ok) {
    if (isAorOfUser(aor, verdict.username, core.settings.domain)) return true;
    core.respond(req, 403, { headers: [warning(core, `Digest user ${verdict.username} may not register ${aor}`)] });
    return false;
  }
  core.logger.info({ event: 'registrar.challenge', aor, reason: verdict.reason }, 'digest challenge');
  core.respond(req, 401, { headers: digest.challengeValues({ stale: verdict.stale }).map((value) => ['WWW-Authenticate', value] as const) });
  return false;
}

/** Brief §3.2: SIPE reads a registrar refusal's reason from Warning (RFC 3261 §20.43, code 399). */
function warning(core: LabFocusCore, reason: string): [string, string] {
  return ['Warning', `399 ${core.settings.serverName} "${reason}"`];
}
