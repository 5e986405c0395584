import { FocusHarnessError } from '../errors.js';
import { builtinScenarios, DEFAULT_ROLE_COUNT, findBuiltinScenario, MAX_PARTICIPANTS } from './builtin/index.js';
import type { Scenario } from './define-scenario.js';
import { loadScenarioFile, looksLikeScenarioPath } from './load-scenario-file.js';

/** `--participants`: a whole number from 1 to {@link MAX_PARTICIPANTS}, else `FH_USAGE`. */
export function checkParticipants(participants: number | undefined): number {
  if (participants === undefined) return DEFAULT_ROLE_COUNT;
  if (!Number.isInteger(participants) || participants < 1 || participants > MAX_PARTICIPANTS) {
    throw new FocusHarnessError('FH_USAGE', `--participants must be a whole number from 1 to ${MAX_PARTICIPANTS}, got ${String(participants)}`);
  }
  return participants;
}

/**
 * A built-in scenario by name (the catalog built for `participants` roles), or a scenario module
 * by path (`./my-scenario.ts`).
 */
export async function resolveScenario(spec: string, options: { participants?: number } = {}): Promise<Scenario> {
  if (looksLikeScenarioPath(spec)) return loadScenarioFile(spec);
  const found = findBuiltinScenario(spec, checkParticipants(options.participants));
  if (found) return found;
  throw new FocusHarnessError(
    'FH_USAGE',
    `unknown scenario "${spec}"; built-in scenarios: ${builtinScenarios.map((s) => s.name).join(', ')} (or give a path to a scenario file, e.g. ./my-scenario.ts)`,
  );
}
