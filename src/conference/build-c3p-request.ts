import { c3pDocument } from './c3p-envelope.js';
import type { C3pRequestInit } from './c3p-request.js';
import { commandElement } from './command-element.js';

/**
 * Writes a C3P request body (`application/cccp+xml`).
 *
 * @remarks Brief §4.11: root `request` in `urn:ietf:params:xml:ns:cccp` with `C3PVersion`, `to`,
 * `from`, `requestId` (attribute order as in seed msg 1) and exactly one command child.
 */
export function buildC3pRequest(init: C3pRequestInit): string {
  return c3pDocument(
    'request',
    { C3PVersion: init.c3pVersion ?? '1', to: init.to, from: init.from, requestId: String(init.requestId) },
    commandElement(init.command),
  );
}
