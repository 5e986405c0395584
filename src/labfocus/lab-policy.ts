/**
 * The decision points of the lab focus: every place where a fault switch may change what the
 * server does. The server asks the policy; it never tests fault names itself (style habit 9).
 *
 * @remarks A fault is a wrapper `(next: LabPolicy) => LabPolicy` that overrides one decision
 * (see `lab-faults.ts`), composed in order like undici's dispatcher interceptors.
 */
import type { RosterChangeKind } from './roster-change.js';

/** What a fault may do at the middle of an ejection (after the victim's dialogs are torn down). */
export interface EjectMidFlow {
  /** Closes the ejector's connection. */
  dropEjectorConnection(): void;
}

/** How a roster notification is framed on the wire. */
export interface RosterFraming {
  /** Added to the true body length when writing Content-Length (0 = honest). */
  contentLengthDelta: number;
}

export interface LabPolicy {
  /** MS-CONFIM 4.3.1 msg 3: terminate the ejected user's conference subscription. */
  terminatesEjectedSubscription(): boolean;
  /** MS-CONFIM 4.3.1 msg 6: the focus BYE on the ejected user's D1. */
  sendsFocusByeOnEject(): boolean;
  /** MS-CONFIM 4.3.1 msg 7: the IM MCU BYE on the ejected user's D3. */
  sendsMcuByeOnEject(): boolean;
  /** RFC 4575 §4.6: the version the next change gets, from the last one published. */
  nextRosterVersion(current: number, change: RosterChangeKind): number;
  /** Whether subscriber `index` (0-based, in notification order) of `count` receives a change. */
  deliversRosterChange(change: RosterChangeKind, index: number, count: number): boolean;
  /** The conference-info body actually written for a roster change. */
  rosterBody(xml: string, change: RosterChangeKind): string;
  /** Content-Length honesty for a roster change's notification. */
  rosterFraming(change: RosterChangeKind): RosterFraming;
  /** Brief §4.11: only presenters may eject, change roles or lock. */
  mayRunPresenterCommand(role: string, command: string): boolean;
  /** The C3P `code` reported for a presenter command the focus carried out. */
  c3pResultCode(command: string): 'success' | 'failure';
  /** Whether the C3P response to an INFO command is ever sent. */
  sendsC3pResponse(command: string): boolean;
  /** Called once the victim's dialogs are torn down, before roster updates and the C3P result. */
  midEject(flow: EjectMidFlow): void;
  /** MS-CONFIM 4.2.1: the participants (AORs) a MESSAGE from `author` is forwarded to. */
  imRecipients(author: string, participants: readonly string[]): string[];
  /** The `Ms-Sender` value on a forwarded MESSAGE, or undefined to leave it out. */
  msSender(author: string): string | undefined;
  /** MS-CONFIM 4.2.2: the `status` the IMDN reports for a recipient that answered `status`. */
  imdnStatus(status: number): number;
  /** Brief §3.2: the `gruu` Contact parameter of a REGISTER 200, or undefined to leave it out. */
  registrationGruu(gruu: string): string | undefined;
  /** Brief §8 item 2 / MS-CONFBAS 2.2.3.4: the roles written into the addUser response. */
  joinGrantedRoles(role: string): string[];
  /** Brief §4.5 (lab choice): whether someone who is not in the conference may subscribe / join the IM MCU. */
  admitsOutsider(kind: 'subscribe' | 'chat'): boolean;
  /** Brief §6.10 step 4: whether a locked conference still admits a new joiner. */
  admitsToLockedConference(): boolean;
  /** Issue 3 "forged From": whether a request is believed on its From header rather than its connection. */
  trustsFromHeader(): boolean;
  /** Whether a presenter command the focus answers with success is actually carried out. */
  appliesCommand(command: string): boolean;
  /** The C3P `code` of a refusal (`failure`; a fault may claim `success` while doing nothing). */
  refusalCode(command: string, reason: string): 'success' | 'failure';
  /** MS-OCER 3006: the SIP status answering a C3P body that does not parse (400). */
  malformedC3pStatus(): number;
  /** MS-CONFPRO 4.7: the MCU types the factory lists in its getAvailableMcuTypes response. */
  availableMcuTypes(types: readonly string[]): string[];
  /**
   * Brief §7.2 E3/E4: the status answering a request on a focus or MCU dialog that has ended but
   * is still kept for crossing BYEs (481; the D1 BYE glare keeps its 200 regardless).
   */
  endedDialogStatus(method: string): number;
  /**
   * MS-SIPAE 3.3.5 (brief §3.8, §7.1.5; NTLM lab only): how the lab signs a request it sends on a
   * connection whose SA is up; `index` counts those requests on the connection from 0.
   */
  sipaeRequestSigning(method: string, index: number): SipaeSigning;
}

/**
 * How a request the lab sends is signed once the connection's MS-SIPAE security association is up
 * (brief §3.8, §7.1.5): `signed` (correctly), `corrupt` (an rspauth that does not verify) or
 * `unsigned` (no Authentication-Info at all).
 */
export type SipaeSigning = 'signed' | 'corrupt' | 'unsigned';

/** The behaviour of a correct focus. */
export const defaultLabPolicy: LabPolicy = {
  terminatesEjectedSubscription: () => true,
  sendsFocusByeOnEject: () => true,
  sendsMcuByeOnEject: () => true,
  nextRosterVersion: (current) => current + 1,
  deliversRosterChange: () => true,
  rosterBody: (xml) => xml,
  rosterFraming: () => ({ contentLengthDelta: 0 }),
  mayRunPresenterCommand: (role) => role === 'presenter',
  c3pResultCode: () => 'success',
  sendsC3pResponse: () => true,
  midEject: () => undefined,
  imRecipients: (author, participants) => participants.filter((aor) => aor !== author),
  msSender: (author) => `<${author}>`,
  imdnStatus: (status) => status,
  registrationGruu: (gruu) => gruu,
  joinGrantedRoles: (role) => [role],
  admitsOutsider: () => false,
  admitsToLockedConference: () => false,
  trustsFromHeader: () => false,
  appliesCommand: () => true,
  refusalCode: () => 'failure',
  malformedC3pStatus: () => 400,
  availableMcuTypes: (types) => [...types],
  endedDialogStatus: () => 481,
  sipaeRequestSigning: () => 'signed',
};
