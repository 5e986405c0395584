/**
 * Logs every SIP message the transport publishes (`focus-harness:message:sent` / `…:received`) at
 * `debug` as a one-line summary, and with the full text at `trace`; the logger's redaction removes
 * credentials. Returns the function that unsubscribes.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Logger } from 'pino';

/** The fields of the transport's message event this serializer reads. */
interface MessageEventLike {
  readonly connectionId?: string;
  readonly direction?: string;
  readonly raw?: Buffer;
  readonly local?: { address?: string; port?: number };
  readonly remote?: { address?: string; port?: number };
}

const CHANNELS = ['focus-harness:message:sent', 'focus-harness:message:received'] as const;

function addr(a: MessageEventLike['local']): string {
  return a ? `${a.address ?? '?'}:${a.port ?? '?'}` : '?';
}

/** The summary a log line carries for one message (pino serializer habit). */
export function summarizeSipMessage(event: MessageEventLike): Record<string, unknown> {
  const text = event.raw?.toString('latin1') ?? '';
  const head = text.slice(0, text.indexOf('\r\n\r\n') >= 0 ? text.indexOf('\r\n\r\n') : Math.min(text.length, 2048));
  const header = (name: string): string | undefined => new RegExp(`^${name}[ \\t]*:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim();
  return {
    connectionId: event.connectionId,
    direction: event.direction,
    local: addr(event.local),
    remote: addr(event.remote),
    firstLine: head.split('\r\n')[0],
    callId: header('call-id') ?? header('i'),
    cseq: header('cseq'),
    bytes: event.raw?.length ?? 0,
  };
}

export function logSipTraffic(logger: Logger): () => void {
  if (!logger.isLevelEnabled('debug')) return () => undefined;
  const full = logger.isLevelEnabled('trace');
  const handler = (message: unknown): void => {
    const event = message as MessageEventLike;
    const sip = summarizeSipMessage(event);
    if (full) logger.trace({ event: 'sip.message', sip, text: event.raw?.toString('utf8') }, `${String(sip['direction'])} ${String(sip['firstLine'])}`);
    else logger.debug({ event: 'sip.message', sip }, `${String(sip['direction'])} ${String(sip['firstLine'])}`);
  };
  for (const name of CHANNELS) subscribe(name, handler);
  return () => {
    for (const name of CHANNELS) unsubscribe(name, handler);
  };
}
