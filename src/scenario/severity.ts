/**
 * How much an assertion weighs (protocol brief §7): MUST fails the step, SHOULD is a warning in
 * the result, INFO is recorded only.
 */
export type Severity = 'MUST' | 'SHOULD' | 'INFO';
