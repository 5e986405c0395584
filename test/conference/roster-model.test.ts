import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Roster, renderConferenceInfo, type ConferenceInfoDocument, type ConferenceUser } from './conference-exports.js';
import { FOCUS } from './xml-fixture.js';

/** A focus-side model: users with roles and endpoints per session type, and the chat lock. */
interface Model {
  users: Map<string, { roles: string[]; endpoints: Map<string, string> }>;
  locked: boolean;
}

type Op =
  | { kind: 'join'; user: number }
  | { kind: 'leave'; user: number }
  | { kind: 'role'; user: number; role: string }
  | { kind: 'endpoint'; user: number; sessionType: 'focus' | 'chat'; status: 'connected' | 'disconnected' | 'deleted' }
  | { kind: 'lock'; locked: boolean }
  | { kind: 'full-user'; user: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('join' as const), user: fc.nat(5) }),
  fc.record({ kind: fc.constant('leave' as const), user: fc.nat(5) }),
  fc.record({ kind: fc.constant('role' as const), user: fc.nat(5), role: fc.constantFrom('presenter', 'attendee') }),
  fc.record({
    kind: fc.constant('endpoint' as const),
    user: fc.nat(5),
    sessionType: fc.constantFrom('focus' as const, 'chat' as const),
    status: fc.constantFrom('connected' as const, 'disconnected' as const, 'deleted' as const),
  }),
  fc.record({ kind: fc.constant('lock' as const), locked: fc.boolean() }),
  fc.record({ kind: fc.constant('full-user' as const), user: fc.nat(5) }),
);

const aor = (user: number): string => `sip:user${user}@contoso.com`;
const guid = (user: number): string => `{00000000-0000-4000-8000-00000000000${user}}`;

function userDocument(model: Model, entity: string): ConferenceUser {
  const user = model.users.get(entity);
  if (!user) return { entity, state: 'deleted' };
  return {
    entity,
    state: 'full',
    roles: [...user.roles],
    endpoints: [...user.endpoints].map(([sessionType, status]) => ({ entity: guid(Number(entity.slice(8, 9))), sessionType, status })),
  };
}

function fullDocument(model: Model, version: number): ConferenceInfoDocument {
  return {
    entity: FOCUS,
    state: 'full',
    version,
    view: { entityViews: [{ entity: 'chat', entityState: { locked: model.locked } }] },
    users: { users: [...model.users.keys()].map((entity) => userDocument(model, entity)) },
  };
}

/** Applies `step` to the model and returns the partial document a focus would send for it. */
function step(model: Model, change: Op, version: number): ConferenceInfoDocument {
  const partial = (body: Partial<ConferenceInfoDocument>): ConferenceInfoDocument => ({ entity: FOCUS, state: 'partial', version, ...body });
  const entity = 'user' in change ? aor(change.user) : '';
  const user = model.users.get(entity);
  switch (change.kind) {
    case 'join':
      if (!user) model.users.set(entity, { roles: ['attendee'], endpoints: new Map([['focus', 'connected']]) });
      return partial({ users: { state: 'partial', users: [userDocument(model, entity)] } });
    case 'leave':
      model.users.delete(entity);
      return partial({ users: { state: 'partial', users: [{ entity, state: 'deleted' }] } });
    case 'role':
      if (!user) return partial({});
      user.roles = [change.role];
      return partial({ users: { state: 'partial', users: [{ entity, state: 'partial', roles: [change.role] }] } });
    case 'endpoint': {
      if (!user) return partial({});
      if (change.status === 'deleted') user.endpoints.delete(change.sessionType);
      else user.endpoints.set(change.sessionType, change.status);
      const endpoint =
        change.status === 'deleted'
          ? { entity: guid(change.user), sessionType: change.sessionType, state: 'deleted' as const }
          : { entity: guid(change.user), sessionType: change.sessionType, state: 'partial' as const, status: change.status };
      return partial({ users: { state: 'partial', users: [{ entity, state: 'partial', endpoints: [endpoint] }] } });
    }
    case 'lock':
      model.locked = change.locked;
      return partial({ view: { state: 'partial', entityViews: [{ entity: 'chat', state: 'partial', entityState: { state: 'partial', locked: change.locked } }] } });
    case 'full-user':
      return partial({ users: { state: 'partial', users: [userDocument(model, entity)] } });
  }
}

function view(roster: Roster): unknown {
  return {
    users: roster.users().sort(),
    roles: roster.users().sort().map((entity) => roster.roles(entity)),
    inChat: roster.users().sort().filter((entity) => roster.inChat(entity)),
    endpoints: roster.users().sort().map((entity) => roster.user(entity)?.endpoints.map((endpoint) => `${endpoint.sessionType}:${endpoint.status}`).sort()),
    locked: roster.locked,
  };
}

describe('Roster against a focus model', () => {
  it('merging the partials gives the same roster as the full document of the same version', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const model: Model = { users: new Map([[aor(0), { roles: ['presenter'], endpoints: new Map([['focus', 'connected']]) }]]), locked: false };
        const merged = new Roster();
        expect(merged.apply(renderConferenceInfo(fullDocument(model, 1))).applied).toBe(true);
        let version = 1;
        for (const change of ops) {
          version += 1;
          const update = merged.apply(renderConferenceInfo(step(model, change, version)));
          expect(update.applied).toBe(true);
        }
        const reference = new Roster();
        reference.apply(renderConferenceInfo(fullDocument(model, version)));
        expect(view(merged)).toEqual(view(reference));
        expect(merged.users().sort()).toEqual([...model.users.keys()].sort());
      }),
      { numRuns: 60 },
    );
  });
});
