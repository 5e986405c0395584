import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportInputOf, renderHtmlReport, renderSvgLadder, rosterTimeline } from '../../src/report/index.js';
import type { RunResult } from '../../src/scenario/index.js';
import { errorRun, failedRun, liveEject, passedRun } from './sample-runs.js';
import { seedTrace } from './seed-trace.js';

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

describe('renderSvgLadder', () => {
  it('draws a lifeline per party, one arrow per message and marks the failed step and seqs', () => {
    const svg = renderSvgLadder(seedTrace(), {
      roles: ['alice', 'bob', 'carol'],
      steps: [
        { name: 'eject', status: 'passed', fromSeq: 1, toSeq: 2 },
        { name: 'removal', status: 'failed', fromSeq: 3, toSeq: 17 },
      ],
      highlight: [6],
      idPrefix: 's9',
    });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(count(svg, /class="lifeline"/g)).toBe(5); // Alice, Bob, Carol, Focus, IM MCU
    expect([...svg.matchAll(/class="col-title"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(['Alice', 'Bob', 'Carol', 'Focus', 'IM MCU']);
    expect(count(svg, /<g class="msg/g)).toBe(17);
    expect(count(svg, /class="msg hl"/g)).toBe(1);
    expect(svg).toMatch(/<g class="msg hl" data-msg="s9-m6"/);
    expect(count(svg, /class="band band-failed"/g)).toBe(1);
    expect(svg).toContain('D3 481 Dialog does not exist');
  });

  it('points arrows from sender to receiver', () => {
    const svg = renderSvgLadder(seedTrace().slice(0, 3), { roles: ['alice', 'bob', 'carol'] });
    const lines = [...svg.matchAll(/<line class="arrow" x1="(\d+)" y1="\d+" x2="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(lines[0]![0]!).toBeLessThan(lines[0]![1]!); // Alice → Focus
    expect(lines[1]![0]!).toBeGreaterThan(lines[1]![1]!); // Focus → Alice
    expect(lines[2]![0]!).toBeGreaterThan(lines[2]![1]!); // Focus → Carol
  });
});

describe('renderHtmlReport', () => {
  let live: RunResult;
  let html: string;
  beforeAll(async () => {
    live = await liveEject(['omit-focus-bye'], 'eject-passive');
    html = renderHtmlReport(reportInputOf([passedRun(), failedRun(), errorRun(), live]));
  }, 60_000);

  it('is one self-contained file: no external fetches, a CSP that forbids them', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain("default-src 'none'");
    const urls = [...html.matchAll(/(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.every((u) => u.startsWith('#'))).toBe(true);
    expect(html).not.toMatch(/<link\b|<img\b|@import|url\(/);
    // Message texts (namespace URIs in bodies) are inert text; everything else must not name a URL.
    const markup = html.replace(/<pre class="raw"[^>]*>[\s\S]*?<\/pre>/g, '');
    const http = [...markup.matchAll(/https?:\/\/[^\s"<]+/g)].map((m) => m[0]);
    expect(http.filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
  });

  it('has a summary row and a section with a ladder per scenario, and a panel text per arrow', () => {
    expect(count(html, /<tr><td><a href="#s\d+">/g)).toBe(4);
    expect(count(html, /<svg xmlns/g)).toBe(3); // the error run recorded nothing
    expect(html).toContain('No messages were recorded.');
    expect(count(html, /<pre class="raw" id="s4-m\d+"/g)).toBe(live.records.length);
    expect(count(html, /data-msg="s4-m\d+"/g)).toBe(live.records.length);
    expect(html).toContain('<aside id="panel"');
  });

  it('shows the live failure: diagnostics, the failed band, the failing arrows in red', () => {
    expect(live.status).toBe('failed');
    const section = html.slice(html.indexOf('<section class="scenario" id="s4">'));
    expect(section).toContain('<h3>Diagnostics</h3>');
    expect(section).toContain('band band-failed');
    for (const seq of live.failures[0]!.seqs) expect(section).toMatch(new RegExp(`<g class="msg hl[^"]*" data-msg="s4-m${seq}"`));
  });

  it('shows the roster as each participant saw it, Carol leaving the others\u2019 rosters', () => {
    const section = html.slice(html.indexOf('id="s4"'));
    expect(section).toContain('Roster as each participant saw it');
    const timelines = rosterTimeline(live.records, live.scenario.roles);
    expect(timelines.map((t) => t.role)).toEqual(['alice', 'bob', 'carol']);
    const alice = timelines[0]!.entries;
    expect(alice.length).toBeGreaterThan(1);
    expect(alice.some((e) => /carol@/.test(e.summary))).toBe(true);
    expect(alice.at(-1)!.summary).not.toMatch(/carol@/);
    const versions = alice.filter((e) => e.applied).map((e) => e.version!);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('redacts credentials in the message panel unless asked to keep them', () => {
    const run = passedRun();
    const records = run.records.map((r, i) => (i === 0 ? { ...r, raw: Buffer.from('REGISTER sip:x SIP/2.0\r\nAuthorization: Digest username="a", response="SeCrEt"\r\n\r\n') } : r));
    const input = reportInputOf([{ ...run, records }]);
    expect(renderHtmlReport(input)).not.toContain('SeCrEt');
    expect(renderHtmlReport(input, { keepSecrets: true })).toContain('SeCrEt');
  });
});
