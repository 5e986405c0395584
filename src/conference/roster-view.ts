import { CONFERENCE_NS } from './namespaces.js';
import type { RosterEndpointView, RosterUserView } from './roster-update.js';
import { attributeValue, childElement, childElements, childText, isElement, type XmlElement } from './xml-element.js';

const CI = CONFERENCE_NS.ci;
const MSCI = CONFERENCE_NS.msci;

/**
 * Derived views over a materialised conference-info tree (brief §5.6).
 */
export interface RosterSnapshot {
  users: Map<string, RosterUserView>;
  chatUri: string | undefined;
  locked: boolean;
  /** `conference-description/subject` (RFC 4575 §5.3); undefined when the document has none. */
  subject: string | undefined;
}

/** Reads users, the IM MCU URI, the lock and the subject out of a local tree. */
export function snapshotOf(tree: XmlElement | undefined): RosterSnapshot {
  const users = new Map<string, RosterUserView>();
  if (tree === undefined) return { users, chatUri: undefined, locked: false, subject: undefined };
  const usersElement = childElement(tree, 'users', CI);
  for (const user of usersElement?.children ?? []) {
    if (!isElement(user, 'user', CI)) continue;
    const view: RosterUserView = { entity: attributeValue(user, 'entity') ?? '', roles: [], endpoints: [] };
    // One pass over the user's children: this runs for every user on every update (history summary).
    for (const child of user.children) {
      if (isElement(child, 'endpoint', CI)) view.endpoints.push(endpointView(child));
      else if (isElement(child, 'roles', CI)) view.roles = childElements(child, 'entry', CI).map((entry) => entry.text);
      else if (view.displayText === undefined && isElement(child, 'display-text', CI)) view.displayText = child.text;
    }
    users.set(view.entity, view);
  }
  const chatUri = chatUriOf(tree);
  return { users, chatUri, locked: lockedOf(tree, chatUri), subject: subjectOf(tree) };
}

/** RFC 4575 §5.3: the subject is a child of conference-description (changed by modifyConference, brief §6.13). */
function subjectOf(tree: XmlElement): string | undefined {
  const description = childElement(tree, 'conference-description', CI);
  return description && childText(description, 'subject', CI);
}

function endpointView(endpoint: XmlElement): RosterEndpointView {
  const view: RosterEndpointView = { entity: attributeValue(endpoint, 'entity') ?? '' };
  const sessionType = attributeValue(endpoint, 'session-type', MSCI);
  if (sessionType !== undefined) view.sessionType = sessionType;
  const status = childText(endpoint, 'status', CI);
  if (status !== undefined) view.status = status;
  const endpointUri = attributeValue(endpoint, 'endpoint-uri', MSCI);
  if (endpointUri !== undefined) view.endpointUri = endpointUri;
  return view;
}

/** brief §5.6: IM MCU URI = conference-description/conf-uris/entry[purpose=chat]/uri. */
function chatUriOf(tree: XmlElement): string | undefined {
  const description = childElement(tree, 'conference-description', CI);
  const confUris = description && childElement(description, 'conf-uris', CI);
  const entry = confUris && childElements(confUris, 'entry', CI).find((candidate) => childText(candidate, 'purpose', CI) === 'chat');
  return entry && childText(entry, 'uri', CI);
}

/**
 * brief §5.6 (SIPE): locked = conference-view/entity-view[chat]/entity-state/locked is true. The chat
 * entity-view is named `chat` or by the chat MCU URI; RFC 4575 `conference-state/locked` is the fallback.
 */
function lockedOf(tree: XmlElement, chatUri: string | undefined): boolean {
  const view = childElement(tree, 'conference-view', MSCI);
  const chatView =
    view &&
    childElements(view, 'entity-view', MSCI).find((candidate) => {
      const entity = attributeValue(candidate, 'entity') ?? '';
      return entity === 'chat' || (chatUri !== undefined && entity === chatUri) || entity.includes('app:conf:chat:');
    });
  const entityState = chatView && childElement(chatView, 'entity-state', MSCI);
  const locked = entityState && childText(entityState, 'locked', MSCI);
  if (locked !== undefined) return locked === 'true' || locked === '1';
  const conferenceState = childElement(tree, 'conference-state', CI);
  const coreLocked = conferenceState && childText(conferenceState, 'locked', CI);
  return coreLocked === 'true' || coreLocked === '1';
}

/** brief §5.6: in the IM session = an endpoint with session-type chat and status connected. */
export function userInChat(user: RosterUserView | undefined): boolean {
  return user?.endpoints.some((endpoint) => endpoint.sessionType === 'chat' && endpoint.status === 'connected') ?? false;
}
