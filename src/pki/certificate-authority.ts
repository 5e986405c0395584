/**
 * A lab certificate authority: a self-signed ECDSA P-256 root that can issue leaves.
 */
import { webcrypto, randomBytes } from 'node:crypto';
import { x509 } from './x509-runtime.js';
import { labKeyAlgorithm } from './key-algorithm.js';
import { privateKeyToPem } from './pem.js';

const DAY_MS = 86_400_000;

export interface CertificateAuthority {
  readonly certPem: string;
  /** PKCS#8 PEM of the CA key; kept in memory only by `ensureLabCertificates`. */
  readonly keyPem: string;
  readonly subject: string;
  readonly notAfter: Date;
  /** @internal used by `issueLeaf` to sign. */
  readonly signingKey: webcrypto.CryptoKey;
}

export interface CertificateAuthorityOptions {
  /** @default 'CN=focus-harness lab CA,O=focus-harness' */
  readonly subject?: string;
  /** @default 365 */
  readonly validityDays?: number;
  /** The issuing instant (tests pass a past date to make an expired CA). @default new Date() */
  readonly now?: Date;
}

/** A random positive serial number as hex (RFC 5280 §4.1.2.2: at most 20 octets, positive). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f | 0x01;
  return bytes.toString('hex');
}

/**
 * Creates a self-signed CA certificate (basicConstraints CA:true critical, keyUsage
 * keyCertSign + cRLSign critical).
 */
export async function createCertificateAuthority(
  options: CertificateAuthorityOptions = {},
): Promise<CertificateAuthority> {
  const subject = options.subject ?? 'CN=focus-harness lab CA,O=focus-harness';
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - 3_600_000);
  const notAfter = new Date(now.getTime() + (options.validityDays ?? 365) * DAY_MS);
  const keys = await webcrypto.subtle.generateKey(labKeyAlgorithm, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: subject,
    notBefore,
    notAfter,
    keys: keys,
    signingAlgorithm: labKeyAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certPem: `${cert.toString('pem')}\n`,
    keyPem: await privateKeyToPem(keys.privateKey),
    subject,
    notAfter,
    signingKey: keys.privateKey,
  };
}
