/**
 * One line per message as it arrives, in the ladder's words: seq, role, direction, peer, dialog,
 * method or status and the key detail (`  14 carol    ← focus     D1 BYE`).
 */
import type { TraceRecord } from '../capture/index.js';

export function formatLiveLine(record: TraceRecord): string {
  const arrow = record.direction === 'in' ? '←' : '→';
  const label = record.parseError === undefined ? record.label : `unparsable: ${record.parseError}`;
  return `${String(record.seq).padStart(4)} ${record.role.padEnd(8)} ${arrow} ${record.peer.padEnd(9)} ${record.dialog ?? '  '} ${label}`;
}
