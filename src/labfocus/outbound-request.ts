/**
 * Requests the focus and the IM MCU originate inside a dialog (brief §1.3, seed msgs 3, 6, 7, 14):
 * the Request-URI is the participant's registered Contact, From carries our URI and tag, To the
 * participant's AOR with its tag and epid (MS-SIPRE 3.2.4.1).
 */
import { createRequest, newBranch, type SipMessage, type SipRequest } from '../sip/index.js';
import { HeaderList } from '../sip/index.js';
import type { LabDialog } from './lab-dialog.js';

export interface OutboundRequestInit {
  /** The participant's registered Contact URI. */
  target: string;
  /** Overrides the dialog's next CSeq (the focus BYE uses 2147483645, seed msg 6). */
  cseq?: number;
  headers?: ReadonlyArray<readonly [string, string]>;
  contentType?: string;
  body?: Buffer | string;
  /** Via lines to write (top first); none lets the transaction layer write one. */
  vias?: readonly string[];
}

/** Builds the next request of `dialog` and advances its local CSeq. */
export function buildDialogRequest(dialog: LabDialog, method: string, init: OutboundRequestInit): SipRequest {
  const cseq = init.cseq ?? ++dialog.localCSeq;
  if (init.cseq !== undefined) dialog.localCSeq = Math.max(dialog.localCSeq, init.cseq);
  const epid = dialog.remoteEpid ? `;epid=${dialog.remoteEpid}` : '';
  const headers: [string, string][] = [
    ...(init.vias ?? []).map((via) => ['Via', via] as [string, string]),
    ['Max-Forwards', '70'],
    ['From', `<${dialog.localUri}>;tag=${dialog.localTag}`],
    ['To', `<${dialog.aor}>;tag=${dialog.remoteTag}${epid}`],
    ['Call-ID', dialog.callId],
    ['CSeq', `${cseq} ${method}`],
    ...(init.headers ?? []).map(([n, v]) => [n, v] as [string, string]),
  ];
  if (init.contentType) headers.push(['Content-Type', init.contentType]);
  return createRequest({ method, uri: init.target, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
}

/** The two Via lines of an MCU-originated request: the MCU's and the front end's (seed msg 7). */
export function mcuVias(host: string, port: number, transport: 'tls' | 'tcp'): string[] {
  const t = transport.toUpperCase();
  return [
    `SIP/2.0/${t} ${host}:${port};branch=${newBranch()};branched=FALSE`,
    `SIP/2.0/${t} ${host}:${port};branch=${newBranch()};ms-received-port=${port};ms-received-cid=1`,
  ];
}

const MCU_CAPITALS: Readonly<Record<string, string>> = {
  from: 'FROM',
  to: 'TO',
  cseq: 'CSEQ',
  'call-id': 'CALL-ID',
  'content-length': 'CONTENT-LENGTH',
  'ms-diagnostics': 'Ms-Diagnostics',
};

/**
 * The IM MCU writes these header names in capitals (seed msgs 7, 9; brief §2 item 3). Returns the
 * message with its header list rewritten (values and order kept).
 */
export function withMcuHeaderCase<M extends SipMessage>(message: M): M {
  const headers = new HeaderList();
  let hasLength = false;
  for (const field of message.headers) {
    if (field.key === 'content-length') hasLength = true;
    headers.append(MCU_CAPITALS[field.key] ?? field.name, field.value);
  }
  if (!hasLength) headers.append('CONTENT-LENGTH', String(message.body.length));
  message.headers = headers;
  return message;
}
