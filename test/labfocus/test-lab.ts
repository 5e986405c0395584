/**
 * Starts a lab focus for a test with the test process's lab certificates.
 */
import { startLabFocus, type LabFocus, type LabFocusOptions } from '../../src/labfocus/index.js';
import { labCertificates } from '../helpers/lab-certs.js';
import type { LabAddress } from './raw-client.js';

export interface TestLab {
  lab: LabFocus;
  address: LabAddress;
}

export async function startTestLab(options: LabFocusOptions = {}): Promise<TestLab> {
  const certs = await labCertificates();
  const lab = await startLabFocus({ cert: certs.certPem, key: certs.keyPem, ...options });
  return { lab, address: { port: lab.port, caPem: lab.caPem ?? certs.caCertPem, transport: lab.transport } };
}
