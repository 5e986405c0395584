/**
 * The key and signature algorithm of every lab certificate: ECDSA on P-256 with SHA-256.
 *
 * @remarks P-256 keeps handshakes cheap for load runs (thousands of TLS connections) and is
 * accepted by every TLS 1.2/1.3 stack we target.
 */
export const labKeyAlgorithm = {
  name: 'ECDSA',
  namedCurve: 'P-256',
  hash: 'SHA-256',
} as const;
