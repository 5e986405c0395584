/**
 * Raw SIP messages for transport tests (modelled on the MS-CONFIM 4.3.1 seed flow).
 */
const CRLF = '\r\n';

export function inviteText(cseq = 1, body = ''): string {
  return [
    'INVITE sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB0C7D SIP/2.0',
    `Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK${cseq}a`,
    'Max-Forwards: 70',
    'From: <sip:carol@contoso.com>;tag=8a3c1;epid=01010101',
    'To: <sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB0C7D>',
    'Call-ID: 1e294f6a8ac54c2b',
    `CSeq: ${cseq} INVITE`,
    'Contact: <sip:carol@contoso.com;opaque=user:epid:abc;gruu>',
    'Content-Type: application/cccp+xml',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join(CRLF);
}

export function okText(cseq = 1): string {
  return [
    'SIP/2.0 200 OK',
    `Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK${cseq}a`,
    'From: <sip:carol@contoso.com>;tag=8a3c1;epid=01010101',
    'To: <sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB0C7D>;tag=55aa',
    'Call-ID: 1e294f6a8ac54c2b',
    `CSeq: ${cseq} INVITE`,
    'Content-Length: 0',
    '',
    '',
  ].join(CRLF);
}

export function benotifyText(): string {
  const body = '<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="x" state="partial" version="2"/>';
  return [
    'BENOTIFY sip:127.0.0.1:50000;transport=tls;ms-opaque=3c71125d8b;grid SIP/2.0',
    'Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKbn1',
    'Max-Forwards: 70',
    'From: <sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB0C7D>;tag=77',
    'To: <sip:carol@contoso.com>;tag=8a3c2;epid=01010101',
    'Call-ID: 87434074',
    'CSeq: 2 BENOTIFY',
    'Event: conference',
    'Subscription-State: active;expires=3600',
    'Content-Type: application/conference-info+xml',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join(CRLF);
}
