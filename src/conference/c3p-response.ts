import type { C3pCommandName } from './c3p-command.js';
import type { ConferenceInfoDocument, ConfUriEntry } from './conference-info-document.js';
import type { XmlElement } from './xml-element.js';

/** `response@code` (MS-CONFPRO 2.2.3). */
export type C3pResponseCode = 'success' | 'failure';

/**
 * The command-specific content of a C3P response, per command (brief §4.11 table).
 */
export interface C3pResponsePayloads {
  /** `<addConference><conference-info entity=FOCUS>` with the conf-uris (and conference id). */
  addConference: {
    focusUri: string;
    conferenceId?: string;
    confUris?: ConfUriEntry[];
  };
  /**
   * `<addUser><conferenceKeys confEntity/><ci:user entity><ci:roles>granted</ci:roles>
   * <ci:endpoint entity/></ci:user>` (MS-CONFBAS 2.2.3.4): the endpoint only if the user joined.
   */
  addUser: {
    confEntity: string;
    userEntity: string;
    grantedRoles: string[];
    endpoint?: { entity: string; sessionType?: string; status?: string; joiningMethod?: string };
  };
  /** `<deleteUser><conferenceKeys confEntity/><ci:user entity/>` (seed msg 14). */
  deleteUser: { confEntity: string; userEntity: string };
  /** `<modifyUserRoles><userKeys confEntity userEntity/>` echoing the request. */
  modifyUserRoles: { confEntity: string; userEntity: string };
  /** `<modifyConferenceLock><conferenceKeys confEntity/>`. */
  modifyConferenceLock: { confEntity: string };
  /** `<getConference>` followed by the conference definition (MS-CONFPRO 4.5). */
  getConference: { conference: ConferenceInfoDocument };
  /** `<deleteConference><conference-info entity=FOCUS/>` (MS-CONFBAS 2.2.3.14). */
  deleteConference: { focusUri: string };
  /** `<getConferencingCapabilities><mcu-types><mcuType>chat</mcuType>…` (MS-CONFPRO 2.2.3.8). */
  getConferencingCapabilities: { mcuTypes: string[] };
  /**
   * `<modifyConference/>`: the outcome is the `code`; the change itself reaches every subscriber as a
   * roster update (MS-CONFBAS 4.4.10). Nothing is carried.
   */
  modifyConference: Record<string, never>;
  /** `<getAvailableMcuTypes><mcu-types><mcuType>chat</mcuType>…` (MS-CONFPRO 4.7). */
  getAvailableMcuTypes: { mcuTypes: string[] };
}

interface C3pResponseEnvelope {
  requestId: string | number;
  /** The request's `to` (focus / factory URI). */
  from: string;
  /** The request's `from`. */
  to: string;
  code: C3pResponseCode;
  /** Failure detail written as `reason` on the command element, e.g. `otherFailure`, `unauthorized`. */
  reason?: string;
  /** @default '1' */
  c3pVersion?: string;
}

/**
 * What {@link buildC3pResponse} needs. `payload` is typed by `command`; a response to a command this
 * codec does not know (e.g. to answer 3004 "not implemented") names it as a plain string without payload.
 */
export type C3pResponseInit =
  | { [N in C3pCommandName]: C3pResponseEnvelope & { command: N; payload?: C3pResponsePayloads[N] } }[C3pCommandName]
  | (C3pResponseEnvelope & { command: string; payload?: undefined });

/** A parsed C3P response; fields that the command does not carry stay undefined. */
export interface C3pResponse {
  requestId: string;
  from: string;
  to: string;
  code: C3pResponseCode;
  /** Local name of the command child. */
  command: string;
  reason?: string;
  c3pVersion?: string;
  /** addConference / deleteConference: `conference-info@entity`; getConference: the definition's entity. */
  focusUri?: string;
  /** `conferenceKeys@confEntity` or `userKeys@confEntity`. */
  confEntity?: string;
  /** addUser: `ci:user/ci:roles/ci:entry` values. */
  grantedRoles?: string[];
  /** addUser / deleteUser: `ci:user@entity`; modifyUserRoles: `userKeys@userEntity`. */
  userEntity?: string;
  /** addUser: `ci:user/ci:endpoint@entity`. */
  endpointEntity?: string;
  /** addConference: the conf-uris entries. */
  confUris?: ConfUriEntry[];
  /** getConference: the definition. */
  conference?: ConferenceInfoDocument;
  /** getConferencingCapabilities / getAvailableMcuTypes: `mcu-types/mcuType` values. */
  mcuTypes?: string[];
  /** The whole parsed `response` element. */
  raw: XmlElement;
}
