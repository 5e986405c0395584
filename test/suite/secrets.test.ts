import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSuiteCommand, type SuiteArgs } from '../../cmd/commands/suite.js';
import { ExpectationFailure } from '../../src/scenario/index.js';
import { runSuite, type ReportableRun } from '../../src/report/index.js';
import { passedRun } from '../report/sample-runs.js';

const PASSWORD = 'Zq-9!test-password-7731';
const DIGEST_RESPONSE = 'e3b0c44298fc1c149afbf4c8996fb924';
const root = mkdtempSync(join(tmpdir(), 'fh-secrets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every artefact (and log) in a folder that contains `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  return readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(Buffer.from(needle, 'utf8')));
}

function leakyRun(): ReportableRun {
  const base = passedRun('leaky');
  const records = base.records.map((r, i) =>
    i === 0
      ? {
          ...r,
          raw: Buffer.from(
            `REGISTER sip:contoso.com SIP/2.0\r\nCall-ID: alice-D1\r\nCSeq: 2 INFO\r\nAuthorization: Digest username="alice", realm="x", response="${DIGEST_RESPONSE}"\r\nContent-Type: text/plain\r\nContent-Length: ${PASSWORD.length + 5}\r\n\r\npw = ${PASSWORD}`,
          ),
        }
      : r,
  );
  const failure = new ExpectationFailure({ step: 'login', role: 'alice', expected: `login with ${PASSWORD} to succeed`, seqs: [1] });
  return { ...base, status: 'failed', exitCode: 1, failures: [failure], steps: [{ ...base.steps[0]!, status: 'failed' }], records };
}

describe('secrets never reach the artefacts', () => {
  it('runSuite: no password or Authorization value in results.json, junit.xml, report.html, trace.jsonl or capture.pcapng', async () => {
    const out = join(root, 'redacted');
    await runSuite({ scenarios: [{ name: 'leaky' }], outDir: out, secrets: [PASSWORD], run: async () => leakyRun() });
    expect(readdirSync(out).sort()).toEqual(['capture.pcapng', 'junit.xml', 'report.html', 'results.json', 'trace.jsonl']);
    expect(filesContaining(out, PASSWORD)).toEqual([]);
    expect(filesContaining(out, DIGEST_RESPONSE)).toEqual([]);
    expect(filesContaining(out, '[redacted]').sort()).toEqual(['capture.pcapng', 'junit.xml', 'report.html', 'results.json', 'trace.jsonl']);
  });

  it('runSuite with keepSecrets (--unsafe-keep-secrets) keeps them — the grep above would see a leak', async () => {
    const out = join(root, 'kept');
    await runSuite({ scenarios: [{ name: 'leaky' }], outDir: out, secrets: [PASSWORD], keepSecrets: true, run: async () => leakyRun() });
    expect(filesContaining(out, PASSWORD).sort()).toEqual(['capture.pcapng', 'junit.xml', 'report.html', 'results.json', 'trace.jsonl']);
    expect(filesContaining(out, DIGEST_RESPONSE).sort()).toEqual(['capture.pcapng', 'report.html', 'trace.jsonl']);
  });

  it('suite command: a profile password stays out of every artefact and the trace-level log', async () => {
    const profile = join(root, 'profile.yaml');
    writeFileSync(profile, 'server: embedded\nusers:\n  alice: { aor: sip:alice@contoso.com, passwordEnv: FH_SECRETS_TEST_PW }\n');
    process.env['FH_SECRETS_TEST_PW'] = PASSWORD;
    const quiet = { write: () => true };
    const run = async (name: string, extra: Partial<SuiteArgs>): Promise<string> => {
      const out = join(root, name);
      const args: SuiteArgs = { scenario: ['eject'], out, profile, 'log-level': 'trace', 'log-file': join(out, 'suite.log'), 'unsafe-keep-secrets': false, ...extra };
      expect(await runSuiteCommand(args, { stdout: quiet, stderr: quiet })).toBe(0);
      return out;
    };
    try {
      const safe = await run('cmd-safe', {});
      expect(readdirSync(safe).sort()).toEqual(['capture.pcapng', 'junit.xml', 'keylog.txt', 'report.html', 'results.json', 'suite.log', 'trace.jsonl']);
      expect(readFileSync(join(safe, 'suite.log'), 'utf8')).toContain('"event":"sip.message"');
      expect(filesContaining(safe, PASSWORD)).toEqual([]);
      const unsafe = await run('cmd-unsafe', { 'unsafe-keep-secrets': true });
      expect(filesContaining(unsafe, PASSWORD)).toEqual(['suite.log']); // the resolved profile at debug
    } finally {
      delete process.env['FH_SECRETS_TEST_PW'];
    }
  }, 60_000);
});
