/**
 * Redacts credential values from a SIP message text (pino `redaction` habit).
 *
 * @remarks `Authorization` / `Proxy-Authorization` carry digest responses or MS-SIPAE tokens
 * (brief §3.5); the scheme name is kept so a reader still sees which scheme was used.
 */
const CREDENTIAL_LINE = /^((?:proxy-)?authorization[ \t]*:[ \t]*)(\S+)?([^\r\n]*)$/gim;

export const REDACTED = '[redacted]';

export function redactSecrets(text: string): string {
  return text.replace(CREDENTIAL_LINE, (_line, head: string, scheme: string | undefined, rest: string) =>
    rest.trim() === '' && scheme === undefined ? `${head}` : `${head}${scheme ?? ''} ${REDACTED}`,
  );
}
