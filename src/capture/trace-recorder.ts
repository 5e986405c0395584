/**
 * Collects the messages of a run in global order and streams them as JSON Lines.
 *
 * @remarks Cheap when disabled: `new TraceRecorder({ enabled: false })` only counts, so load runs
 * with thousands of endpoints pay one branch and two additions per message.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { traceRecordToJsonLine, type TraceJsonOptions } from './trace-json-lines.js';
import type { TraceEntry, TraceRecord } from './trace-record.js';

export interface TraceRecorderOptions {
  /** Keep records (false: counters only). @default true */
  enabled?: boolean;
}

/** Options of {@link TraceRecorder.writeJsonLines}. */
export interface JsonLinesWriteOptions extends TraceJsonOptions {
  /**
   * Batch the lines of one burst into one write (for busy runs); the default writes each record
   * synchronously as it arrives, so even an abrupt end of the process loses nothing. @default false
   */
  batch?: boolean;
}

interface JsonLinesSink {
  fd: number;
  pending: string[];
  scheduled: boolean;
  options: JsonLinesWriteOptions;
}

export class TraceRecorder {
  readonly enabled: boolean;
  #records: TraceRecord[] = [];
  #listeners: ((record: TraceRecord) => void)[] = [];
  #seq = 0;
  #messages = 0;
  #bytes = 0;
  #sink: JsonLinesSink | undefined;
  #onExit = (): void => this.flush();

  constructor(options: TraceRecorderOptions = {}) {
    this.enabled = options.enabled !== false;
  }

  /** Messages seen (also counted when disabled). */
  get messageCount(): number {
    return this.#messages;
  }

  /** Raw bytes seen (also counted when disabled). */
  get byteCount(): number {
    return this.#bytes;
  }

  get records(): readonly TraceRecord[] {
    return this.#records;
  }

  /** Counts a message without recording it (the disabled fast path of producers). */
  count(bytes: number): void {
    this.#messages++;
    this.#bytes += bytes;
  }

  /** Stores one message and gives it the next sequence number; `undefined` when disabled. */
  record(entry: TraceEntry): TraceRecord | undefined {
    this.#messages++;
    this.#bytes += entry.raw.length;
    if (!this.enabled) return undefined;
    const record: TraceRecord = { seq: ++this.#seq, ...entry };
    this.#records.push(record);
    for (const listener of this.#listeners) listener(record);
    if (this.#sink) this.#enqueue(record);
    return record;
  }

  /** Calls `cb` for every later record; returns the unsubscribe function. */
  onRecord(cb: (record: TraceRecord) => void): () => void {
    this.#listeners.push(cb);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== cb);
    };
  }

  /** One JSON object per line; credentials redacted unless `keepSecrets`. */
  toJsonLines(options: TraceJsonOptions = {}): string {
    let out = '';
    for (const record of this.#records) out += traceRecordToJsonLine(record, options) + '\n';
    return out;
  }

  /**
   * Writes the records so far to `path` and keeps appending new ones as they arrive (each one
   * synchronously unless `batch`; batched lines are flushed on process exit), so an interrupted run
   * keeps its trace.
   */
  async writeJsonLines(path: string, options: JsonLinesWriteOptions = {}): Promise<void> {
    this.close();
    const fd = openSync(path, 'w');
    this.#sink = { fd, pending: [], scheduled: false, options };
    const existing = this.toJsonLines(options);
    if (existing !== '') writeSync(fd, existing);
    process.on('exit', this.#onExit);
  }

  /** Writes pending JSON lines now (synchronously). */
  flush(): void {
    const sink = this.#sink;
    if (!sink || sink.pending.length === 0) return;
    const text = sink.pending.join('');
    sink.pending = [];
    writeSync(sink.fd, text);
  }

  /** Flushes and stops streaming to the JSON Lines file (records stay in memory). */
  close(): void {
    const sink = this.#sink;
    if (!sink) return;
    this.flush();
    closeSync(sink.fd);
    this.#sink = undefined;
    process.off('exit', this.#onExit);
  }

  #enqueue(record: TraceRecord): void {
    const sink = this.#sink;
    if (!sink) return;
    const line = traceRecordToJsonLine(record, sink.options) + '\n';
    if (sink.options.batch !== true) {
      writeSync(sink.fd, line);
      return;
    }
    sink.pending.push(line);
    if (sink.scheduled) return;
    sink.scheduled = true;
    // Batch the writes of one burst of messages; the exit hook covers an interrupt in between.
    setImmediate(() => {
      sink.scheduled = false;
      if (this.#sink === sink) this.flush();
    });
  }
}
