/**
 * The Kamailio lab by hand: the lab focus (TCP), the per-user relay and Kamailio (TLS registrar +
 * proxy, digest auth) on loopback, until Ctrl-C. Profile: profiles/kamailio-lab.yaml.
 *
 *   export FH_ALICE_PASSWORD=… FH_BOB_PASSWORD=… FH_CAROL_PASSWORD=… FH_ZOE_PASSWORD=… FH_MALLORY_PASSWORD=…
 *   npx tsx test/interop/kamailio/start-kamailio-lab.ts            # TLS on 127.0.0.1:5061
 *   TLS_PORT=35061 npx tsx test/interop/kamailio/start-kamailio-lab.ts
 *   npx focus-harness run eject --profile profiles/kamailio-lab.yaml
 *
 * Certificates: the project's lab CA in certs/generated/ (made when missing); the profile trusts it.
 * Everything started here is stopped by its own pid on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLabFocus } from '../../../src/labfocus/index.js';
import { ensureLabCertificates } from '../../../src/pki/index.js';
import { findBinary } from '../helpers/find-binary.js';
import { freePort } from '../helpers/free-port.js';
import { startKamailio } from '../helpers/kamailio-process.js';
import { PerUserRelay } from '../helpers/per-user-relay.js';

const write = (line: string): boolean => process.stderr.write(`${line}\n`);
const users: Record<string, string> = {};
for (const role of ['alice', 'bob', 'carol', 'zoe', 'mallory']) {
  const name = `FH_${role.toUpperCase()}_PASSWORD`;
  const password = process.env[name];
  if (!password) {
    write(`${name} is not set: export a password for ${role} (the profile reads the same variable)`);
    process.exit(2);
  }
  users[role] = password;
}
const kamailio = findBinary('kamailio');
if (!kamailio) {
  write('kamailio not found: apt-get install kamailio kamailio-tls-modules');
  process.exit(2);
}
const certs = await ensureLabCertificates(fileURLToPath(new URL('../../../certs/generated/', import.meta.url)));
const runDir = mkdtempSync(join(tmpdir(), 'focus-harness-kamailio-lab-'));
const lab = await startLabFocus({ host: '127.0.0.1', port: 0, transport: 'tcp', domain: 'contoso.com' });
const relay = await PerUserRelay.start({ labHost: lab.host, labPort: lab.port });
const tlsPort = Number(process.env.TLS_PORT ?? 5061);
const kam = await startKamailio({
  binary: kamailio,
  runDir,
  tlsPort,
  tcpPort: Number(process.env.TCP_PORT ?? (await freePort())),
  backendPort: relay.port,
  realm: 'contoso.com',
  users,
  certPath: certs.certPath,
  keyPath: certs.keyPath,
  caPath: certs.caPath,
  ...(process.env.WITH_PROXYAUTH ? { defines: ['WITH_PROXYAUTH'] } : {}),
});
write(`${kam.version}: tls:127.0.0.1:${tlsPort} (CA ${certs.caPath}), lab focus tcp:${lab.host}:${lab.port}; Ctrl-C stops`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await kam.stop();
  await relay.close();
  await lab.stop();
  rmSync(runDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
void kam.handle.exited.then(() => {
  if (!stopping) {
    write(`kamailio exited:\n${kam.handle.output().slice(-3000)}`);
    void stop();
  }
});
