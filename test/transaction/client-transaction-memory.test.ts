/**
 * Issue 4 (endpoints by the tens of thousands): an INVITE client transaction waits out Timer M in
 * `accepted` (RFC 6026 §7.2) without keeping the final response or the caller's promise alive.
 */
import { describe, expect, it } from 'vitest';
import { createResponse, type SipMessage, type SipRequest } from '../../src/sip/index.js';
import { TransactionLayer, type TransactionChannel } from '../../src/transaction/index.js';
import { ManualClock } from '../../src/util/index.js';
import { collectUntilCleared } from '../helpers/collect-garbage.js';
import { testRequest } from './requests.js';

/** A channel that keeps nothing: the test hands responses in and sees what is sent. */
function bareChannel(): TransactionChannel & { deliver(message: SipMessage): void; sentMethods: string[] } {
  let receive: ((message: SipMessage) => void) | undefined;
  const channel = {
    sentMethods: [] as string[],
    send(message: SipMessage): void {
      if (message.kind === 'request') channel.sentMethods.push(message.method);
    },
    onMessage(callback: (message: SipMessage) => void): void {
      receive = callback;
    },
    deliver(message: SipMessage): void {
      receive?.(message);
    },
  };
  return channel;
}

describe('INVITE client transaction in accepted (Timer M)', () => {
  it('lets go of the 2xx and the caller once the TU has it, and still re-sends the ACK for a retransmitted 2xx', async () => {
    const clock = new ManualClock();
    const channel = bareChannel();
    const layer = new TransactionLayer(channel, { clock });
    const invite = testRequest({ method: 'INVITE', cseq: 7 });
    const okFor = (request: SipRequest) => createResponse(request, 200, undefined, { toTag: 'ok' });

    const weakResponse = await (async () => {
      const pending = layer.sendRequest(invite);
      channel.deliver(okFor(invite));
      const response = await pending;
      layer.sendAck(testRequest({ method: 'ACK', cseq: 7, toTag: 'ok' }));
      return new WeakRef(response);
    })();

    expect(layer.clientTransactionCount).toBe(1);
    expect(await collectUntilCleared(weakResponse)).toBe(true);
    // Still `accepted`: a retransmitted 2xx gets the same ACK again (RFC 3261 §13.2.2.4).
    channel.deliver(okFor(invite));
    expect(channel.sentMethods).toEqual(['INVITE', 'ACK', 'ACK']);
    clock.advance(64 * 500);
    expect(layer.clientTransactionCount).toBe(0);
  });

});
