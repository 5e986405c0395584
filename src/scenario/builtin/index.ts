/**
 * The built-in scenarios, by name (`focus-harness scenarios` lists them).
 */
import type { Scenario } from '../define-scenario.js';
import eject from './eject.js';
import ejectDenied from './eject-denied.js';
import ejectPassive from './eject-passive.js';
import joinAndChat from './join-and-chat.js';
import { imConferenceCatalog } from './catalog.js';
import { DEFAULT_ROLE_COUNT } from './catalog-steps.js';

export { DEFAULT_ROLE_COUNT } from './catalog-steps.js';

/** The most participants a catalog scenario is built for (`--participants`). */
export const MAX_PARTICIPANTS = 100;

/**
 * Every built-in scenario; the IM-conference catalog built for `participants` roles (the seed
 * scenarios — eject, eject-passive, eject-denied, join-and-chat — keep Alice, Bob and Carol).
 */
export function builtinScenariosFor(participants = DEFAULT_ROLE_COUNT): Scenario[] {
  return [eject, ejectPassive, ejectDenied, joinAndChat, ...imConferenceCatalog(participants)] as Scenario[];
}

export const builtinScenarios: readonly Scenario[] = builtinScenariosFor();

export function findBuiltinScenario(name: string, participants = DEFAULT_ROLE_COUNT): Scenario | undefined {
  const all = participants === DEFAULT_ROLE_COUNT ? builtinScenarios : builtinScenariosFor(participants);
  return all.find((s) => s.name === name);
}
