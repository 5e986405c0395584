/**
 * `focus-harness lab`: runs the reference lab focus until Ctrl-C (SIGINT/SIGTERM → clean stop,
 * exit 0). A thin shell over `startLabFocus`; conference events are logged as pino JSON lines on
 * stdout, the human summary (where it listens, which CA to trust) goes to stderr.
 *
 * Exit codes: 0 stopped cleanly or `--list-faults`, 2 bad usage (unknown fault, bad --listen,
 * unreadable cert) or the listener could not start.
 */
import { readFile } from 'node:fs/promises';
import pino from 'pino';
import type { Argv, CommandModule, Options } from 'yargs';
import { parseDigestUsers, SIPAE_DEFAULT_REALM } from '../../src/auth/index.js';
import { FocusHarnessError } from '../../src/errors.js';
import { isLabFaultName, LAB_FAULTS, startLabFocus, type LabFault, type LabFaultName, type LabFocusOptions } from '../../src/labfocus/index.js';
import { reportHarnessError, setExitCode } from '../exit.js';

type LabFlag = 'listen' | 'transport' | 'cert' | 'key' | 'cert-dir' | 'domain' | 'fault' | 'list-faults' | 'c3p-style' | 'auth' | 'users' | 'realm';

/** The options, declared once (style habit 11). */
const LAB_OPTIONS: Record<LabFlag, Options> = {
  listen: { type: 'string', default: '127.0.0.1:5061', describe: 'address to listen on as host:port (port 0 = any free port)', requiresArg: true },
  transport: { choices: ['tls', 'tcp'] as const, default: 'tls', describe: 'transport' },
  cert: { type: 'string', describe: 'PEM certificate chain to serve (with --key); default: generated lab certificates', requiresArg: true },
  key: { type: 'string', describe: 'PEM private key of --cert', requiresArg: true },
  'cert-dir': { type: 'string', describe: 'where the generated lab CA and leaf are kept (default certs/generated)', requiresArg: true },
  domain: { type: 'string', default: 'contoso.com', describe: 'SIP domain of the users it registers', requiresArg: true },
  fault: { type: 'string', array: true, describe: 'fault switch to turn on (repeatable); see --list-faults' },
  'list-faults': { type: 'boolean', default: false, describe: 'print the fault switches and exit' },
  'c3p-style': { choices: ['202-then-info', '200'] as const, default: '202-then-info', describe: 'how C3P over INFO is answered' },
  auth: {
    choices: ['none', 'digest', 'ntlm'] as const,
    default: 'none',
    describe: 'authentication (digest: 401 challenges on REGISTER, SHA-256 and MD5, qop=auth; ntlm: MS-SIPAE NTLM handshake on REGISTER, then every request signed and everything the lab sends signed)',
  },
  users: { type: 'string', describe: 'with --auth digest or ntlm: file of username:password lines (# comments); the username is the AOR\'s user part', requiresArg: true },
  realm: { type: 'string', describe: 'with --auth: the realm (digest default: the --domain; ntlm default: "SIP Communications Service")', requiresArg: true },
};

export interface LabArgs {
  listen: string;
  transport: 'tls' | 'tcp';
  cert?: string;
  key?: string;
  'cert-dir'?: string;
  domain: string;
  fault?: string[];
  'list-faults': boolean;
  'c3p-style': '202-then-info' | '200';
  auth?: 'none' | 'digest' | 'ntlm';
  users?: string;
  realm?: string;
}

/** What `runLab` writes to and waits on; injectable for tests. */
export interface LabIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Starts waiting for the stop request (SIGINT/SIGTERM by default); resolves with its name. */
  waitForStop: () => Promise<string>;
  /** Called once the lab listens. */
  onListening?: (where: { host: string; port: number; caPath: string | undefined }) => void;
}

/** "im, join-and-chat", plus how a SHOULD fault shows up. */
export function describeCaughtBy(fault: LabFault): string {
  const names = fault.caughtBy.join(', ');
  const lab = fault.requiresAuth === 'ntlm' ? ' (NTLM lab)' : '';
  return fault.severity === 'SHOULD' ? `${names}${lab} (as a warning: the assertion is a SHOULD)` : `${names}${lab}`;
}

/** The fault table as a person reads it: what each switch does, what it breaks, which scenarios catch it. */
export function formatFaultTable(): string {
  const width = Math.max(...LAB_FAULTS.map((f) => f.name.length));
  const pad = ' '.repeat(width);
  const lines = LAB_FAULTS.map((f) =>
    [`  ${f.name.padEnd(width)}  ${f.description}`, `  ${pad}  breaks: ${f.breaks}`, `  ${pad}  caught by: ${describeCaughtBy(f)}`].join('\n'),
  );
  return `Lab focus fault switches (--fault NAME, repeatable):\n${lines.join('\n')}\n`;
}

/**
 * The README section "Faults and the scenarios that catch them" as a Markdown table, generated
 * from `LAB_FAULTS` (a test keeps the README in step with it).
 */
export function formatFaultMarkdown(): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const rows = LAB_FAULTS.map((f) => `| \`${f.name}\` | ${cell(f.description)} | ${cell(f.breaks)} | ${cell(f.caughtBy.map((s) => `\`${s}\``).join(', '))}${f.severity === 'SHOULD' ? ' (warning)' : ''}${f.requiresAuth === 'ntlm' ? ' (NTLM lab)' : ''} |`);
  return ['| fault | what the lab focus does | what it breaks | caught by |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}

function parseListen(listen: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(listen.trim());
  const port = Number(match?.[2]);
  if (!match || port > 65535) {
    throw new FocusHarnessError('FH_USAGE', `--listen must be host:port (e.g. 127.0.0.1:5061), got "${listen}"`);
  }
  return { host: match[1] as string, port };
}

/** `--auth digest|ntlm --users FILE [--realm R]` → the lab's `auth` option; `FH_USAGE` for a missing or bad file. */
async function readAuth(args: LabArgs): Promise<{ scheme: 'digest' | 'ntlm'; realm: string; users: Map<string, string> } | undefined> {
  const scheme = args.auth;
  if (scheme !== 'digest' && scheme !== 'ntlm') {
    if (args.users !== undefined) throw new FocusHarnessError('FH_USAGE', '--users needs --auth digest or --auth ntlm');
    return undefined;
  }
  if (args.users === undefined) throw new FocusHarnessError('FH_USAGE', `--auth ${scheme} needs --users FILE (username:password lines)`);
  const path = args.users;
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new FocusHarnessError('FH_USAGE', `cannot read --users ${path}: ${(error as Error).message}`, { cause: error });
  });
  const users = parseDigestUsers(text, path);
  if (users.size === 0) throw new FocusHarnessError('FH_USAGE', `${path}: no users (expected username:password lines)`);
  return { scheme, realm: args.realm ?? (scheme === 'ntlm' ? SIPAE_DEFAULT_REALM : args.domain), users };
}

function signalPromise(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Runs the lab focus until `io.waitForStop()` resolves; returns the exit code. */
export async function runLab(args: LabArgs, io: LabIo): Promise<number> {
  if (args['list-faults']) {
    io.stdout.write(formatFaultTable());
    return 0;
  }
  const unknown = (args.fault ?? []).filter((name) => !isLabFaultName(name));
  if (unknown.length > 0) {
    io.stderr.write(`focus-harness lab: unknown fault ${unknown.map((n) => `"${n}"`).join(', ')}; valid faults: ${LAB_FAULTS.map((f) => f.name).join(', ')}\n`);
    return 2;
  }
  try {
    const { host, port } = parseListen(args.listen);
    if ((args.cert === undefined) !== (args.key === undefined)) {
      throw new FocusHarnessError('FH_USAGE', 'give --cert and --key together, or neither to use generated lab certificates');
    }
    const [cert, key] = args.cert !== undefined && args.key !== undefined
      ? await Promise.all([readFile(args.cert, 'utf8'), readFile(args.key, 'utf8')]).catch((error: unknown) => {
          throw new FocusHarnessError('FH_CERT', `cannot read --cert/--key: ${(error as Error).message}`, { cause: error });
        })
      : [undefined, undefined];
    const auth = await readAuth(args);
    const logger = pino({ base: { component: 'lab-focus' } }, io.stdout as pino.DestinationStream);
    const options: LabFocusOptions = {
      host,
      port,
      transport: args.transport,
      domain: args.domain,
      faults: (args.fault ?? []) as LabFaultName[],
      c3pStyle: args['c3p-style'],
      logger,
      ...(cert !== undefined && key !== undefined ? { cert, key } : {}),
      ...(args['cert-dir'] !== undefined ? { certDir: args['cert-dir'] } : {}),
      ...(auth ? { auth } : {}),
    };
    const lab = await startLabFocus(options);
    // Listen for the stop request before announcing: a Ctrl-C right after the line must not kill us.
    const stopped = io.waitForStop();
    const trust = lab.caPath ? `; clients must trust the CA in ${lab.caPath}` : lab.transport === 'tls' ? '; serving the given --cert' : '';
    const faults = lab.faults.length > 0 ? ` with faults: ${lab.faults.join(', ')}` : '';
    const authNote = auth === undefined
      ? ''
      : auth.scheme === 'ntlm'
        ? `; MS-SIPAE NTLM for ${auth.users.size} user(s) in realm "${auth.realm}" (every request signed)`
        : `; Digest on REGISTER for ${auth.users.size} user(s) in realm "${auth.realm}"`;
    io.stderr.write(`lab focus listening on ${lab.transport} ${lab.host}:${lab.port} (domain ${lab.domain})${trust}${faults}${authNote}\nPress Ctrl-C to stop.\n`);
    io.onListening?.({ host: lab.host, port: lab.port, caPath: lab.caPath });
    const signal = await stopped;
    await lab.stop();
    io.stderr.write(`lab focus stopped (${signal})\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof FocusHarnessError)) return reportHarnessError(error);
    io.stderr.write(`focus-harness lab: ${error.code}: ${error.message}\n`);
    return 2;
  }
}

export const labCommand: CommandModule<object, LabArgs> = {
  command: 'lab',
  describe: 'run the reference lab focus (registrar, focus factory, focus, roster, IM MCU) until Ctrl-C',
  builder: (yargs: Argv<object>) =>
    (yargs.options(LAB_OPTIONS) as unknown as Argv<LabArgs>)
      .example('$0 lab', 'listen on 127.0.0.1:5061 over TLS with generated lab certificates')
      .example('$0 lab --listen 127.0.0.1:0 --fault omit-focus-bye', 'a lab focus that forgets the focus BYE on ejection')
      .example('$0 lab --auth digest --users lab-users.txt', 'challenge every REGISTER; users and passwords from the file')
      .example('$0 lab --auth ntlm --users lab-users.txt', 'authenticate as a Lync front end does (MS-SIPAE NTLM, signed messages)')
      .example('$0 lab --list-faults', 'list the fault switches'),
  handler: async (argv) => {
    const code = await runLab(argv, { stdout: process.stdout, stderr: process.stderr, waitForStop: signalPromise });
    setExitCode(argv as unknown as Record<string, unknown>, code);
  },
};
