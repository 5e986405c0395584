/**
 * Decides whether lab certificate files on disk can be reused.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';

/** Files are renewed when they would expire within this margin. */
export const RENEW_MARGIN_MS = 86_400_000;

export interface LabCertificateFiles {
  readonly caCertPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/**
 * Returns why the files are unusable, or `undefined` when they are a valid set: both
 * certificates parse and are valid at `now` (plus the renewal margin), the leaf is signed by
 * the CA, names `localhost` and `127.0.0.1`, and the key belongs to the leaf.
 */
export function whyUnusable(files: LabCertificateFiles, now: number): string | undefined {
  try {
    const ca = new X509Certificate(files.caCertPem);
    const leaf = new X509Certificate(files.certPem);
    for (const [label, cert] of [['CA', ca], ['leaf', leaf]] as const) {
      if (Date.parse(cert.validFrom) > now) return `${label} certificate is not valid yet`;
      if (Date.parse(cert.validTo) - RENEW_MARGIN_MS < now) return `${label} certificate expires ${cert.validTo}`;
    }
    if (!ca.ca) return 'ca.pem is not a CA certificate';
    if (!leaf.verify(ca.publicKey)) return 'cert.pem is not signed by ca.pem';
    if (leaf.checkHost('localhost') === undefined) return 'cert.pem does not name localhost';
    if (leaf.checkIP('127.0.0.1') === undefined) return 'cert.pem does not name 127.0.0.1';
    if (!leaf.checkPrivateKey(createPrivateKey(files.keyPem))) return 'key.pem does not match cert.pem';
    return undefined;
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
}
