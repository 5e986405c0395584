/**
 * The fault switches of the lab focus, as a table: each entry names the observable behaviour it
 * breaks and wraps one decision of the {@link LabPolicy}.
 *
 * @remarks Protocol brief §8 item 8 and §7 (the assertion each fault violates).
 */
import { FocusHarnessError } from '../errors.js';
import { isLabFaultName, type LabFaultName } from './lab-fault-name.js';
import { defaultLabPolicy, type LabPolicy } from './lab-policy.js';

/** A fault as a policy wrapper. */
export type LabFaultWrapper = (next: LabPolicy) => LabPolicy;

/** One fault switch as `focus-harness lab --list-faults` and the README show it. */
export interface LabFault {
  readonly name: LabFaultName;
  /** What the lab focus does wrong. */
  readonly description: string;
  /** The assertion (brief §7 id) the behaviour violates. */
  readonly breaks: string;
  /**
   * The built-in scenarios that must not pass with this fault on (the fault-coverage matrix of
   * issue 5 checks each of them).
   */
  readonly caughtBy: readonly string[];
  /**
   * How the assertion it breaks is graded (brief §7): a MUST fault fails its scenarios; a SHOULD
   * fault leaves them passing with a warning. @default 'MUST'
   */
  readonly severity: 'MUST' | 'SHOULD';
  /**
   * The lab authentication the fault acts on: `ntlm` faults only change something when the lab
   * runs MS-SIPAE NTLM (`auth: { scheme: 'ntlm' }`), so their scenarios run against such a lab.
   */
  readonly requiresAuth?: 'ntlm';
}

/** A table row: the fault as shown (`severity` only when SHOULD) and the wrapper that does it. */
interface LabFaultEntry extends Omit<LabFault, 'severity'> {
  readonly severity?: 'SHOULD';
  readonly wrap: LabFaultWrapper;
}

const TABLE: readonly LabFaultEntry[] = [
  {
    name: 'omit-focus-bye',
    description: 'on ejection the focus never sends its BYE on the victim\'s focus dialog (D1)',
    breaks: 'E3: the ejected user\'s D1 must end with a focus BYE when the user does not BYE first (a passive victim)',
    caughtBy: ['eject-passive'],
    wrap: (next) => ({ ...next, sendsFocusByeOnEject: () => false }),
  },
  {
    name: 'omit-mcu-bye',
    description: 'on ejection the IM MCU never sends its BYE on the victim\'s IM dialog (D3)',
    breaks: 'E4: the ejected user\'s D3 must end with an MCU BYE when the user does not BYE first (a passive victim)',
    caughtBy: ['eject-passive'],
    wrap: (next) => ({ ...next, sendsMcuByeOnEject: () => false }),
  },
  {
    name: 'keep-ejected-subscription',
    description: 'the ejected user\'s conference subscription is never terminated and keeps receiving updates',
    breaks: 'E5/O3: a terminated BENOTIFY must end the victim\'s D2 and nothing may follow on it',
    caughtBy: ['eject', 'eject-passive'],
    wrap: (next) => ({ ...next, terminatesEjectedSubscription: () => false }),
  },
  {
    name: 'skip-roster-version',
    description: 'the update deleting a user jumps the roster version by two',
    breaks: 'E6/§7.1.6: roster versions have no gap on any subscription',
    caughtBy: ['eject', 'eject-passive'],
    wrap: (next) => ({
      ...next,
      nextRosterVersion: (current, change) =>
        change === 'user-deleted' ? next.nextRosterVersion(current, change) + 1 : next.nextRosterVersion(current, change),
    }),
  },
  {
    name: 'repeat-roster-version',
    description: 'the update deleting a user reuses the previous roster version',
    breaks: '§7.1.6: a partial never carries a version <= the last applied one',
    caughtBy: ['eject', 'eject-passive', 'leave'],
    wrap: (next) => ({
      ...next,
      nextRosterVersion: (current, change) => (change === 'user-deleted' ? current : next.nextRosterVersion(current, change)),
    }),
  },
  {
    name: 'omit-deleted-update',
    description: 'the update deleting a user is not sent to the last subscriber',
    breaks: 'E6: every remaining subscriber sees the removed user disappear',
    caughtBy: ['eject', 'eject-passive', 'leave'],
    wrap: (next) => ({
      ...next,
      deliversRosterChange: (change, index, count) =>
        change === 'user-deleted' && index === count - 1 ? false : next.deliversRosterChange(change, index, count),
    }),
  },
  {
    name: 'eject-reports-failure',
    description: 'a valid deleteUser is carried out but its C3P response says code="failure"',
    breaks: 'E2: the C3P response to a valid eject has code="success"',
    caughtBy: ['eject', 'eject-passive'],
    wrap: (next) => ({
      ...next,
      c3pResultCode: (command) => (command === 'deleteUser' ? 'failure' : next.c3pResultCode(command)),
    }),
  },
  {
    name: 'attendee-may-eject',
    description: 'attendees are allowed to eject other users',
    breaks: 'S-EJECT-DENIED: an attendee\'s deleteUser must fail and change nothing',
    caughtBy: ['eject-denied'],
    wrap: (next) => ({
      ...next,
      mayRunPresenterCommand: (role, command) => command === 'deleteUser' || next.mayRunPresenterCommand(role, command),
    }),
  },
  {
    name: 'echo-im-to-author',
    description: 'the IM MCU forwards each MESSAGE back to its author too',
    breaks: 'S-IM: the author never receives its own message back',
    caughtBy: ['im', 'join-and-chat'],
    wrap: (next) => ({ ...next, imRecipients: (_author, participants) => [...participants] }),
  },
  {
    name: 'malformed-benotify-xml',
    description: 'the roster update deleting a user carries XML that is not well-formed',
    breaks: '§7.1.1: every XML body the server sends is well-formed',
    caughtBy: ['eject', 'eject-passive', 'leave'],
    wrap: (next) => ({
      ...next,
      rosterBody: (xml, change) => {
        const body = next.rosterBody(xml, change);
        return change === 'user-deleted' ? body.replace(/<\/conference-info>\s*$/, '</conference-inf>') : body;
      },
    }),
  },
  {
    name: 'wrong-content-length',
    description: 'the roster update deleting a user is written with a Content-Length 7 bytes short of its body',
    breaks: '§7.1.1: Content-Length is exact on every server message',
    caughtBy: ['eject', 'eject-passive', 'leave'],
    wrap: (next) => ({
      ...next,
      rosterFraming: (change) => (change === 'user-deleted' ? { contentLengthDelta: -7 } : next.rosterFraming(change)),
    }),
  },
  {
    name: 'c3p-response-never-sent',
    description: 'the C3P response to deleteUser never comes (202 without the INFO; no final response in 200 style)',
    breaks: 'E1/E2: exactly one C3P response reaches the ejector',
    caughtBy: ['eject', 'eject-passive', 'eject-denied'],
    wrap: (next) => ({
      ...next,
      sendsC3pResponse: (command) => (command === 'deleteUser' ? false : next.sendsC3pResponse(command)),
    }),
  },
  {
    name: 'drop-connection-mid-eject',
    description: 'the focus closes the ejector\'s connection after tearing down the victim, before the result',
    breaks: 'E2/E7: the ejector receives the result and keeps its own dialogs',
    caughtBy: ['eject', 'eject-passive'],
    wrap: (next) => ({
      ...next,
      midEject: (flow) => {
        next.midEject(flow);
        flow.dropEjectorConnection();
      },
    }),
  },
  {
    name: 'omit-ms-sender',
    description: 'MESSAGEs forwarded by the IM MCU carry no Ms-Sender header',
    breaks: 'S-IM: each forwarded MESSAGE names its author in Ms-Sender',
    caughtBy: ['im', 'join-and-chat'],
    severity: 'SHOULD',
    wrap: (next) => ({ ...next, msSender: () => undefined }),
  },
  {
    name: 'omit-gruu',
    description: 'the REGISTER 200 OK Contact carries no gruu parameter',
    breaks: 'S-REG: the 200 OK has a Contact with our +sip.instance and a gruu',
    caughtBy: ['register'],
    wrap: (next) => ({ ...next, registrationGruu: () => undefined }),
  },
  {
    name: 'create-reports-failure',
    description: 'a valid addConference creates the conference but its C3P response says code="failure"',
    breaks: 'S-CREATE: addConference answered 200 with code="success" and a focus URI',
    caughtBy: ['create', 'delete-conference'],
    wrap: (next) => ({ ...next, c3pResultCode: (command) => (command === 'addConference' ? 'failure' : next.c3pResultCode(command)) }),
  },
  {
    name: 'join-grants-no-role',
    description: 'the addUser response to a focus INVITE grants no role (no roles/entry)',
    breaks: 'S-JOIN: the addUser response has one user with our entity and a roles/entry',
    caughtBy: ['join'],
    wrap: (next) => ({ ...next, joinGrantedRoles: () => [] }),
  },
  {
    name: 'omit-join-update',
    description: 'the first subscriber never receives the updates about users who join after it',
    breaks: 'S-JOIN2: every earlier subscriber learns about each new user',
    caughtBy: ['join2'],
    wrap: (next) => ({
      ...next,
      deliversRosterChange: (change, index, count) => (change === 'user' && index === 0 && count > 1 ? false : next.deliversRosterChange(change, index, count)),
    }),
  },
  {
    name: 'drop-im-recipient',
    description: 'the IM MCU forwards each MESSAGE to every other participant but the last one',
    breaks: 'S-IM: every other IM participant receives the MESSAGE',
    caughtBy: ['im', 'im-fail', 'join-and-chat'],
    wrap: (next) => ({ ...next, imRecipients: (author, participants) => next.imRecipients(author, participants).slice(0, -1) }),
  },
  {
    name: 'imdn-reports-success',
    description: 'the IMDN reports status 200 for every recipient, even one that refused the MESSAGE',
    breaks: 'S-IM-FAIL: the IMDN lists the failing recipient with status >= 300',
    caughtBy: ['im-fail'],
    wrap: (next) => ({ ...next, imdnStatus: () => 200 }),
  },
  {
    name: 'ignore-role-change',
    description: 'modifyUserRoles is answered with success but the role never changes',
    breaks: 'S-PROMOTE: every subscriber\'s roster shows the new role',
    caughtBy: ['promote'],
    wrap: (next) => ({ ...next, appliesCommand: (command) => command !== 'modifyUserRoles' && next.appliesCommand(command) }),
  },
  {
    name: 'ignore-lock',
    description: 'modifyConferenceLock is answered with success but the conference stays as it was',
    breaks: 'S-LOCK: every subscriber\'s roster shows the lock; a locked conference refuses a new joiner',
    caughtBy: ['lock'],
    wrap: (next) => ({ ...next, appliesCommand: (command) => command !== 'modifyConferenceLock' && next.appliesCommand(command) }),
  },
  {
    name: 'locked-admits-joiner',
    description: 'a locked conference still admits a new joiner',
    breaks: 'S-LOCK / S-JOIN-LOCKED: a locked conference refuses a new joiner and nothing changes',
    caughtBy: ['join-locked'],
    wrap: (next) => ({ ...next, admitsToLockedConference: () => true }),
  },
  {
    name: 'query-reports-failure',
    description: 'getConference is answered with code="failure" for a live conference',
    breaks: 'S-QUERY: getConference answered with code="success" and the definition',
    caughtBy: ['query'],
    wrap: (next) => ({ ...next, c3pResultCode: (command) => (command === 'getConference' ? 'failure' : next.c3pResultCode(command)) }),
  },
  {
    name: 'delete-conference-keeps-users',
    description: 'deleteConference is answered with success but nobody is removed',
    breaks: 'S-DELETE: everyone is removed (terminated subscription, BYE on D1 and D3)',
    caughtBy: ['delete-conference'],
    wrap: (next) => ({ ...next, appliesCommand: (command) => command !== 'deleteConference' && next.appliesCommand(command) }),
  },
  {
    name: 'attendee-may-promote',
    description: 'attendees may change roles (promote themselves to presenter)',
    breaks: 'S-PROMOTE-DENIED: an attendee\'s modifyUserRoles must fail and change nothing',
    caughtBy: ['promote-denied'],
    wrap: (next) => ({ ...next, mayRunPresenterCommand: (role, command) => command === 'modifyUserRoles' || next.mayRunPresenterCommand(role, command) }),
  },
  {
    name: 'attendee-may-lock',
    description: 'attendees may lock the conference',
    breaks: 'S-LOCK-DENIED: an attendee\'s modifyConferenceLock must fail and change nothing',
    caughtBy: ['lock-denied'],
    wrap: (next) => ({ ...next, mayRunPresenterCommand: (role, command) => command === 'modifyConferenceLock' || next.mayRunPresenterCommand(role, command) }),
  },
  {
    name: 'outsider-may-subscribe',
    description: 'a user who never joined may subscribe to the roster',
    breaks: 'S-OUTSIDER-SUBSCRIBE: the SUBSCRIBE of a non-participant is refused and no roster reaches it',
    caughtBy: ['outsider-subscribe'],
    wrap: (next) => ({ ...next, admitsOutsider: (kind) => kind === 'subscribe' || next.admitsOutsider(kind) }),
  },
  {
    name: 'outsider-may-join-mcu',
    description: 'a user who never joined the focus may join the IM MCU and write into it',
    breaks: 'S-OUTSIDER-IM: the MCU INVITE of a non-participant is refused and its IM reaches nobody',
    caughtBy: ['outsider-im'],
    wrap: (next) => ({ ...next, admitsOutsider: (kind) => kind === 'chat' || next.admitsOutsider(kind) }),
  },
  {
    name: 'trust-from-header',
    description: 'requests are believed on their From header, not on the identity registered on the connection',
    breaks: 'S-FORGED-FROM: a request whose From is another user is refused and changes nothing',
    caughtBy: ['forged-from'],
    wrap: (next) => ({ ...next, trustsFromHeader: () => true }),
  },
  {
    name: 'accepts-malformed-c3p',
    description: 'an INFO whose C3P body does not parse is answered 200 OK',
    breaks: 'S-C3P-MALFORMED: a malformed C3P body is refused (4xx or C3P failure)',
    caughtBy: ['c3p-malformed'],
    wrap: (next) => ({ ...next, malformedC3pStatus: () => 200 }),
  },
  {
    name: 'unknown-command-succeeds',
    description: 'a C3P command the focus does not implement is answered with code="success"',
    breaks: 'S-C3P-UNKNOWN: an unknown command is refused (C3P failure, 3004)',
    caughtBy: ['c3p-unknown'],
    wrap: (next) => ({ ...next, refusalCode: (command, reason) => (reason === 'notImplemented' || reason === 'otherFailure' ? 'success' : next.refusalCode(command, reason)) }),
  },
  {
    name: 'delete-unknown-user-succeeds',
    description: 'deleteUser naming someone who is not in the conference is answered with code="success"',
    breaks: 'S-DELETE-UNKNOWN: deleteUser of a non-participant is refused and changes nothing',
    caughtBy: ['delete-unknown'],
    wrap: (next) => ({ ...next, refusalCode: (command, reason) => (reason === 'userDoesNotExist' ? 'success' : next.refusalCode(command, reason)) }),
  },
  {
    name: 'ignore-modify-conference',
    description: 'modifyConference is answered with success but the description never changes and no roster update is sent',
    breaks: 'S-MODCONF: every subscriber\'s roster shows the new subject',
    caughtBy: ['modify-conference'],
    wrap: (next) => ({ ...next, appliesCommand: (command) => command !== 'modifyConference' && next.appliesCommand(command) }),
  },
  {
    name: 'mcu-types-omit-chat',
    description: 'the focus factory\'s getAvailableMcuTypes list leaves out the chat (IM) MCU',
    breaks: 'S-MCU-TYPES: the list of available MCU types includes chat',
    caughtBy: ['mcu-types'],
    wrap: (next) => ({ ...next, availableMcuTypes: (types) => next.availableMcuTypes(types).filter((type) => type !== 'chat') }),
  },
  {
    name: 'ended-dialog-still-answered',
    description: 'the focus and the IM MCU answer 200 to requests on a dialog they have already ended (while it is kept for crossing BYEs)',
    breaks: 'E3/E4: after the ejected user\'s D1 and D3 end, requests on them get 481',
    caughtBy: ['eject', 'eject-passive'],
    wrap: (next) => ({ ...next, endedDialogStatus: () => 200 }),
  },
  {
    name: 'corrupt-sipae-signature',
    description: 'once a connection\'s MS-SIPAE security association is up, every request the lab sends on it carries an rspauth with one byte flipped',
    breaks: '§7.1.5: every server request carries a signature that verifies with the SA (a client drops one that does not)',
    caughtBy: ['join2', 'eject'],
    requiresAuth: 'ntlm',
    wrap: (next) => ({ ...next, sipaeRequestSigning: () => 'corrupt' }),
  },
  {
    name: 'unsigned-after-sa',
    description: 'the first request the lab sends on a connection after its MS-SIPAE security association is up has no Authentication-Info',
    breaks: '§7.1.5: every server request carries a signature once the SA exists (a client drops an unsigned one)',
    caughtBy: ['join2', 'eject'],
    requiresAuth: 'ntlm',
    wrap: (next) => ({
      ...next,
      sipaeRequestSigning: (method, index) => (index === 0 ? 'unsigned' : next.sipaeRequestSigning(method, index)),
    }),
  },
];

/**
 * The fault switches, in a stable order: name, what it does, which assertion it breaks and which
 * scenarios catch it.
 */
export const LAB_FAULTS: readonly LabFault[] = TABLE.map(({ name, description, breaks, caughtBy, severity, requiresAuth }) => ({
  name,
  description,
  breaks,
  caughtBy,
  severity: severity ?? 'MUST',
  ...(requiresAuth === undefined ? {} : { requiresAuth }),
}));

/**
 * Checks fault names and composes their wrappers over the correct behaviour, in the order given.
 *
 * @throws FocusHarnessError `FH_USAGE` naming the valid switches when a name is unknown.
 */
export function composeLabPolicy(faults: readonly string[], base: LabPolicy = defaultLabPolicy): LabPolicy {
  let policy = base;
  for (const name of faults) {
    if (!isLabFaultName(name)) {
      throw new FocusHarnessError(
        'FH_USAGE',
        `unknown lab fault "${name}"; valid faults: ${TABLE.map((f) => f.name).join(', ')}`,
      );
    }
    const entry = TABLE.find((f) => f.name === name) as LabFaultEntry;
    policy = entry.wrap(policy);
  }
  return policy;
}
