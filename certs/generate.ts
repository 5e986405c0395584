/**
 * Generation entry for the lab certificates: `npx tsx certs/generate.ts [--force] [DIR]`.
 *
 * Writes ca.pem, cert.pem and key.pem into DIR (default certs/generated/), reusing valid files
 * unless --force is given.
 */
import { ensureLabCertificates, defaultCertificateDir } from '../src/pki/index.js';

const args = process.argv.slice(2);
const force = args.includes('--force');
const dir = args.find((a) => !a.startsWith('--')) ?? defaultCertificateDir();
const certs = await ensureLabCertificates(dir, {
  force,
  onRegenerate: (reason) => process.stderr.write(`replacing lab certificates: ${reason}\n`),
});
process.stdout.write(
  `${certs.generated ? 'generated' : 'reused'} lab certificates\n  CA:   ${certs.caPath}\n  cert: ${certs.certPath}\n  key:  ${certs.keyPath}\n`,
);
