import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderLadder, renderLadderExcerpt } from '../../src/report/index.js';
import { seedTrace } from './seed-trace.js';

const golden = (name: string): URL => new URL(`./golden/${name}`, import.meta.url);

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it. */
function expectGolden(name: string, actual: string): void {
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), 'utf8'));
}

describe('renderLadder', () => {
  it('draws MS-CONFIM 4.3.1 Figure 5 from the seed trace', () => {
    expectGolden('seed-ladder.txt', renderLadder(seedTrace(), { roles: ['alice', 'bob', 'carol'] }));
  });

  it('puts step headers above their messages and marks the failed step and highlighted seqs', () => {
    const text = renderLadder(seedTrace(), {
      roles: ['alice', 'bob', 'carol'],
      steps: [
        { name: 'Alice ejects Carol', status: 'passed', fromSeq: 1, toSeq: 2 },
        { name: 'Carol is removed', status: 'failed', fromSeq: 3, toSeq: 17 },
      ],
      highlight: [6],
    });
    expectGolden('seed-ladder-steps.txt', text);
  });

  it('has one line per message with the arrow pointing the right way between the right columns', () => {
    const lines = renderLadder(seedTrace(), { roles: ['alice', 'bob', 'carol'] }).trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 17);
    const header = lines[0]!;
    const col = (title: string): number => header.indexOf(title);
    const first = lines[2]!; // Alice → Focus INFO
    expect(first.indexOf('|--INFO')).toBe(col('Alice'));
    expect(first[col('Focus') - 1]).toBe('>');
    const third = lines[4]!; // Focus → Carol BENOTIFY
    expect(third.slice(col('Carol'), col('Carol') + 3)).toBe('|<-');
    expect(third).toContain('D2 BENOTIFY terminated;reason=ParticipantRemoved');
    const mcuBye = lines[8]!; // IM MCU → Carol BYE
    expect(mcuBye[col('Carol') + 1]).toBe('<');
    expect(mcuBye[col('IM MCU')]).toBe('|');
  });

  it('adds Registrar and Factory columns only when the trace has them', () => {
    const records = seedTrace();
    expect(renderLadder(records).split('\n')[0]).not.toContain('Registrar');
    const first = { ...records[0]!, peer: 'registrar' as const, label: 'REGISTER' };
    delete first.dialog;
    const withRegister = [first];
    const header = renderLadder(withRegister).split('\n')[0]!;
    expect(header).toMatch(/Alice\s+Registrar\s+Focus\s+IM MCU/);
  });

  it('shows an unparsable message in place with its error', () => {
    const records = seedTrace().slice(0, 3);
    records[2] = { ...records[2]!, parseError: 'Content-Length 900 exceeds the body' };
    const text = renderLadder(records);
    expect(text).toMatch(/\|<-\?\?-+\|/);
    expect(text).toContain('unparsable: Content-Length 900 exceeds the body');
  });

  it('colours only when asked', () => {
    const plain = renderLadder(seedTrace(), { highlight: [3] });
    expect(plain).not.toContain('\u001b[');
    const coloured = renderLadder(seedTrace(), { highlight: [3], color: true });
    expect(coloured).toContain('\u001b[1m\u001b[33m>   3');
  });

  it('keeps every line within the width', () => {
    for (const width of [80, 100, 120]) {
      const lines = renderLadder(seedTrace(), { width }).split('\n');
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(Math.max(width, 6 + 4 * 14 + 1 + 2));
    }
  });
});

describe('renderLadderExcerpt', () => {
  it('shows n records either side of the seq, elided ends and the seq highlighted', () => {
    expectGolden('seed-excerpt-9.txt', renderLadderExcerpt(seedTrace(), 9, 2, { roles: ['alice', 'bob', 'carol'] }));
  });

  it('centres on the nearest record when the seq is not in the trace', () => {
    const records = seedTrace().filter((r) => r.seq !== 5);
    const text = renderLadderExcerpt(records, 5, 0);
    expect(text).toMatch(/^>\s+4 /m);
    expect(text.split('\n').filter((l) => /^[ >]\s*\d+ /.test(l))).toHaveLength(1);
  });
});
