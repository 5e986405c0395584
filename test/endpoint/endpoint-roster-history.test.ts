import { describe, expect, it } from 'vitest';
import { renderConferenceInfo } from '../../src/conference/index.js';
import { Endpoint, LOAD_ROSTER_HISTORY_LIMIT } from '../../src/endpoint/index.js';

const FOCUS = 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038';
const server = { host: '127.0.0.1', port: 5061, transport: 'tls' as const };

function applyUpdates(endpoint: Endpoint, count: number): void {
  endpoint.roster.apply(renderConferenceInfo({ entity: FOCUS, state: 'full', version: 1, users: { users: [] } }));
  for (let version = 2; version <= count; version++) {
    endpoint.roster.apply(
      renderConferenceInfo({
        entity: FOCUS,
        state: 'partial',
        version,
        users: { state: 'partial', users: [{ entity: `sip:user${version}@contoso.com`, state: 'full', roles: ['attendee'] }] },
      }),
    );
  }
}

describe('Endpoint roster history', () => {
  it('keeps all of it by default and the latest entries only with keepReceived: false (issue 4)', () => {
    const updates = LOAD_ROSTER_HISTORY_LIMIT + 5;
    const kept = new Endpoint({ role: 'alice', aor: 'sip:alice@contoso.com', server });
    const load = new Endpoint({ role: 'bob', aor: 'sip:bob@contoso.com', server, keepReceived: false });
    const chosen = new Endpoint({ role: 'carol', aor: 'sip:carol@contoso.com', server, keepReceived: false, rosterHistoryLimit: 2 });
    for (const endpoint of [kept, load, chosen]) applyUpdates(endpoint, updates);
    expect(kept.roster.history).toHaveLength(updates);
    expect(load.roster.history).toHaveLength(LOAD_ROSTER_HISTORY_LIMIT);
    expect(load.roster.history.at(-1)?.version).toBe(updates);
    expect(chosen.roster.history.map((entry) => entry.version)).toEqual([updates - 1, updates]);
    expect(load.roster.users()).toHaveLength(updates - 1);
  });
});
