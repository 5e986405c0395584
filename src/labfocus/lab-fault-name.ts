/**
 * The names of the lab focus fault switches; each breaks exactly one observable behaviour.
 *
 * @remarks Protocol brief §8 item 8 ("one fault switch per assertion"). The table with
 * descriptions is {@link LAB_FAULTS} in `lab-faults.ts`.
 */
export const LAB_FAULT_NAMES = [
  'omit-focus-bye',
  'omit-mcu-bye',
  'keep-ejected-subscription',
  'skip-roster-version',
  'repeat-roster-version',
  'omit-deleted-update',
  'eject-reports-failure',
  'attendee-may-eject',
  'echo-im-to-author',
  'malformed-benotify-xml',
  'wrong-content-length',
  'c3p-response-never-sent',
  'drop-connection-mid-eject',
  'omit-ms-sender',
  'omit-gruu',
  'create-reports-failure',
  'join-grants-no-role',
  'omit-join-update',
  'drop-im-recipient',
  'imdn-reports-success',
  'ignore-role-change',
  'ignore-lock',
  'locked-admits-joiner',
  'query-reports-failure',
  'delete-conference-keeps-users',
  'attendee-may-promote',
  'attendee-may-lock',
  'outsider-may-subscribe',
  'outsider-may-join-mcu',
  'trust-from-header',
  'accepts-malformed-c3p',
  'unknown-command-succeeds',
  'delete-unknown-user-succeeds',
  'ignore-modify-conference',
  'mcu-types-omit-chat',
  'ended-dialog-still-answered',
  'corrupt-sipae-signature',
  'unsigned-after-sa',
] as const;

export type LabFaultName = (typeof LAB_FAULT_NAMES)[number];

/** True when `name` is a known fault switch. */
export function isLabFaultName(name: string): name is LabFaultName {
  return (LAB_FAULT_NAMES as readonly string[]).includes(name);
}
