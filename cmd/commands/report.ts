/**
 * `focus-harness report <trace.jsonl|results.json>`: re-renders a saved run — the terminal ladder
 * (default) or the HTML report (`--html FILE`) — so last night's failure can be studied without
 * rerunning it. A thin shell over `loadSavedRun`, `renderTerminalReport` and `renderHtmlReport`.
 *
 * Exit codes: 0 rendered, 2 the file could not be read.
 */
import { writeFileSync } from 'node:fs';
import type { Argv, CommandModule, Options } from 'yargs';
import { loadSavedRun, renderHtmlReport, renderJunitXml, renderTerminalReport } from '../../src/report/index.js';
import { reportHarnessError, setExitCode } from '../exit.js';

type ReportFlag = 'html' | 'junit' | 'trace' | 'width' | 'color';

const REPORT_OPTIONS: Record<ReportFlag, Options> = {
  html: { type: 'string', describe: 'write the self-contained HTML report to FILE instead of printing the ladder', requiresArg: true },
  junit: { type: 'string', describe: 'also write JUnit XML to FILE (results.json input)', requiresArg: true },
  trace: { type: 'string', describe: 'the trace.jsonl of a results.json (default: trace.jsonl beside it)', requiresArg: true },
  width: { type: 'number', describe: 'ladder width in characters (default: the terminal width, else 120)', requiresArg: true },
  color: { type: 'boolean', describe: 'colour the ladder (default: when stdout is a terminal)' },
};

export interface ReportArgs {
  file: string;
  html?: string;
  junit?: string;
  trace?: string;
  width?: number;
  color?: boolean;
}

export interface ReportIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean | undefined; readonly columns?: number | undefined };
}

export function runReport(args: ReportArgs, io: ReportIo = { stdout: process.stdout }): number {
  try {
    const saved = loadSavedRun(args.file, args.trace === undefined ? {} : { trace: args.trace });
    if (args.junit) {
      writeFileSync(args.junit, renderJunitXml(saved.input));
      io.stdout.write(`junit: ${args.junit}\n`);
    }
    if (args.html) {
      writeFileSync(args.html, renderHtmlReport(saved.input, { traceOnly: saved.traceOnly }));
      io.stdout.write(`html: ${args.html}\n`);
      return 0;
    }
    io.stdout.write(
      renderTerminalReport(saved.input, {
        width: args.width ?? Math.max(80, Math.min(160, io.stdout.columns ?? 120)),
        color: args.color ?? io.stdout.isTTY === true,
        traceOnly: saved.traceOnly,
      }),
    );
    return 0;
  } catch (error) {
    return reportHarnessError(error);
  }
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <file>',
  describe: 'Re-render a saved run (trace.jsonl or results.json): the ladder in the terminal, or the HTML report',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'a trace.jsonl (run --trace, suite) or a suite results.json' })
      .options(REPORT_OPTIONS)
      .example('$0 report results/results.json', 'verdicts, diagnostics and ladders of last night, in the terminal')
      .example('$0 report results/results.json --html again.html', 'the HTML report again')
      .example('$0 report run.jsonl', 'the ladder of a trace written by `run --trace`') as unknown as Argv<ReportArgs>,
  handler: (argv) => {
    setExitCode(argv as unknown as Record<string, unknown>, runReport(argv));
  },
};
