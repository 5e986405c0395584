/**
 * Sends an IM in a member's D3 (brief §4.7).
 */
import type { SipResponse } from '../../src/sip/index.js';
import type { Member } from './conference-setup.js';

export async function sendIm(from: Member, text: string): Promise<SipResponse> {
  if (!from.d3) throw new Error(`${from.client.user} is not in the IM MCU`);
  return from.client.send(from.client.inDialog(from.d3, 'MESSAGE', { contentType: 'text/plain; charset=UTF-8', body: text }));
}
