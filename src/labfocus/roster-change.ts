/**
 * One change to a conference's roster; the focus publishes one partial document per change to
 * every active subscriber (brief §8 item 5).
 *
 * - `user`: a user was added or changed; sent as the whole user (`state="full"`, seed msg 12).
 * - `user-deleted`: a user left or was removed (`state="deleted"`, seed msg 16).
 * - `lock`: the chat entity-view's locked state changed (brief §6.10).
 * - `description`: the conference-description changed (subject / display text; brief §6.13).
 * - `conference-deleted`: the conference ended (RFC 4575 §5.1 root `state="deleted"`).
 */
export type RosterChangeKind = 'user' | 'user-deleted' | 'lock' | 'description' | 'conference-deleted';

export type RosterChange =
  | { kind: 'user'; aor: string }
  | { kind: 'user-deleted'; aor: string }
  | { kind: 'lock' }
  | { kind: 'description' }
  | { kind: 'conference-deleted' };
