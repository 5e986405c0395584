/**
 * The IM-conference scenario catalog of issue 5, for any participant count: every flow of brief
 * §6 and the negative/security scenarios, built for N roles (default 3).
 */
import type { Scenario } from '../define-scenario.js';
import { DEFAULT_ROLE_COUNT } from './catalog-steps.js';
import { createScenario } from './create.js';
import { deleteConferenceScenario } from './delete-conference.js';
import { imFailScenario } from './im-fail.js';
import { imScenario } from './im.js';
import { join2Scenario } from './join2.js';
import { joinScenario } from './join.js';
import { leaveScenario } from './leave.js';
import { lockScenario } from './lock.js';
import { mcuTypesScenario } from './mcu-types.js';
import { modifyConferenceScenario } from './modify-conference.js';
import { negativeScenarios } from './negative-scenarios.js';
import { promoteScenario } from './promote.js';
import { queryScenario } from './query.js';
import { registerScenario } from './register.js';

/** Brief §6 flows (positive scenarios), for `count` participants. */
export function flowScenarios(count = DEFAULT_ROLE_COUNT): Scenario[] {
  return [
    registerScenario(count),
    createScenario(count),
    joinScenario(count),
    join2Scenario(count),
    imScenario(count),
    imFailScenario(count),
    leaveScenario(count),
    promoteScenario(count),
    lockScenario(count),
    queryScenario(count),
    deleteConferenceScenario(count),
    modifyConferenceScenario(count),
    mcuTypesScenario(count),
  ];
}

/** The whole catalog (flows, then negative scenarios) for `count` participants. */
export function imConferenceCatalog(count = DEFAULT_ROLE_COUNT): Scenario[] {
  return [...flowScenarios(count), ...negativeScenarios(count)];
}
