/**
 * Built-in scenario `register`: every user registers (brief §3.1–3.2, §6.1; §7.3 S-REG).
 *
 * Asserts: MUST 200 OK whose Contact carries our `+sip.instance` and a `gruu`; MUST `Expires` > 0;
 * SHOULD `ms-keep-alive` with a `timeout`.
 */
import { defineScenario, type Scenario } from '../define-scenario.js';
import { DEFAULT_ROLE_COUNT, endpointsOf, roleNames } from './catalog-steps.js';

export function registerScenario(count = DEFAULT_ROLE_COUNT): Scenario {
  const roles = roleNames(count);
  return defineScenario({
    name: 'register',
    title: 'Every user registers and gets a GRUU',
    spec: 'MS-SIPREGE 3.1.1.1, MS-SIPRE 2.2.5 (brief §6.1)',
    roles,
    async run(ctx) {
      for (const endpoint of endpointsOf(ctx, roles)) {
        await ctx.step(`${endpoint.role} registers`, async () => {
          await endpoint.connect();
          const response = await endpoint.register();
          const role = endpoint.role;
          ctx.check(response.status === 200, { id: 'S-REG', role, expected: '200 OK to REGISTER', actual: `${response.status} ${response.reason}` });
          const contacts = response.headers.getAll('contact').join(', ');
          // MS-SIPRE 2.2.5: our binding is the Contact with our +sip.instance.
          ctx.check(contacts.toLowerCase().includes(endpoint.instanceId.toLowerCase()), { id: 'S-REG', role, expected: `a Contact with +sip.instance <urn:uuid:${endpoint.instanceId}>`, actual: contacts || 'no Contact' });
          ctx.check(/;\s*gruu\s*=\s*"?sip:/i.test(contacts) && endpoint.gruu !== undefined, { id: 'S-REG', role, expected: 'a gruu parameter on our Contact', actual: contacts || 'no Contact' });
          const expires = Number(/;\s*expires\s*=\s*(\d+)/i.exec(contacts)?.[1] ?? response.headers.get('expires') ?? 0);
          ctx.check(expires > 0, { id: 'S-REG', role, expected: 'Expires > 0 on the binding', actual: `expires ${expires}` });
          const keepAlive = response.headers.get('ms-keep-alive');
          ctx.check(keepAlive !== undefined && /timeout\s*=\s*\d+/i.test(keepAlive), { id: 'S-REG', severity: 'SHOULD', role, expected: 'ms-keep-alive with a timeout', actual: keepAlive ?? 'missing' });
        });
      }
    },
  });
}

export default registerScenario();
