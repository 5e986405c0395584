/**
 * `src/labfocus` — the reference Lync-style conferencing server over TLS (issue 3): registrar,
 * focus factory, focus, conference event package and IM MCU on one listener, with named fault
 * switches. Uses transport, transaction and conference; never endpoint.
 */
export { LAB_DEFAULT_DOMAIN, startLabFocus } from './start-lab-focus.js';
export type { LabFocus, LabFocusOptions } from './lab-focus-options.js';
export { LAB_FAULTS, composeLabPolicy, type LabFault } from './lab-faults.js';
export { LAB_FAULT_NAMES, isLabFaultName, type LabFaultName } from './lab-fault-name.js';
export { defaultLabPolicy, type LabPolicy, type EjectMidFlow, type RosterFraming } from './lab-policy.js';
export type { RosterChange, RosterChangeKind } from './roster-change.js';
export { FOCUS_BYE_CSEQ } from './eject-flow.js';
