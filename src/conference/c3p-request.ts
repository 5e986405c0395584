import type { C3pCommand } from './c3p-command.js';
import type { XmlElement } from './xml-element.js';

/**
 * What {@link buildC3pRequest} needs: the envelope attributes and one command.
 *
 * @remarks Brief §4.11: `request` carries `C3PVersion="1"`, `requestId`, `from` (sender AOR) and `to`
 * (focus or focus factory URI), and exactly one command child.
 */
export interface C3pRequestInit {
  requestId: string | number;
  from: string;
  to: string;
  command: C3pCommand;
  /** @default '1' */
  c3pVersion?: string;
}

/** A parsed C3P request. */
export interface C3pRequest {
  requestId: string;
  from: string;
  to: string;
  c3pVersion: string;
  command: C3pCommand;
  /** The whole parsed `request` element (unknown content kept). */
  raw: XmlElement;
}
