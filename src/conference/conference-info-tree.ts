import type {
  ConferenceDescription,
  ConferenceEndpoint,
  ConferenceInfoDocument,
  ConferenceMedia,
  ConferenceStateInfo,
  ConferenceUser,
  ConferenceUsers,
  ConferenceView,
  ConfUriEntry,
  ConfUris,
  EntityView,
} from './conference-info-document.js';
import { CONFERENCE_NS } from './namespaces.js';
import { build, optionalText, type AttributeRecord } from './xml-builder.js';
import type { XmlElement } from './xml-element.js';

/** How RFC 4575 core elements are written: unprefixed in a default namespace (rosters) or as `ci:` (C3P). */
export type CorePrefix = '' | 'ci';

/**
 * Turns a typed conference-info document into an element tree (no namespace declarations on the root;
 * the caller adds them).
 *
 * @remarks RFC 4575 §5 element order. A `deleted` element is written with its key and state only
 * (RFC 4575 §4.6: a deleted element has no children). Core elements take `state`, MS extension
 * elements `ci:state` (MS-CONFBAS 4.4.10).
 */
export function conferenceInfoToTree(document: ConferenceInfoDocument, corePrefix: CorePrefix): XmlElement {
  const core = coreElementFactory(corePrefix);
  const attributes: AttributeRecord = { entity: document.entity, state: document.state, version: String(document.version) };
  if (document.state === 'deleted') return core('conference-info', attributes);
  return core('conference-info', attributes, [
    document.description && descriptionTree(document.description, core),
    document.conferenceState && conferenceStateTree(document.conferenceState, core),
    document.users && usersTree(document.users, core),
    document.view && viewTree(document.view),
    ...(document.extensions ?? []),
  ]);
}

export type CoreFactory = (local: string, attributes?: AttributeRecord, content?: readonly (XmlElement | undefined)[] | string) => XmlElement;

/** Builds RFC 4575 core elements with the given prefix (the C3P builders use `ci:`). */
export function coreElementFactory(corePrefix: CorePrefix): CoreFactory {
  return (local, attributes = {}, content = []) => build(corePrefix, local, attributes, content, CONFERENCE_NS.ci);
}

function coreText(core: CoreFactory, local: string, value: string | undefined): XmlElement | undefined {
  return value === undefined ? undefined : core(local, {}, value);
}

function descriptionTree(description: ConferenceDescription, core: CoreFactory): XmlElement {
  if (description.state === 'deleted') return core('conference-description', { state: 'deleted' });
  return core('conference-description', { state: description.state }, [
    coreText(core, 'display-text', description.displayText),
    coreText(core, 'subject', description.subject),
    description.confUris && confUrisTree(description.confUris, core),
    optionalText('msci', 'conference-id', description.conferenceId),
    optionalText('msci', 'expiry-time', description.expiryTime),
    optionalText('msci', 'admission-policy', description.admissionPolicy),
    ...(description.extensions ?? []),
  ]);
}

function confUrisTree(confUris: ConfUris, core: CoreFactory): XmlElement {
  if (confUris.state === 'deleted') return core('conf-uris', { state: 'deleted' });
  return core('conf-uris', { state: confUris.state }, confUris.entries.map((entry) => confUriEntryTree(entry, core)));
}

/** One `conf-uris/entry` (also used in C3P addConference responses). */
export function confUriEntryTree(entry: ConfUriEntry, core: CoreFactory): XmlElement {
  if (entry.state === 'deleted') return core('entry', { state: 'deleted' }, [core('uri', {}, entry.uri)]);
  return core('entry', { state: entry.state }, [
    core('uri', {}, entry.uri),
    coreText(core, 'display-text', entry.displayText),
    coreText(core, 'purpose', entry.purpose),
  ]);
}

function conferenceStateTree(state: ConferenceStateInfo, core: CoreFactory): XmlElement {
  return core('conference-state', { state: state.state }, [
    state.userCount === undefined ? undefined : core('user-count', {}, String(state.userCount)),
    state.active === undefined ? undefined : core('active', {}, String(state.active)),
    state.locked === undefined ? undefined : core('locked', {}, String(state.locked)),
  ]);
}

function viewTree(view: ConferenceView): XmlElement {
  return build('msci', 'conference-view', { 'ci:state': view.state }, view.entityViews.map(entityViewTree));
}

function entityViewTree(view: EntityView): XmlElement {
  const attributes: AttributeRecord = { entity: view.entity, 'ci:state': view.state };
  if (view.state === 'deleted') return build('msci', 'entity-view', attributes);
  const entityState = view.entityState;
  return build('msci', 'entity-view', attributes, [
    entityState &&
      build('msci', 'entity-state', { 'ci:state': entityState.state }, [
        entityState.locked === undefined ? undefined : build('msci', 'locked', {}, String(entityState.locked)),
        entityState.mediaTypes &&
          build('msci', 'media', {}, entityState.mediaTypes.map((type) => build('msci', 'entry', {}, [build('msci', 'type', {}, type)]))),
      ]),
    ...(view.extensions ?? []),
  ]);
}

function usersTree(users: ConferenceUsers, core: CoreFactory): XmlElement {
  if (users.state === 'deleted') return core('users', { state: 'deleted' });
  return core('users', { state: users.state }, users.users.map((user) => userTree(user, core)));
}

/** One `user` element (also used in C3P addUser requests and responses). */
export function userTree(user: ConferenceUser, core: CoreFactory): XmlElement {
  const attributes: AttributeRecord = { entity: user.entity, state: user.state };
  if (user.state === 'deleted') return core('user', attributes);
  return core('user', attributes, [
    coreText(core, 'display-text', user.displayText),
    user.roles && core('roles', {}, user.roles.map((role) => core('entry', {}, role))),
    ...(user.endpoints ?? []).map((endpoint) => endpointTree(endpoint, core)),
    ...(user.extensions ?? []),
  ]);
}

function endpointTree(endpoint: ConferenceEndpoint, core: CoreFactory): XmlElement {
  const attributes: AttributeRecord = {
    entity: endpoint.entity,
    'msci:session-type': endpoint.sessionType,
    'msci:endpoint-uri': endpoint.endpointUri,
    state: endpoint.state,
  };
  if (endpoint.state === 'deleted') return core('endpoint', attributes);
  const capabilities = endpoint.capabilities;
  return core('endpoint', attributes, [
    coreText(core, 'display-text', endpoint.displayText),
    coreText(core, 'status', endpoint.status),
    coreText(core, 'joining-method', endpoint.joiningMethod),
    coreText(core, 'disconnection-method', endpoint.disconnectionMethod),
    ...(endpoint.media ?? []).map((media) => mediaTree(media, core)),
    capabilities &&
      build('msci', 'endpoint-capabilities', {}, [
        build('msim', 'endpoint-capabilities', {}, [
          optionalText('msim', 'supported-im-formats', capabilities.supportedImFormats),
          optionalText('msim', 'user-agent', capabilities.userAgent),
        ]),
      ]),
    ...(endpoint.extensions ?? []),
  ]);
}

function mediaTree(media: ConferenceMedia, core: CoreFactory): XmlElement {
  const attributes: AttributeRecord = { id: media.id, state: media.state };
  if (media.state === 'deleted') return core('media', attributes);
  return core('media', attributes, [
    coreText(core, 'display-text', media.displayText),
    coreText(core, 'type', media.type),
    coreText(core, 'label', media.label),
    coreText(core, 'status', media.status),
  ]);
}


