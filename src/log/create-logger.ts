/**
 * The pino factory every command uses: level and destination from `--log-level` / `--log-file`,
 * pretty in a terminal, and secrets redacted in every record (message, fields, bindings) unless
 * `--unsafe-keep-secrets`.
 */
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';
import type { LoggerOptions } from './logger-options.js';
import { redactLogText, redactLogValue } from './redact-log-value.js';

type PrettyFactory = (options: Record<string, unknown>) => DestinationStream;

/** pino-pretty is a development dependency: fall back to JSON lines when it is absent. */
function prettyStream(): DestinationStream | undefined {
  try {
    const require = createRequire(import.meta.url);
    const mod = require('pino-pretty') as PrettyFactory | { default: PrettyFactory };
    const factory = typeof mod === 'function' ? mod : mod.default;
    return factory({ destination: 2, colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname', sync: true });
  } catch {
    return undefined;
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const keep = options.unsafeKeepSecrets === true;
  const secrets = options.secrets ?? [];
  const pinoOptions: PinoOptions = {
    name: options.name ?? 'focus-harness',
    level: options.level ?? 'warn',
    base: { pid: process.pid },
    ...(keep
      ? {}
      : {
          formatters: {
            log: (object: Record<string, unknown>) => redactLogValue(object, secrets) as Record<string, unknown>,
            bindings: (bindings: Record<string, unknown>) => redactLogValue(bindings, secrets) as Record<string, unknown>,
          },
          hooks: {
            logMethod(args: unknown[], method: (...a: unknown[]) => void) {
              method.apply(this, args.map((a) => (typeof a === 'string' ? redactLogText(a, secrets) : a)));
            },
          },
        }),
  };
  let destination: DestinationStream;
  if (options.file) destination = pino.destination({ dest: options.file, append: true, sync: true, mkdir: true });
  else {
    const wantPretty = options.pretty ?? (options.destination === undefined && process.stderr.isTTY === true);
    destination = (wantPretty ? prettyStream() : undefined) ?? options.destination ?? pino.destination({ dest: 2, sync: true });
  }
  const logger = pino(pinoOptions, destination);
  return keep ? logger : redactChildBindings(logger, secrets);
}

/** pino does not pass child bindings through `formatters.bindings`: redact them on the way in. */
function redactChildBindings(logger: Logger, secrets: readonly string[]): Logger {
  const child = logger.child.bind(logger) as unknown as (bindings: Record<string, unknown>, options?: object) => Logger;
  const redacting = (bindings: Record<string, unknown>, options?: object): Logger =>
    redactChildBindings(child(redactLogValue(bindings, secrets) as Record<string, unknown>, options), secrets);
  logger.child = redacting as unknown as Logger['child'];
  return logger;
}
