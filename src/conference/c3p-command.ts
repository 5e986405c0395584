import type { XmlElement } from './xml-element.js';

/**
 * The C3P commands an IM conference uses, as a discriminated union on `name`.
 *
 * @remarks Protocol brief §4.2, §4.4, §4.11 (MS-CONFPRO 2.2.3, MS-CONFBAS 2.2.3.x). The wire element
 * name of each command equals its `name`.
 */
export type C3pCommand =
  | C3pAddConference
  | C3pAddUser
  | C3pDeleteUser
  | C3pModifyUserRoles
  | C3pModifyConferenceLock
  | C3pGetConference
  | C3pDeleteConference
  | C3pGetConferencingCapabilities
  | C3pModifyConference
  | C3pGetAvailableMcuTypes;

export type C3pCommandName = C3pCommand['name'];

/** Every command name this codec understands, in a stable order. */
export const C3P_COMMAND_NAMES: readonly C3pCommandName[] = [
  'addConference',
  'addUser',
  'deleteUser',
  'modifyUserRoles',
  'modifyConferenceLock',
  'getConference',
  'deleteConference',
  'getConferencingCapabilities',
  'modifyConference',
  'getAvailableMcuTypes',
];

/** True when `name` is a command this codec understands. */
export function isC3pCommandName(name: string): name is C3pCommandName {
  return (C3P_COMMAND_NAMES as readonly string[]).includes(name);
}

/** Factory SERVICE: create an ad-hoc conference (brief §4.2). */
export interface C3pAddConference {
  name: 'addConference';
  /** `ci:subject`; written empty when absent. */
  subject?: string;
  /** `msci:conference-id` (8 to 32 alphanumerics). */
  conferenceId: string;
  /** `msci:expiry-time`, an ISO-8601 UTC timestamp. */
  expiryTime?: string;
  /** `msci:admission-policy`, e.g. `openAuthenticated`. */
  admissionPolicy?: string;
  /** One `msci:entity-view entity=…` per MCU type wanted, e.g. `['chat']`. */
  entityViews: string[];
  /** `conference-info@entity`; empty (server assigns) when absent. */
  entity?: string;
}

/** Focus INVITE (join) body: addUser (brief §4.4, MS-CONFBAS 2.2.3.3). */
export interface C3pAddUser {
  name: 'addUser';
  /** `conferenceKeys@confEntity`: the focus URI. */
  confEntity: string;
  /** `ci:user@entity`: the joining user's AOR. */
  userEntity: string;
  /** Requested role (`ci:roles/ci:entry`), e.g. `attendee`. Omitted from the wire when absent. */
  role?: string;
  /** `ci:endpoint@entity`: client-generated GUID such as `{C263F024-…}`. */
  endpointEntity?: string;
  /** `ci:endpoint/ci:joining-method` (dial-out uses `dialed-out`). */
  joiningMethod?: string;
  /** `msci:clientInfo` (Lync 2010+): written only when present. */
  clientInfo?: C3pClientInfo;
}

export interface C3pClientInfo {
  /** `msci2:lobby-capable`. */
  lobbyCapable?: boolean;
}

/** Focus INFO: eject a user (seed msg 1). */
export interface C3pDeleteUser {
  name: 'deleteUser';
  confEntity: string;
  userEntity: string;
}

/** Focus INFO: change a user's roles (brief §4.11). */
export interface C3pModifyUserRoles {
  name: 'modifyUserRoles';
  confEntity: string;
  userEntity: string;
  /** The new `user-roles/entry` values, e.g. `['presenter']`. */
  roles: string[];
}

/** Focus INFO: lock or unlock the conference (brief §4.11). */
export interface C3pModifyConferenceLock {
  name: 'modifyConferenceLock';
  confEntity: string;
  locked: boolean;
}

/** Factory SERVICE: query a conference by id or by focus URI (MS-CONFPRO 4.5). */
export interface C3pGetConference {
  name: 'getConference';
  /** `conferenceKeys@msci:conference-id`. */
  conferenceId?: string;
  /** `conferenceKeys@confEntity`. */
  confEntity?: string;
}

/** Factory SERVICE: delete a conference (MS-CONFBAS 2.2.3.14). */
export interface C3pDeleteConference {
  name: 'deleteConference';
  confEntity: string;
}

/** Factory SERVICE: capabilities query (MS-CONFPRO 2.2.3.8). */
export interface C3pGetConferencingCapabilities {
  name: 'getConferencingCapabilities';
}

/**
 * Focus INFO: change conference state with a partial conference-info (MS-CONFBAS 4.4.10, brief §6.13).
 *
 * @remarks The command element carries `mscp:mcuUri` (the MCU the change is for); its child is a
 * `conference-info` with `state="partial"` whose `entity` is the focus URI. This model names the
 * `conference-description` changes an IM conference makes (subject, display text) and keeps any
 * other partial content (e.g. the example's `msci:conference-view`) as elements.
 */
export interface C3pModifyConference {
  name: 'modifyConference';
  /** `conference-info@entity`: the focus URI. */
  confEntity: string;
  /** `modifyConference@mscp:mcuUri`; omitted from the wire when absent. */
  mcuUri?: string;
  /** New `conference-description/subject`. */
  subject?: string;
  /** New `conference-description/display-text`. */
  displayText?: string;
  /** Other children of the partial `conference-info`, written after the description as given. */
  extensions?: XmlElement[];
}

/** Factory SERVICE: the MCU types the server offers (MS-CONFPRO 2.2.2.7, example 4.7). */
export interface C3pGetAvailableMcuTypes {
  name: 'getAvailableMcuTypes';
}
