/**
 * The roster as each participant saw it over time, rebuilt from the trace: every conference-info
 * NOTIFY/BENOTIFY a role received is applied to a fresh {@link Roster} per subscription, and the
 * roster's `history` entry (applied or discarded, and the summary after it) is kept with the seq.
 *
 * @remarks RFC 4575 §4.6: one version counter per subscription, so a new subscription dialog
 * (another Call-ID) starts a new roster.
 */
import type { TraceRecord } from '../capture/index.js';
import { Roster } from '../conference/index.js';
import { parseMessage } from '../sip/index.js';

export interface RosterTimelineEntry {
  readonly seq: number;
  readonly time: number;
  readonly version?: number;
  /** `full`, `partial` or `deleted` when readable. */
  readonly state?: string;
  readonly applied: boolean;
  readonly issue?: string;
  readonly detail: string;
  /** After this document: `v11: alice@… [presenter, chat]; …`. */
  readonly summary: string;
}

export interface RosterTimeline {
  readonly role: string;
  readonly entries: readonly RosterTimelineEntry[];
}

const CONFERENCE_INFO = /^application\/conference-info\+xml\b/i;

export function rosterTimeline(records: readonly TraceRecord[], roles: readonly string[] = []): RosterTimeline[] {
  const order = [...roles];
  const byRole = new Map<string, { roster: Roster; callId: string; entries: RosterTimelineEntry[] }>();
  for (const record of records) {
    if (record.direction !== 'in' || record.parseError !== undefined) continue;
    if (!/^(BE)?NOTIFY /i.test(record.firstLine)) continue;
    let body: Buffer;
    try {
      const message = parseMessage(record.raw);
      if (!CONFERENCE_INFO.test(message.headers.get('content-type') ?? '') || message.body.length === 0) continue;
      body = message.body;
    } catch {
      continue;
    }
    if (!order.includes(record.role)) order.push(record.role);
    let slot = byRole.get(record.role);
    if (!slot) {
      slot = { roster: new Roster({ subscriber: record.role }), callId: record.callId, entries: [] };
      byRole.set(record.role, slot);
    } else if (slot.callId !== record.callId) {
      slot.roster.reset();
      slot.callId = record.callId;
    }
    slot.roster.apply(body);
    const h = slot.roster.history[slot.roster.history.length - 1]!;
    slot.entries.push({
      seq: record.seq,
      time: record.time,
      ...(h.version === undefined ? {} : { version: h.version }),
      ...(h.state === undefined ? {} : { state: h.state }),
      applied: h.applied,
      ...(h.issue === undefined ? {} : { issue: h.issue }),
      detail: h.detail,
      summary: h.summary,
    });
  }
  return order.filter((role) => byRole.has(role)).map((role) => ({ role, entries: byRole.get(role)!.entries }));
}
