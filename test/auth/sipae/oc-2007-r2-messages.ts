/**
 * SIP messages of the Office Communicator 2007 R2 / OCS 2007 R2 registration recorded by
 * pidgin-sipe (values only; the credentials line of the REGISTER without its token).
 */
export const crlf = (lines: string[]): Buffer => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');

export const OC_REGISTER = crlf([
  'REGISTER sip:cosmo.local SIP/2.0',
  'Via: SIP/2.0/TLS 192.168.172.6:12723',
  'Max-Forwards: 70',
  'From: <sip:user@cosmo.local>;tag=3e49177a52;epid=c8ca638a15',
  'To: <sip:user@cosmo.local>',
  'Call-ID: 4037df9284354df39065195bd57a4b14',
  'CSeq: 3 REGISTER',
  'Contact: <sip:192.168.172.6:12723;transport=tls;ms-opaque=fad3dfab32>;methods="INVITE, MESSAGE, INFO, OPTIONS, BYE, CANCEL, NOTIFY, ACK, REFER, BENOTIFY";proxy=replace;+sip.instance="<urn:uuid:34D859DB-6585-5F91-A3B4-DE853C15347D>"',
  'Supported: gruu-10, adhoclist, msrtc-event-categories',
  'Event: registration',
  'Proxy-Authorization: NTLM qop="auth", realm="SIP Communications Service", opaque="2BDBAC9D", targetname="cosmo-ocs-r2.cosmo.local", version=4, gssapi-data="", crand="13317733", cnum="1", response="0100000029618e9651b65a7764000000"',
  'Content-Length: 0',
]);

export const OC_REGISTER_200 = crlf([
  'SIP/2.0 200 OK',
  'ms-keep-alive: UAS; tcp=no; hop-hop=yes; end-end=no; timeout=300',
  'Authentication-Info: NTLM rspauth="01000000E615438A917661BE64000000", srand="9616454F", snum="1", opaque="2BDBAC9D", qop="auth", targetname="cosmo-ocs-r2.cosmo.local", realm="SIP Communications Service"',
  'From: "User"<sip:user@cosmo.local>;tag=3e49177a52;epid=c8ca638a15',
  'To: <sip:user@cosmo.local>;tag=5E61CCD925D17E043D9A74835A88F664',
  'Call-ID: 4037df9284354df39065195bd57a4b14',
  'CSeq: 3 REGISTER',
  'Via: SIP/2.0/TLS 192.168.172.6:12723;ms-received-port=12723;ms-received-cid=2600',
  'Expires: 7200',
  'Content-Length: 0',
]);
