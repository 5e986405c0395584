/**
 * The columns of a ladder diagram: one per emulated role, then the server-side parties in the
 * order of MS-CONFIM 4.3.1 Figure 5 (Focus, IM MCU), with Registrar / Factory / Server only when
 * a message of the run involved them.
 */
import type { TracePeer, TraceRecord } from '../capture/index.js';

export interface LadderColumn {
  /** `role:alice` or `peer:focus`. */
  readonly key: string;
  readonly title: string;
}

const PEER_ORDER: readonly TracePeer[] = ['registrar', 'factory', 'focus', 'mcu', 'server'];
const PEER_TITLES: Readonly<Record<TracePeer, string>> = {
  registrar: 'Registrar',
  factory: 'Factory',
  focus: 'Focus',
  mcu: 'IM MCU',
  server: 'Server',
};

export function roleTitle(role: string): string {
  return role.length === 0 ? role : role[0]!.toUpperCase() + role.slice(1);
}

export function roleKey(role: string): string {
  return `role:${role}`;
}

export function peerKey(peer: TracePeer): string {
  return `peer:${peer}`;
}

/**
 * Roles in the order given (then in order of first appearance), then the peers present.
 * Focus and IM MCU are always shown: they are the parties the product is about.
 */
export function ladderColumns(records: readonly TraceRecord[], roles: readonly string[] = []): LadderColumn[] {
  const roleOrder = [...roles];
  const peers = new Set<TracePeer>(['focus', 'mcu']);
  for (const record of records) {
    if (!roleOrder.includes(record.role)) roleOrder.push(record.role);
    peers.add(record.peer);
  }
  return [
    ...roleOrder.map((role) => ({ key: roleKey(role), title: roleTitle(role) })),
    ...PEER_ORDER.filter((peer) => peers.has(peer)).map((peer) => ({ key: peerKey(peer), title: PEER_TITLES[peer] })),
  ];
}
