/**
 * The MS-SIPAE auth header parameters (brief §3.5; MS-SIPAE 2.2): one model for the challenge
 * (WWW-/Proxy-Authenticate), the credentials (Authorization / Proxy-Authorization) and the server's
 * signature (Authentication-Info / Proxy-Authentication-Info), with a formatter per header kind
 * that writes the parameters in the order Microsoft peers do.
 */
import { FocusHarnessError } from '../../errors.js';
import { parseAuthParams, quoteAuthValue } from '../auth-params.js';

export type SipaeScheme = 'NTLM' | 'Kerberos' | 'TLS-DSK';

export const SIPAE_SCHEMES: readonly SipaeScheme[] = ['NTLM', 'Kerberos', 'TLS-DSK'];

export interface SipaeParams {
  readonly scheme: SipaeScheme;
  readonly realm?: string;
  readonly targetname?: string;
  readonly version?: number;
  readonly qop?: string;
  /** The SA id chosen by the server. */
  readonly opaque?: string;
  /** Base64 security token; the empty string is the first (empty) NTLM token. */
  readonly gssapiData?: string;
  /** Client salt (8 hex), counter and signature (hex) of a signed request. */
  readonly crand?: string;
  readonly cnum?: string;
  readonly response?: string;
  /** Server salt, counter and signature of a signed server message. */
  readonly srand?: string;
  readonly snum?: string;
  readonly rspauth?: string;
  readonly stsUri?: string;
}

/** Whether a header line names an MS-SIPAE scheme (and not Digest). */
export function isSipaeLine(line: string): boolean {
  const scheme = line.trim().split(/[\s,]/, 1)[0] ?? '';
  return SIPAE_SCHEMES.some((s) => s.toLowerCase() === scheme.toLowerCase());
}

/** Parses one MS-SIPAE header value; `FH_AUTH` for another scheme or a malformed list. */
export function parseSipaeParams(line: string): SipaeParams {
  const { scheme, params } = parseAuthParams(line);
  const known = SIPAE_SCHEMES.find((s) => s.toLowerCase() === scheme.toLowerCase());
  if (known === undefined) throw new FocusHarnessError('FH_AUTH', `Not an MS-SIPAE scheme: ${scheme}`);
  const version = params.get('version');
  if (version !== undefined && !/^\d+$/.test(version)) {
    throw new FocusHarnessError('FH_AUTH', `Malformed MS-SIPAE version "${version}" in: ${line}`);
  }
  const pick = (name: string): { [key: string]: string } => {
    const value = params.get(name);
    return value === undefined ? {} : { [name]: value };
  };
  const gssapi = params.get('gssapi-data');
  const sts = params.get('sts-uri');
  return {
    scheme: known,
    ...pick('realm'),
    ...pick('targetname'),
    ...(version === undefined ? {} : { version: Number(version) }),
    ...pick('qop'),
    ...pick('opaque'),
    ...(gssapi === undefined ? {} : { gssapiData: gssapi }),
    ...pick('crand'),
    ...pick('cnum'),
    ...pick('response'),
    ...pick('srand'),
    ...pick('snum'),
    ...pick('rspauth'),
    ...(sts === undefined ? {} : { stsUri: sts }),
  };
}

type Field = readonly [name: string, value: string | number | undefined, quoted: boolean];

function format(scheme: string, fields: readonly Field[]): string {
  const parts = fields
    .filter((f): f is readonly [string, string | number, boolean] => f[1] !== undefined)
    .map(([name, value, quoted]) => `${name}=${quoted ? quoteAuthValue(String(value)) : String(value)}`);
  return `${scheme} ${parts.join(', ')}`;
}

/** `NTLM realm="…", targetname="…", version=4` (first challenge) or with `opaque`/`gssapi-data` (second). */
export function formatSipaeChallenge(p: SipaeParams): string {
  return format(p.scheme, [
    ['opaque', p.opaque, true],
    ['gssapi-data', p.gssapiData, true],
    ['realm', p.realm, true],
    ['targetname', p.targetname, true],
    ['version', p.version, false],
    ['sts-uri', p.stsUri, true],
  ]);
}

/** `NTLM qop="auth", realm, opaque, targetname, version, gssapi-data, crand, cnum, response`. */
export function formatSipaeCredentials(p: SipaeParams): string {
  return format(p.scheme, [
    ['qop', p.qop ?? 'auth', true],
    ['realm', p.realm, true],
    ['opaque', p.opaque, true],
    ['targetname', p.targetname, true],
    ['version', p.version, false],
    ['gssapi-data', p.gssapiData, true],
    ['crand', p.crand, true],
    ['cnum', p.cnum, true],
    ['response', p.response, true],
  ]);
}

/** `NTLM rspauth="…", srand="…", snum="…", opaque="…", qop="auth", targetname="…", realm="…"`. */
export function formatSipaeAuthenticationInfo(p: SipaeParams): string {
  return format(p.scheme, [
    ['rspauth', p.rspauth, true],
    ['srand', p.srand, true],
    ['snum', p.snum, true],
    ['opaque', p.opaque, true],
    ['qop', p.qop ?? 'auth', true],
    ['targetname', p.targetname, true],
    ['realm', p.realm, true],
  ]);
}
