/**
 * Request-URI and Route for a request within a dialog (RFC 3261 §12.2.1.1).
 */
import { parseNameAddr, parseUri } from '../sip/index.js';

export interface RequestTarget {
  /** The Request-URI. */
  readonly uri: string;
  /** Route header values, in order (each a name-addr). */
  readonly routes: readonly string[];
}

/**
 * Chooses the Request-URI and Route headers from the remote target and the route set.
 *
 * @remarks §12.2.1.1: with an empty route set the Request-URI is the remote target and there is
 * no Route. If the first route URI has `lr` (loose routing), the Request-URI is the remote target
 * and the Route is the route set in order. Otherwise (a strict router) the first route URI, with
 * the parameters a Request-URI may not carry removed, becomes the Request-URI, and the Route is
 * the rest of the route set followed by the remote target.
 *
 * `assumeLooseRouting` treats every route as loose: Office Communicator did so with the IM MCU's
 * Record-Route, which carries no `lr` (seed msg 5: Request-URI = MCU contact, Route = the pool).
 */
export function requestTarget(
  remoteTarget: string,
  routeSet: readonly string[],
  assumeLooseRouting = false,
): RequestTarget {
  const first = routeSet[0];
  if (first === undefined) return { uri: remoteTarget, routes: [] };
  const firstUri = routeUri(first);
  if (assumeLooseRouting || isLooseRouter(firstUri)) return { uri: remoteTarget, routes: [...routeSet] };
  return { uri: stripForRequestUri(firstUri), routes: [...routeSet.slice(1), `<${remoteTarget}>`] };
}

/** The URI inside a Route / Record-Route value. */
export function routeUri(value: string): string {
  try {
    return parseNameAddr(value).uri;
  } catch {
    return value.trim().replace(/^<|>$/g, '');
  }
}

/** True when the URI carries the `lr` parameter (RFC 3261 §19.1.1, loose routing). */
export function isLooseRouter(uri: string): boolean {
  try {
    return parseUri(uri).params.has('lr');
  } catch {
    return /;lr(?=[;=?]|$)/i.test(uri);
  }
}

/**
 * §19.1.1 table: `method`, `ttl`-less header parts and URI headers are not allowed in a
 * Request-URI; we drop the `?headers` part and the `method` parameter.
 */
function stripForRequestUri(uri: string): string {
  const withoutHeaders = uri.split('?')[0] ?? uri;
  return withoutHeaders.replace(/;method=[^;]*/i, '');
}
