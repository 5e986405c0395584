/**
 * Logging: the pino factory (level, file, pretty terminal output), redaction of credentials and
 * passwords, and the SIP traffic logger over the transport's diagnostics channels.
 */
export { createLogger } from './create-logger.js';
export type { LoggerOptions } from './logger-options.js';
export { LOG_LEVELS, type LogLevel } from './log-level.js';
export { LOG_REDACTED, redactLogText, redactLogValue } from './redact-log-value.js';
export { logSipTraffic, summarizeSipMessage } from './log-sip-traffic.js';
