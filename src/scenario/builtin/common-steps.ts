/**
 * Steps several built-in scenarios share: register everyone, join everyone (focus, roster, IM),
 * and wait until every roster lists every participant (brief §6.1–6.4, §7.3 S-REG / S-JOIN).
 */
import type { Endpoint } from '../../endpoint/index.js';
import type { ScenarioContext } from '../scenario-context.js';

/** A SIP URI without angle brackets and display name, for comparisons. */
export function bareUri(text: string): string {
  const inside = /<([^>]*)>/.exec(text)?.[1] ?? text;
  return inside.trim().toLowerCase();
}

function names(endpoints: readonly Endpoint[]): string {
  const titles = endpoints.map((e) => e.role[0]!.toUpperCase() + e.role.slice(1));
  return titles.length <= 1 ? titles.join('') : `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}`;
}

export async function registerAll(ctx: ScenarioContext, endpoints: readonly Endpoint[]): Promise<void> {
  await ctx.step(`${names(endpoints)} connect and register`, async () => {
    for (const endpoint of endpoints) {
      await endpoint.connect();
      const response = await endpoint.register();
      // S-REG: MUST 200 with our +sip.instance and a gruu.
      ctx.check(response.status === 200, { id: 'S-REG', role: endpoint.role, expected: '200 OK to REGISTER', actual: `${response.status} ${response.reason}` });
      ctx.check(endpoint.gruu !== undefined, { id: 'S-REG', role: endpoint.role, expected: 'a gruu in the REGISTER 200 Contact', actual: endpoint.gruu ?? 'none' });
    }
  });
}

export async function joinAll(ctx: ScenarioContext, focusUri: string, endpoints: readonly Endpoint[]): Promise<void> {
  await ctx.step(
    `${names(endpoints)} join the focus, the roster and the IM MCU`,
    async () => {
      for (const endpoint of endpoints) {
        const joined = await endpoint.join(focusUri, { subscribe: true, im: true });
        // S-JOIN: MUST 200 to the focus INVITE with C3P addUser success.
        ctx.expect(joined.focus).c3pSuccess({ id: 'S-JOIN', command: 'addUser' });
        const roster = joined.roster;
        ctx.check(roster !== undefined && roster.status >= 200 && roster.status < 300, { id: 'S-JOIN', role: endpoint.role, expected: '2xx to the conference SUBSCRIBE', actual: roster ? `${roster.status} ${roster.reason}` : 'not sent' });
        const im = joined.im;
        ctx.check(im !== undefined && im.status === 200, { id: 'S-JOIN', role: endpoint.role, expected: '200 to the IM MCU INVITE', actual: im ? `${im.status} ${im.reason}` : 'not sent' });
      }
    },
    { timeout: ctx.timeouts.stepMs * endpoints.length },
  );
}

export async function rostersListEveryone(ctx: ScenarioContext, endpoints: readonly Endpoint[]): Promise<void> {
  await ctx.step('Every roster lists everyone in the IM session', async () => {
    for (const viewer of endpoints) {
      for (const member of endpoints) {
        // S-JOIN2: MUST every subscriber learns about every user (merged view).
        await ctx.expect(viewer).roster.has(member, { id: 'S-JOIN2' });
        await ctx.expect(viewer).roster.inChat(member, { id: 'S-JOIN', severity: 'SHOULD' });
      }
    }
  });
}
