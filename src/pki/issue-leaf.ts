/**
 * Issues a TLS server leaf certificate signed by a lab CA.
 */
import { webcrypto, X509Certificate } from 'node:crypto';
import { x509 } from './x509-runtime.js';
import { labKeyAlgorithm } from './key-algorithm.js';
import { privateKeyToPem } from './pem.js';
import { randomSerial, type CertificateAuthority } from './certificate-authority.js';
import { FocusHarnessError } from '../errors.js';

const DAY_MS = 86_400_000;

export interface LeafOptions {
  /** DNS subjectAltNames. @default ['localhost'] */
  readonly dnsNames?: readonly string[];
  /** IP subjectAltNames. @default ['127.0.0.1', '::1'] */
  readonly ipAddresses?: readonly string[];
  /** @default 'CN=<first DNS name>' */
  readonly subject?: string;
  /** @default 90 */
  readonly validityDays?: number;
  /** @default new Date() */
  readonly now?: Date;
}

export interface IssuedCertificate {
  readonly certPem: string;
  /** PKCS#8 PEM. */
  readonly keyPem: string;
  readonly notAfter: Date;
}

/**
 * Issues a leaf with extendedKeyUsage serverAuth (RFC 5280 §4.2.1.12), keyUsage
 * digitalSignature and the given subjectAltNames, signed by `ca`.
 */
export async function issueLeaf(ca: CertificateAuthority, options: LeafOptions = {}): Promise<IssuedCertificate> {
  const dnsNames = options.dnsNames ?? ['localhost'];
  const ipAddresses = options.ipAddresses ?? ['127.0.0.1', '::1'];
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - 3_600_000);
  const requested = new Date(now.getTime() + (options.validityDays ?? 90) * DAY_MS);
  // A leaf never outlives its issuer (RFC 5280 §6.1.3 would reject the chain anyway).
  const notAfter = requested.getTime() > ca.notAfter.getTime() ? ca.notAfter : requested;
  const keys = await webcrypto.subtle.generateKey(labKeyAlgorithm, true, ['sign', 'verify']);
  const caCert = new x509.X509Certificate(ca.certPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: options.subject ?? `CN=${dnsNames[0] ?? ipAddresses[0] ?? 'focus-harness lab'}`,
    issuer: caCert.subject,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: ca.signingKey,
    signingAlgorithm: labKeyAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = `${cert.toString('pem')}\n`;
  // Cheap self-check with node's own X.509 code, so a broken chain fails here and not in a handshake.
  if (!new X509Certificate(certPem).verify(new X509Certificate(ca.certPem).publicKey)) {
    throw new FocusHarnessError('FH_CERT', 'the issued leaf does not verify against its CA; regenerate the lab CA');
  }
  return { certPem, keyPem: await privateKeyToPem(keys.privateKey), notAfter };
}
