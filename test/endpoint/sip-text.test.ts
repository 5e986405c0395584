import { describe, expect, it } from 'vitest';
import { buildImSdp } from '../../src/endpoint/index.js';
import { conferenceIdOf, deriveMcuUri, domainOfAor, normalizeFocusUri } from '../../src/endpoint/sip-text.js';

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038';

describe('endpoint text helpers', () => {
  it('derives the chat MCU URI and the conference id from the focus URI (brief §1.1)', () => {
    expect(deriveMcuUri(FOCUS)).toBe('sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7ECB5F9BFFB1F343B36775DBA09E8038');
    expect(conferenceIdOf(FOCUS)).toBe('7ECB5F9BFFB1F343B36775DBA09E8038');
  });

  it('strips join-link decorations', () => {
    expect(normalizeFocusUri(`conf:${FOCUS}?conversation-id=abc`)).toBe(FOCUS);
    expect(normalizeFocusUri(`<${FOCUS}>`)).toBe(FOCUS);
  });

  it('takes the domain of an AOR', () => {
    expect(domainOfAor('sip:alice@contoso.com')).toBe('contoso.com');
  });

  it('offers m=message in the IM SDP (brief §4.6)', () => {
    const sdp = buildImSdp('127.0.0.1', 2308);
    expect(sdp).toContain('m=message 2308 sip null\r\n');
    expect(sdp).toContain('c=IN IP4 127.0.0.1\r\n');
    expect(sdp).toMatch(/a=accept-types:.*multipart\/alternative/);
  });
});
