import { describe, expect, it } from 'vitest';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createCertificateAuthority, issueLeaf } from '../../src/pki/index.js';

describe('createCertificateAuthority / issueLeaf', () => {
  it('issues leaves with custom names that chain only to their own CA', async () => {
    const ca = await createCertificateAuthority({ subject: 'CN=wrong CA' });
    const otherCa = await createCertificateAuthority();
    const leaf = await issueLeaf(ca, { dnsNames: ['focus.contoso.com'], ipAddresses: [] });
    const cert = new X509Certificate(leaf.certPem);
    expect(cert.subject).toBe('CN=focus.contoso.com');
    expect(cert.issuer).toBe('CN=wrong CA');
    expect(cert.checkHost('focus.contoso.com')).toBe('focus.contoso.com');
    expect(cert.checkIP('127.0.0.1')).toBeUndefined();
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(cert.verify(new X509Certificate(otherCa.certPem).publicKey)).toBe(false);
    expect(cert.checkPrivateKey(createPrivateKey(leaf.keyPem))).toBe(true);
  });

  it('never lets a leaf outlive its CA', async () => {
    const ca = await createCertificateAuthority({ validityDays: 10 });
    const leaf = await issueLeaf(ca, { validityDays: 90 });
    expect(leaf.notAfter.getTime()).toBe(ca.notAfter.getTime());
  });

  it('can make an already-expired certificate for negative tests', async () => {
    const past = new Date(Date.now() - 400 * 86_400_000);
    const ca = await createCertificateAuthority({ now: past });
    const leaf = await issueLeaf(ca, { now: past });
    expect(Date.parse(new X509Certificate(leaf.certPem).validTo)).toBeLessThan(Date.now());
  });
});
