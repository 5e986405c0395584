import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { ensureLabCertificates, defaultCertificateDir } from '../../src/pki/index.js';
import { ManualClock } from '../../src/util/index.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'fh-pki-'));

describe('ensureLabCertificates', () => {
  it('writes a CA, a loopback leaf and a PKCS#8 key with mode 0600', async () => {
    const dir = await tempDir();
    const certs = await ensureLabCertificates(dir);
    expect(certs.generated).toBe(true);
    expect(certs.caPath).toBe(join(dir, 'ca.pem'));
    expect(await readFile(certs.certPath, 'utf8')).toBe(certs.certPem);
    expect(certs.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect((await stat(certs.keyPath)).mode & 0o777).toBe(0o600);

    const ca = new X509Certificate(certs.caCertPem);
    const leaf = new X509Certificate(certs.certPem);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('::1')).toBe('::1');
    expect(leaf.checkHost('focus.contoso.com')).toBeUndefined();
    expect(leaf.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth
    expect(leaf.publicKey.asymmetricKeyType).toBe('ec');
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('reuses valid files and regenerates unreadable or expiring ones', async () => {
    const dir = await tempDir();
    const first = await ensureLabCertificates(dir);
    const second = await ensureLabCertificates(dir);
    expect(second.generated).toBe(false);
    expect(second.certPem).toBe(first.certPem);

    await writeFile(first.keyPath, 'garbage');
    const reasons: string[] = [];
    const third = await ensureLabCertificates(dir, { onRegenerate: (r) => reasons.push(r) });
    expect(third.generated).toBe(true);
    expect(third.certPem).not.toBe(first.certPem);
    expect(reasons[0]).toMatch(/unreadable/);

    // 200 days later the 90-day leaf has expired.
    const clock = new ManualClock(Date.now() + 200 * 86_400_000);
    const fourth = await ensureLabCertificates(dir, { clock, onRegenerate: (r) => reasons.push(r) });
    expect(fourth.generated).toBe(true);
    expect(reasons[1]).toMatch(/leaf certificate expires/);
    expect(Date.parse(new X509Certificate(fourth.certPem).validTo)).toBeGreaterThan(clock.now());
  });

  it('regenerates when the leaf does not belong to the CA', async () => {
    const dir = await tempDir();
    const first = await ensureLabCertificates(dir);
    const other = await ensureLabCertificates(await tempDir());
    await writeFile(first.caPath, other.caCertPem);
    const reasons: string[] = [];
    const again = await ensureLabCertificates(dir, { onRegenerate: (r) => reasons.push(r) });
    expect(again.generated).toBe(true);
    expect(reasons).toEqual(['cert.pem is not signed by ca.pem']);
  });

  it('serializes concurrent callers on one directory into one consistent set', async () => {
    const dir = await tempDir();
    const results = await Promise.all([1, 2, 3].map(() => ensureLabCertificates(dir)));
    expect(results.filter((r) => r.generated)).toHaveLength(1);
    const onDisk = await readFile(join(dir, 'cert.pem'), 'utf8');
    for (const r of results) expect(r.certPem).toBe(onDisk);
  });

  it('defaults to certs/generated under the package root', () => {
    expect(defaultCertificateDir()).toBe(new URL('../../certs/generated', import.meta.url).pathname);
  });
});
