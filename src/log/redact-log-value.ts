/**
 * Redaction for log records (pino `lib/redaction.js` habit, applied at any depth): values under
 * secret-looking keys become `[redacted]`; in every string, `Authorization` / `Proxy-Authorization`
 * header values and the known secrets (the profile's passwords) are replaced.
 */
export const LOG_REDACTED = '[redacted]';

const SECRET_KEY = /^(?:password|passwd|secret|token|authorization|proxy-authorization|credentials?)$/i;
const CREDENTIAL_LINE = /^((?:proxy-)?authorization[ \t]*:[ \t]*)(\S+)?[^\r\n]*$/gim;
const MAX_DEPTH = 8;

/** Replaces credential header values and each known secret in `text`. */
export function redactLogText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(CREDENTIAL_LINE, (_line, head: string, scheme: string | undefined) => `${head}${scheme ?? ''} ${LOG_REDACTED}`);
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join(LOG_REDACTED);
  return out;
}

/** A copy of `value` with secrets redacted (objects, arrays, Errors and strings; depth-limited). */
export function redactLogValue(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redactLogText(value, secrets);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Buffer.isBuffer(value)) return redactLogText(value.toString('latin1'), secrets);
  if (Array.isArray(value)) return value.map((v) => redactLogValue(v, secrets, depth + 1));
  if (value instanceof Error) {
    // Keep the prototype so pino's err serializer still names the error type.
    const copy = Object.create(Object.getPrototypeOf(value) as object) as Error & Record<string, unknown>;
    for (const [key, v] of Object.entries(value)) copy[key] = SECRET_KEY.test(key) ? LOG_REDACTED : redactLogValue(v, secrets, depth + 1);
    Object.defineProperty(copy, 'message', { value: redactLogText(value.message, secrets), enumerable: false, writable: true });
    Object.defineProperty(copy, 'stack', { value: redactLogText(value.stack ?? '', secrets), enumerable: false, writable: true });
    if (value.cause !== undefined) copy['cause'] = redactLogValue(value.cause, secrets, depth + 1);
    return copy;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null ? LOG_REDACTED : redactLogValue(v, secrets, depth + 1);
  }
  return out;
}
