/**
 * Lab certificates: a throw-away CA and a loopback server leaf, made with WebCrypto.
 */
export { createCertificateAuthority, type CertificateAuthority, type CertificateAuthorityOptions } from './certificate-authority.js';
export { issueLeaf, type IssuedCertificate, type LeafOptions } from './issue-leaf.js';
export { ensureLabCertificates, type EnsureLabCertificatesOptions } from './ensure-lab-certificates.js';
export { defaultCertificateDir } from './default-certificate-dir.js';
export { whyUnusable } from './check-lab-certificates.js';
export type { LabCertificates } from './lab-certificates.js';
