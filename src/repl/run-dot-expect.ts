/**
 * `.expect ROLE KIND [ARG] [MS]`: the dot-command form of `await role.expect.kind(…)`.
 * ARG is a role for roster kinds and a method (or status) for `receives` / `receivesNo`.
 */
import { FocusHarnessError } from '../errors.js';
import type { DotCommandContext } from './repl-dot-command.js';
import { REPL_EXPECTATIONS, findExpectationKind } from './repl-operations.js';
import type { ReplVerdict } from './repl-verdict.js';

function usage(message: string): FocusHarnessError {
  return new FocusHarnessError('FH_USAGE', `${message}; usage: .expect ROLE KIND [ARG] [MS] with KIND one of ${REPL_EXPECTATIONS.map((k) => k.name).join(', ')}`);
}

export async function runDotExpect(context: DotCommandContext, argument: string): Promise<void> {
  const words = argument.trim().split(/\s+/).filter((w) => w !== '');
  const [roleName, kindName, ...rest] = words;
  const role = roleName === undefined ? undefined : context.session.role(roleName);
  if (!role) throw usage(roleName === undefined ? 'name a role' : `no role named ${roleName} (roles: ${context.session.roleNames.join(', ')})`);
  const kind = kindName === undefined ? undefined : findExpectationKind(kindName);
  if (!kind) throw usage(kindName === undefined ? 'name an expectation' : `unknown expectation ${kindName}`);
  const ms = rest.length && /^\d+$/.test(rest.at(-1)!) && !(kind.firstArg === 'matcher' && rest.length === 1) ? Number(rest.pop()) : undefined;
  const arg = rest[0];
  const within = ms === undefined ? {} : { within: ms };
  let verdict: ReplVerdict;
  switch (kind.name) {
    case 'bye':
      verdict = await role.expect.bye(within);
      break;
    case 'receives':
    case 'receivesNo': {
      if (arg === undefined) throw usage(`${kind.name} wants a method or a status, e.g. BENOTIFY or 200`);
      const matcher = /^\d{3}$/.test(arg) ? { status: Number(arg) } : { method: arg.toUpperCase() };
      verdict = kind.name === 'receives'
        ? await role.expect.receives(matcher, within)
        : await role.expect.receivesNo(matcher, ms === undefined ? {} : { during: ms });
      break;
    }
    case 'inRoster':
    case 'notInRoster':
      if (arg === undefined) throw usage(`${kind.name} wants a role or an AOR`);
      verdict = await role.expect[kind.name](arg, within);
      break;
    default:
      throw usage(`no dot-command form for ${kind.name}`);
  }
  context.print(verdict.toString());
}
