/**
 * Drives MS-CONFIM 4.3.1 with raw clients: Alice sends deleteUser for Carol in D1 (seed msg 1);
 * Carol, on her terminated subscription, BYEs D1 and D3 like the seed's client (msgs 4, 5).
 */
import type { SipMessage, SipResponse } from '../../src/sip/index.js';
import type { Conference, Member } from './conference-setup.js';

export interface EjectFlow {
  /** Inbox index of each user when the flow started. */
  marks: Record<string, number>;
  /** Responses Carol got to her own BYEs on D1 and D3. */
  carolByes: Promise<(SipResponse | Error)[]>;
  /** Alice's response to her INFO. */
  infoResponse: SipResponse | Error;
}

export interface EjectOptions {
  /** Carol BYEs D1/D3 herself when her subscription is terminated (seed msgs 4–5). @default true */
  carolLeaves?: boolean;
  /** Wait for the full seed flow to arrive. @default true */
  waitForSeed?: boolean;
  ejector?: Member;
  victim?: Member;
}

export function member(conf: Conference, user: string): Member {
  const found = conf.members.find((m) => m.client.user === user);
  if (!found) throw new Error(`no member ${user}`);
  return found;
}

export const isTerminated = (m: SipMessage) =>
  m.kind === 'request' && /^terminated/.test(m.headers.get('subscription-state') ?? '');

export async function ejectCarol(conf: Conference, options: EjectOptions = {}): Promise<EjectFlow> {
  const alice = options.ejector ?? member(conf, 'alice');
  const carol = options.victim ?? member(conf, 'carol');
  const marks = Object.fromEntries(conf.members.map((m) => [m.client.user, m.client.inbox.length]));
  let resolveByes: (r: (SipResponse | Error)[]) => void = () => undefined;
  const carolByes = new Promise<(SipResponse | Error)[]>((resolve) => {
    resolveByes = resolve;
  });
  if (options.carolLeaves !== false) {
    carol.client.onRequest = (request) => {
      if (!isTerminated(request)) return;
      carol.client.onRequest = () => undefined;
      const byes = [carol.d1, carol.d3].filter((d) => d !== undefined).map((d) =>
        carol.client.send(carol.client.inDialog(d, 'BYE')).catch((e: unknown) => e as Error),
      );
      void Promise.all(byes).then(resolveByes);
    };
  } else {
    resolveByes([]);
  }
  const info = alice.client.inDialog(alice.d1, 'INFO', {
    contentType: 'application/cccp+xml',
    body: alice.client.c3p(conf.focusUri, { name: 'deleteUser', confEntity: conf.focusUri, userEntity: carol.client.aor }),
  });
  const infoResponse = await alice.client.send(info).catch((e: unknown) => e as Error);
  if (options.waitForSeed !== false) {
    const deleted = (m: SipMessage) => m.kind === 'request' && m.body.toString().includes('state="deleted"');
    for (const m of conf.members) {
      if (m === carol) continue;
      await m.client.waitFor('the deleted update', deleted, marks[m.client.user]);
    }
    await carolByes;
  }
  return { marks, carolByes, infoResponse };
}
