/**
 * The SIP message layer: model, parser, stream framer, serializer and header codecs.
 */
export { HeaderList, canonicalHeaderName, splitHeaderValues, type HeaderField } from './header-list.js';
export {
  createRequest,
  createResponseMessage,
  isRequest,
  isResponse,
  type HeaderInit,
  type RequestInit,
  type ResponseInit,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from './message.js';
export { SipParseError, type SipParseErrorInit, type SipParseFault } from './sip-parse-error.js';
export type { ParseOptions } from './parse-head.js';
export { parseMessage } from './parse-message.js';
export { StreamFramer, type FramerEvent, type StreamFramerOptions } from './stream-framer.js';
export { serializeMessage } from './serialize-message.js';
export { createResponse, type CreateResponseOptions } from './create-response.js';
export { formatParams, parseParams, quote, unquote, type Params } from './params.js';
export { formatUri, parseUri, type SipUri } from './uri.js';
export { formatNameAddr, parseNameAddr, type NameAddr } from './name-addr.js';
export { formatVia, parseVia, viaBranch, type Via } from './via.js';
export { MAX_CSEQ, formatCSeq, parseCSeq, type CSeq } from './cseq.js';
export {
  formatEvent,
  formatSubscriptionState,
  parseEvent,
  parseSubscriptionState,
  type EventHeader,
  type SubscriptionState,
} from './event-header.js';
export {
  formatMsDiagnostics,
  formatReason,
  parseMsDiagnostics,
  parseReason,
  type MsDiagnostics,
  type ReasonHeader,
} from './reason-header.js';
export { getCSeq, getCallId, getContacts, getContentType, getFrom, getTo, getTopVia, getVias } from './accessors.js';
export { BRANCH_COOKIE, newBranch, newCallId, newEpid, newTag } from './generators.js';
export { reasonPhrase } from './reason-phrase.js';
