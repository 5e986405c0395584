/**
 * AV_PAIR lists of MS-NLMP §2.2.2.1 (the CHALLENGE_MESSAGE TargetInfo): `AvId` u16, `AvLen` u16,
 * value; ended by MsvAvEOL.
 */
import { malformedNtlm, unicode } from './ntlm-fields.js';

export const AvId = {
  EOL: 0,
  NB_COMPUTER_NAME: 1,
  NB_DOMAIN_NAME: 2,
  DNS_COMPUTER_NAME: 3,
  DNS_DOMAIN_NAME: 4,
  DNS_TREE_NAME: 5,
  FLAGS: 6,
  TIMESTAMP: 7,
  TARGET_NAME: 9,
} as const;

export interface AvPair {
  readonly id: number;
  readonly value: Buffer;
}

/** The pairs before MsvAvEOL; throws `FH_AUTH` on a truncated list. */
export function parseAvPairs(bytes: Buffer): AvPair[] {
  const pairs: AvPair[] = [];
  let at = 0;
  while (at + 4 <= bytes.length) {
    const id = bytes.readUInt16LE(at);
    const length = bytes.readUInt16LE(at + 2);
    if (id === AvId.EOL) return pairs;
    if (at + 4 + length > bytes.length) throw malformedNtlm(`AV pair ${id} runs past the target info`);
    pairs.push({ id, value: Buffer.from(bytes.subarray(at + 4, at + 4 + length)) });
    at += 4 + length;
  }
  throw malformedNtlm('target info has no MsvAvEOL');
}

/** The list with its MsvAvEOL terminator. */
export function encodeAvPairs(pairs: readonly AvPair[]): Buffer {
  const parts: Buffer[] = [];
  for (const pair of pairs) {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(pair.id, 0);
    head.writeUInt16LE(pair.value.length, 2);
    parts.push(head, pair.value);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

/** A pair whose value is UTF-16LE text. */
export function textAvPair(id: number, text: string): AvPair {
  return { id, value: unicode(text) };
}

/** The text of the first pair with `id`, if any. */
export function avPairText(pairs: readonly AvPair[], id: number): string | undefined {
  const pair = pairs.find((p) => p.id === id);
  return pair === undefined ? undefined : pair.value.toString('utf16le');
}
