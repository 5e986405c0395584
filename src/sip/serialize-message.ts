/**
 * Writes a message to bytes (RFC 3261 §7): start line, headers in order, CRLF, body.
 */
import type { SipMessage } from './message.js';

/**
 * Serializes a message. Header order and name spelling are kept; the Content-Length value is
 * computed from the body bytes (the first Content-Length keeps its name and place, any others
 * are dropped; one is appended when absent).
 */
export function serializeMessage(message: SipMessage): Buffer {
  const body = message.body;
  let head = message.kind === 'request'
    ? `${message.method} ${message.uri} SIP/2.0\r\n`
    : `SIP/2.0 ${message.status} ${message.reason}\r\n`;
  let lengthWritten = false;
  for (const field of message.headers) {
    if (field.key === 'content-length') {
      if (lengthWritten) continue;
      lengthWritten = true;
      head += `${field.name}: ${body.length}\r\n`;
    } else {
      head += `${field.name}: ${field.value}\r\n`;
    }
  }
  if (!lengthWritten) head += `Content-Length: ${body.length}\r\n`;
  head += '\r\n';
  const headLength = Buffer.byteLength(head, 'utf8');
  const out = Buffer.allocUnsafe(headLength + body.length);
  out.write(head, 0, 'utf8');
  body.copy(out, headLength);
  return out;
}
