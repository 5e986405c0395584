/**
 * The PEM material and file paths of a lab CA and its `localhost` leaf.
 */
export interface LabCertificates {
  readonly caCertPem: string;
  readonly certPem: string;
  /** PKCS#8 PEM private key of the leaf. */
  readonly keyPem: string;
  readonly caPath: string;
  readonly certPath: string;
  readonly keyPath: string;
  /** True when this call generated the files; false when valid files were reused. */
  readonly generated: boolean;
}
