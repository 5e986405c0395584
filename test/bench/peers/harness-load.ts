/**
 * focus-harness's own client stack as the load generator: one TCP connection (transport layer)
 * with a TransactionLayer on it, `inFlight` requests outstanding at once (a new one is sent as
 * soon as a final response arrives), every request built the way an endpoint builds one (new
 * Call-ID, tag and branch), the same requests as test/bench/sipp/*-load.xml.
 */
import { createRequest, newCallId, newTag, type SipRequest } from '../../../src/sip/index.js';
import { TransactionLayer } from '../../../src/transaction/index.js';
import { connect, type SipConnection } from '../../../src/transport/index.js';
import type { LoadOutcome } from './sipp-load.js';

export type LoadMethod = 'OPTIONS' | 'REGISTER';

export interface HarnessLoadOptions {
  readonly host: string;
  readonly port: number;
  readonly method: LoadMethod;
  readonly requests: number;
  readonly inFlight: number;
}

export interface HarnessLoadOutcome extends LoadOutcome {
  /** Round-trip times in µs (send to final response), one per request, sorted ascending. */
  readonly latenciesUs: Float64Array;
}

export async function runHarnessLoad(o: HarnessLoadOptions): Promise<HarnessLoadOutcome> {
  const connection = await connect({ host: o.host, port: o.port, transport: 'tcp', connectTimeoutMs: 5000 });
  const layer = new TransactionLayer(connection);
  const latenciesUs = new Float64Array(o.requests);
  let sent = 0;
  const started = process.hrtime.bigint();
  try {
    const worker = async (): Promise<void> => {
      while (sent < o.requests) {
        const index = sent++;
        const at = process.hrtime.bigint();
        const response = await layer.sendRequest(buildRequest(connection, o.method));
        latenciesUs[index] = Number(process.hrtime.bigint() - at) / 1000;
        if (response.status !== 200) throw new Error(`${o.method} ${index + 1} answered ${response.status} ${response.reason}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.inFlight, o.requests) }, worker));
  } finally {
    connection.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latenciesUs.sort();
  return { completed: o.requests, seconds, rate: o.requests / seconds, latenciesUs };
}

/** The request of test/bench/sipp/options-load.xml or register-load.xml; the layer adds the branch. */
function buildRequest(connection: SipConnection, method: LoadMethod): SipRequest {
  const local = `${connection.local.address}:${connection.local.port}`;
  const remote = `${connection.remote.address}:${connection.remote.port}`;
  const aor = '<sip:bench@contoso.com>';
  return createRequest({
    method,
    uri: `sip:${remote};transport=tcp`,
    headers: [
      ['Via', `SIP/2.0/TCP ${local}`],
      ['Max-Forwards', '70'],
      ['From', `${aor};tag=${newTag()}`],
      ['To', method === 'REGISTER' ? aor : `<sip:${remote}>`],
      ['Call-ID', newCallId()],
      ['CSeq', `1 ${method}`],
      ...(method === 'REGISTER' ? [['Contact', `<sip:bench@${local};transport=tcp>`], ['Expires', '300']] as [string, string][] : []),
      ['User-Agent', 'focus-harness bench'],
    ],
  });
}
