/**
 * The dialog identifier (RFC 3261 §12): Call-ID + local tag + remote tag.
 */
export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\u0000${localTag}\u0000${remoteTag}`;
}
