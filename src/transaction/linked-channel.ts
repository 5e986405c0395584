/**
 * A pair of in-memory channels wired to each other: the shipped fake transport for unit tests
 * and offline use (style habit 10).
 *
 * @remarks Delivery is asynchronous (a microtask), like a socket, and each side receives its own
 * copy of the message so the two never share header lists. `dropNext()` loses messages;
 * `nextSent()` waits for what a side sends; `close()` closes both ends.
 */
import { FocusHarnessError } from '../errors.js';
import type { SipMessage } from '../sip/index.js';
import type { TransactionChannel } from './transaction-channel.js';

export interface LinkedChannel extends TransactionChannel {
  readonly name: string;
  readonly transport: string;
  readonly local: { readonly address: string; readonly port: number };
  /** Every message this side sent (including dropped ones), in order. */
  readonly sent: readonly SipMessage[];
  /** Every message this side received, in order. */
  readonly received: readonly SipMessage[];
  readonly closed: boolean;
  send(message: SipMessage): void;
  onMessage(callback: (message: SipMessage) => void): () => void;
  onClose(callback: (reason?: unknown) => void): () => void;
  /** The next `count` messages this side sends are lost on the way. */
  dropNext(count?: number): void;
  /** Resolves with the next message this side sends. */
  nextSent(): Promise<SipMessage>;
  /** Closes both ends; later sends throw `FH_TRANSPORT_CLOSED`. */
  close(): void;
}

export interface LinkedChannelOptions {
  /** Names of the two ends. @default ['a', 'b'] */
  readonly names?: readonly [string, string];
  /** Transport token used when the layer writes a Via. @default 'tls' */
  readonly transport?: string;
}

/** Creates two connected in-memory channels. */
export function createLinkedChannels(options: LinkedChannelOptions = {}): [LinkedChannel, LinkedChannel] {
  const [nameA, nameB] = options.names ?? ['a', 'b'];
  const transport = options.transport ?? 'tls';
  const shared = { closed: false };
  const a = new LinkedEnd(nameA, transport, 15060, shared);
  const b = new LinkedEnd(nameB, transport, 15061, shared);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class LinkedEnd implements LinkedChannel {
  readonly name: string;
  readonly transport: string;
  readonly local: { readonly address: string; readonly port: number };
  readonly sent: SipMessage[] = [];
  readonly received: SipMessage[] = [];
  peer: LinkedEnd | undefined;
  readonly #shared: { closed: boolean };
  readonly #listeners: ((message: SipMessage) => void)[] = [];
  readonly #closeListeners: ((reason?: unknown) => void)[] = [];
  readonly #waiters: ((message: SipMessage) => void)[] = [];
  #drop = 0;

  constructor(name: string, transport: string, port: number, shared: { closed: boolean }) {
    this.name = name;
    this.transport = transport;
    this.local = { address: '127.0.0.1', port };
    this.#shared = shared;
  }

  get closed(): boolean {
    return this.#shared.closed;
  }

  send(message: SipMessage): void {
    if (this.#shared.closed) {
      throw new FocusHarnessError('FH_TRANSPORT_CLOSED', `linked channel ${this.name} is closed`);
    }
    this.sent.push(message);
    for (const waiter of this.#waiters.splice(0)) waiter(message);
    if (this.#drop > 0) {
      this.#drop--;
      return;
    }
    const copy = cloneMessage(message);
    const peer = this.peer;
    queueMicrotask(() => {
      if (!this.#shared.closed) peer?.deliver(copy);
    });
  }

  deliver(message: SipMessage): void {
    this.received.push(message);
    for (const listener of [...this.#listeners]) listener(message);
  }

  onMessage(callback: (message: SipMessage) => void): () => void {
    this.#listeners.push(callback);
    return () => remove(this.#listeners, callback);
  }

  onClose(callback: (reason?: unknown) => void): () => void {
    this.#closeListeners.push(callback);
    return () => remove(this.#closeListeners, callback);
  }

  dropNext(count = 1): void {
    this.#drop += count;
  }

  nextSent(): Promise<SipMessage> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  close(): void {
    if (this.#shared.closed) return;
    this.#shared.closed = true;
    for (const end of [this, this.peer]) end?.notifyClosed();
  }

  notifyClosed(): void {
    for (const listener of this.#closeListeners.splice(0)) listener('closed');
  }
}

function cloneMessage(message: SipMessage): SipMessage {
  const body = Buffer.from(message.body);
  const headers = message.headers.clone();
  return message.kind === 'request'
    ? { kind: 'request', method: message.method, uri: message.uri, headers, body }
    : { kind: 'response', status: message.status, reason: message.reason, headers, body };
}

function remove<T>(list: T[], item: T): void {
  const index = list.indexOf(item);
  if (index >= 0) list.splice(index, 1);
}
