/**
 * The README's "Faults and the scenarios that catch them" table is the one generated from
 * LAB_FAULTS, row for row, so it cannot drift from the fault switches.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFaultMarkdown } from '../../cmd/commands/lab.js';
import { LAB_FAULTS } from '../../src/labfocus/index.js';

const HEADING = '## Faults and the scenarios that catch them';

/** The first Markdown table after `heading`, as its lines. */
function tableAfter(markdown: string, heading: string): string[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const section = lines.slice(start + 1, next < 0 ? undefined : next);
  const first = section.findIndex((line) => line.startsWith('|'));
  if (first < 0) return [];
  const end = section.findIndex((line, i) => i > first && !line.startsWith('|'));
  return section.slice(first, end < 0 ? undefined : end);
}

describe('README fault table', () => {
  it('is exactly the table generated from LAB_FAULTS', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const expected = formatFaultMarkdown().trimEnd().split('\n');
    expect(readme, `README.md has no "${HEADING}" section`).toContain(HEADING);
    expect(tableAfter(readme, HEADING), `README.md is out of date; replace the table under "${HEADING}" with:\n\n${formatFaultMarkdown()}`).toEqual(expected);
  });

  it('has one row per fault, naming its catchers', () => {
    const rows = formatFaultMarkdown().trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(LAB_FAULTS.length);
    LAB_FAULTS.forEach((fault, i) => {
      expect(rows[i]).toMatch(new RegExp(`^\\| \`${fault.name}\` \\|`));
      for (const scenario of fault.caughtBy) expect(rows[i]).toContain(`\`${scenario}\``);
      expect(rows[i]?.endsWith(' (NTLM lab) |'), `${fault.name} says whether it needs an NTLM lab`).toBe(fault.requiresAuth === 'ntlm');
    });
  });
});
