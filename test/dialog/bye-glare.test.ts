import { describe, expect, it } from 'vitest';
import { Dialog, DialogTable, unknownDialogResponse } from '../../src/dialog/index.js';
import { createRequest, createResponse, newBranch, type SipRequest } from '../../src/sip/index.js';
import { createLinkedChannels, TransactionLayer, type ServerTransaction } from '../../src/transaction/index.js';
import { ManualClock } from '../../src/util/index.js';

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:GLARE';

/** A UA that answers in-dialog BYEs: 200 when the dialog is known (even mid-teardown), else 481. */
function ua(layer: TransactionLayer, table: DialogTable, forgetOnOwnBye: boolean) {
  const byesAnswered: number[] = [];
  layer.onRequest((request: SipRequest, txn: ServerTransaction) => {
    if (request.method === 'ACK') return;
    if (request.method !== 'BYE') return;
    const dialog = table.find(request);
    if (!dialog) {
      txn.respond(unknownDialogResponse(request));
      byesAnswered.push(481);
      return;
    }
    const verdict = dialog.receiveRequest(request);
    const status = verdict.ok ? 200 : verdict.status;
    txn.respond(createResponse(request, status));
    byesAnswered.push(status);
    // RFC 3261 §15.1.2: the BYE ends the dialog (ours may already have ended it).
    dialog.terminate('BYE received', true);
    table.delete(dialog);
  });
  return {
    byesAnswered,
    bye(dialog: Dialog) {
      const request = dialog.createRequest('BYE');
      dialog.terminate('BYE sent');
      if (forgetOnOwnBye) table.delete(dialog);
      return layer.sendRequest(request);
    },
  };
}

async function establish(forgetOnOwnBye: boolean) {
  const clock = new ManualClock();
  const [a, b] = createLinkedChannels({ names: ['carol', 'focus'] });
  const carolLayer = new TransactionLayer(a, { clock });
  const focusLayer = new TransactionLayer(b, { clock });
  const carolTable = new DialogTable();
  const focusTable = new DialogTable();
  focusLayer.onRequest((request, txn) => {
    if (request.method !== 'INVITE') return;
    const ok = createResponse(request, 200, undefined, {
      toTag: 'focus-tag',
      headers: [['Contact', `<${FOCUS}>`]],
    });
    focusTable.add(Dialog.asUas(request, ok, { localCSeqBase: 2147483644 }));
    txn.respond(ok);
  });
  const invite = createRequest({
    method: 'INVITE',
    uri: FOCUS,
    headers: [
      ['Via', `SIP/2.0/TLS 127.0.0.1:15060;branch=${newBranch()}`],
      ['Max-Forwards', '70'],
      ['From', '<sip:carol@contoso.com>;tag=carol-tag;epid=dceed2edfb'],
      ['To', `<${FOCUS}>`],
      ['Call-ID', 'glare-call'],
      ['CSeq', '1 INVITE'],
      ['Contact', '<sip:127.0.0.1:15060;transport=tls>'],
    ],
  });
  const ok = await carolLayer.sendRequest(invite);
  const carolDialog = Dialog.asUac(invite, ok);
  carolTable.add(carolDialog);
  carolLayer.sendAck(carolDialog.createAck(1));
  const focusDialog = [...focusTable.values()][0] as Dialog;
  return {
    carol: ua(carolLayer, carolTable, false),
    focus: ua(focusLayer, focusTable, forgetOnOwnBye),
    carolDialog,
    focusDialog,
    carolTable,
    focusTable,
  };
}

describe('BYE glare (both sides send BYE on the same dialog)', () => {
  it('answers the crossing BYE with 200 and lets our own BYE complete with 200', async () => {
    const { carol, focus, carolDialog, focusDialog, carolTable, focusTable } = await establish(false);
    const [fromCarol, fromFocus] = await Promise.all([carol.bye(carolDialog), focus.bye(focusDialog)]);
    expect(fromCarol.status).toBe(200);
    expect(fromFocus.status).toBe(200);
    expect(carol.byesAnswered).toEqual([200]);
    expect(focus.byesAnswered).toEqual([200]);
    expect(carolDialog.state).toBe('terminated');
    expect(focusDialog.state).toBe('terminated');
    expect(carolTable.size + focusTable.size).toBe(0);
  });

  it('also completes when the peer already forgot the dialog (481, as the IM MCU in seed msg 9)', async () => {
    const { carol, focus, carolDialog, focusDialog } = await establish(true);
    const [fromCarol, fromFocus] = await Promise.all([carol.bye(carolDialog), focus.bye(focusDialog)]);
    expect(fromCarol.status).toBe(481);
    expect(fromFocus.status).toBe(200);
    expect(carol.byesAnswered).toEqual([200]);
    expect(focus.byesAnswered).toEqual([481]);
  });
});
