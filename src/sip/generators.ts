/**
 * Fresh identifiers: branch, tag, Call-ID, epid (RFC 3261 §8.1.1.7, §19.3; MS-SIPRE 3.2.3.1).
 */
import { randomBytes } from 'node:crypto';

/** The RFC 3261 §8.1.1.7 magic cookie every branch starts with. */
export const BRANCH_COOKIE = 'z9hG4bK';

/** A new Via branch: `z9hG4bK` + 16 hex chars (unique per transaction). */
export function newBranch(): string {
  return `${BRANCH_COOKIE}${randomBytes(8).toString('hex')}`;
}

/** A new From/To tag: 10 hex chars (RFC 3261 §19.3 asks for at least 32 random bits). */
export function newTag(): string {
  return randomBytes(5).toString('hex');
}

/** A new Call-ID: 32 hex chars, the shape Lync clients use. */
export function newCallId(): string {
  return randomBytes(16).toString('hex');
}

/** A new endpoint id: 10 hex chars (MS-SIPRE 3.2.3.1). */
export function newEpid(): string {
  return randomBytes(5).toString('hex');
}
