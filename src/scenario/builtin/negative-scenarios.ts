/**
 * The negative and security scenarios of issue 5, for `count` participants.
 */
import type { Scenario } from '../define-scenario.js';
import { DEFAULT_ROLE_COUNT } from './catalog-steps.js';

export function negativeScenarios(count = DEFAULT_ROLE_COUNT): Scenario[] {
  void count;
  return [];
}
