/**
 * The built-in scenarios, by name (`focus-harness scenarios` lists them).
 */
import type { Scenario } from '../define-scenario.js';
import eject from './eject.js';
import ejectDenied from './eject-denied.js';
import joinAndChat from './join-and-chat.js';
import { imConferenceCatalog } from './catalog.js';

export const builtinScenarios: readonly Scenario[] = [eject, ejectDenied, joinAndChat, ...imConferenceCatalog()] as readonly Scenario[];

export function findBuiltinScenario(name: string): Scenario | undefined {
  return builtinScenarios.find((s) => s.name === name);
}
