/**
 * What ends Carol's D1 and D3 in `eject` (brief §7.2 E3/E4): the server's BYE, or the answer to
 * Carol's own BYE — a 2xx in D1, a 2xx or 481 in D3; anything else keeps the expectation waiting.
 */
import { describe, expect, it } from 'vitest';
import { endsDialog } from '../../src/scenario/builtin/eject-flow.js';
import { describeMatcher, mismatch, observe, type ObservedMessage } from '../../src/scenario/index.js';
import { createRequest } from '../../src/sip/index.js';
import { bye, response } from './fake-endpoint.js';

function at(message: ObservedMessage['message'], dialog: 'D1' | 'D3', peer: 'focus' | 'mcu'): ObservedMessage {
  return observe('carol', { message, raw: Buffer.alloc(0), seq: 9, time: 0, peer, dialog });
}

describe('endsDialog (E3/E4)', () => {
  const d1 = { dialog: 'D1' as const, where: endsDialog('focus', 'a 2xx') };
  const d3 = { dialog: 'D3' as const, where: endsDialog('mcu', 'a 2xx or 481') };

  it("ends D1 on the focus BYE or a 2xx to Carol's BYE, not on a 481 or another answer", () => {
    expect(mismatch(d1, at(bye(7, 'd1'), 'D1', 'focus'))).toBeUndefined();
    expect(mismatch(d1, at(response(200, 'OK', '3 BYE', 'd1'), 'D1', 'focus'))).toBeUndefined();
    expect(mismatch(d1, at(response(481, 'Call Leg/Transaction Does Not Exist', '3 BYE', 'd1'), 'D1', 'focus'))).toBe("answers Carol's BYE with 481, not a 2xx");
    expect(mismatch(d1, at(response(200, 'OK', '2 INFO', 'd1'), 'D1', 'focus'))).toBe("is a 200 response to INFO, not to Carol's BYE");
    expect(mismatch(d1, at(bye(7, 'd1'), 'D1', 'mcu'))).toBe('is a BYE from the mcu, not the focus');
    const info = createRequest({ method: 'INFO', uri: 'sip:carol', headers: [['Call-ID', 'd1'], ['CSeq', '8 INFO']] });
    expect(mismatch(d1, at(info, 'D1', 'focus'))).toBe('is INFO, not a BYE');
    expect(mismatch(d1, at(bye(7, 'd3'), 'D3', 'focus'))).toBe('is in D3, not D1');
  });

  it("ends D3 on the MCU BYE or a 200 or 481 to Carol's BYE", () => {
    expect(mismatch(d3, at(bye(7, 'd3'), 'D3', 'mcu'))).toBeUndefined();
    expect(mismatch(d3, at(response(200, 'OK', '3 BYE', 'd3'), 'D3', 'mcu'))).toBeUndefined();
    expect(mismatch(d3, at(response(481, 'Dialog does not exist', '3 BYE', 'd3'), 'D3', 'mcu'))).toBeUndefined();
    expect(mismatch(d3, at(response(500, 'Server Internal Error', '3 BYE', 'd3'), 'D3', 'mcu'))).toBe("answers Carol's BYE with 500, not a 2xx or 481");
  });

  it('reads as the brief words it', () => {
    expect(describeMatcher(d1)).toBe("a message in D1 where it is the focus's BYE or a 2xx to Carol's BYE");
    expect(describeMatcher(d3)).toBe("a message in D3 where it is the IM MCU's BYE or a 2xx or 481 to Carol's BYE");
  });
});
