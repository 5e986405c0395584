/**
 * The scenario model: a named script over emulated roles (Alice, Bob, Carol …) whose `run`
 * drives the endpoints through `ctx.step` and judges the server with `ctx.expect`.
 *
 * @example
 * export default defineScenario({
 *   name: 'eject', title: 'A presenter ejects a participant', spec: 'MS-CONFIM 4.3.1',
 *   roles: ['alice', 'bob', 'carol'],
 *   run: async (ctx) => { … },
 * });
 */
import type { EndpointOptions } from '../endpoint/index.js';
import { FocusHarnessError } from '../errors.js';
import type { ScenarioContext } from './scenario-context.js';

/**
 * How a scenario may change one role's emulated client: behaviour switches only (identity, server
 * and timeouts come from the run).
 */
export type ScenarioEndpointOptions = Pick<EndpointOptions, 'leaveOnRemoval'>;

export interface ScenarioDefinition<R extends string = string> {
  /** Short machine name (`focus-harness run <name>`). */
  readonly name: string;
  /** One line for `focus-harness scenarios` and the report. */
  readonly title: string;
  /** The specification section the flow encodes, e.g. `MS-CONFIM 4.3.1`. */
  readonly spec?: string;
  /** The emulated users, in ladder column order. */
  readonly roles: readonly R[];
  /**
   * Per-role client behaviour, e.g. `{ carol: { leaveOnRemoval: false } }` for a victim that does
   * not BYE by itself when ejected. Roles without an entry get the default client.
   */
  readonly endpointOptions?: Readonly<Partial<Record<R, ScenarioEndpointOptions>>>;
  run(ctx: ScenarioContext<R>): Promise<void>;
}

export interface Scenario<R extends string = string> extends ScenarioDefinition<R> {
  readonly kind: 'focus-harness/scenario';
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/i;
const ROLE = /^[a-z][a-z0-9_-]*$/;

/** Validates and brands a scenario definition (throws `FH_SCENARIO_INVALID` saying what is wrong). */
export function defineScenario<const R extends string>(definition: ScenarioDefinition<R>): Scenario<R> {
  const problems: string[] = [];
  if (typeof definition.name !== 'string' || !NAME.test(definition.name)) problems.push('`name` must be a word like "eject"');
  if (typeof definition.title !== 'string' || definition.title.trim() === '') problems.push('`title` must be a non-empty string');
  if (!Array.isArray(definition.roles) || definition.roles.length === 0) problems.push('`roles` must list at least one role');
  else {
    for (const role of definition.roles) if (typeof role !== 'string' || !ROLE.test(role)) problems.push(`role ${JSON.stringify(role)} must be a lower-case word`);
    if (new Set(definition.roles).size !== definition.roles.length) problems.push('`roles` has duplicates');
  }
  if (definition.endpointOptions !== undefined) {
    if (typeof definition.endpointOptions !== 'object' || definition.endpointOptions === null) problems.push('`endpointOptions` must be an object keyed by role');
    else {
      const roles: readonly string[] = Array.isArray(definition.roles) ? definition.roles : [];
      for (const role of Object.keys(definition.endpointOptions)) if (!roles.includes(role)) problems.push(`\`endpointOptions\` names ${JSON.stringify(role)}, which is not one of the roles`);
    }
  }
  if (typeof definition.run !== 'function') problems.push('`run` must be an async function (ctx) => …');
  if (problems.length) {
    const where = typeof definition.name === 'string' ? { where: `scenario ${definition.name}` } : {};
    throw new FocusHarnessError('FH_SCENARIO_INVALID', `invalid scenario: ${problems.join('; ')}`, where);
  }
  return { ...definition, kind: 'focus-harness/scenario' };
}

export function isScenario(value: unknown): value is Scenario {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'focus-harness/scenario';
}
