/**
 * Loads a user's scenario module: `.ts` through tsx's `tsImport`, `.js` / `.mjs` with `import()`.
 * The module must default-export `defineScenario({ … })`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FocusHarnessError } from '../errors.js';
import { defineScenario, isScenario, type Scenario } from './define-scenario.js';

export function looksLikeScenarioPath(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.(?:[cm]?ts|[cm]?js)$/.test(spec);
}

export async function loadScenarioFile(path: string): Promise<Scenario> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw new FocusHarnessError('FH_SCENARIO_INVALID', `scenario file not found`, { where: absolute });
  }
  let module: { default?: unknown };
  try {
    if (/\.[cm]?ts$/.test(absolute)) {
      const { tsImport } = await import('tsx/esm/api');
      module = (await tsImport(pathToFileURL(absolute).href, import.meta.url)) as { default?: unknown };
    } else {
      module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
    }
  } catch (error) {
    const text = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FocusHarnessError('FH_SCENARIO_INVALID', `cannot load the scenario module: ${text}`, { where: absolute, cause: error });
  }
  // tsx may wrap a CommonJS-style default once more.
  let candidate = module.default;
  if (!isScenario(candidate) && typeof candidate === 'object' && candidate !== null && 'default' in candidate) {
    candidate = (candidate as { default: unknown }).default;
  }
  if (isScenario(candidate)) return candidate;
  if (typeof candidate === 'object' && candidate !== null && 'run' in candidate) {
    try {
      return defineScenario(candidate as Parameters<typeof defineScenario>[0]);
    } catch (error) {
      throw new FocusHarnessError('FH_SCENARIO_INVALID', (error as Error).message, { where: absolute, cause: error });
    }
  }
  throw new FocusHarnessError('FH_SCENARIO_INVALID', 'the module has no default export made with defineScenario({ name, title, roles, run })', { where: absolute });
}
