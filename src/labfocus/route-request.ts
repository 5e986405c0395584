/**
 * The lab focus's request routing table: REGISTER to the registrar; the forged-From check; an
 * in-dialog request to its dialog's handler (RFC 3261 §12.2.2); otherwise by Request-URI to the
 * focus factory, the focus or the IM MCU (brief §1.1).
 */
import type { SipRequest } from '../sip/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import { classifyAddress } from './conference-address.js';
import { handleFactoryService } from './factory-handler.js';
import { handleFocusDialogRequest } from './focus-dialog-handler.js';
import { handleFocusInvite } from './focus-join.js';
import type { LabFocusCore, LabLink, LabRequest } from './lab-focus-core.js';
import { handleChatInvite, handleChatRequest } from './mcu-handler.js';
import { callIdOf, cseqOf, fromAor, nameAddr, param } from './message-fields.js';
import { msDiagnostics } from './ms-diagnostics.js';
import { handleRegister } from './register-handler.js';
import { handleSubscribe } from './subscription-handler.js';

export function routeRequest(core: LabFocusCore, link: LabLink, request: SipRequest, txn: ServerTransaction): void {
  // ACK for our 2xx and any BENOTIFY carry no response (RFC 3261 §17.2.3, MS-SIP 3.5).
  if (txn.kind === 'ack' || txn.kind === 'best-effort' || request.method === 'ACK') return;
  if (request.method === 'REGISTER') return handleRegister(core, request, txn, link);
  const bound = core.registrar.aorOn(link.connection.id, core.clock.now());
  const from = fromAor(request);
  // Issue 3 "forged From": a connection speaks only for the AOR registered on it.
  const believed = bound !== undefined && from !== undefined && core.policy.trustsFromHeader() ? from : bound;
  const raw: LabRequest = { request, txn, link, aor: believed ?? '' };
  if (bound === undefined || from !== believed) {
    const reason = bound === undefined ? 'Register first' : 'From does not match the registered identity';
    core.logger.warn({ event: 'request.forbidden', method: request.method, from, bound }, reason);
    return core.respond(raw, 403, { headers: [['ms-diagnostics', `${msDiagnostics('unauthorized', core.settings.serverName).replace('Failed authorization', reason)}`]] });
  }
  const req: LabRequest = raw;
  const toTag = param(nameAddr(request, 'to'), 'tag');
  if (toTag !== undefined) return routeInDialog(core, req, toTag);
  const address = classifyAddress(request.uri);
  switch (`${address.kind} ${request.method}`) {
    case 'focusfactory SERVICE':
      return handleFactoryService(core, req);
    case 'focus INVITE':
      return handleFocusInvite(core, req, (address as { conferenceId: string }).conferenceId);
    case 'focus SUBSCRIBE':
      return handleSubscribe(core, req, (address as { conferenceId: string }).conferenceId);
    case 'chat INVITE':
      return handleChatInvite(core, req, (address as { conferenceId: string }).conferenceId);
    default:
      if (request.method === 'OPTIONS') return core.respond(req, 200, { headers: [['Allow', 'INVITE, ACK, BYE, INFO, MESSAGE, SUBSCRIBE, SERVICE, OPTIONS']] });
      if (request.method === 'CANCEL') return core.respond(req, 481);
      return core.respond(req, address.kind === 'other' ? 404 : 405);
  }
}

function routeInDialog(core: LabFocusCore, req: LabRequest, toTag: string): void {
  const { request } = req;
  const dialog = core.dialogs.find(callIdOf(request), toTag, param(nameAddr(request, 'from'), 'tag'));
  if (!dialog || dialog.aor !== req.aor) {
    // Seed msg 9: the IM MCU's 481 names itself.
    const to = nameAddr(request, 'to');
    const mcu = to !== undefined && classifyAddress(to.uri).kind === 'chat';
    return core.respond(req, 481, {
      reason: 'Dialog does not exist',
      ...(mcu ? { mcu: true, headers: [['Ms-Diagnostics', msDiagnostics('dialogDoesNotExist', core.settings.serverName, 'ImMcu')]] } : {}),
    });
  }
  // RFC 3261 §12.2.2: a remote CSeq lower than the last one is out of order.
  const seq = cseqOf(request).seq;
  if (seq <= dialog.remoteCSeq && request.method !== 'CANCEL') return core.respond(req, 500, { reason: 'CSeq Out of Order' });
  dialog.remoteCSeq = seq;
  switch (dialog.kind) {
    case 'focus':
      return handleFocusDialogRequest(core, req, dialog);
    case 'subscription':
      if (request.method === 'SUBSCRIBE') return handleSubscribe(core, req, dialog.conferenceId, dialog);
      return core.respond(req, 405, { headers: [['Allow', 'SUBSCRIBE']] });
    case 'chat':
      return handleChatRequest(core, req, dialog);
  }
}
