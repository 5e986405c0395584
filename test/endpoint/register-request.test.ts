import { describe, expect, it } from 'vitest';
import { instanceIdFromEpid, LYNC_CONTACT_METHODS, readRegistrationBinding, registerContact } from '../../src/endpoint/index.js';
import { createResponseMessage } from '../../src/sip/index.js';

describe('REGISTER shape (brief §3.1, §3.2)', () => {
  const instanceId = instanceIdFromEpid('dceed2edfb');

  it('writes the MS-SIPREGE Contact', () => {
    const contact = registerContact({ host: '127.0.0.1', port: 2308, transport: 'tls', msOpaque: '3c71125d8b', instanceId });
    expect(contact).toBe(
      `<sip:127.0.0.1:2308;transport=tls;ms-opaque=3c71125d8b>;methods="${LYNC_CONTACT_METHODS}";proxy=replace;+sip.instance="<urn:uuid:${instanceId}>"`,
    );
  });

  it('picks our binding among several Contacts by +sip.instance', () => {
    const other = instanceIdFromEpid('aaaaaaaaaa');
    const response = createResponseMessage({
      status: 200,
      reason: 'OK',
      headers: [
        ['Contact', `<sip:10.0.0.9:4000;transport=tls;ms-opaque=1111111111>;expires=7200;+sip.instance="<urn:uuid:${other}>";gruu="sip:carol@contoso.com;opaque=user:epid:OTHER;gruu"`],
        ['Contact', `<sip:127.0.0.1:2308;transport=tls;ms-opaque=3c71125d8b>;expires=900;+sip.instance="<urn:uuid:${instanceId}>";gruu="sip:carol@contoso.com;opaque=user:epid:d7NL6_mHNFSL3I1rbITi2gAA;gruu"`],
        ['Expires', '7200'],
      ],
    });
    expect(readRegistrationBinding(response, instanceId)).toEqual({
      gruu: 'sip:carol@contoso.com;opaque=user:epid:d7NL6_mHNFSL3I1rbITi2gAA;gruu',
      expires: 900,
    });
  });

  it('falls back to the Expires header when our Contact is missing', () => {
    const response = createResponseMessage({ status: 200, reason: 'OK', headers: [['Expires', '900']] });
    expect(readRegistrationBinding(response, instanceId)).toEqual({ expires: 900 });
  });
});
