/**
 * The one declarative table of what a role can do in the REPL (style habit 13): it drives tab
 * completion (`alice.ej⇥`, `alice.createConference({ su⇥`), the `.help` listing and the
 * {@link ReplRole} surface the table describes.
 */

/** What kind of value an argument completes to. */
export type ReplArgKind = 'role' | 'conference' | 'text' | 'roles' | 'matcher' | 'options' | 'none';

export interface ReplOperation {
  /** Method name on a role, e.g. `eject`. */
  readonly name: string;
  /** Argument list as shown in `.help`, e.g. `(target, roles[])`. */
  readonly signature: string;
  readonly summary: string;
  /** What the first argument completes to. */
  readonly firstArg: ReplArgKind;
  /** Option names of the trailing options object (completed inside `{ … }`). */
  readonly options: readonly string[];
  /** Whether the operation returns a promise (shown as `await` in `.help`). */
  readonly async: boolean;
}

/** Role operations, in the order a conference is usually driven. */
export const REPL_OPERATIONS: readonly ReplOperation[] = [
  { name: 'connect', signature: '()', summary: 'open the TLS connection to the server (register does it when needed)', firstArg: 'none', options: [], async: true },
  { name: 'register', signature: '({ expires })', summary: 'REGISTER with the registrar; resolves the final response', firstArg: 'options', options: ['expires'], async: true },
  { name: 'createConference', signature: '({ subject })', summary: 'C3P addConference to the focus factory; resolves { focusUri, conferenceId }', firstArg: 'options', options: ['subject'], async: true },
  { name: 'join', signature: '(conf, { subscribe, im })', summary: 'join the focus (D1), subscribe to the roster (D2), join the IM MCU (D3)', firstArg: 'conference', options: ['subscribe', 'im'], async: true },
  { name: 'say', signature: "('text')", summary: 'send an IM in the conference (MESSAGE in D3)', firstArg: 'text', options: [], async: true },
  { name: 'eject', signature: '(target)', summary: 'C3P deleteUser for another role (or an AOR); resolves the C3P outcome', firstArg: 'role', options: [], async: true },
  { name: 'setRoles', signature: "(target, ['presenter'])", summary: 'C3P modifyUserRoles', firstArg: 'role', options: [], async: true },
  { name: 'lock', signature: '(locked = true)', summary: 'C3P modifyConferenceLock', firstArg: 'none', options: [], async: true },
  { name: 'getConference', signature: '()', summary: 'C3P getConference', firstArg: 'none', options: [], async: true },
  { name: 'leave', signature: '()', summary: 'BYE the IM MCU and the focus, end the roster subscription', firstArg: 'none', options: [], async: true },
  { name: 'roster', signature: '()', summary: "this role's view of the roster (version, users, roles, chat)", firstArg: 'none', options: [], async: false },
  { name: 'dialogs', signature: '()', summary: 'states of the focus, roster and IM dialogs', firstArg: 'none', options: [], async: false },
  { name: 'received', signature: '', summary: 'every message this role received (array)', firstArg: 'none', options: [], async: false },
  { name: 'expect', signature: '.bye({ within })', summary: 'one-off expectations: see the expectation table below', firstArg: 'none', options: [], async: false },
  { name: 'endpoint', signature: '', summary: 'the underlying Endpoint (the scenario API, unwrapped)', firstArg: 'none', options: [], async: false },
  { name: 'close', signature: '()', summary: 'drop the connection without signalling', firstArg: 'none', options: [], async: true },
];

export interface ReplExpectationKind {
  /** Method name on `role.expect`, e.g. `bye`. */
  readonly name: string;
  readonly signature: string;
  readonly summary: string;
  readonly firstArg: ReplArgKind;
  readonly options: readonly string[];
}

/** `role.expect.*` and the `.expect ROLE KIND [ms]` dot-command. */
export const REPL_EXPECTATIONS: readonly ReplExpectationKind[] = [
  { name: 'bye', signature: '({ within, since })', summary: 'a BYE arrives (the focus ended our dialog)', firstArg: 'options', options: ['within', 'since'] },
  { name: 'receives', signature: "({ method: 'BENOTIFY' }, { within, since })", summary: 'a message matching the matcher arrives', firstArg: 'matcher', options: ['within', 'since', 'method', 'status', 'cseqMethod', 'dialog', 'peer'] },
  { name: 'receivesNo', signature: "({ method: 'BYE' }, { during, since })", summary: 'no matching message arrives during the quiet period', firstArg: 'matcher', options: ['during', 'since', 'method', 'status', 'cseqMethod', 'dialog', 'peer'] },
  { name: 'inRoster', signature: '(target, { within })', summary: "this role's roster lists target", firstArg: 'role', options: ['within'] },
  { name: 'notInRoster', signature: '(target, { within })', summary: "this role's roster no longer lists target", firstArg: 'role', options: ['within'] },
];

export function findOperation(name: string): ReplOperation | undefined {
  return REPL_OPERATIONS.find((op) => op.name === name);
}

export function findExpectationKind(name: string): ReplExpectationKind | undefined {
  return REPL_EXPECTATIONS.find((kind) => kind.name === name);
}
