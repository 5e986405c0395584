/**
 * Shared TLS secure contexts, one per distinct trust/identity set.
 *
 * @remarks A `SecureContext` holds the parsed CA store (the system store is ~150 roots);
 * building one per connection would dominate memory and CPU in a 20,000-connection load run.
 */
import { createSecureContext, type SecureContext } from 'node:tls';
import { FocusHarnessError } from '../errors.js';

export type PemInput = string | Buffer | ReadonlyArray<string | Buffer>;

export interface SecureContextInput {
  /** Trusted CAs; `undefined` means the system store. */
  readonly ca?: PemInput | undefined;
  /** A certificate chain and key to present (server side, or client certificate). */
  readonly cert?: PemInput | undefined;
  readonly key?: PemInput | undefined;
}

const MAX_CONTEXTS = 32;
const cache = new Map<string, SecureContext>();

/** RFC 8996 deprecates TLS 1.0/1.1; Lync 2013+ and Skype for Business speak 1.2. */
export const MIN_TLS_VERSION = 'TLSv1.2';

/** Returns the cached context for this input, building it on first use. */
export function secureContextFor(input: SecureContextInput): SecureContext {
  return secureContextEntry(input).context;
}

const ids = new WeakMap<SecureContext, string>();
let nextContextId = 0;

/** The shared context and a short id naming it (session cache keys use the id). */
export function secureContextEntry(input: SecureContextInput): { context: SecureContext; id: string } {
  const context = buildOrReuse(input);
  let id = ids.get(context);
  if (id === undefined) {
    id = `ctx${++nextContextId}`;
    ids.set(context, id);
  }
  return { context, id };
}

function buildOrReuse(input: SecureContextInput): SecureContext {
  const key = `${pemKey(input.ca)}\u0000${pemKey(input.cert)}\u0000${pemKey(input.key)}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  for (const [label, value] of [['ca', input.ca], ['cert', input.cert], ['key', input.key]] as const) {
    // Node silently ignores text that holds no PEM block, which would surface much later as
    // an untrusted-certificate error; a file name passed by mistake is caught here instead.
    if (value !== undefined && toPemList(value).some((item) => !pemText(item).includes('-----BEGIN '))) {
      throw new FocusHarnessError('FH_USAGE', `${label} must be PEM text (-----BEGIN …), not a file name; read the file first`);
    }
  }
  let context: SecureContext;
  try {
    context = createSecureContext({
      minVersion: MIN_TLS_VERSION,
      ...(input.ca !== undefined ? { ca: toPemList(input.ca) } : {}),
      ...(input.cert !== undefined ? { cert: toPemList(input.cert) } : {}),
      ...(input.key !== undefined ? { key: toPemList(input.key) } : {}),
    });
  } catch (error) {
    throw new FocusHarnessError(
      'FH_CERT',
      `cannot load the TLS certificates/keys (${(error as Error).message}); check that --ca/--cert/--key name PEM files`,
      { cause: error },
    );
  }
  if (cache.size >= MAX_CONTEXTS) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, context);
  return context;
}

/** Number of cached contexts (tests check that connections share one). */
export function secureContextCacheSize(): number {
  return cache.size;
}

function toPemList(input: PemInput): (string | Buffer)[] {
  return Array.isArray(input) ? [...(input as ReadonlyArray<string | Buffer>)] : [input as string | Buffer];
}

function pemText(item: string | Buffer): string {
  return typeof item === 'string' ? item : item.toString('latin1');
}

function pemKey(input: PemInput | undefined): string {
  if (input === undefined) return '-';
  return toPemList(input).map(pemText).join('\u0001');
}
