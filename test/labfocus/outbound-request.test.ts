import { describe, expect, it } from 'vitest';
import { renderImdn } from '../../src/labfocus/imdn-document.js';
import type { LabDialog } from '../../src/labfocus/lab-dialog.js';
import { buildDialogRequest, withMcuHeaderCase } from '../../src/labfocus/outbound-request.js';
import { serializeMessage } from '../../src/sip/index.js';

function dialog(): LabDialog {
  return {
    kind: 'focus', callId: '1e294f6a', localTag: '0D440080', remoteTag: 'dfccec5fb4',
    localUri: 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB', aor: 'sip:carol@contoso.com',
    remoteEpid: 'dceed2edfb', conferenceId: '7ECB', connectionId: 'c1', remoteTarget: undefined,
    localCSeq: 0, remoteCSeq: 1, state: 'confirmed', benotify: true,
  };
}

describe('buildDialogRequest', () => {
  it('addresses the registered contact with our tag on From and the epid back on To (seed msg 6)', () => {
    const d = dialog();
    const bye = buildDialogRequest(d, 'BYE', { target: 'sip:127.0.0.1:2308;transport=tls;ms-opaque=3c71125d8b', cseq: 2147483645 });
    expect(bye.uri).toBe('sip:127.0.0.1:2308;transport=tls;ms-opaque=3c71125d8b');
    expect(bye.headers.get('from')).toBe('<sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB>;tag=0D440080');
    expect(bye.headers.get('to')).toBe('<sip:carol@contoso.com>;tag=dfccec5fb4;epid=dceed2edfb');
    expect(bye.headers.get('cseq')).toBe('2147483645 BYE');
    expect(buildDialogRequest(dialog(), 'INFO', { target: 'sip:x' }).headers.get('cseq')).toBe('1 INFO');
  });

  it('writes the IM MCU\'s capitalised header names (seed msg 7)', () => {
    const raw = serializeMessage(withMcuHeaderCase(buildDialogRequest(dialog(), 'BYE', { target: 'sip:x' }))).toString();
    for (const name of ['FROM:', 'TO:', 'CALL-ID:', 'CSEQ:', 'CONTENT-LENGTH: 0']) expect(raw).toContain(`\r\n${name}`);
    expect(raw).not.toMatch(/\r\nContent-Length/);
  });
});

describe('renderImdn', () => {
  it('lists each recipient with its status, the uri in angle brackets', () => {
    const xml = renderImdn('2', [{ uri: 'sip:bob@contoso.com', status: 200 }, { uri: 'sip:carol@contoso.com', status: 408, diagnostics: '6001;reason="Request Timeout"' }]);
    expect(xml).toContain('<message-id>2</message-id>');
    expect(xml).toContain('<recipient uri="&lt;sip:bob@contoso.com&gt;"><status>200</status></recipient>');
    expect(xml).toContain('<entry><key>ms-diagnostics</key><value>6001;reason="Request Timeout"</value></entry>');
  });
});
