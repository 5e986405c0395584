/**
 * Fresh identifiers: branch, tag, Call-ID, epid (RFC 3261 §8.1.1.7, §19.3; MS-SIPRE 3.2.3.1).
 */
import { randomFillSync } from 'node:crypto';

/** The RFC 3261 §8.1.1.7 magic cookie every branch starts with. */
export const BRANCH_COOKIE = 'z9hG4bK';

/**
 * Random bytes as hex from a pool refilled 4 KiB at a time: identifiers are made per message, and
 * one CSPRNG call per identifier cost more than the rest of building a request.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

/** A new Via branch: `z9hG4bK` + 16 hex chars (unique per transaction). */
export function newBranch(): string {
  return `${BRANCH_COOKIE}${randomHex(8)}`;
}

/** A new From/To tag: 10 hex chars (RFC 3261 §19.3 asks for at least 32 random bits). */
export function newTag(): string {
  return randomHex(5);
}

/** A new Call-ID: 32 hex chars, the shape Lync clients use. */
export function newCallId(): string {
  return randomHex(16);
}

/** A new endpoint id: 10 hex chars (MS-SIPRE 3.2.3.1). */
export function newEpid(): string {
  return randomHex(5);
}
