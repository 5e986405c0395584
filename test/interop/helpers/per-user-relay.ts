/**
 * A connection demultiplexer between Kamailio's backend side and the lab focus.
 *
 * @remarks The lab focus binds an identity to the connection it registered on ("a connection
 * speaks only for the AOR registered on it", issue 3) and sends requests to a participant down
 * that connection. A proxy multiplexes every user onto one connection, so the relay gives each
 * user its own connection to the lab focus: requests from Kamailio go on the connection of their
 * From AOR, responses on the connection of their To AOR (the participant the lab focus was
 * talking to). Everything the lab focus sends goes back to Kamailio unchanged. The bytes are
 * relayed as they are: the relay adds no Via and rewrites nothing, so what the endpoints and the
 * lab focus see is exactly what Kamailio sent.
 * TODO(interop: lab focus behind a proxy): drop this once the lab focus can trust a proxy's
 * asserted identity and route by dialog instead of by connection.
 */
import { getFrom, getTo, getTopVia, isRequest, type SipMessage } from '../../../src/sip/index.js';
import { connect, listen, type SipConnection, type SipListener } from '../../../src/transport/index.js';

export interface PerUserRelayOptions {
  readonly labHost: string;
  readonly labPort: number;
}

function aorOf(uri: string): string {
  const m = /^(sips?:[^;?>]+)/i.exec(uri);
  return (m?.[1] ?? uri).toLowerCase();
}

export class PerUserRelay {
  readonly #listener: SipListener;
  #options: PerUserRelayOptions;
  readonly #toLab = new Map<string, Promise<SipConnection>>();
  readonly #kamailio = new Set<SipConnection>();
  /** Kamailio's top Via branch of a request → the Kamailio connection it came on. */
  readonly #replyPath = new Map<string, SipConnection>();
  /** What went wrong, for the test to show. */
  readonly problems: string[] = [];

  private constructor(listener: SipListener, options: PerUserRelayOptions) {
    this.#listener = listener;
    this.#options = options;
    listener.onConnection((connection) => this.#fromKamailio(connection));
  }

  static async start(options: PerUserRelayOptions): Promise<PerUserRelay> {
    return new PerUserRelay(await listen({ host: '127.0.0.1', port: 0, transport: 'tcp' }), options);
  }

  get port(): number {
    return this.#listener.address.port;
  }

  /** Users that got their own connection to the lab focus. */
  get users(): string[] {
    return [...this.#toLab.keys()];
  }

  /** Points the relay at another lab focus; the users' old connections are dropped. */
  retarget(options: PerUserRelayOptions): void {
    for (const pending of this.#toLab.values()) void pending.then((c) => c.destroy(), () => undefined);
    this.#toLab.clear();
    this.#options = options;
  }

  async close(): Promise<void> {
    for (const pending of this.#toLab.values()) void pending.then((c) => c.destroy(), () => undefined);
    for (const c of this.#kamailio) c.destroy();
    await this.#listener.close();
  }

  #fromKamailio(connection: SipConnection): void {
    this.#kamailio.add(connection);
    connection.onClose(() => this.#kamailio.delete(connection));
    connection.onMessage((message, raw) => {
      const user = this.#userOf(message);
      if (user === undefined) {
        this.problems.push(`no user for ${firstLine(raw)}`);
        return;
      }
      if (isRequest(message)) {
        const branch = getTopVia(message).params.get('branch');
        if (branch) this.#replyPath.set(branch, connection);
      }
      this.#labConnection(user).then(
        (lab) => lab.sendRaw(raw),
        (error: Error) => this.problems.push(`lab connection for ${user}: ${error.message}`),
      );
    });
  }

  #userOf(message: SipMessage): string | undefined {
    try {
      return aorOf((isRequest(message) ? getFrom(message) : getTo(message)).uri);
    } catch {
      return undefined;
    }
  }

  #labConnection(user: string): Promise<SipConnection> {
    let pending = this.#toLab.get(user);
    if (pending === undefined) {
      pending = connect({ host: this.#options.labHost, port: this.#options.labPort, transport: 'tcp' }).then((lab) => {
        lab.onMessage((message, raw) => this.#toKamailio(message, raw));
        return lab;
      });
      this.#toLab.set(user, pending);
    }
    return pending;
  }

  #toKamailio(message: SipMessage, raw: Buffer): void {
    let target: SipConnection | undefined;
    if (!isRequest(message)) {
      // The response's top Via is Kamailio's: send it back on the connection its request came on.
      const branch = getTopVia(message).params.get('branch');
      target = branch ? this.#replyPath.get(branch) : undefined;
    }
    target ??= [...this.#kamailio].reverse().find((c) => !c.closed);
    if (target === undefined) {
      this.problems.push(`no Kamailio connection for ${firstLine(raw)}`);
      return;
    }
    target.sendRaw(raw);
  }
}

function firstLine(raw: Buffer): string {
  return raw.subarray(0, 200).toString('latin1').split('\r\n')[0] ?? '';
}
