/**
 * How a Lync client answers a request the server sends it, as one table (brief §2, §4.5, §4.10):
 *
 * | request  | answer                                                                 |
 * |----------|------------------------------------------------------------------------|
 * | BENOTIFY | never (MS-SIP 3.5)                                                      |
 * | NOTIFY   | 200 on our subscription (D2, even before its 2xx — RFC 6665 §4.1.2.4), else 481 |
 * | INFO/BYE | 200 in a live (or closing) dialog; 500 when out of order (RFC 3261 §12.2.2); 481 unknown |
 * | MESSAGE  | 200 in the IM MCU dialog (D3), else 481                                 |
 * | OPTIONS  | 200                                                                     |
 * | ACK      | never (it is not answered)                                              |
 * | INVITE   | 603 outside our dialogs, 488 for a re-INVITE (not scripted)             |
 * | other    | 501                                                                     |
 */
import { isAnswerable, type DialogUsage } from './dialog-usage.js';

export function inboundRequestStatus(
  method: string,
  usage: DialogUsage | undefined,
  inOrder: (usage: DialogUsage) => boolean,
): number | undefined {
  switch (method.toUpperCase()) {
    case 'BENOTIFY':
    case 'ACK':
      return undefined;
    case 'NOTIFY':
      return usage?.name === 'D2' && (usage.state !== 'terminated' || usage.closing) ? 200 : 481;
    case 'INFO':
    case 'BYE':
      if (!usage || !isAnswerable(usage)) return 481;
      return inOrder(usage) ? 200 : 500;
    case 'MESSAGE':
      return usage?.name === 'D3' && isAnswerable(usage) ? 200 : 481;
    case 'OPTIONS':
      return 200;
    case 'INVITE':
      return usage ? 488 : 603;
    default:
      return 501;
  }
}
