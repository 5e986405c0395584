/**
 * One user of a lab conference and the endpoints it holds (brief §5.2, §5.5).
 *
 * @remarks The focus endpoint exists while the user's focus dialog (D1) is up; the chat endpoint
 * while its IM MCU dialog (D3) is up. A user with neither is removed from the conference.
 */
export type LabRole = 'presenter' | 'attendee';

export interface LabFocusEndpoint {
  /** The `ci:endpoint@entity` GUID the client chose in addUser (or one the focus minted). */
  entity: string;
}

export interface LabChatEndpoint {
  /** A GUID minted by the MCU (distinct from the focus endpoint, brief §5.5). */
  entity: string;
  /** `msim:supported-im-formats`, from the SDP `a=accept-types`. */
  imFormats?: string;
  /** `msim:user-agent`, from the INVITE's User-Agent. */
  userAgent?: string;
}

export interface LabParticipant {
  readonly aor: string;
  displayName: string;
  role: LabRole;
  /** `msci:endpoint-uri`: the GRUU the registrar issued. */
  gruu: string | undefined;
  focusEndpoint: LabFocusEndpoint | undefined;
  chatEndpoint: LabChatEndpoint | undefined;
}
