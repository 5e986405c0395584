/**
 * The state of one hosted conference: participants, roles, lock and the one conference-wide
 * roster version counter (brief §5.5: versions are equal across subscribers).
 *
 * @remarks Pure: every mutator returns the {@link RosterChange} it causes (or `undefined` when
 * nothing changed); the server publishes it. Roster lifecycle of a user:
 *
 * ```
 *  (absent) --joinFocus--> [focus] --joinChat--> [focus+chat]
 *     ^                      |  ^                   |      |
 *     |<----leaveFocus-------+  +----leaveChat------+      | leaveFocus
 *     |<-------------------leaveChat----------------- [chat only]
 * ```
 */
import { randomUUID } from 'node:crypto';
import { chatUri, focusUri, userHostOf } from './conference-address.js';
import { detached } from './detached.js';
import type { LabChatEndpoint, LabParticipant, LabRole } from './lab-participant.js';
import type { RosterChange } from './roster-change.js';

export interface LabConferenceInit {
  id: string;
  organizer: string;
  subject?: string;
  expiryTime?: string;
  admissionPolicy?: string;
}

export interface JoinFocusInit {
  aor: string;
  displayName?: string;
  endpointEntity?: string;
  gruu?: string;
}

/** A user whose display name was not given: the capitalised user part (`sip:carol@…` → `Carol`). */
export function defaultDisplayName(aor: string): string {
  const user = userHostOf(aor).split('@')[0] ?? aor;
  return user.charAt(0).toUpperCase() + user.slice(1);
}

/** A GUID in the braces Lync writes (`{C263F024-15CC-…}`). */
export function newEndpointGuid(): string {
  return `{${randomUUID().toUpperCase()}}`;
}

export class LabConference {
  readonly id: string;
  readonly organizer: string;
  readonly focusUri: string;
  readonly chatUri: string;
  /** `conference-description/subject`; modifyConference changes it (brief §6.13). */
  subject: string;
  /** `conference-description/display-text`; written only once modifyConference set it. */
  displayText: string | undefined;
  readonly expiryTime: string | undefined;
  readonly admissionPolicy: string;
  locked = false;
  /** The last roster version published (0 before any document). */
  version = 0;
  readonly #participants = new Map<string, LabParticipant>();
  #messageCount = 0;

  constructor(init: LabConferenceInit) {
    this.id = detached(init.id);
    this.organizer = detached(init.organizer);
    this.focusUri = focusUri(init.organizer, init.id);
    this.chatUri = chatUri(init.organizer, init.id);
    this.subject = detached(init.subject) ?? '';
    this.displayText = undefined;
    this.expiryTime = detached(init.expiryTime);
    this.admissionPolicy = detached(init.admissionPolicy) ?? 'openAuthenticated';
  }

  /** MS-CONFIM 4.2.1: the IM MCU numbers the messages it accepts (`Message-Id`). */
  nextMessageId(): string {
    return String(++this.#messageCount);
  }

  /** Participants in join order. */
  participants(): LabParticipant[] {
    return [...this.#participants.values()];
  }

  participant(aor: string): LabParticipant | undefined {
    return this.#participants.get(aor);
  }

  has(aor: string): boolean {
    return this.#participants.has(aor);
  }

  /** Brief §8 item 2: the organizer is presenter, everyone else attendee. */
  roleFor(aor: string): LabRole {
    return aor === this.organizer ? 'presenter' : 'attendee';
  }

  /** Whether `aor` may join now: a locked conference admits only its organizer and current users. */
  admits(aor: string): boolean {
    return !this.locked || aor === this.organizer || this.#participants.has(aor);
  }

  /** Focus INVITE accepted (brief §4.4): the user appears with its focus endpoint. */
  joinFocus(init: JoinFocusInit): RosterChange {
    const existing = this.#participants.get(init.aor);
    const endpoint = { entity: detached(init.endpointEntity) ?? existing?.focusEndpoint?.entity ?? newEndpointGuid() };
    if (existing) {
      existing.focusEndpoint = endpoint;
      if (init.gruu) existing.gruu = detached(init.gruu);
    } else {
      this.#participants.set(init.aor, {
        aor: detached(init.aor),
        displayName: detached(init.displayName) ?? defaultDisplayName(init.aor),
        role: this.roleFor(init.aor),
        gruu: detached(init.gruu),
        focusEndpoint: endpoint,
        chatEndpoint: undefined,
      });
    }
    return { kind: 'user', aor: init.aor };
  }

  /** MCU INVITE accepted (brief §4.6): the user's chat endpoint appears. */
  joinChat(aor: string, endpoint: Omit<LabChatEndpoint, 'entity'>): RosterChange | undefined {
    const participant = this.#participants.get(aor);
    if (!participant) return undefined;
    participant.chatEndpoint = {
      entity: participant.chatEndpoint?.entity ?? newEndpointGuid(),
      ...(endpoint.imFormats !== undefined ? { imFormats: detached(endpoint.imFormats) } : {}),
      ...(endpoint.userAgent !== undefined ? { userAgent: detached(endpoint.userAgent) } : {}),
    };
    return { kind: 'user', aor };
  }

  /** D1 ended: the focus endpoint goes; the user goes too when it has no chat endpoint. */
  leaveFocus(aor: string): RosterChange | undefined {
    const participant = this.#participants.get(aor);
    if (!participant?.focusEndpoint) return undefined;
    participant.focusEndpoint = undefined;
    return this.#afterEndpointLoss(participant);
  }

  /** D3 ended: the chat endpoint goes; the user goes too when it has no focus endpoint. */
  leaveChat(aor: string): RosterChange | undefined {
    const participant = this.#participants.get(aor);
    if (!participant?.chatEndpoint) return undefined;
    participant.chatEndpoint = undefined;
    return this.#afterEndpointLoss(participant);
  }

  /** Removes a user outright (ejection's last step, seed msg 16). */
  remove(aor: string): RosterChange | undefined {
    if (!this.#participants.delete(aor)) return undefined;
    return { kind: 'user-deleted', aor };
  }

  /** modifyUserRoles (brief §6.9). Only the first recognised role is kept. */
  setRole(aor: string, roles: readonly string[]): RosterChange | undefined {
    const participant = this.#participants.get(aor);
    if (!participant) return undefined;
    const role: LabRole = roles.includes('presenter') ? 'presenter' : 'attendee';
    if (participant.role === role) return { kind: 'user', aor };
    participant.role = role;
    return { kind: 'user', aor };
  }

  /** modifyConference (MS-CONFBAS 4.4.10, brief §6.13): a new subject and/or display text. */
  setDescription(change: { subject?: string | undefined; displayText?: string | undefined }): RosterChange {
    if (change.subject !== undefined) this.subject = detached(change.subject);
    if (change.displayText !== undefined) this.displayText = detached(change.displayText);
    return { kind: 'description' };
  }

  /** modifyConferenceLock (brief §6.10). */
  setLocked(locked: boolean): RosterChange {
    this.locked = locked;
    return { kind: 'lock' };
  }

  #afterEndpointLoss(participant: LabParticipant): RosterChange {
    if (participant.focusEndpoint || participant.chatEndpoint) return { kind: 'user', aor: participant.aor };
    this.#participants.delete(participant.aor);
    return { kind: 'user-deleted', aor: participant.aor };
  }
}
