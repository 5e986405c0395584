import type { XmlElement } from './xml-element.js';

/**
 * A typed model of the conference-info documents IM conferences use (RFC 4575 §5 + MS extensions).
 *
 * @remarks Protocol brief §5.2. Every level can carry a `state` (`full` / `partial` / `deleted`,
 * brief §5.3); an absent state is written as nothing and read as "inherit" (full under a full
 * parent). `extensions` are extra elements (already namespace-resolved) written after the known
 * children and kept from parsed documents, so unknown content survives round trips.
 */
export type ElementState = 'full' | 'partial' | 'deleted';

/** RFC 4575 §5.6 endpoint `status` values; other strings are kept as received. */
export type EndpointStatus =
  | 'connected'
  | 'disconnected'
  | 'on-hold'
  | 'muted-via-focus'
  | 'pending'
  | 'alerting'
  | 'dialing-in'
  | 'dialing-out'
  | 'disconnecting';

export interface ConferenceInfoDocument {
  /** Root `entity`: the focus URI. */
  entity: string;
  /** Root `state`; `full` when omitted on the wire. */
  state: ElementState;
  /** Root `version`. */
  version: number;
  description?: ConferenceDescription;
  /** RFC 4575 `conference-state` (user-count, active, locked). */
  conferenceState?: ConferenceStateInfo;
  /** `msci:conference-view`. */
  view?: ConferenceView;
  users?: ConferenceUsers;
  extensions?: XmlElement[];
}

export interface ConferenceDescription {
  state?: ElementState;
  displayText?: string;
  subject?: string;
  confUris?: ConfUris;
  /** `msci:conference-id`. */
  conferenceId?: string;
  /** `msci:expiry-time`. */
  expiryTime?: string;
  /** `msci:admission-policy`. */
  admissionPolicy?: string;
  extensions?: XmlElement[];
}

export interface ConfUris {
  state?: ElementState;
  entries: ConfUriEntry[];
}

/** `conf-uris/entry`, keyed by `uri`; `purpose="chat"` names the IM MCU. */
export interface ConfUriEntry {
  uri: string;
  state?: ElementState;
  displayText?: string;
  purpose?: string;
}

export interface ConferenceStateInfo {
  state?: ElementState;
  userCount?: number;
  active?: boolean;
  locked?: boolean;
}

/** `msci:conference-view`: one entity-view per MCU. */
export interface ConferenceView {
  state?: ElementState;
  entityViews: EntityView[];
}

/** `msci:entity-view`, keyed by `entity` (`chat` or an MCU URI); its state is written `ci:state`. */
export interface EntityView {
  entity: string;
  state?: ElementState;
  /** `msci:entity-state`. */
  entityState?: EntityViewState;
  extensions?: XmlElement[];
}

export interface EntityViewState {
  state?: ElementState;
  /** `msci:entity-state/msci:locked`. */
  locked?: boolean;
  /** `msci:entity-state/msci:media/msci:entry/msci:type` values. */
  mediaTypes?: string[];
}

export interface ConferenceUsers {
  state?: ElementState;
  users: ConferenceUser[];
}

/** `user`, keyed by `entity` (the AOR). */
export interface ConferenceUser {
  entity: string;
  state?: ElementState;
  displayText?: string;
  /** `roles/entry` values (`presenter`, `attendee`); an absent list writes no `roles`. */
  roles?: string[];
  endpoints?: ConferenceEndpoint[];
  extensions?: XmlElement[];
}

/** `endpoint`, keyed by `entity` + `msci:session-type` (brief §5.5). */
export interface ConferenceEndpoint {
  entity: string;
  state?: ElementState;
  /** `msci:session-type`: `focus`, `chat`, `audio-video`, `applicationsharing`. */
  sessionType?: string;
  /** `msci:endpoint-uri`: the user's GRUU. */
  endpointUri?: string;
  displayText?: string;
  status?: EndpointStatus | (string & {});
  /** `dialed-in`, `dialed-out`, `focus-owner`. */
  joiningMethod?: string;
  /** RFC 4575 `disconnection-method`: `departed`, `booted`, `failed`, `busy`. */
  disconnectionMethod?: string;
  media?: ConferenceMedia[];
  /** `msci:endpoint-capabilities/msim:endpoint-capabilities`. */
  capabilities?: ImEndpointCapabilities;
  extensions?: XmlElement[];
}

/** `media`, keyed by `id`. */
export interface ConferenceMedia {
  id: string;
  state?: ElementState;
  type?: string;
  label?: string;
  status?: string;
  displayText?: string;
}

export interface ImEndpointCapabilities {
  /** `msim:supported-im-formats` (space separated media types). */
  supportedImFormats?: string;
  /** `msim:user-agent`. */
  userAgent?: string;
}
