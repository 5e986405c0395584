/**
 * Reporting: pure renderers over trace records and run results.
 */
export { renderLadder, renderLadderExcerpt } from './ladder.js';
export type { LadderOptions, LadderStepMark } from './ladder-options.js';
export { ladderColumns, roleTitle, type LadderColumn } from './ladder-columns.js';
