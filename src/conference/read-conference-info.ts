import type {
  ConferenceDescription,
  ConferenceEndpoint,
  ConferenceInfoDocument,
  ConferenceMedia,
  ConferenceStateInfo,
  ConferenceUser,
  ConferenceView,
  ConfUriEntry,
  EntityView,
  ImEndpointCapabilities,
} from './conference-info-document.js';
import { elementState } from './element-state.js';
import { CONFERENCE_NS } from './namespaces.js';
import { attributeValue, childElement, childElements, childText, type XmlElement } from './xml-element.js';

const CI = CONFERENCE_NS.ci;
const MSCI = CONFERENCE_NS.msci;
const MSIM = CONFERENCE_NS.msim;

/**
 * Reads the typed model out of a `conference-info` element tree (full or partial).
 *
 * @remarks Matching is by namespace with a local-name fallback (brief §5.1). Children this model does
 * not name are kept in `extensions` at the root, description, entity-view, user and endpoint levels.
 */
export function readConferenceInfo(root: XmlElement): ConferenceInfoDocument {
  const document: ConferenceInfoDocument = {
    entity: attributeValue(root, 'entity') ?? '',
    state: elementState(root) ?? 'full',
    version: Number(attributeValue(root, 'version') ?? 0),
  };
  const description = childElement(root, 'conference-description', CI);
  if (description) document.description = readDescription(description);
  const conferenceState = childElement(root, 'conference-state', CI);
  if (conferenceState) document.conferenceState = readConferenceState(conferenceState);
  const view = childElement(root, 'conference-view', MSCI);
  if (view) document.view = readView(view);
  const users = childElement(root, 'users', CI);
  if (users) {
    document.users = { users: childElements(users, 'user', CI).map(readUser) };
    assignState(document.users, users);
  }
  assignExtensions(document, root, ['conference-description', 'conference-state', 'conference-view', 'users']);
  return document;
}

function assignState(target: { state?: ConferenceInfoDocument['state'] }, element: XmlElement): void {
  const state = elementState(element);
  if (state !== undefined) target.state = state;
}

function assignExtensions(target: { extensions?: XmlElement[] }, element: XmlElement, known: readonly string[]): void {
  const extensions = element.children.filter((child) => !known.includes(child.local));
  if (extensions.length > 0) target.extensions = extensions;
}

function setText<T extends object, K extends keyof T>(target: T, key: K, value: string | undefined): void {
  if (value !== undefined) (target as Record<K, unknown>)[key] = value;
}

function toBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return value === 'true' || value === '1';
}

function readDescription(element: XmlElement): ConferenceDescription {
  const description: ConferenceDescription = {};
  assignState(description, element);
  setText(description, 'displayText', childText(element, 'display-text', CI));
  setText(description, 'subject', childText(element, 'subject', CI));
  const confUris = childElement(element, 'conf-uris', CI);
  if (confUris) {
    description.confUris = { entries: childElements(confUris, 'entry', CI).map(readConfUriEntry) };
    assignState(description.confUris, confUris);
  }
  setText(description, 'conferenceId', childText(element, 'conference-id', MSCI));
  setText(description, 'expiryTime', childText(element, 'expiry-time', MSCI));
  setText(description, 'admissionPolicy', childText(element, 'admission-policy', MSCI));
  assignExtensions(description, element, ['display-text', 'subject', 'conf-uris', 'conference-id', 'expiry-time', 'admission-policy']);
  return description;
}

/** One `conf-uris/entry` element. */
export function readConfUriEntry(element: XmlElement): ConfUriEntry {
  const entry: ConfUriEntry = { uri: childText(element, 'uri', CI) ?? '' };
  assignState(entry, element);
  setText(entry, 'displayText', childText(element, 'display-text', CI));
  setText(entry, 'purpose', childText(element, 'purpose', CI));
  return entry;
}

function readConferenceState(element: XmlElement): ConferenceStateInfo {
  const info: ConferenceStateInfo = {};
  assignState(info, element);
  const userCount = childText(element, 'user-count', CI);
  if (userCount !== undefined) info.userCount = Number(userCount);
  const active = toBoolean(childText(element, 'active', CI));
  if (active !== undefined) info.active = active;
  const locked = toBoolean(childText(element, 'locked', CI));
  if (locked !== undefined) info.locked = locked;
  return info;
}

function readView(element: XmlElement): ConferenceView {
  const view: ConferenceView = { entityViews: childElements(element, 'entity-view', MSCI).map(readEntityView) };
  assignState(view, element);
  return view;
}

function readEntityView(element: XmlElement): EntityView {
  const view: EntityView = { entity: attributeValue(element, 'entity') ?? '' };
  assignState(view, element);
  const entityState = childElement(element, 'entity-state', MSCI);
  if (entityState) {
    view.entityState = {};
    assignState(view.entityState, entityState);
    const locked = toBoolean(childText(entityState, 'locked', MSCI));
    if (locked !== undefined) view.entityState.locked = locked;
    const media = childElement(entityState, 'media', MSCI);
    if (media) {
      view.entityState.mediaTypes = childElements(media, 'entry', MSCI).map((entry) => childText(entry, 'type', MSCI) ?? '');
    }
  }
  assignExtensions(view, element, ['entity-state']);
  return view;
}

/** One `user` element. */
export function readUser(element: XmlElement): ConferenceUser {
  const user: ConferenceUser = { entity: attributeValue(element, 'entity') ?? '' };
  assignState(user, element);
  setText(user, 'displayText', childText(element, 'display-text', CI));
  const roles = childElement(element, 'roles', CI);
  if (roles) user.roles = childElements(roles, 'entry', CI).map((entry) => entry.text);
  const endpoints = childElements(element, 'endpoint', CI);
  if (endpoints.length > 0) user.endpoints = endpoints.map(readEndpoint);
  assignExtensions(user, element, ['display-text', 'roles', 'endpoint']);
  return user;
}

function readEndpoint(element: XmlElement): ConferenceEndpoint {
  const endpoint: ConferenceEndpoint = { entity: attributeValue(element, 'entity') ?? '' };
  assignState(endpoint, element);
  setText(endpoint, 'sessionType', attributeValue(element, 'session-type', MSCI));
  setText(endpoint, 'endpointUri', attributeValue(element, 'endpoint-uri', MSCI));
  setText(endpoint, 'displayText', childText(element, 'display-text', CI));
  setText(endpoint, 'status', childText(element, 'status', CI));
  setText(endpoint, 'joiningMethod', childText(element, 'joining-method', CI));
  setText(endpoint, 'disconnectionMethod', childText(element, 'disconnection-method', CI));
  const media = childElements(element, 'media', CI);
  if (media.length > 0) endpoint.media = media.map(readMedia);
  const capabilities = childElement(element, 'endpoint-capabilities', MSCI);
  const im = capabilities && childElement(capabilities, 'endpoint-capabilities', MSIM);
  if (im) {
    const read: ImEndpointCapabilities = {};
    setText(read, 'supportedImFormats', childText(im, 'supported-im-formats', MSIM));
    setText(read, 'userAgent', childText(im, 'user-agent', MSIM));
    endpoint.capabilities = read;
  }
  assignExtensions(endpoint, element, ['display-text', 'status', 'joining-method', 'disconnection-method', 'media', 'endpoint-capabilities']);
  return endpoint;
}

function readMedia(element: XmlElement): ConferenceMedia {
  const media: ConferenceMedia = { id: attributeValue(element, 'id') ?? '' };
  assignState(media, element);
  setText(media, 'displayText', childText(element, 'display-text', CI));
  setText(media, 'type', childText(element, 'type', CI));
  setText(media, 'label', childText(element, 'label', CI));
  setText(media, 'status', childText(element, 'status', CI));
  return media;
}
