/**
 * The conference-info documents the lab focus publishes (RFC 4575 §5, brief §5.2–5.5), as
 * typed {@link ConferenceInfoDocument}s for the conference layer's renderer.
 *
 * @remarks One full document per new subscription (version = the conference's current version,
 * brief §8 item 3) and one partial per change (brief §8 item 5). A changed user is sent whole
 * (`state="full"`), as the seed's version 10 does; a removed one as `state="deleted"` (seed v11).
 */
import type {
  ConferenceEndpoint,
  ConferenceInfoDocument,
  ConferenceUser,
  ConferenceView,
  ConferenceStateInfo,
} from '../conference/index.js';
import type { LabConference } from './lab-conference.js';
import type { LabParticipant } from './lab-participant.js';
import type { RosterChange } from './roster-change.js';

/** The focus endpoint of a user (`msci:session-type="focus"`). */
function focusEndpointOf(participant: LabParticipant): ConferenceEndpoint | undefined {
  if (!participant.focusEndpoint) return undefined;
  return {
    entity: participant.focusEndpoint.entity,
    sessionType: 'focus',
    ...(participant.gruu ? { endpointUri: participant.gruu } : {}),
    status: 'connected',
    joiningMethod: 'dialed-in',
  };
}

/** The chat endpoint of a user, shaped like seed msg 12. */
function chatEndpointOf(participant: LabParticipant): ConferenceEndpoint | undefined {
  const chat = participant.chatEndpoint;
  if (!chat) return undefined;
  return {
    entity: chat.entity,
    sessionType: 'chat',
    ...(participant.gruu ? { endpointUri: participant.gruu } : {}),
    status: 'connected',
    joiningMethod: 'dialed-in',
    media: [{ id: '1', type: 'chat' }],
    capabilities: {
      ...(chat.imFormats ? { supportedImFormats: chat.imFormats } : {}),
      ...(chat.userAgent ? { userAgent: chat.userAgent } : {}),
    },
  };
}

/** A whole `user` element. */
export function userElement(participant: LabParticipant): ConferenceUser {
  const endpoints = [focusEndpointOf(participant), chatEndpointOf(participant)].filter(
    (e): e is ConferenceEndpoint => e !== undefined,
  );
  return {
    entity: participant.aor,
    state: 'full',
    displayText: participant.displayName,
    roles: [participant.role],
    endpoints,
  };
}

function conferenceStateOf(conference: LabConference): ConferenceStateInfo {
  return { userCount: conference.participants().length, active: true, locked: conference.locked };
}

/** `msci:conference-view` with the chat entity-view and its lock (brief §5.6 "Locked"). */
function conferenceViewOf(conference: LabConference, state?: 'partial'): ConferenceView {
  return {
    ...(state ? { state } : {}),
    entityViews: [
      {
        entity: conference.chatUri,
        ...(state ? { state } : {}),
        entityState: { locked: conference.locked, mediaTypes: ['chat'] },
      },
    ],
  };
}

/** The full document a new subscriber receives first (brief §4.5, §6.3 step 6). */
export function fullRosterDocument(conference: LabConference, version: number): ConferenceInfoDocument {
  return {
    entity: conference.focusUri,
    state: 'full',
    version,
    description: {
      ...(conference.displayText !== undefined ? { displayText: conference.displayText } : {}),
      subject: conference.subject,
      confUris: { entries: [{ uri: conference.chatUri, displayText: 'chat', purpose: 'chat' }] },
      conferenceId: conference.id,
      ...(conference.expiryTime ? { expiryTime: conference.expiryTime } : {}),
      admissionPolicy: conference.admissionPolicy,
    },
    conferenceState: conferenceStateOf(conference),
    view: conferenceViewOf(conference),
    users: { state: 'full', users: conference.participants().map(userElement) },
  };
}

/** The partial (or deleted) document for one change. */
export function partialRosterDocument(
  conference: LabConference,
  change: RosterChange,
  version: number,
): ConferenceInfoDocument {
  const root = { entity: conference.focusUri, version };
  switch (change.kind) {
    case 'user': {
      const participant = conference.participant(change.aor);
      // A user changed and removed before publication is published as deleted.
      const user: ConferenceUser = participant ? userElement(participant) : { entity: change.aor, state: 'deleted' };
      return { ...root, state: 'partial', users: { state: 'partial', users: [user] } };
    }
    case 'user-deleted':
      return { ...root, state: 'partial', users: { state: 'partial', users: [{ entity: change.aor, state: 'deleted' }] } };
    case 'lock':
      return {
        ...root,
        state: 'partial',
        conferenceState: conferenceStateOf(conference),
        view: conferenceViewOf(conference, 'partial'),
      };
    case 'description':
      // Brief §6.13: only the description changes; its other children stay as the subscriber has them.
      return {
        ...root,
        state: 'partial',
        description: {
          state: 'partial',
          ...(conference.displayText !== undefined ? { displayText: conference.displayText } : {}),
          subject: conference.subject,
        },
      };
    case 'conference-deleted':
      return { ...root, state: 'deleted' };
  }
}
