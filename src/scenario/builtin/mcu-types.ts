/**
 * Built-in scenario `mcu-types`: a user asks its focus factory which MCU types the server offers,
 * with getAvailableMcuTypes by SERVICE (MS-CONFPRO 4.7; brief §4.11 table).
 *
 * Asserts: MUST 200 OK with C3P `code="success"`; MUST the `mcu-types` list includes `chat` (the IM
 * MCU every scenario of this catalog relies on).
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { registerAll } from './common-steps.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, roleNames, title } from './catalog-steps.js';

export function mcuTypesScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count, 1);
  return defineScenario({
    name: 'mcu-types',
    title: 'A user asks the focus factory for the available MCU types',
    spec: 'MS-CONFPRO 4.7',
    roles,
    async run(ctx) {
      const endpoints = endpointsOf(ctx, roles);
      await registerAll(ctx, endpoints);
      const asker = endpoints.at(-1)!;
      await ctx.step(`${title(asker)} sends getAvailableMcuTypes to the focus factory`, async () => {
        const outcome = await asker.availableMcuTypes();
        ctx.check(outcome.sipStatus === 200, { id: 'S-MCU-TYPES', role: asker.role, expected: '200 OK to the SERVICE, carrying the C3P response', actual: `${outcome.sipStatus} ${outcome.sipResponse.reason}` });
        ctx.expect(outcome).c3pSuccess({ id: 'S-MCU-TYPES', command: 'getAvailableMcuTypes' });
        const types = outcome.response?.mcuTypes ?? [];
        ctx.check(types.includes('chat'), { id: 'S-MCU-TYPES', role: asker.role, expected: 'mcu-types to list the chat MCU', actual: types.length === 0 ? 'no mcuType' : types.join(', ') });
      });
    },
  });
}

export default mcuTypesScenario();
