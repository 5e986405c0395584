import { channel } from 'node:diagnostics_channel';
import { ownString, type Clock } from '../util/index.js';
import { isFocusHarnessError } from '../errors.js';
import type { ConferenceInfoDocument, ElementState } from './conference-info-document.js';
import { assertStates, materialize, mergePartialInto } from './merge-conference-info.js';
import { conferenceInfoFromTree, parseConferenceInfo, type ParsedConferenceInfo } from './parse-conference-info.js';
import { readConferenceInfo } from './read-conference-info.js';
import { snapshotOf, userInChat, type RosterSnapshot } from './roster-view.js';
import type { RosterHistoryEntry, RosterUpdate, RosterUserView } from './roster-update.js';
import { attributeValue, cloneElement, type XmlElement } from './xml-element.js';

/** Options of {@link Roster}. */
export interface RosterOptions {
  /** Stamps history entries with `at`. */
  clock?: Clock;
  /** Most versions listed in `missingVersions` for one gap. @default 1000 */
  maxMissingVersions?: number;
  /** Whose view this is (e.g. `alice`), carried on the diagnostics channel. */
  subscriber?: string;
  /**
   * Most entries {@link Roster.history} keeps; older ones are dropped (`seq` keeps counting). Each
   * entry's summary lists every user, so a long run in a large conference should bound it.
   * @default unlimited
   */
  historyLimit?: number;
}

/** Name of the diagnostics channel every {@link Roster.apply} publishes on. */
export const ROSTER_UPDATED_CHANNEL = 'focus-harness:roster:updated';

/** Message on {@link ROSTER_UPDATED_CHANNEL}. */
export interface RosterUpdatedMessage {
  subscriber: string | undefined;
  entry: RosterHistoryEntry;
}

const rosterUpdated = channel(ROSTER_UPDATED_CHANNEL);

/** What {@link Roster.apply} accepts: a body, a parsed document or a `conference-info` element. */
export type RosterInput = string | Buffer | ParsedConferenceInfo | XmlElement;

/**
 * The client-side model of one conference subscription: merges conference-info documents and
 * answers who is in the conference.
 *
 * @remarks Lifecycle (RFC 4575 §4.6, brief §5.3):
 * ```
 *   empty ──full──▶ active ──partial v=local+1──▶ active
 *     │               │  ├─ full v>local ─▶ active (replaced)
 *     │               │  ├─ v ≤ local ─▶ discarded (stale)
 *     │               │  └─ partial v>local+1 ─▶ discarded (gap; refresh the subscription)
 *     └─partial─▶ discarded (partial-before-full)      deleted doc ─▶ deleted (no users)
 * ```
 * One version counter per subscription: after a re-SUBSCRIBE (new dialog) call {@link Roster.reset}.
 */
export class Roster {
  readonly #clock: Clock | undefined;
  readonly #maxMissing: number;
  readonly #subscriber: string | undefined;
  readonly #historyLimit: number;
  #tree: XmlElement | undefined;
  #version: number | undefined;
  #state: 'empty' | 'active' | 'deleted' = 'empty';
  #snapshot: RosterSnapshot | undefined;
  readonly #history: RosterHistoryEntry[] = [];
  #seq = 0;

  constructor(options: RosterOptions = {}) {
    this.#clock = options.clock;
    this.#maxMissing = options.maxMissingVersions ?? 1000;
    this.#subscriber = options.subscriber;
    this.#historyLimit = Math.max(0, options.historyLimit ?? Number.POSITIVE_INFINITY);
  }

  /**
   * Applies one notification body (or parsed document) and reports whether it was applied.
   * Never throws for bad input: a broken document comes back as `issue: 'malformed'`.
   */
  apply(input: RosterInput): RosterUpdate {
    let document: ParsedConferenceInfo;
    try {
      document = toParsed(input);
      assertStates(document.tree);
    } catch (error) {
      const reason = isFocusHarnessError(error) ? error.message : String(error);
      return this.#record({ applied: false, issue: 'malformed', detail: `malformed document: ${reason}` });
    }
    const { version, state } = document;
    if (version === undefined) {
      return this.#record({ applied: false, issue: 'malformed', detail: 'document has no valid version attribute' }, state);
    }
    const local = this.#version;
    // RFC 4575 §4.6: a partial notification cannot be applied until a full one set the base.
    if (local === undefined && state === 'partial') {
      return this.#record({ applied: false, version, issue: 'partial-before-full', detail: `partial v${version} before any full document: not applied` }, state);
    }
    // RFC 4575 §4.6: discard a document whose version is not greater than the local one.
    if (local !== undefined && version <= local) {
      // brief §5.3: a full document repeating the local version is legal (nothing changed).
      const note = state !== 'partial' && version === local ? ' (a full document repeating the version is allowed)' : '';
      return this.#record({ applied: false, version, issue: 'stale', detail: `${state} v${version} is not newer than local v${local}: discarded${note}` }, state);
    }
    // RFC 4575 §4.6: a partial that skips versions cannot be applied; the subscriber must refresh.
    if (local !== undefined && state === 'partial' && version > local + 1) {
      const missingVersions = range(local + 1, version - 1, this.#maxMissing);
      const listed = missingVersions.length < version - 1 - local ? `${missingVersions.join(', ')}, …` : missingVersions.join(', ');
      return this.#record({ applied: false, version, issue: 'gap', missingVersions, detail: `partial v${version} after local v${local}: missing v${listed}; discarded, refresh the subscription` }, state);
    }
    const detail = this.#applyValid(document);
    this.#version = version;
    return this.#record({ applied: true, version, detail }, state);
  }

  /** Forgets everything (a new subscription starts its own version sequence); history is kept. */
  reset(): void {
    this.#tree = undefined;
    this.#version = undefined;
    this.#state = 'empty';
    this.#snapshot = undefined;
  }

  /** Local version: the last applied document's version. */
  get version(): number | undefined {
    return this.#version;
  }

  /** `empty` before the first full document, `deleted` after a deleted document. */
  get state(): 'empty' | 'active' | 'deleted' {
    return this.#state;
  }

  /** Root `entity` of the documents: the focus URI. */
  get focusUri(): string | undefined {
    return this.#tree && attributeValue(this.#tree, 'entity');
  }

  /** The IM MCU URI from `conf-uris/entry[purpose=chat]`. */
  get chatUri(): string | undefined {
    return this.#view().chatUri;
  }

  /** `conference-description/subject`, as merged (brief §6.13: modifyConference changes it). */
  get subject(): string | undefined {
    return this.#view().subject;
  }

  /** Whether the chat entity-view is locked. */
  get locked(): boolean {
    return this.#view().locked;
  }

  /** Every applied or discarded document, oldest first (the latest `historyLimit` of them). */
  get history(): readonly RosterHistoryEntry[] {
    return this.#history;
  }

  /** AORs of the users present, in document order. */
  users(): string[] {
    return [...this.#view().users.keys()];
  }

  has(aor: string): boolean {
    return this.#view().users.has(aor);
  }

  user(aor: string): RosterUserView | undefined {
    return this.#view().users.get(aor);
  }

  roles(aor: string): string[] {
    return this.#view().users.get(aor)?.roles ?? [];
  }

  /** brief §5.6: the user has a `chat` endpoint with status `connected`. */
  inChat(aor: string): boolean {
    return userInChat(this.#view().users.get(aor));
  }

  /** A copy of the merged tree (unknown elements included), or `undefined` before the first full document. */
  document(): XmlElement | undefined {
    return this.#tree && cloneElement(this.#tree);
  }

  /** The merged state as the typed model (its unknown elements are copies, like {@link Roster.document}). */
  toDocument(): ConferenceInfoDocument | undefined {
    return this.#tree && readConferenceInfo(cloneElement(this.#tree));
  }

  /** One line: `v11: alice@… [presenter, chat]; bob@… [attendee]`. */
  summary(): string {
    if (this.#state === 'empty') return 'no roster yet';
    if (this.#state === 'deleted') return `v${this.#version ?? '?'}: conference deleted`;
    const users = [...this.#view().users.values()].map((user) => {
      const tags = [...user.roles, ...(userInChat(user) ? ['chat'] : [])];
      return `${user.entity.replace(/^sip:/, '')} [${tags.join(', ')}]`;
    });
    return `v${this.#version ?? '?'}: ${users.length === 0 ? 'no users' : users.join('; ')}`;
  }

  #applyValid(document: ParsedConferenceInfo): string {
    const { state, version, tree } = document;
    if (state === 'deleted') {
      // RFC 4575 §4.6 / brief §5.3: the conference is gone; the subscriber should unsubscribe.
      this.#tree = materialize({ ...tree, children: [] });
      this.#state = 'deleted';
      this.#snapshot = undefined;
      return `deleted v${version}: conference removed`;
    }
    if (state === 'full' || this.#tree === undefined) {
      this.#tree = materialize(tree);
      this.#state = 'active';
      this.#snapshot = undefined;
      return `full v${version} applied: ${this.#view().users.size} users`;
    }
    this.#tree = mergePartialInto(this.#tree, tree);
    this.#state = 'active';
    this.#snapshot = undefined;
    return `partial v${version} applied: ${describeDelta(tree)}`;
  }

  #view(): RosterSnapshot {
    this.#snapshot ??= snapshotOf(this.#state === 'active' ? this.#tree : undefined);
    return this.#snapshot;
  }

  #record(update: RosterUpdate, state?: ElementState): RosterUpdate {
    this.#seq += 1;
    // History lines are kept for the roster's life: flat copies, not ropes over the document's
    // text (a delta names users by the entity strings of the notification it came in).
    update.detail = ownString(update.detail);
    const entry: RosterHistoryEntry = { ...update, seq: this.#seq, summary: ownString(this.summary()) };
    if (state !== undefined) entry.state = state;
    if (this.#clock) entry.at = this.#clock.now();
    this.#history.push(entry);
    if (this.#history.length > this.#historyLimit) this.#history.splice(0, this.#history.length - this.#historyLimit);
    if (rosterUpdated.hasSubscribers) rosterUpdated.publish({ subscriber: this.#subscriber, entry } satisfies RosterUpdatedMessage);
    return update;
  }
}

function toParsed(input: RosterInput): ParsedConferenceInfo {
  if (typeof input === 'string' || Buffer.isBuffer(input)) return parseConferenceInfo(input);
  if ('tree' in input) return input;
  return conferenceInfoFromTree(input);
}

function range(from: number, to: number, max: number): number[] {
  const out: number[] = [];
  for (let value = from; value <= to && out.length < max; value += 1) out.push(value);
  return out;
}

/** `user sip:carol@… full; conference-view partial` — the top changes a partial carries. */
function describeDelta(tree: XmlElement): string {
  const parts: string[] = [];
  for (const child of tree.children) {
    if (child.local === 'users') {
      for (const user of child.children) parts.push(`user ${attributeValue(user, 'entity') ?? '?'} ${attributeValue(user, 'state') ?? 'full'}`);
    } else {
      parts.push(`${child.local} ${attributeValue(child, 'state') ?? 'full'}`);
    }
  }
  return parts.length === 0 ? 'no changes' : parts.join('; ');
}
