import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { reportInputOf, renderJunitXml } from '../../src/report/index.js';
import { errorRun, failedRun, passedRun } from './sample-runs.js';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

function render(): { xml: string; root: Node } {
  const xml = renderJunitXml(reportInputOf([passedRun(), failedRun(), errorRun()], { startedAt: 1_700_000_000_000, durationMs: 2500 }), { hostname: 'ci-runner' });
  return { xml, root: parser.parse(xml) as Node };
}

// The Jenkins/GitLab JUnit schema: testsuites › testsuite(name, tests, failures, errors, skipped, time,
// timestamp, hostname) › properties › property(name, value) and testcase(name, classname, time) ›
// (skipped | error | failure)? system-out? — attribute values numeric where the schema says so.
const SUITE_ATTRS = ['@name', '@tests', '@failures', '@errors', '@skipped', '@time', '@timestamp', '@hostname'];
const CASE_CHILDREN = new Set(['failure', 'error', 'skipped', 'system-out', 'system-err', 'properties']);

describe('renderJunitXml', () => {
  it('is well-formed XML with the structure Jenkins and GitLab read', () => {
    const { xml, root } = render();
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = root['testsuites'] as Node;
    expect(suites['@tests']).toBe('3');
    const suite = (suites['testsuite'] as Node[])[0]!;
    for (const attr of SUITE_ATTRS) expect(suite[attr], attr).toBeDefined();
    expect(suite).toMatchObject({ '@tests': '3', '@failures': '1', '@errors': '1', '@skipped': '0', '@time': '2.500', '@hostname': 'ci-runner' });
    expect(suite['@timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const cases = suite['testcase'] as Node[];
    expect(cases.map((c) => c['@name'])).toEqual(['seed-pass', 'seed-fail', 'seed-error']);
    for (const c of cases) {
      expect(c['@classname']).toMatch(/^focus-harness\./);
      expect(Number(c['@time'])).not.toBeNaN();
      for (const key of Object.keys(c).filter((k) => !k.startsWith('@'))) expect(CASE_CHILDREN.has(key), key).toBe(true);
    }
  });

  it('puts the diagnostic and a ladder excerpt around the failing message into <failure>', () => {
    const cases = ((render().root['testsuites'] as Node)['testsuite'] as Node[])[0]!['testcase'] as Node[];
    const failure = cases[1]!['failure'] as Node;
    expect(failure['@type']).toBe('MUST E5');
    expect(failure['@message']).toMatch(/^\[E5\] step "Carol is removed": carol: expected BYE from the focus/);
    const text = failure['#text'] as string;
    expect(text).toContain('nearest miss on carol connection: seq 6');
    expect(text).toContain('ladder around the failure:');
    expect(text).toMatch(/>\s*6 /); // the highlighted record
    expect(text).toContain('BYE (Participant Removed)');
    expect(cases[0]!['failure']).toBeUndefined();
    expect((cases[2]!['error'] as Node)['@type']).toBe('FH_TRANSPORT_CONNECT');
  });

  it('escapes markup and strips characters XML cannot carry', () => {
    const { xml } = render();
    expect(xml).not.toMatch(/[\u0001\u0008]/);
    expect(xml).toContain('&lt;with Reason&gt; &amp; &quot;quotes&quot;');
  });

  it('reports SHOULD findings as properties and in system-out', () => {
    const suite = ((render().root['testsuites'] as Node)['testsuite'] as Node[])[0]!;
    const props = ((suite['properties'] as Node)['property'] as Node[]).map((p) => [p['@name'], p['@value']]);
    expect(props).toContainEqual(['seed-pass.should.1', 'SHOULD [O5] bob: roster partial carries "deleted" state — got full (seq 13)']);
    const out = (suite['testcase'] as Node[])[0]!['system-out'] as string;
    expect(out).toContain('SHOULD [O5] bob');
    expect(out).toContain('INFO server answered BYE with 481');
  });
});
