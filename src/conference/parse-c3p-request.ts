import { readC3pEnvelope } from './c3p-envelope.js';
import type { C3pRequest } from './c3p-request.js';
import { readCommand } from './read-command.js';
import { attributeValue } from './xml-element.js';

/**
 * Parses a C3P request body.
 *
 * @remarks MS-CONFPRO 2.2.3 / brief §4.11: root `request` with `C3PVersion`, `requestId`, `from`, `to`
 * and exactly one command child. Matching is by namespace with a local-name fallback.
 * @throws C3pParseError (`FH_C3P`) whose `fault` names the problem: malformed XML, wrong root, missing
 * attributes, zero or several commands, an unknown command (`unknownCommand` set: answer 3004), or a
 * command lacking what it needs.
 */
export function parseC3pRequest(xml: string | Buffer): C3pRequest {
  const { root, command, hint } = readC3pEnvelope(xml, 'request', ['C3PVersion', 'requestId', 'from', 'to']);
  return {
    requestId: attributeValue(root, 'requestId') ?? '',
    from: attributeValue(root, 'from') ?? '',
    to: attributeValue(root, 'to') ?? '',
    c3pVersion: attributeValue(root, 'C3PVersion') ?? '',
    command: readCommand(command, hint),
    raw: root,
  };
}
