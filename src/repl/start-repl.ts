/**
 * `startRepl`: a node:repl session (top-level `await`) whose context holds one live role per
 * emulated user, with messages printed as they arrive, the dot-commands of `REPL_DOT_COMMANDS`,
 * completion from the command tables and history kept between sessions.
 */
import { start, type REPLServer } from 'node:repl';
import { formatLiveLine } from './format-live-line.js';
import { formatReplValue } from './format-repl-value.js';
import { LivePrinter } from './live-printer.js';
import { completeReplLine, type Completion } from './complete-repl-line.js';
import type { DotCommandContext } from './repl-dot-command.js';
import { REPL_DOT_COMMANDS } from './repl-dot-commands.js';
import type { ReplHandle } from './repl-handle.js';
import { ReplHistory, defaultHistoryPath, loadHistory } from './repl-history.js';
import { ReplSession } from './repl-session.js';
import { renderReplHelp } from './render-repl-help.js';
import type { StartReplOptions } from './start-repl-options.js';

type Completer = (line: string, callback: (error: Error | null, result?: Completion) => void) => void;

function banner(session: ReplSession): string {
  const where = session.lab ? `embedded lab focus on ${session.target.host}:${session.target.port}` : `${session.target.host}:${session.target.port} (${session.target.transport})`;
  return `focus-harness REPL — ${where}; roles: ${session.roleNames.join(', ')}. Try: await alice.register()   (.help lists everything)`;
}

export async function startRepl(options: StartReplOptions): Promise<ReplHandle> {
  const session = await ReplSession.open(options);
  const { input, output } = options;
  const terminal = options.terminal ?? (output as { isTTY?: boolean }).isTTY === true;
  const color = options.color ?? terminal;
  output.write(`${options.banner ?? banner(session)}\n`);
  const server = start({
    input,
    output,
    terminal,
    prompt: options.prompt ?? 'focus-harness> ',
    useColors: color,
    ignoreUndefined: true,
    preview: false,
    writer: (value: unknown) => formatReplValue(value, { color }),
  });
  const printer = new LivePrinter(server, output, terminal);
  trackBusy(server, printer);
  installCompleter(server, session);
  session.onRoleAdded((role) => {
    Object.defineProperty(server.context, role.name, { configurable: true, enumerable: true, writable: false, value: role });
  });
  exposeRoles(server, session);
  // `.clear` resets the context: put the roles back.
  server.on('reset', () => exposeRoles(server, session));
  const context: DotCommandContext = {
    session,
    color,
    width: (output as { columns?: number }).columns ?? 120,
    print: (text) => printer.print(text),
    help: () => renderReplHelp(session.roleNames),
  };
  for (const command of REPL_DOT_COMMANDS) defineDotCommand(server, printer, context, command);

  const detach = session.recorder.onRecord((record) => {
    if (record.direction === 'in' || options.showSent === true) printer.print(formatLiveLine(record));
  });
  // A promise nobody awaited (`alice.eject(carol)` without await) must not end the process.
  const onRejection = (reason: unknown): void => printer.print(`Uncaught (in promise) ${formatReplValue(reason, { color })}`);
  process.on('unhandledRejection', onRejection);

  if (options.historyPath !== null) {
    const path = options.historyPath ?? defaultHistoryPath();
    const past = loadHistory(path);
    // readline keeps the newest entry first.
    (server as unknown as { history: string[] }).history.unshift(...[...past].reverse());
    const history = new ReplHistory(path, past.at(-1));
    server.on('line', (line: string) => history.add(line));
  }

  const closed = new Promise<void>((resolve) => {
    server.once('exit', () => {
      printer.close();
      detach();
      process.off('unhandledRejection', onRejection);
      session.close().then(resolve, resolve);
    });
  });
  return {
    server,
    session,
    closed,
    close: async () => {
      server.close();
      await closed;
    },
  };
}

/** Busy from the moment a line is evaluated until node:repl shows the prompt again. */
function trackBusy(server: REPLServer, printer: LivePrinter): void {
  const evaluate = server.eval;
  const display = server.displayPrompt.bind(server);
  (server as { eval: REPLServer['eval'] }).eval = function (this: REPLServer, ...args: Parameters<REPLServer['eval']>) {
    printer.busy = true;
    return evaluate.apply(this, args);
  } as REPLServer['eval'];
  server.displayPrompt = (preserveCursor?: boolean) => {
    printer.busy = false;
    display(preserveCursor);
  };
}

function installCompleter(server: REPLServer, session: ReplSession): void {
  const target = server as unknown as { completer: Completer };
  const javascript = target.completer;
  target.completer = (line, callback) => {
    let ours: Completion | undefined;
    try {
      ours = completeReplLine(line, session.roleNames);
    } catch (error) {
      callback(error as Error);
      return;
    }
    if (ours) callback(null, ours);
    else javascript.call(server, line, callback);
  };
}

function exposeRoles(server: REPLServer, session: ReplSession): void {
  const define = (name: string, value: unknown): void => {
    Object.defineProperty(server.context, name, { configurable: true, enumerable: true, writable: false, value });
  };
  for (const [name, role] of session.roles) define(name, role);
  define('addRole', (name: string) => session.addRole(name));
  define('session', session);
}

function defineDotCommand(server: REPLServer, printer: LivePrinter, context: DotCommandContext, command: (typeof REPL_DOT_COMMANDS)[number]): void {
  server.defineCommand(command.name, {
    help: command.summary,
    action(argument: string) {
      printer.busy = true;
      const done = (): void => server.displayPrompt();
      let result: void | Promise<void>;
      try {
        result = command.run(context, argument);
      } catch (error) {
        context.print(formatReplValue(error));
        done();
        return;
      }
      Promise.resolve(result).then(done, (error: unknown) => {
        context.print(formatReplValue(error));
        done();
      });
    },
  });
}
