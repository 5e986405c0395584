/**
 * One SIP message as seen by one emulated role, in the global order of a run.
 *
 * @remarks The trace is what the ladder, the expectations' "nearest miss" and the JSON Lines
 * artefact are built from; `raw` keeps the exact bytes (even when they did not parse).
 */
export type TracePeer = 'registrar' | 'factory' | 'focus' | 'mcu' | 'server';

/** D1 = focus INVITE dialog, D2 = roster subscription, D3 = IM MCU dialog (brief §1.4). */
export type TraceDialog = 'D1' | 'D2' | 'D3';

export type TraceDirection = 'out' | 'in';

export interface TraceRecord {
  /** Global order within the run, from 1. */
  seq: number;
  /** Milliseconds since the epoch, from the injected clock. */
  time: number;
  /** The emulated role, e.g. `alice`. */
  role: string;
  connectionId: string;
  /** From the role's point of view. */
  direction: TraceDirection;
  /** `addr:port` */
  local: string;
  /** `addr:port` */
  remote: string;
  peer: TracePeer;
  dialog?: TraceDialog;
  callId: string;
  /** e.g. `2 INFO` */
  cseq: string;
  /** e.g. `BENOTIFY sip:…` or `SIP/2.0 202 Accepted` */
  firstLine: string;
  /** Short key detail for ladders, e.g. `INFO deleteUser`, `BENOTIFY v10 partial`. */
  label: string;
  raw: Buffer;
  /** Set when the bytes did not parse (the record is kept anyway). */
  parseError?: string;
}

/** What a producer hands to {@link TraceRecorder.record}: everything but the sequence number. */
export type TraceEntry = Omit<TraceRecord, 'seq'>;
