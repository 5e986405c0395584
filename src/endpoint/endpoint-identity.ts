/**
 * Endpoint identity (brief §1.2): the epid on From/To (MS-SIPRE 3.2.4.1) and the
 * `+sip.instance` UUID derived from it (MS-SIPRE 3.2): a name-based SHA-1 UUID (version 5,
 * RFC 4122 §4.3) in the namespace below, with the epid string as the name.
 */
import { createHash, randomBytes } from 'node:crypto';

export const EPID_INSTANCE_NAMESPACE = 'fcacfb03-8a73-46ef-91b1-e5ebeeaba4fe';

const NAMESPACE_BYTES = Buffer.from(EPID_INSTANCE_NAMESPACE.replace(/-/g, ''), 'hex');

/** A fresh 10-hex-digit epid. */
export function createEpid(): string {
  return randomBytes(5).toString('hex');
}

/** A fresh `ms-opaque` token for the REGISTER Contact (SIPE invents one, 10 hex). */
export function createMsOpaque(): string {
  return randomBytes(5).toString('hex');
}

/** RFC 4122 §4.3 name-based UUID, version 5 (SHA-1). */
export function uuidV5(namespace: string, name: string): string {
  const ns = namespace === EPID_INSTANCE_NAMESPACE ? NAMESPACE_BYTES : Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The `+sip.instance` UUID of an epid (without the `urn:uuid:` prefix). */
export function instanceIdFromEpid(epid: string): string {
  return uuidV5(EPID_INSTANCE_NAMESPACE, epid);
}

/** A client-generated endpoint GUID for C3P addUser, in the `{XXXXXXXX-…}` form of the seed. */
export function createEndpointGuid(): string {
  const hex = randomBytes(16).toString('hex').toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
}
