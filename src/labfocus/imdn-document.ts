/**
 * The IM delivery notification the IM MCU sends to a message's author (MS-CONFIM 4.2.1/4.2.2,
 * brief §4.7): one `recipient` per forwarded copy with its SIP status.
 */
import { escapeXmlAttribute, escapeXmlText } from '../conference/index.js';

export const IMDN_NAMESPACE = 'http://schemas.microsoft.com/rtc/2005/08/imdn';

export interface ImdnRecipient {
  /** Written with its angle brackets, as the MCU does. */
  uri: string;
  status: number;
  /** `ms-diagnostics` entry for a failed delivery (6001 … ImMcu). */
  diagnostics?: string;
}

export function renderImdn(messageId: string, recipients: readonly ImdnRecipient[]): string {
  const parts = recipients.map((r) => {
    const entry = r.diagnostics
      ? `<entry><key>ms-diagnostics</key><value>${escapeXmlText(r.diagnostics)}</value></entry>`
      : '';
    return `<recipient uri="${escapeXmlAttribute(`<${r.uri}>`)}"><status>${r.status}</status>${entry}</recipient>`;
  });
  return `<?xml version="1.0"?><imdn xmlns="${IMDN_NAMESPACE}"><message-id>${escapeXmlText(messageId)}</message-id>${parts.join('')}</imdn>`;
}
