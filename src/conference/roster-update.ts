import type { ElementState } from './conference-info-document.js';

/**
 * Why a roster document was not applied (RFC 4575 §4.6, brief §5.3, §7.1 items 6–7).
 *
 * - `stale`: version ≤ the local version — discarded.
 * - `gap`: a partial with version > local + 1 — discarded; the subscriber should refresh.
 * - `partial-before-full`: a partial before any full document — not applied.
 * - `malformed`: not a well-formed conference-info document — not applied.
 */
export type RosterIssue = 'stale' | 'gap' | 'partial-before-full' | 'malformed';

/** The outcome of {@link Roster.apply}. */
export interface RosterUpdate {
  applied: boolean;
  /** The document's version (absent when malformed or missing). */
  version?: number;
  issue?: RosterIssue;
  /** For `gap`: the versions that never arrived (local + 1 … received − 1). */
  missingVersions?: number[];
  /** One line a person can read. */
  detail: string;
}

/** One applied or discarded document, as the participant saw it. */
export interface RosterHistoryEntry extends RosterUpdate {
  /** 1-based order of arrival on this roster. */
  seq: number;
  /** Root state of the document, when readable. */
  state?: ElementState;
  /** Clock time when applied, if the roster has a clock. */
  at?: number;
  /** After this update: AORs present, each with roles and `chat` when in the IM session. */
  summary: string;
}

/** One endpoint of a user in the merged roster. */
export interface RosterEndpointView {
  entity: string;
  sessionType?: string;
  status?: string;
  endpointUri?: string;
}

/** One user of the merged roster. */
export interface RosterUserView {
  entity: string;
  displayText?: string;
  roles: string[];
  endpoints: RosterEndpointView[];
}
