/**
 * The MS-SIPAE signed buffer against messages recorded by pidgin-sipe (values only): Office
 * Communicator 2007 R2 with OCS 2007 R2 (version 4), and a 180 with P-Asserted-Identity.
 */
import { describe, expect, it } from 'vitest';
import { buildSignatureBuffer } from '../../../src/auth/sipae/signature-buffer.js';
import { parseMessage } from '../../../src/sip/index.js';
import { crlf, OC_REGISTER, OC_REGISTER_200 } from './oc-2007-r2-messages.js';

const SA = { scheme: 'NTLM', realm: 'SIP Communications Service', targetname: 'cosmo-ocs-r2.cosmo.local', version: 4 };

describe('buildSignatureBuffer', () => {
  it('a REGISTER without To tag or Expires (version 4)', () => {
    expect(buildSignatureBuffer(parseMessage(OC_REGISTER), { ...SA, rand: '13317733', num: '1' })).toBe(
      '<NTLM><13317733><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local><4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52><sip:user@cosmo.local><><><><>',
    );
  });

  it('its 200 OK: To tag, Expires and the status code', () => {
    expect(buildSignatureBuffer(parseMessage(OC_REGISTER_200), { ...SA, rand: '9616454F', num: '1' })).toBe(
      '<NTLM><9616454F><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local><4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52><sip:user@cosmo.local><5E61CCD925D17E043D9A74835A88F664><><><7200><200>',
    );
  });

  it('version 2 leaves out the To URI and the asserted identities', () => {
    expect(buildSignatureBuffer(parseMessage(OC_REGISTER_200), { ...SA, version: 2, rand: '9616454F', num: '1' })).toBe(
      '<NTLM><9616454F><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local><4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52><5E61CCD925D17E043D9A74835A88F664><7200><200>',
    );
  });

  it('P-Asserted-Identity as written, upper-case header names and scheme kept', () => {
    const ringing = crlf([
      'SIP/2.0 180 Ringing',
      'Via: SIP/2.0/tls 192.168.44.10:50230;received=10.117.245.254',
      'FROM: "Sender"<sip:sender@company.com>;tag=2420628112;epid=54392f1bbf01',
      'TO: "recipient"<sip:recipient@company.com>;tag=7aee15546a;epid=3102EB8BD1',
      'CSEQ: 1 INVITE',
      'CALL-ID: 41CEg82ECa0AC8i3DD7mE673t9CF4b19DAxF780x',
      'CONTENT-LENGTH: 0',
      'P-ASSERTED-IDENTITY: "recipient"<SIP:recipient@company.com>',
    ]);
    const sa = { scheme: 'NTLM', realm: 'SIP Communications Service', targetname: 'LOC-COMPANYT-FE03.COMPANY.COM', version: 4 };
    expect(buildSignatureBuffer(parseMessage(ringing), { ...sa, rand: '1B6D47A1', num: '11' })).toBe(
      '<NTLM><1B6D47A1><11><SIP Communications Service><LOC-COMPANYT-FE03.COMPANY.COM><41CEg82ECa0AC8i3DD7mE673t9CF4b19DAxF780x><1><INVITE><sip:sender@company.com><2420628112><sip:recipient@company.com><7aee15546a><SIP:recipient@company.com><><><180>',
    );
  });

  it('a tel identity goes in the last identity field', () => {
    const bye = crlf([
      'BYE sip:carol@contoso.com SIP/2.0',
      'Via: SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bK1',
      'From: <sip:alice@contoso.com>;tag=a1',
      'To: <sip:carol@contoso.com>;tag=c1',
      'Call-ID: x1',
      'CSeq: 7 BYE',
      'P-Asserted-Identity: <sip:alice@contoso.com>, <tel:+15551234>',
      'Content-Length: 0',
    ]);
    expect(buildSignatureBuffer(parseMessage(bye), { ...SA, rand: 'AB', num: '9' })).toBe(
      '<NTLM><AB><9><SIP Communications Service><cosmo-ocs-r2.cosmo.local><x1><7><BYE><sip:alice@contoso.com><a1><sip:carol@contoso.com><c1><sip:alice@contoso.com><tel:+15551234><>',
    );
  });
});
