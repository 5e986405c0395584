/**
 * The IM MCU at `…;gruu;opaque=app:conf:chat:id:<ID>` (brief §4.6–4.8, §8 item 4): direct media
 * INVITE join, MESSAGE fan-out with Ms-Sender and the IMDN back to the author, typing INFO, BYE.
 * It writes its header names in capitals, as the seed's MCU does.
 */
import { createUasDialog } from './create-uas-dialog.js';
import type { LabConference } from './lab-conference.js';
import type { LabDialog } from './lab-dialog.js';
import type { LabFocusCore, LabRequest } from './lab-focus-core.js';
import { contentTypeOf } from './message-fields.js';
import { msDiagnostics } from './ms-diagnostics.js';
import { renderImdn, type ImdnRecipient } from './imdn-document.js';

const COMPONENT = 'ImMcu';

function mcuDiagnostics(core: LabFocusCore, name: 'dialogDoesNotExist' | 'unauthorized' | 'invalidConference'): [string, string] {
  return ['Ms-Diagnostics', msDiagnostics(name, core.settings.serverName, COMPONENT)];
}

/** The SDP answer: a message-only session (brief §4.6). */
function sdpAnswer(core: LabFocusCore, conference: LabConference): string {
  const { host, port, transport } = core.settings;
  return [
    'v=0',
    `o=- 0 0 IN IP4 ${host}`,
    's=session',
    `c=IN IP4 ${host}`,
    't=0 0',
    `m=message ${port} sip ${conference.chatUri.split(';')[0]}`,
    'a=accept-types:text/plain text/html text/rtf multipart/alternative application/im-iscomposing+xml application/ms-imdn+xml',
    `a=x-transport:${transport}`,
    '',
  ].join('\r\n');
}

/** The MCU's Contact: a pool URI with routing parameters (seed msg 5), copied by clients. */
function mcuContact(core: LabFocusCore): string {
  const { host, port, transport } = core.settings;
  return `<sip:${host}:${port};transport=${transport};ms-fe=${core.settings.serverName};ms-role-rs-from;ms-role-rs-to;ms-ent-dest;lr>`;
}

export function handleChatInvite(core: LabFocusCore, req: LabRequest, conferenceId: string): void {
  const conference = core.conferences.get(conferenceId);
  if (!conference) return core.respond(req, 404, { mcu: true, headers: [mcuDiagnostics(core, 'invalidConference')] });
  if (!conference.has(req.aor) && !core.policy.admitsOutsider('chat')) {
    return core.respond(req, 403, { mcu: true, headers: [mcuDiagnostics(core, 'unauthorized')] });
  }
  const sdp = req.request.body.toString('utf8');
  if (contentTypeOf(req.request) !== 'application/sdp' || !/^m=(x-ms-)?message /m.test(sdp)) {
    return core.respond(req, 488, { mcu: true });
  }
  for (const old of core.dialogs.of(conference.id, 'chat', req.aor)) core.endDialog(old);
  const dialog = createUasDialog('chat', req, conference.id, conference.chatUri);
  core.dialogs.add(dialog);
  core.respond(req, 200, {
    mcu: true,
    toTag: dialog.localTag,
    headers: [['Contact', mcuContact(core)], ['Supported', 'ms-sender']],
    contentType: 'application/sdp',
    body: sdpAnswer(core, conference),
  });
  const acceptTypes = /^a=accept-types:(.*)$/m.exec(sdp)?.[1]?.trim();
  const userAgent = req.request.headers.get('user-agent');
  core.logger.info({ event: 'mcu.joined', conferenceId: conference.id, aor: req.aor }, 'user joined the IM MCU');
  core.publish(conference, conference.joinChat(req.aor, {
    ...(acceptTypes ? { imFormats: acceptTypes } : {}),
    ...(userAgent ? { userAgent } : {}),
  }));
}

export function handleChatRequest(core: LabFocusCore, req: LabRequest, dialog: LabDialog): void {
  // Seed msg 9: a request on a D3 the MCU already ended gets 481 + 6019.
  if (dialog.state !== 'confirmed') {
    const status = core.policy.endedDialogStatus(req.request.method);
    if (status !== 481) return core.respond(req, status, { mcu: true });
    return core.respond(req, 481, { reason: 'Dialog does not exist', mcu: true, headers: [mcuDiagnostics(core, 'dialogDoesNotExist')] });
  }
  const conference = core.conferences.get(dialog.conferenceId);
  switch (req.request.method) {
    case 'MESSAGE':
      if (!conference) return core.respond(req, 481, { mcu: true, headers: [mcuDiagnostics(core, 'dialogDoesNotExist')] });
      return forwardMessage(core, req, dialog, conference);
    case 'INFO':
      // Brief §4.8: typing notifications are acknowledged; relaying them is not modelled.
      return core.respond(req, 200, { mcu: true });
    case 'BYE':
      core.respond(req, 200, { mcu: true });
      core.endDialog(dialog);
      if (conference) {
        core.logger.info({ event: 'mcu.left', conferenceId: conference.id, aor: req.aor }, 'user left the IM MCU');
        core.publish(conference, conference.leaveChat(req.aor));
      }
      return;
    case 'INVITE':
      if (!conference) return core.respond(req, 481, { mcu: true });
      return core.respond(req, 200, { mcu: true, headers: [['Contact', mcuContact(core)]], contentType: 'application/sdp', body: sdpAnswer(core, conference) });
    default:
      return core.respond(req, 405, { mcu: true, headers: [['Allow', 'INVITE, ACK, MESSAGE, INFO, BYE']] });
  }
}

/**
 * MS-CONFIM 4.2.1: 202 with Message-Id to the author, one MESSAGE per other participant in the IM
 * session (Ms-Sender names the author), then the IMDN BENOTIFY in the author's D3.
 */
function forwardMessage(core: LabFocusCore, req: LabRequest, authorDialog: LabDialog, conference: LabConference): void {
  const messageId = conference.nextMessageId();
  core.respond(req, 202, { mcu: true, headers: [['Message-Id', messageId]] });
  const inChat = core.dialogs.of(conference.id, 'chat');
  const recipients = core.policy.imRecipients(req.aor, [...new Set(inChat.map((d) => d.aor))]);
  const sender = core.policy.msSender(req.aor);
  const contentType = req.request.headers.get('content-type') ?? 'text/plain';
  const deliveries = recipients.map(async (aor): Promise<ImdnRecipient> => {
    const uri = core.registrar.lookup(aor, core.clock.now())?.gruu ?? aor;
    const target = inChat.find((d) => d.aor === aor);
    if (!target) return { uri, status: 481, diagnostics: msDiagnostics('dialogDoesNotExist', core.settings.serverName, COMPONENT) };
    const response = await core.send(target, 'MESSAGE', {
      mcu: true,
      headers: sender === undefined ? [] : [['Ms-Sender', sender]],
      contentType,
      body: req.request.body,
    });
    if (!response) {
      return { uri, status: 408, diagnostics: `6001;source="${core.settings.serverName}";reason="Request Timeout";component="${COMPONENT}"` };
    }
    return { uri, status: core.policy.imdnStatus(response.status) };
  });
  core.logger.info({ event: 'mcu.message', conferenceId: conference.id, from: req.aor, messageId, recipients }, 'IM forwarded');
  void Promise.all(deliveries).then((results) => {
    if (authorDialog.state !== 'confirmed') return;
    void core.send(authorDialog, 'BENOTIFY', {
      mcu: true,
      bestEffort: true,
      contentType: 'application/ms-imdn+xml',
      body: renderImdn(messageId, results),
    });
  });
}
