/**
 * Per-iteration identities: the lab registrar binds an AOR to the connection that registered it,
 * so concurrent iterations must not share one. Virtual user 3 on iteration 17 plays Alice as
 * `sip:alice.v3i17@contoso.com`.
 */
import type { ScenarioUser } from '../scenario/index.js';

function iterationAor(role: string, domain: string, vu: number, iteration: number): string {
  return `sip:${role}.v${vu}i${iteration}@${domain}`;
}

export function iterationUsers(roles: readonly string[], domain: string, vu: number, iteration: number): Record<string, ScenarioUser> {
  return Object.fromEntries(roles.map((role) => [role, { aor: iterationAor(role, domain, vu, iteration) }]));
}

/** The same diagnostic from different iterations differs only in these AORs: group them as one. */
export function withoutIterationTags(text: string): string {
  return text.replace(/\.v\d+i\d+@/g, '.v*i*@');
}
