/**
 * The 17 messages of MS-CONFIM 4.3.1 as trace records, each seen by the role whose connection it
 * crossed (the figure the ladder must reproduce).
 */
import type { TraceRecord } from '../../src/capture/index.js';

type Row = [role: string, direction: 'in' | 'out', peer: TraceRecord['peer'], dialog: TraceRecord['dialog'], cseq: string, label: string];

const ROWS: readonly Row[] = [
  ['alice', 'out', 'focus', 'D1', '2 INFO', 'INFO deleteUser'],
  ['alice', 'in', 'focus', 'D1', '2 INFO', '202 Accepted'],
  ['carol', 'in', 'focus', 'D2', '3 BENOTIFY', 'BENOTIFY terminated;reason=ParticipantRemoved'],
  ['carol', 'out', 'focus', 'D1', '2 BYE', 'BYE'],
  ['carol', 'out', 'mcu', 'D3', '2 BYE', 'BYE'],
  ['carol', 'in', 'focus', 'D1', '2147483645 BYE', 'BYE (Participant Removed)'],
  ['carol', 'in', 'mcu', 'D3', '2 BYE', 'BYE'],
  ['carol', 'in', 'focus', 'D1', '2 BYE', '200 OK'],
  ['carol', 'in', 'mcu', 'D3', '2 BYE', '481 Dialog does not exist'],
  ['carol', 'out', 'focus', 'D1', '2147483645 BYE', '200 OK'],
  ['carol', 'out', 'mcu', 'D3', '2 BYE', '200 OK'],
  ['alice', 'in', 'focus', 'D2', '9 BENOTIFY', 'BENOTIFY v10 partial'],
  ['bob', 'in', 'focus', 'D2', '5 BENOTIFY', 'BENOTIFY v10 partial'],
  ['alice', 'in', 'focus', 'D1', '1 INFO', 'INFO deleteUser success'],
  ['alice', 'out', 'focus', 'D1', '1 INFO', '200 OK'],
  ['alice', 'in', 'focus', 'D2', '10 BENOTIFY', 'BENOTIFY v11 partial'],
  ['bob', 'in', 'focus', 'D2', '6 BENOTIFY', 'BENOTIFY v11 partial'],
];

export function seedTrace(): TraceRecord[] {
  return ROWS.map(([role, direction, peer, dialog, cseq, label], i) => {
    const status = /^\d{3} /.test(label) ? label : undefined;
    const method = cseq.split(' ')[1] ?? '';
    const firstLine = status ? `SIP/2.0 ${status}` : `${method} sip:${peer}`;
    const record: TraceRecord = {
      seq: i + 1,
      time: 1_700_000_000_000 + i * 10,
      role,
      connectionId: `${role}-1`,
      direction,
      local: '127.0.0.1:50000',
      remote: '127.0.0.1:5061',
      peer,
      callId: `${role}-${dialog ?? 'x'}`,
      cseq,
      firstLine,
      label,
      raw: Buffer.from(`${firstLine}\r\n\r\n`),
    };
    if (dialog) record.dialog = dialog;
    return record;
  });
}
