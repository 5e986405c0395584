import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import type { CommandModule } from 'yargs';
import { decodeCommand, decodeInput } from '../../cmd/commands/decode.js';
import { main } from '../../cmd/harness.js';

const fixture = (name: string): URL => new URL(`../fixtures/${name}`, import.meta.url);
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the real CLI (`main` from cmd/harness.ts) in-process, capturing what it writes. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('focus-harness decode', () => {
  it('prints a JSON summary of a request and exits 0', async () => {
    const r = await run(['decode', fileURLToPath(fixture('sip/seed-01-info-delete-user.sip'))]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      kind: 'request',
      method: 'INFO',
      requestUri: 'sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7ECB5F9BFFB1F343B36775DBA09E8038',
      callId: 'cfc48d02676c47379c7083eb783ad2ab',
      cseq: { seq: 2, method: 'INFO' },
      headerCount: 11,
      bodyType: 'application/cccp+xml',
      bodyLength: 490,
    });
  });

  it('summarises a response', async () => {
    const r = await run(['decode', fileURLToPath(fixture('sip/seed-09-481-mcu-bye.sip'))]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'response', status: 481, reason: 'Dialog does not exist', cseq: { seq: 2, method: 'BYE' }, bodyType: null, bodyLength: 0 });
  });

  it('names what is wrong and where, and exits 2', async () => {
    const r = await run(['decode', fileURLToPath(fixture('rfc4475/badaspec.dat'))]);
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.out) as { error: { fault: string; what: string; where: { line: number; offset: number } } };
    expect(error.fault).toBe('bad-name-addr');
    expect(error.where).toEqual({ line: 5, offset: 184 });
    expect(readFileSync(fixture('rfc4475/badaspec.dat')).toString('latin1').slice(184)).toMatch(/^To: /);
    expect(r.err).toContain('line 5, byte 184');
  });

  it('exits 2 for a file it cannot read', async () => {
    const r = await run(['decode', fileURLToPath(fixture('sip/does-not-exist.sip'))]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read');
  });

  it('documents the line-ending rule in --help', async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => { out += String(c); return true; });
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out += a.join(' '); });
    await yargs(['decode', '--help']).command(decodeCommand as unknown as CommandModule).exitProcess(false).parseAsync();
    vi.restoreAllMocks();
    out = out.replace(/\s+/g, ' ');
    expect(out).toContain('Input with no CRLF');
    expect(out).toContain('--fix-length');
  });

  it('reads stdin for "-" in a real process', () => {
    const script = [
      "import { main } from './cmd/harness.ts';",
      'process.exitCode = await main(process.argv.slice(1));',
    ].join('\n');
    const input = readFileSync(fixture('sip/seed-16-benotify-deleted-alice.sip'));
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, 'decode', '-'], { cwd: root, input, encoding: 'utf8', timeout: 30_000 });
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toMatchObject({ method: 'BENOTIFY', bodyType: 'application/conference-info+xml', bodyLength: 799 });
  });
});

describe('decodeInput: LF-only pastes', () => {
  const lf = (name: string): Buffer => Buffer.from(readFileSync(fixture(name)).toString('latin1').replace(/\r\n/g, '\n'), 'latin1');

  it('repairs a pasted request with a body whose Content-Length counts CRLFs', () => {
    const r = decodeInput(lf('sip/seed-12-benotify-roster-alice.sip'));
    expect(r.exitCode).toBe(0);
    const summary = JSON.parse(r.stdout) as { bodyLength: number; adjusted: string[] };
    expect(summary.bodyLength).toBe(1693);
    expect(summary.adjusted).toContain('body LF line ends converted to CRLF to match Content-Length');
  });

  it('keeps an LF body when Content-Length counts LF bytes and ignores a trailing newline', () => {
    const body = '<a>\n<b/>\n</a>';
    const text = `MESSAGE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/TLS h;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\nTo: <sip:bob@example.com>\nCall-ID: c1\nCSeq: 1 MESSAGE\nContent-Type: text/xml\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}\n`;
    const r = decodeInput(Buffer.from(text));
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ bodyLength: body.length, bodyType: 'text/xml' });
  });

  it('adds the empty line a paste without one lacks', () => {
    const text = 'OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/TLS h;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\nTo: <sip:bob@example.com>\nCall-ID: c2\nCSeq: 1 OPTIONS\nContent-Length: 0\n';
    expect(decodeInput(Buffer.from(text)).exitCode).toBe(0);
  });

  it('refuses a body shorter than Content-Length unless --fix-length', () => {
    const text = 'MESSAGE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/TLS h;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\nTo: <sip:bob@example.com>\nCall-ID: c3\nCSeq: 1 MESSAGE\nContent-Length: 50\n\nhello\n';
    const strict = decodeInput(Buffer.from(text));
    expect(strict.exitCode).toBe(2);
    expect(JSON.parse(strict.stdout).error.fault).toBe('content-length-mismatch');
    const fixed = decodeInput(Buffer.from(text), { fixLength: true });
    expect(fixed.exitCode).toBe(0);
    expect(JSON.parse(fixed.stdout).bodyLength).toBe(6);
  });

  it('reports byte offsets into the LF input as given', () => {
    const input = lf('rfc4475/badaspec.dat');
    const r = decodeInput(input);
    expect(r.exitCode).toBe(2);
    const { where } = JSON.parse(r.stdout).error as { where: { line: number; offset: number } };
    expect(where.line).toBe(5);
    expect(input.toString('latin1').slice(where.offset)).toMatch(/^To: /);
  });
});
