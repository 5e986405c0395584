/** Loads the seed flow's messages (MS-CONFIM 4.3.1) from test/fixtures/sip. */
import { readdirSync, readFileSync } from 'node:fs';
import { parseMessage, type SipRequest, type SipResponse } from '../../src/sip/index.js';

const dir = new URL('../fixtures/sip/', import.meta.url);

function load(n: number): Buffer {
  const prefix = `seed-${String(n).padStart(2, '0')}-`;
  const name = readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.sip'));
  if (!name) throw new Error(`no seed fixture ${prefix}*.sip`);
  return readFileSync(new URL(name, dir));
}

export function seedRequest(n: number): SipRequest {
  const message = parseMessage(load(n));
  if (message.kind !== 'request') throw new Error(`seed ${n} is not a request`);
  return message;
}

export function seedResponse(n: number): SipResponse {
  const message = parseMessage(load(n));
  if (message.kind !== 'response') throw new Error(`seed ${n} is not a response`);
  return message;
}
