/**
 * `src/repl` — manual role-playing (issue 8): a node:repl session where alice, bob, carol … are
 * live endpoints, driven by one command table (completion, `.help`, dot-commands).
 */
export { startRepl } from './start-repl.js';
export type { StartReplOptions } from './start-repl-options.js';
export type { ReplHandle } from './repl-handle.js';
export { ReplSession } from './repl-session.js';
export type { ReplSessionOptions, ReplUser } from './repl-session-options.js';
export { ReplRole, ReplRosterView, type ReplConference } from './repl-role.js';
export { ReplExpectations, type ReplExpectOptions, type ReplQuietOptions } from './repl-expectations.js';
export { ReplVerdict, type ReplVerdictInit } from './repl-verdict.js';
export { REPL_OPERATIONS, REPL_EXPECTATIONS, findOperation, findExpectationKind, type ReplOperation, type ReplExpectationKind, type ReplArgKind } from './repl-operations.js';
export { REPL_DOT_COMMANDS } from './repl-dot-commands.js';
export type { ReplDotCommand, DotCommandContext, DotArgKind } from './repl-dot-command.js';
export { completeReplLine, type Completion } from './complete-repl-line.js';
export { renderReplHelp } from './render-repl-help.js';
export { formatReplValue, formatC3pOutcome, formatResponse, type FormatReplValueOptions } from './format-repl-value.js';
export { formatLiveLine } from './format-live-line.js';
export { formatMessage } from './format-message.js';
export { ReplHistory, loadHistory, defaultHistoryPath, HISTORY_SIZE } from './repl-history.js';
export { roleNames, isRoleName } from './role-names.js';
