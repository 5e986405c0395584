/**
 * The diagnostics the lab focus writes (brief §4.12; MS-OCER 7.4 ids for the 3000 range).
 */
export const DIAG = {
  badConferenceEntity: [3003, 'Conference entity in C3P request invalid'],
  notImplemented: [3004, 'C3P command not implemented'],
  parseFailed: [3006, 'C3P request failed to parse'],
  addUserInvalid: [3007, 'addUser blob invalid'],
  invalidConference: [3012, 'Invalid conference URI'],
  invalidMcu: [3013, 'Invalid MCU URI'],
  unauthorized: [3014, 'Failed authorization'],
  participantRemoved: [3118, 'Participant Removed'],
  dialogDoesNotExist: [6019, 'Dialog does not exist'],
} as const satisfies Record<string, readonly [number, string]>;

export type DiagnosticName = keyof typeof DIAG;

/** `ms-diagnostics` value: `<id>;reason="…";source="…"` (+ component for the MCU). */
export function msDiagnostics(name: DiagnosticName, source: string, component?: string): string {
  const [id, reason] = DIAG[name];
  return `${id};source="${source}";reason="${reason}"${component ? `;component="${component}"` : ''}`;
}

/** `ms-diagnostics-public` value: `<id>;reason="…"` (seed msgs 3, 6). */
export function msDiagnosticsPublic(name: DiagnosticName, reason?: string): string {
  const [id, text] = DIAG[name];
  return `${id};reason="${reason ?? text}"`;
}
