export type { TraceRecord, TraceEntry, TracePeer, TraceDialog, TraceDirection } from './trace-record.js';
export { TraceRecorder, type JsonLinesWriteOptions, type TraceRecorderOptions } from './trace-recorder.js';
export { readTraceJsonLines, traceRecordToJsonLine, type TraceJsonOptions } from './trace-json-lines.js';
export { labelFor } from './label-for.js';
export { peerFor, peerForUri } from './peer-for.js';
export { redactSecrets, REDACTED } from './redact-secrets.js';
export { writePcapng, sipServerPorts, sipDecodeAsArgs, type PcapngOptions } from './pcapng-writer.js';
export { parseIpEndpoint, type IpEndpoint } from './ip-endpoint.js';
