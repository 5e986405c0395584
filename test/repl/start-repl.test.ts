/**
 * The REPL against the embedded lab focus over real TLS on 127.0.0.1, driven through its streams as
 * a person would type: register, create, join three roles, eject, `.ladder` and friends.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTraceJsonLines } from '../../src/capture/index.js';
import { driveRepl, type ReplDriver } from './repl-driver.js';

const PROMPT = /focus-harness> $/;

describe('startRepl against the lab focus', () => {
  let repl: ReplDriver;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fh-repl-'));
    repl = await driveRepl();
  });

  afterAll(async () => {
    await repl?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('greets with the target and the roles', () => {
    expect(repl.text()).toMatch(/^focus-harness REPL — embedded lab focus on 127\.0\.0\.1:\d+; roles: alice, bob, carol\./);
  });

  it('registers three roles, printing each incoming 200 in ladder style and the response as a value', async () => {
    for (const role of ['alice', 'bob', 'carol']) {
      const out = await repl.run(`await ${role}.register()`, /SIP\/2\.0 200 OK\n.*focus-harness> $/s);
      expect(out).toMatch(new RegExp(`^ +\\d+ ${role} +← registrar +200 OK$`, 'm'));
    }
  });

  it('creates a conference and joins three roles to it', async () => {
    const created = await repl.run('const conf = await alice.createConference({ subject: "repl" })', PROMPT);
    expect(created).toMatch(/^ +\d+ alice +← factory +200 OK addConference success$/m);
    const joined = await repl.run('await alice.join(conf)', /join sip:[^\n]+\n {2}focus: +C3P addUser: success[^\n]*\n {2}roster: SIP\/2\.0 200 OK\n {2}im: +SIP\/2\.0 200 OK/);
    expect(joined).toMatch(/^ +\d+ alice +← focus +D2 BENOTIFY v1 full$/m);
    await repl.run('await bob.join(conf)', /focus: +C3P addUser: success/);
    await repl.run('await carol.join(conf.focusUri)', /focus: +C3P addUser: success/);
    const roster = await repl.run('alice.roster()', /alice: v\d+: .*\n/);
    expect(roster).toMatch(/alice: v\d+: alice@contoso\.com \[presenter, chat\]; bob@contoso\.com \[attendee, chat\]; carol@contoso\.com \[attendee, chat\]/);
  });

  it('ejects carol: the C3P outcome prints as a value and carol sees BENOTIFY terminated and the BYE live', async () => {
    const mark = repl.text().length;
    const out = await repl.run('await alice.eject(carol)', /C3P deleteUser: success — SIP 202, response in the focus INFO/);
    expect(out).toMatch(/^ +\d+ alice +← focus +D1 202 Accepted$/m);
    expect(out).toMatch(/^ +\d+ alice +← focus +D1 INFO deleteUser success$/m);
    const live = await repl.waitFor(/carol +← focus +D1 BYE \(Participant Removed\)/, mark);
    expect(live).toMatch(/carol +← focus +D2 BENOTIFY terminated;reason=ParticipantRemoved/);
    const verdict = await repl.run('await carol.expect.bye({ within: 5000 })', /✓ carol: expected BYE within 5000 ms\n {2}got: seq (\d+) BYE \(Participant Removed\)/);
    expect(verdict).toMatch(/see: \.show \d+/);
  });

  it('.ladder prints the whole ladder so far, with a column per role and server party', async () => {
    const out = await repl.run('.ladder', /IM MCU[\s\S]*deleteUser success[\s\S]*focus-harness> $/);
    expect(out).toMatch(/Alice +Bob +Carol +Registrar +Factory +Focus +IM MCU/);
    expect(out).toMatch(/^ +1 \|--REGISTER-+>\| .*REGISTER$/m);
    expect(out).toMatch(/^ +\d+ \|.*INFO deleteUser$/m);
    expect(out).toMatch(/\|<-BYE-+\|.* D1 BYE \(Participant Removed\)$/m);
  });

  it('.show N prints one message in full; a bad N is a readable usage error, not a crash', async () => {
    const out = await repl.run('.show 1', /\n\nfocus-harness> $|focus-harness> $/);
    expect(out).toMatch(/^#1 \S+ alice → registrar +127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+$/m);
    expect(out).toMatch(/^REGISTER sip:contoso\.com SIP\/2\.0$/m);
    expect(out).toMatch(/^CSeq: 1 REGISTER$/m);
    const bad = await repl.run('.show 9999', /FH_USAGE/);
    expect(bad).toMatch(/FocusHarnessError \[FH_USAGE\]: \.show wants a message number from 1 to \d+, got "9999"/);
  });

  it(".roster prints each role's view", async () => {
    const out = await repl.run('.roster', /carol: v\d+:[^\n]*\n/);
    expect(out).toMatch(/^alice: v\d+: alice@contoso\.com \[presenter, chat\]; bob@contoso\.com \[attendee, chat\]$/m);
    expect(out).toMatch(/^bob: v\d+: alice@contoso\.com \[presenter, chat\]; bob@contoso\.com \[attendee, chat\]$/m);
  });

  it('.expect runs one-off expectations and prints the verdict', async () => {
    const ok = await repl.run('.expect alice notInRoster carol 2000', /(✓|✗)[^\n]*\n/);
    expect(ok).toMatch(/✓ alice: expected the roster not to list sip:carol@contoso\.com/);
    const miss = await repl.run('.expect bob receives BYE 50', /(✓|✗)[^\n]*\n[\s\S]*focus-harness> $/);
    expect(miss).toMatch(/✗ bob: expected BYE within 50 ms\n {2}instead: (none of the \d+ messages after seq 0 comes close|.*nearest miss)/);
    const usage = await repl.run('.expect dave bye', /FH_USAGE/);
    expect(usage).toMatch(/no role named dave \(roles: alice, bob, carol\)/);
  });

  it('server refusals come back as values: a C3P failure and a 4xx', async () => {
    const failure = await repl.run('await bob.eject(alice)', /C3P deleteUser: [^\n]*\n/);
    expect(failure).toMatch(/C3P deleteUser: FAILURE \(\w+\) — SIP 202, response in the focus INFO/);
    const next = await repl.run('1 + 1', /^2$/m);
    expect(next).toContain('2');
  });

  it('harness errors print readably and the session goes on', async () => {
    const out = await repl.run('await carol.say("still here?")', /FocusHarnessError \[FH_[A-Z_]+\]: carol: say\(\)/);
    expect(out).not.toMatch(/\n\s+at /);
    const stray = await repl.run('carol.say("no await"), "typed on"', /Uncaught[^\n]*\n?FocusHarnessError \[FH_[A-Z_]+\]: carol: say\(\)/);
    expect(stray).toContain("'typed on'");
    await repl.run('await bob.say("hello all")', /SIP\/2\.0 20\d /);
    await repl.waitFor(/alice +← mcu +D3 MESSAGE "hello all"/);
  });

  it('addRole adds a live role that is in the context, the roster and completion', async () => {
    await repl.run('addRole("user4")', /\[role user4 <sip:user4@contoso\.com>\]/);
    await repl.run('await user4.register()', /user4 +← registrar +200 OK[\s\S]*SIP\/2\.0 200 OK/);
    const joined = await repl.run('await user4.join(conf)', /focus: +C3P addUser: success/);
    expect(joined).toMatch(/join sip:alice@contoso\.com;gruu;opaque=app:conf:focus:id:/);
    const completer = (repl.handle.server as unknown as { completer: (line: string, cb: (e: Error | null, r?: [string[], string]) => void) => void }).completer;
    const completed = await new Promise<[string[], string] | undefined>((resolve, reject) => completer('user4.sa', (e, r) => (e ? reject(e) : resolve(r))));
    expect(completed).toEqual([['say'], 'sa']);
    const out = await repl.run('.roster', /user4: v\d+:[^\n]*\n/);
    expect(out).toMatch(/^user4: v\d+: .*user4@contoso\.com \[attendee, chat\]/m);
  });

  it('.trace FILE writes the session as the same JSON Lines as run --trace', async () => {
    const path = join(dir, 'session.jsonl');
    const out = await repl.run(`.trace ${path}`, /trace: \d+ messages written/);
    const count = Number(/trace: (\d+) messages/.exec(out)![1]);
    const records = readTraceJsonLines(readFileSync(path, 'utf8'));
    expect(records).toHaveLength(count);
    expect(records[0]).toMatchObject({ seq: 1, role: 'alice', direction: 'out', peer: 'registrar', label: 'REGISTER' });
    expect(records.some((r) => r.role === 'carol' && r.label === 'BYE (Participant Removed)')).toBe(true);
  });

  it('.help lists roles, operations and dot-commands', async () => {
    const out = await repl.run('.help', /Tab completes/);
    expect(out).toMatch(/^Roles: alice, bob, carol, user4/m);
    expect(out).toMatch(/await eject\(target\) +C3P deleteUser/);
    expect(out).toMatch(/\.ladder +the whole ladder/);
  });
});
