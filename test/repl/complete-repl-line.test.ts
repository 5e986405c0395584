import { describe, expect, it } from 'vitest';
import { completeReplLine, REPL_DOT_COMMANDS, REPL_EXPECTATIONS, REPL_OPERATIONS } from '../../src/repl/index.js';

const roles = ['alice', 'bob', 'carol', 'user4'];

describe('completeReplLine', () => {
  it('completes operations after a role name, from the operation table', () => {
    expect(completeReplLine('alice.ej', roles)).toEqual([['eject'], 'ej']);
    expect(completeReplLine('await bob.re', roles)).toEqual([['register', 'received'], 're']);
    expect(completeReplLine('carol.', roles)?.[0]).toEqual(REPL_OPERATIONS.map((o) => o.name));
  });

  it('leaves members of other objects to the JavaScript completer', () => {
    expect(completeReplLine('Math.fl', roles)).toBeUndefined();
    expect(completeReplLine('session.alice.re', roles)).toBeUndefined();
    expect(completeReplLine('ali', roles)).toBeUndefined();
  });

  it('completes role names as the target of eject and setRoles', () => {
    expect(completeReplLine('await alice.eject(c', roles)).toEqual([['carol'], 'c']);
    expect(completeReplLine('await alice.setRoles(', roles)).toEqual([roles, '']);
    expect(completeReplLine('await alice.setRoles(bob, ', roles)).toBeUndefined();
  });

  it('completes option names inside the options object of an operation', () => {
    expect(completeReplLine('await alice.createConference({ su', roles)).toEqual([['subject'], 'su']);
    expect(completeReplLine('await bob.join(conf, { ', roles)).toEqual([['subscribe', 'im'], '']);
    expect(completeReplLine('await bob.join(conf, { im: false, s', roles)).toEqual([['subscribe'], 's']);
    // a value position offers nothing
    expect(completeReplLine('await bob.join(conf, { im: f', roles)).toEqual([[], 'f']);
  });

  it('completes expectation kinds and their options', () => {
    expect(completeReplLine('await carol.expect.', roles)?.[0]).toEqual(REPL_EXPECTATIONS.map((k) => k.name));
    expect(completeReplLine('await carol.expect.b', roles)).toEqual([['bye'], 'b']);
    expect(completeReplLine('await carol.expect.bye({ wi', roles)).toEqual([['within'], 'wi']);
    expect(completeReplLine('await alice.expect.notInRoster(ca', roles)).toEqual([['carol'], 'ca']);
  });

  it('completes dot-commands and the arguments of .expect', () => {
    expect(completeReplLine('.', roles)?.[0]).toEqual([...REPL_DOT_COMMANDS.map((c) => `.${c.name}`), '.exit']);
    expect(completeReplLine('.la', roles)).toEqual([['.ladder'], '.la']);
    expect(completeReplLine('.expect ca', roles)).toEqual([['carol'], 'ca']);
    expect(completeReplLine('.expect carol by', roles)).toEqual([['bye'], 'by']);
    expect(completeReplLine('.expect alice notInRoster b', roles)).toEqual([['bob'], 'b']);
    expect(completeReplLine('.show ', roles)).toEqual([[], '']);
  });

  it('offers roles added later', () => {
    expect(completeReplLine('user4.sa', roles)).toEqual([['say'], 'sa']);
    expect(completeReplLine('user5.sa', roles)).toBeUndefined();
  });
});
