import { C3pParseError, parseC3pRequest } from './conference-exports.js';

/** The `C3pParseError` that `parseC3pRequest` throws for `xml`; fails the test when it accepts the body. */
export function c3pRequestFault(xml: string): C3pParseError {
  try {
    parseC3pRequest(xml);
  } catch (error) {
    if (error instanceof C3pParseError) return error;
    throw error;
  }
  throw new Error('parseC3pRequest accepted the body');
}
