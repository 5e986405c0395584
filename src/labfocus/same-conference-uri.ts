/**
 * Whether two focus / MCU URIs name the same thing (brief §8 item 2: "confEntity matches the
 * Request-URI"): same kind, organizer and conference id, whatever the case or parameter order.
 */
import { classifyAddress } from './conference-address.js';

export function sameConferenceUri(a: string, b: string): boolean {
  const x = classifyAddress(a);
  const y = classifyAddress(b);
  if (x.kind === 'other' || y.kind === 'other' || x.kind !== y.kind || x.user !== y.user) return false;
  return !('conferenceId' in x) || !('conferenceId' in y) || x.conferenceId === y.conferenceId;
}
