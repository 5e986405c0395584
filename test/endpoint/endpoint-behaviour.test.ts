/**
 * Endpoint behaviour against lab focus variants and fault switches (real TLS on loopback): how
 * the C3P result is carried, what the client does when the focus misbehaves, and the other commands.
 */
import { describe, expect, it } from 'vitest';
import { TraceRecorder, type TraceRecord } from '../../src/capture/index.js';
import { labConference, waitUntil, type LabConference } from './lab-conference.js';

/** The BYEs `role` has sent so far, from the trace. */
function byesSentBy(conf: LabConference, role: string): TraceRecord[] {
  return conf.recorder.records.filter((r) => r.role === role && r.direction === 'out' && r.firstLine.startsWith('BYE '));
}

describe('Endpoint C3P outcomes and client reactions', { timeout: 20_000 }, () => {
  it('takes the C3P result from a direct 200 (c3pStyle 200)', async () => {
    const conf = await labConference({ c3pStyle: '200' });
    try {
      const outcome = await conf.alice.eject(conf.carol);
      expect(outcome.sipStatus).toBe(200);
      expect(outcome.carriedBy).toBe('200');
      expect(outcome.response?.code).toBe('success');
      expect(outcome.response?.requestId).toBe(outcome.requestId);
      await waitUntil('Bob to see Carol gone', () => !conf.bob.roster.has(conf.carol.aor));
    } finally {
      await conf.close();
    }
  });

  it("resolves carriedBy 'none' when the focus never sends the C3P result", async () => {
    const conf = await labConference({ faults: ['c3p-response-never-sent'] }, { c3pTimeoutMs: 300 });
    try {
      const outcome = await conf.alice.eject(conf.carol);
      expect(outcome.sipStatus).toBe(202);
      expect(outcome.carriedBy).toBe('none');
      expect(outcome.response).toBeUndefined();
    } finally {
      await conf.close();
    }
  });

  it('reports a refused eject by an attendee as a value, and Carol keeps her dialogs', async () => {
    const conf = await labConference();
    try {
      const outcome = await conf.bob.eject(conf.carol);
      expect(outcome.response?.code ?? `SIP ${outcome.sipStatus}`).not.toBe('success');
      if (outcome.response) expect(outcome.response.code).toBe('failure');
      expect(conf.carol.dialogState()).toEqual({ focus: 'active', roster: 'active', im: 'active' });
      expect(conf.alice.roster.has(conf.carol.aor)).toBe(true);
    } finally {
      await conf.close();
    }
  });

  it('without a terminated subscription Carol does not leave by herself (keep-ejected-subscription)', async () => {
    const conf = await labConference({ faults: ['keep-ejected-subscription'] });
    try {
      const outcome = await conf.alice.eject(conf.carol);
      expect(outcome.response?.code).toBe('success');
      await waitUntil("the focus and MCU BYEs to end Carol's D1 and D3", () => {
        const s = conf.carol.dialogState();
        return s.focus === 'terminated' && s.im === 'terminated';
      });
      expect(conf.carol.dialogState().roster).toBe('active');
      const carolByes = byesSentBy(conf, 'carol');
      expect(carolByes).toEqual([]);
    } finally {
      await conf.close();
    }
  });

  it('by default Carol BYEs D1 and D3 herself when her subscription ends with ParticipantRemoved', async () => {
    const conf = await labConference({ faults: ['omit-focus-bye', 'omit-mcu-bye'] });
    try {
      await conf.alice.eject(conf.carol);
      await waitUntil("Carol's own BYEs to end D1 and D3", () => {
        const s = conf.carol.dialogState();
        return s.focus === 'terminated' && s.im === 'terminated' && s.roster === 'terminated';
      });
      await conf.carol.settled();
      const carolByes = byesSentBy(conf, 'carol');
      expect(carolByes.map((r) => r.dialog).sort()).toEqual(['D1', 'D3']);
    } finally {
      await conf.close();
    }
  });

  it('a passive client (leaveOnRemoval: false) sends no BYE when ejected; the server BYEs end D1 and D3 and get 200', async () => {
    const conf = await labConference({}, { leaveOnRemoval: false });
    try {
      const outcome = await conf.alice.eject(conf.carol);
      expect(outcome.response?.code).toBe('success');
      await waitUntil("the focus and MCU BYEs to end Carol's D1 and D3", () => {
        const s = conf.carol.dialogState();
        return s.focus === 'terminated' && s.im === 'terminated';
      });
      expect(conf.carol.dialogState().roster).toBe('terminated');
      const carol = conf.recorder.records.filter((r) => r.role === 'carol');
      expect(byesSentBy(conf, 'carol')).toEqual([]);
      for (const dialog of ['D1', 'D3']) {
        const bye = carol.find((r) => r.direction === 'in' && r.dialog === dialog && r.firstLine.startsWith('BYE '));
        expect(bye, `server BYE in ${dialog}`).toBeDefined();
        await waitUntil(`Carol's 200 to the ${dialog} BYE`, () =>
          conf.recorder.records.some((r) => r.role === 'carol' && r.direction === 'out' && r.callId === bye?.callId && r.cseq === bye?.cseq && r.firstLine.startsWith('SIP/2.0 200')),
        );
      }
    } finally {
      await conf.close();
    }
  });

  it('a passive client keeps a dialog the server never ends (omit-focus-bye): nothing but the focus BYE ends D1', async () => {
    const conf = await labConference({ faults: ['omit-focus-bye'] }, { leaveOnRemoval: false });
    try {
      await conf.alice.eject(conf.carol);
      await waitUntil("the MCU BYE to end Carol's D3 and the subscription to end", () => {
        const s = conf.carol.dialogState();
        return s.im === 'terminated' && s.roster === 'terminated';
      });
      await waitUntil('Bob to see Carol gone', () => !conf.bob.roster.has(conf.carol.aor));
      expect(conf.carol.dialogState().focus).toBe('active');
      const carolByes = byesSentBy(conf, 'carol');
      expect(carolByes).toEqual([]);
    } finally {
      await conf.close();
    }
  });

  it('records a roster gap and refreshes the subscription (skip-roster-version)', async () => {
    const conf = await labConference({ faults: ['skip-roster-version'] });
    try {
      await conf.alice.eject(conf.carol);
      await waitUntil('a gap on some roster', () => [conf.alice, conf.bob].some((ep) => ep.rosterIssues.some((i) => i.issue === 'gap')), 3000);
      const ep = [conf.alice, conf.bob].find((e) => e.rosterIssues.some((i) => i.issue === 'gap'));
      const gap = ep?.rosterIssues.find((i) => i.issue === 'gap');
      expect(gap?.missingVersions?.length).toBeGreaterThan(0);
      await waitUntil('the refresh SUBSCRIBE in D2', () =>
        conf.recorder.records.some((r) => r.role === ep?.role && r.direction === 'out' && r.dialog === 'D2' && r.firstLine.startsWith('SUBSCRIBE ') && !r.cseq.startsWith('1 ')),
      );
    } finally {
      await conf.close();
    }
  });

  it('promotes, locks and queries over INFO; Carol leaves voluntarily', async () => {
    const conf = await labConference();
    const { alice, bob, carol } = conf;
    try {
      const promoted = await alice.setRoles(bob, ['presenter']);
      expect(promoted.response?.code).toBe('success');
      await waitUntil("Bob's presenter role in Carol's roster", () => carol.roster.roles(bob.aor).includes('presenter'));
      const locked = await alice.lock(true);
      expect(locked.response?.code).toBe('success');
      await waitUntil('the lock in Bob’s roster', () => bob.roster.locked);
      const query = await alice.getConference();
      expect(query.response?.code).toBe('success');

      const typing = await carol.typing();
      expect(typing.status).toBe(200);
      const typed = conf.recorder.records.find((r) => r.role === 'carol' && r.direction === 'out' && r.dialog === 'D3' && r.firstLine.startsWith('INFO '));
      expect(typed?.raw.toString()).toContain('<status status="type"/>');

      await carol.leave();
      expect(carol.dialogState()).toEqual({ focus: 'terminated', roster: 'terminated', im: 'terminated' });
      await waitUntil('Carol gone from Alice’s roster', () => !alice.roster.has(carol.aor));
      const carolOut = conf.recorder.records.filter((r) => r.role === 'carol' && r.direction === 'out').slice(-3);
      expect(carolOut.map((r) => `${r.dialog} ${r.label}`)).toEqual(['D2 SUBSCRIBE conference unsubscribe', 'D1 BYE', 'D3 BYE']);
    } finally {
      await conf.close();
    }
  });

  it('changes the subject with modifyConference (every roster shows it) and asks the factory for the MCU types', async () => {
    const conf = await labConference({}, { c3pTimeoutMs: 15_000 });
    const { alice, bob, carol } = conf;
    try {
      const modified = await alice.modifyConference({ subject: 'Budget review, second round' });
      expect(modified).toMatchObject({ sipStatus: 202, carriedBy: 'info' });
      expect(modified.response).toMatchObject({ code: 'success', command: 'modifyConference' });
      const sent = conf.recorder.records.find((r) => r.role === 'alice' && r.direction === 'out' && r.dialog === 'D1' && r.raw.toString().includes('<modifyConference'));
      expect(sent?.raw.toString()).toContain(`mscp:mcuUri="${alice.roster.chatUri ?? ''}"`);
      for (const viewer of [alice, bob, carol]) {
        await waitUntil(`the new subject in ${viewer.role}'s roster`, () => viewer.roster.subject === 'Budget review, second round', 15_000);
      }
      const refused = await bob.modifyConference({ subject: 'not allowed' });
      expect(refused.response).toMatchObject({ code: 'failure', reason: 'unauthorized' });

      const types = await carol.availableMcuTypes();
      expect(types).toMatchObject({ sipStatus: 200, carriedBy: '200' });
      expect(types.response).toMatchObject({ code: 'success', command: 'getAvailableMcuTypes', mcuTypes: ['chat'] });
    } finally {
      await conf.close();
    }
  });

  it("ends a pending C3P wait when the connection drops (drop-connection-mid-eject)", async () => {
    const conf = await labConference({ faults: ['drop-connection-mid-eject'] }, { c3pTimeoutMs: 4000 });
    try {
      const started = Date.now();
      const outcome = await conf.alice.eject(conf.carol).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      expect(Date.now() - started).toBeLessThan(3000);
      if (outcome instanceof Error) expect(outcome).toHaveProperty('code');
      else expect(outcome.carriedBy).toBe('none');
    } finally {
      await conf.close();
    }
  });

  it('keeps a malformed roster document as a roster issue (malformed-benotify-xml)', async () => {
    const conf = await labConference({ faults: ['malformed-benotify-xml'] });
    try {
      await conf.alice.eject(conf.carol);
      await waitUntil('a malformed roster issue', () => conf.bob.rosterIssues.some((i) => i.issue === 'malformed'));
    } finally {
      await conf.close();
    }
  });

  it('keeps bytes that do not parse in the trace, with the error (wrong-content-length)', async () => {
    const conf = await labConference({ faults: ['wrong-content-length'] });
    try {
      await conf.alice.eject(conf.carol);
      // The short Content-Length leaves bytes behind; the next message on that connection exposes them.
      await waitUntil('the eject roster updates', () => !conf.bob.roster.has(conf.carol.aor) || conf.bob.rosterIssues.length > 0);
      await conf.alice.say('after');
      await conf.bob.say('after');
      await waitUntil('an unparsable record', () => conf.recorder.records.some((r) => r.parseError !== undefined));
      const bad = conf.recorder.records.find((r) => r.parseError !== undefined);
      expect(bad?.direction).toBe('in');
      expect(bad?.label).toBe('unparsable message');
      expect(bad?.raw.length).toBeGreaterThan(0);
    } finally {
      await conf.close();
    }
  });

  it('only counts when the recorder is disabled, and keeps no inbound history with keepReceived: false', async () => {
    const recorder = new TraceRecorder({ enabled: false });
    const conf = await labConference({}, { recorder, keepReceived: false });
    try {
      let seen = 0;
      const off = conf.bob.onInbound((m) => {
        seen++;
        expect(m.seq).toBe(0);
      });
      await conf.alice.say('counted');
      await waitUntil('Bob to get the IM', () => seen > 0);
      off();
      expect(recorder.records).toHaveLength(0);
      expect(recorder.messageCount).toBeGreaterThan(40);
      expect(recorder.byteCount).toBeGreaterThan(10_000);
      expect(conf.bob.received).toHaveLength(0);
    } finally {
      await conf.close();
    }
  });
});
