import { FocusHarnessError } from '../errors.js';
import { builtinScenarios, findBuiltinScenario } from './builtin/index.js';
import type { Scenario } from './define-scenario.js';
import { loadScenarioFile, looksLikeScenarioPath } from './load-scenario-file.js';

/** A built-in scenario by name, or a scenario module by path (`./my-scenario.ts`). */
export async function resolveScenario(spec: string): Promise<Scenario> {
  if (looksLikeScenarioPath(spec)) return loadScenarioFile(spec);
  const found = findBuiltinScenario(spec);
  if (found) return found;
  throw new FocusHarnessError(
    'FH_USAGE',
    `unknown scenario "${spec}"; built-in scenarios: ${builtinScenarios.map((s) => s.name).join(', ')} (or give a path to a scenario file, e.g. ./my-scenario.ts)`,
  );
}
