/**
 * How a C3P command sent over INFO in D1 is answered (brief §4.11, §8 item 6): either 202 Accepted
 * now and the response later in the focus's own INFO (seed msgs 2 and 14), or the response in a
 * 200 OK (`c3pStyle: '200'`).
 */
import { buildC3pResponse, type C3pRequest, type C3pResponseInit } from '../conference/index.js';
import type { LabDialog } from './lab-dialog.js';
import type { LabFocusCore, LabRequest } from './lab-focus-core.js';

export const CCCP = 'application/cccp+xml';

/** Step 1 of an INFO command: in the seed's style, 202 Accepted with no body. */
export function acceptC3p(core: LabFocusCore, req: LabRequest, headers: [string, string][] = []): void {
  if (core.settings.c3pStyle === '202-then-info') core.respond(req, 202, { headers });
}

/** The envelope of a response to `c3p`: `from`/`to` swapped, `requestId` echoed (MS-CONFPRO 2.2.3). */
export function envelopeFor(c3p: Pick<C3pRequest, 'requestId' | 'from' | 'to'>): { requestId: string; from: string; to: string } {
  return { requestId: c3p.requestId, from: c3p.to, to: c3p.from };
}

/**
 * Step 2: the C3P response, in the focus's INFO in D1 or in the 200 OK; never, when the policy says
 * so (`c3p-response-never-sent`).
 */
export function deliverC3p(
  core: LabFocusCore,
  req: LabRequest,
  dialog: LabDialog,
  response: C3pResponseInit,
  headers: [string, string][] = [],
): void {
  if (!core.policy.sendsC3pResponse(response.command)) {
    core.logger.info({ event: 'c3p.withheld', command: response.command }, 'C3P response withheld (fault)');
    return;
  }
  const body = buildC3pResponse(response);
  if (core.settings.c3pStyle === '200') {
    core.respond(req, 200, { headers, contentType: CCCP, body });
    return;
  }
  if (dialog.state !== 'confirmed') return;
  void core.send(dialog, 'INFO', { contentType: CCCP, body });
}
