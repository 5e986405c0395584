/**
 * Parses one complete SIP message held in a buffer (RFC 3261 §7, §18.3 for the body length).
 */
import type { SipMessage } from './message.js';
import { parseError, parseHead, type ParseOptions } from './parse-head.js';

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');

/**
 * Parses a whole message: start line, headers, body.
 *
 * @remarks Leading CRLFs are skipped (RFC 3261 §7.5). With a Content-Length, bytes beyond it are
 * discarded and fewer bytes are an error (RFC 3261 §18.3, the datagram rule); without one, the body
 * is the rest of the buffer. The body is a view into `bytes` (no copy). Use `StreamFramer` for
 * stream transports.
 * @throws SipParseError (`code: 'FH_SIP_PARSE'`) with `fault`, `line` and `offset`.
 */
export function parseMessage(bytes: Buffer, options: ParseOptions = {}): SipMessage {
  let start = 0;
  let line = 1;
  while (start + 1 < bytes.length && bytes[start] === 0x0d && bytes[start + 1] === 0x0a) {
    start += 2;
    line++;
  }
  if (start >= bytes.length || (start + 1 === bytes.length && bytes[start] === 0x0d)) {
    throw parseError('empty-message', 'no message (empty input or only CRLFs)', { line, offset: start });
  }
  const headEnd = bytes.indexOf(CRLFCRLF, start);
  if (headEnd < 0) {
    throw parseError('incomplete-head', 'the header section does not end with an empty line (CRLF CRLF)', {
      line: line + countLines(bytes, start, bytes.length),
      offset: bytes.length,
    });
  }
  const { message, contentLength } = parseHead(bytes, start, headEnd, line, options);
  const bodyStart = headEnd + 4;
  const available = bytes.length - bodyStart;
  if (contentLength === undefined) {
    message.body = available > 0 ? bytes.subarray(bodyStart) : message.body;
  } else {
    if (available < contentLength) {
      throw parseError('content-length-mismatch', `Content-Length is ${contentLength} but only ${available} body bytes follow`, {
        line: line + countLines(bytes, start, bodyStart),
        offset: bytes.length,
      });
    }
    if (contentLength > 0) message.body = bytes.subarray(bodyStart, bodyStart + contentLength);
  }
  return message;
}

function countLines(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a, from); i >= 0 && i < to; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}
