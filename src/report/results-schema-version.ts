/** The `schemaVersion` of `results.json`; raised on any incompatible change (docs/results-schema.md). */
export const RESULTS_SCHEMA_VERSION = 1;
