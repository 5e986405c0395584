/**
 * The REPL's writer: protocol outcomes (SIP responses, C3P outcomes, join results) and harness
 * errors printed as a person reads them; anything else through `util.inspect`.
 *
 * @remarks Node's REPL also formats thrown errors with the writer, so a `FocusHarnessError` shows
 * as `FocusHarnessError [FH_TXN_TIMEOUT]: …` without a stack.
 */
import { inspect } from 'node:util';
import type { C3pOutcome, JoinResult } from '../endpoint/index.js';
import { isFocusHarnessError } from '../errors.js';
import { isExpectationFailure } from '../scenario/index.js';
import type { SipMessage } from '../sip/index.js';

export interface FormatReplValueOptions {
  readonly color?: boolean;
}

type Response = SipMessage & { kind: 'response' };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isResponse(value: unknown): value is Response {
  return isObject(value) && value['kind'] === 'response' && typeof value['status'] === 'number' && isObject(value['headers']);
}

function isC3pOutcome(value: unknown): value is C3pOutcome {
  return isObject(value) && 'carriedBy' in value && 'requestId' in value && isResponse(value['sipResponse']);
}

function isJoinResult(value: unknown): value is JoinResult {
  return isObject(value) && typeof value['focusUri'] === 'string' && isC3pOutcome(value['focus']);
}

function isConference(value: unknown): value is { focusUri: string; conferenceId: string } {
  return isObject(value) && typeof value['focusUri'] === 'string' && 'conferenceId' in value && 'response' in value;
}

/** `403 Forbidden` plus the server's own words (ms-diagnostics, Warning) when it gave any. */
export function formatResponse(response: Response): string {
  const notes = ['ms-diagnostics', 'warning', 'reason']
    .map((name) => response.headers.get(name))
    .filter((v): v is string => v !== undefined)
    .map((v) => ` — ${v}`);
  return `SIP/2.0 ${response.status} ${response.reason}${notes.join('')}`;
}

export function formatC3pOutcome(outcome: C3pOutcome): string {
  const sip = `SIP ${outcome.sipStatus}`;
  const response = outcome.response;
  if (!response || outcome.carriedBy === 'none') {
    return `C3P: no response (${formatResponse(outcome.sipResponse).replace('SIP/2.0 ', 'SIP ')}); requestId ${outcome.requestId}`;
  }
  const via = outcome.carriedBy === 'info' ? 'in the focus INFO' : 'in the 200';
  const verdict = response.code === 'success' ? 'success' : `FAILURE${response.reason ? ` (${response.reason})` : ''}`;
  return `C3P ${response.command}: ${verdict} — ${sip}, response ${via}, requestId ${outcome.requestId}`;
}

function formatJoin(join: JoinResult): string {
  const lines = [`join ${join.focusUri}`, `  focus:  ${formatC3pOutcome(join.focus)}`];
  if (join.roster) lines.push(`  roster: ${formatResponse(join.roster as Response)}`);
  if (join.im) lines.push(`  im:     ${formatResponse(join.im as Response)}${join.chatUri ? ` (${join.chatUri})` : ''}`);
  return lines.join('\n');
}

function formatError(error: Error): string {
  if (isFocusHarnessError(error)) return `FocusHarnessError [${error.code}]: ${error.message}${error.where ? ` (${error.where})` : ''}`;
  if (isExpectationFailure(error)) return `ExpectationFailure: ${error.message}`;
  return `${error.name}: ${error.message}`;
}

export function formatReplValue(value: unknown, options: FormatReplValueOptions = {}): string {
  if (value instanceof Error) return formatError(value);
  if (isResponse(value)) return formatResponse(value);
  if (isC3pOutcome(value)) return formatC3pOutcome(value);
  if (isJoinResult(value)) return formatJoin(value);
  if (isConference(value)) return `conference ${value.focusUri} (id ${value.conferenceId})`;
  return inspect(value, { colors: options.color === true, depth: 2 });
}
