/**
 * The negative and security scenarios of issue 5, for `count` participants: a focus lets no one in
 * where they don't belong (each asserts the refusal and that nothing changed). `eject-denied` is a
 * separate built-in (`builtin/index.ts`).
 */
import type { Scenario } from '../define-scenario.js';
import { lockDeniedScenario, promoteDeniedScenario } from './attendee-denied.js';
import { c3pMalformedScenario, c3pUnknownScenario } from './c3p-invalid.js';
import { DEFAULT_ROLE_COUNT } from './catalog-steps.js';
import { deleteUnknownScenario } from './delete-unknown.js';
import { forgedFromScenario } from './forged-from.js';
import { joinLockedScenario } from './join-locked.js';
import { outsiderImScenario, outsiderSubscribeScenario } from './outsider.js';

export function negativeScenarios(count = DEFAULT_ROLE_COUNT): Scenario[] {
  return [
    promoteDeniedScenario(count),
    lockDeniedScenario(count),
    outsiderSubscribeScenario(count),
    outsiderImScenario(count),
    forgedFromScenario(count),
    joinLockedScenario(count),
    c3pMalformedScenario(count),
    c3pUnknownScenario(count),
    deleteUnknownScenario(count),
  ];
}
