/**
 * The test-only probe on an ended dialog (brief §7.2 E3/E4) against the lab focus over real TLS on
 * loopback: refused while the dialog is up, then one request on each ended dialog — same Call-ID
 * and tags, the next CSeq, traced like any message — and the server's final response.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getCSeq } from '../../src/sip/index.js';
import { labConference, type LabConference } from './lab-conference.js';

let conf: LabConference | undefined;

afterEach(async () => {
  await conf?.close();
  conf = undefined;
});

describe('Endpoint.probeEndedDialog', { timeout: 20_000 }, () => {
  it('is refused (FH_DIALOG) while the dialog is still up', async () => {
    conf = await labConference();
    await expect(conf.bob.probeEndedDialog('focus')).rejects.toMatchObject({ code: 'FH_DIALOG', message: /needs an ended D1 dialog; it is active/ });
    await expect(conf.bob.probeEndedDialog('im', 'MESSAGE')).rejects.toMatchObject({ code: 'FH_DIALOG', message: /needs an ended D3 dialog/ });
  });

  it('sends an INFO on the ended D1 and a MESSAGE on the ended D3, each answered 481, and traces them', async () => {
    conf = await labConference();
    const { bob, recorder } = conf;
    await bob.leave();
    expect(bob.dialogState()).toMatchObject({ focus: 'terminated', im: 'terminated' });
    const from = recorder.records.length;

    const info = await bob.probeEndedDialog('focus', 'INFO');
    const message = await bob.probeEndedDialog('im', 'MESSAGE');
    expect(info.status).toBe(481);
    expect(message.status).toBe(481);
    expect(getCSeq(info).method).toBe('INFO');
    expect(getCSeq(message).method).toBe('MESSAGE');

    const traced = recorder.records.slice(from).filter((r) => r.role === 'bob').map((r) => `${r.direction} ${r.dialog ?? '-'} ${r.firstLine.split(' ').slice(0, 2).join(' ')}`);
    expect(traced).toEqual([expect.stringMatching(/^out D1 INFO /), 'in D1 SIP/2.0 481', expect.stringMatching(/^out D3 MESSAGE /), 'in D3 SIP/2.0 481']);
    // The probe carries the dialog's identifiers and the next CSeq after Bob's BYE.
    const sent = recorder.records.slice(from).find((r) => r.direction === 'out' && r.dialog === 'D1');
    const bye = recorder.records.find((r) => r.role === 'bob' && r.direction === 'out' && r.dialog === 'D1' && r.firstLine.startsWith('BYE '));
    expect(sent?.callId).toBe(bye?.callId);
    expect(Number(sent?.cseq.split(' ')[0])).toBe(Number(bye?.cseq.split(' ')[0]) + 1);
    expect(sent?.raw.toString()).toMatch(/getConference/);
    expect(bob.dialogState()).toMatchObject({ focus: 'terminated', im: 'terminated' });
  });
});
