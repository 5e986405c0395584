/**
 * The SDP offer of a direct media INVITE to the IM MCU (brief §4.6, SIPE sipe_im_invite): no real
 * media, one `m=message … sip null` line and the accept-types the MCU copies into the roster.
 */
export const IM_ACCEPT_TYPES =
  'text/plain text/html image/gif multipart/alternative application/im-iscomposing+xml application/ms-imdn+xml text/x-msmsgsinvite';

export function buildImSdp(host: string, port: number): string {
  const family = host.includes(':') ? 'IP6' : 'IP4';
  return [
    'v=0',
    `o=- 0 0 IN ${family} ${host}`,
    's=session',
    `c=IN ${family} ${host}`,
    't=0 0',
    `m=message ${port} sip null`,
    `a=accept-types:${IM_ACCEPT_TYPES}`,
    '',
  ].join('\r\n');
}
